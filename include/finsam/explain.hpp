// finsam/explain.hpp — how a number was derived (`finsam explain`) and variant comparisons as
// data (`finsam compare --format json`; the tables are build_comparison in report.hpp).
#pragma once

#include <optional>
#include <string>

#include "finsam/report.hpp"
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
/// and its split; with neither, the year's frame and totals. The text is in `lang` (Swedish
/// by default, numbers as "475 000,00 kr"; English as the JSON writes them, "475000.00 kr");
/// the JSON is the same in both. Throws Error for an unknown year, member (with a "did you
/// mean") or intervention.
[[nodiscard]] Explanation explain(const Result& result, int year, const std::optional<std::string>& member,
                                  const std::optional<std::string>& intervention, Lang lang = Lang::sv);

/// Differences per member and year between the base result and each variant, as JSON text:
/// {"variants": [{"name", "members": [{"id", "name", "years": {"Y": {"final_contribution":
/// {base, variant, difference}, "cost_share": …}}}], "totals": {"Y": {"costs": {base, variant,
/// difference}, "contributions": …, "result": …, "equity_end": … (with equity)}}}]}; exact
/// kronor strings, a member or year missing on one side counting 0 there. The same comparison
/// as tables: build_comparison (report.hpp).
[[nodiscard]] std::string compare_json(const Evaluation& evaluation);

}  // namespace finsam
