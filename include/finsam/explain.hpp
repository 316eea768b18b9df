// finsam/explain.hpp — how a number was derived (`finsam explain`) and variant comparisons as
// data (`finsam compare --format json`; the tables are build_comparison in report.hpp).
#pragma once

#include <optional>
#include <string>

#include "finsam/lang.hpp"
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

// ---- the year after the plan (spec 14; src/explain/followup.cpp) ------------------------------

/// The forecast of `intervention` for the follow-up year (spec 14.3): its rule written out
/// with the figures (actual to date, budget, budget to date, the exact quotient of a run rate
/// and its rounding), the deviation, and the forecast's split among the members (frame part
/// by the final contributions, case part by the key, each by largest remainder). Throws Error
/// when the result has no follow-up or the intervention is unknown.
[[nodiscard]] Explanation explain_forecast(const Result& result, const std::string& intervention, Lang lang = Lang::sv);

/// The budget of `intervention` in month `month` (1..12) of `year` (spec 14.1): each amount
/// split (the intervention's own, or each item's), the profile and where it was written, the
/// month's quota, the whole units and the unit moved by the largest remainder; in the
/// follow-up year also what was booked. Throws Error when the result has no months.
[[nodiscard]] Explanation explain_month(const Result& result, const std::string& intervention, int year, int month,
                                        Lang lang = Lang::sv);

/// The cash of month `month` of `year` (spec 14.4): where the month's figures come from (the
/// plan, what was booked, the forecast), the cash before, each payment, income and cost, and
/// the cash at the end. Throws Error when the result has no liquidity.
[[nodiscard]] Explanation explain_cash(const Result& result, int year, int month, Lang lang = Lang::sv);

/// Differences per member and year between the base result and each variant, as JSON text:
/// {"variants": [{"name", "members": [{"id", "name", "years": {"Y": {"final_contribution":
/// {base, variant, difference}, "cost_share": …}}}], "totals": {"Y": {"costs": {base, variant,
/// difference}, "contributions": …, "result": …, "equity_end": … (with equity)}}}]}; exact
/// kronor strings, a member or year missing on one side counting 0 there. The same comparison
/// as tables: build_comparison (report.hpp).
[[nodiscard]] std::string compare_json(const Evaluation& evaluation);

}  // namespace finsam
