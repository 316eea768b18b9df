// finsam/evaluate.hpp — evaluating a plan: amounts, contributions, allocations, totals.
//
// Design notes: evaluate() computes, for each year first..last, in this order: each
// intervention's amount (its chain from the last known amount, section 6), the members'
// shares (section 4), their preliminary contributions from the frame (section 5), the final
// contributions after adjustments, each intervention's frame part and case part split by
// largest remainder (sections 6, 7), and the totals, equity and warnings (section 8). It keeps
// the steps (amount chains, allocations with their remainders) for `finsam explain`.
// Any problem found (a missing rate, a key that is needed, an overflow) is collected with its
// JSON pointer and thrown together as PlanError: an invalid plan never yields a result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "finsam/plan.hpp"
#include "finsam/result.hpp"
#include "finsam/suggest.hpp"

namespace finsam {

/// The most figures one evaluation computes: years × interventions × members, plus the amounts
/// computed before the first year, summed over the base plan and its variants.
/// Far beyond any budget (10 years × 30 members × 300 interventions is 90 000), small enough
/// that no plan can exhaust memory or run for minutes (a larger one is a PlanError).
inline constexpr std::uint64_t max_plan_figures = 1'000'000;

/// The figures evaluating `plan` computes (its variants not counted), as limited above.
[[nodiscard]] std::uint64_t plan_figures(const Plan& plan);

/// Evaluate a plan (its base, not its variants); throws PlanError.
[[nodiscard]] Result evaluate(const Plan& plan);

/// Evaluate the base plan and every variant (spec 12.18): the base result and each variant's,
/// in file order. Problems of all of them are thrown together.
[[nodiscard]] Evaluation evaluate_all(const Plan& plan);

/// The problem reported for a variant name the plan does not have (CLI and Python alike).
[[nodiscard]] inline Problem unknown_variant(const Evaluation& ev, std::string_view name) {
    std::string names;
    std::vector<std::string_view> all;
    for (const auto& [n, res] : ev.variants) {
        names += (names.empty() ? "\"" : ", \"") + n + "\"";
        all.push_back(n);
    }
    const auto near = did_you_mean(name, all);
    return {"/variants", "no variant \"" + sanitize_utf8(name) + "\"" +
                             (names.empty() ? "; the plan has no variants"
                              : near        ? "; did you mean \"" + *near + "\"? The variants are " + names
                                            : "; the variants are " + names)};
}

/// Every problem of a plan and its variants; empty when it is valid.
[[nodiscard]] std::vector<Problem> validate(const Plan& plan);

}  // namespace finsam
