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

#include "finsam/allocation.hpp"
#include "finsam/plan.hpp"
#include "finsam/suggest.hpp"

namespace finsam {

/// A warning: the plan is valid but something deserves a look (spec 8, 12.11, 12.13, 12.17).
struct Warning {
    std::string code;     ///< stated_total_mismatch, items_sum_mismatch, shares_differ_from_frame, …
    std::string path;     ///< JSON pointer
    std::string message;
};

/// How one year's amount of an intervention came about.
struct AmountStep {
    enum class Source { inactive, known, items, computed };
    int year = 0;
    Source source = Source::inactive;
    Money amount;
    // for Source::computed:
    Money previous;
    Rational volume = 1;
    Rational uprate_percent = 0;
    std::string uprate_from;  ///< "owner (region 1.5 %)", "none", "percent"
    Money delta;
    Rational exact = 0;       ///< before rounding, in öre
    std::string rule_path;
};

/// One item of a bottom-up budget (such as a course of a training plan), by year.
struct ItemResult {
    std::string name;
    std::vector<std::optional<Money>> amount;  ///< by year index; nullopt where the item lists no amount
};

/// One intervention's figures.
struct InterventionResult {
    std::string id, name;
    InterventionKind kind = InterventionKind::insats;
    std::vector<Money> amount;                    ///< by year index
    std::vector<Money> frame_amount, case_amount; ///< by year index
    std::vector<Allocation> frame_allocation, case_allocation;  ///< by year index
    std::vector<std::vector<Money>> allocation;   ///< [year][member], frame + case
    std::vector<AmountStep> steps;                ///< the chain, earliest year first
    std::vector<ItemResult> items;                ///< its items, if it has any
    Rational frame_part = 100;
    std::vector<Rational> key;                    ///< case-part weights (empty: no key)
};

/// One member's figures.
struct MemberResult {
    std::string id, name;
    MemberKind kind = MemberKind::other;
    std::vector<Rational> share;           ///< % of the final frame (exact), by year index
    std::vector<std::optional<Rational>> stated_share;  ///< from `shares` where computed
    std::vector<Money> contribution;       ///< preliminary
    std::vector<Money> adjustment;
    std::vector<Money> final_contribution;
    std::vector<Money> cost_share;         ///< Σ allocations
};

/// Totals of one year.
struct YearTotals {
    Money costs, contributions, result;
    Money equity_start, equity_end, equity_use;
};

/// The evaluated plan.
struct Result {
    std::string name;
    std::string variant;  ///< the variant's name (its key in `variants`); "" for the base plan
    int first_year = 0, last_year = 0;
    bool has_equity = false;
    bool has_adjustments = false;
    Rounding rounding;
    std::vector<MemberResult> members;
    std::vector<InterventionResult> interventions;
    std::vector<YearTotals> totals;   ///< by year index
    std::vector<Warning> warnings;
    std::vector<std::string> frame_kinds;  ///< by year index: "total", "state", "members", "cover_costs"

    int year_count() const noexcept { return last_year - first_year + 1; }
    std::size_t year_index(int year) const noexcept { return static_cast<std::size_t>(year - first_year); }
};

/// The most figures one evaluation computes: years × interventions × members, plus the amounts
/// computed before the first year, summed over the base plan and its variants.
/// Far beyond any budget (10 years × 30 members × 300 interventions is 90 000), small enough
/// that no plan can exhaust memory or run for minutes (a larger one is a PlanError).
inline constexpr std::uint64_t max_plan_figures = 1'000'000;

/// The figures evaluating `plan` computes (its variants not counted), as limited above.
std::uint64_t plan_figures(const Plan& plan);

/// Evaluate a plan (its base, not its variants); throws PlanError.
Result evaluate(const Plan& plan);

/// Evaluate the base plan and every variant (spec 12.18): the base result and each variant's,
/// in file order. Problems of all of them are thrown together.
struct Evaluation {
    Result base;
    std::vector<std::pair<std::string, Result>> variants;
    /// The result of variant `name`, or the base for an empty name; nullptr if unknown.
    const Result* find(std::string_view name) const {
        if (name.empty()) return &base;
        for (const auto& [n, r] : variants)
            if (n == name) return &r;
        return nullptr;
    }
};
Evaluation evaluate_all(const Plan& plan);

/// The problem reported for a variant name the plan does not have (CLI and Python alike).
inline Problem unknown_variant(const Evaluation& ev, std::string_view name) {
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
std::vector<Problem> validate(const Plan& plan);

}  // namespace finsam
