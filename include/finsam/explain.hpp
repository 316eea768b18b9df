// finsam/explain.hpp — how a number was derived (`finsam explain`) and variant comparisons.
#pragma once

#include <optional>
#include <string>

#include "finsam/result.hpp"

namespace finsam {

/// A derivation: readable text and the same steps as JSON (amounts as exact kronor strings).
struct Explanation {
    std::string text;  ///< as `finsam explain` prints it
    std::string json;  ///< as `finsam explain --format json` prints it
};

/// Explain year `year` of `result`: with `member`, its cost share intervention by intervention
/// (amount, frame part and case part, the member's weight and quota, the units the remainder
/// rule moved); with `intervention`, that intervention's amount from its last known amount
/// and its split; with neither, the year's frame and totals. Throws Error for an unknown
/// year, member or intervention.
[[nodiscard]] Explanation explain(const Result& result, int year, const std::optional<std::string>& member,
                                  const std::optional<std::string>& intervention);

/// Differences per member and year between the base result and each variant, as JSON text:
/// {"variants": [{"name", "members": [{"id", "years": {"Y": {"final_contribution": {base, variant, difference}, "cost_share": …}}}]}]}.
[[nodiscard]] std::string compare_json(const Evaluation& evaluation);

/// The same differences as a readable table.
[[nodiscard]] std::string compare_text(const Evaluation& evaluation);

}  // namespace finsam
