// finsam/explain.hpp — how a number was derived (`finsam explain`) and variant comparisons.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "finsam/evaluate.hpp"

namespace finsam {

/// A derivation: readable text and the same steps as structured data.
struct Explanation {
    std::string text;
    nlohmann::ordered_json data;
};

/// Explain year `year` of `result`: with `member`, its cost share intervention by intervention
/// (amount, frame part and case part, the member's weight and quota, the units the remainder
/// rule moved); with `intervention`, that intervention's amount from its last known amount
/// and its split; with neither, the year's frame and totals. Throws Error for an unknown
/// year, member or intervention.
Explanation explain(const Result& result, int year, const std::optional<std::string>& member,
                    const std::optional<std::string>& intervention);

/// Differences per member and year between the base result and each variant:
/// {"variants": [{"name", "members": [{"id", "years": {"Y": {"final_contribution": {base, variant, difference}, "cost_share": …}}}], "totals": …}]}.
nlohmann::ordered_json compare(const Evaluation& evaluation);

/// compare() as a readable table.
std::string compare_text(const Evaluation& evaluation);


}  // namespace finsam
