// finsam/warning.hpp — a warning of an evaluation as a record: its code, where, and its figures.
//
// Design notes: a warning says that a valid plan deserves a look (a published total that
// disagrees with the computed one, equity below 0, …); it never changes a figure or the exit
// status. The Result carries each one as a record: the code (an enum, written in JSON by its
// name), the JSON pointer, the year, what it is about (its subject) and the figures it
// compares, next to the English sentence the result JSON prints. Outputs word a warning from
// the record alone — the budget tables in Swedish and English by a lookup and a template in
// src/report/warnings.cpp — never from the sentence, the pointer or the plan.
//
// Adding a code (docs/errors-and-warnings.md, "Adding a warning"): an enumerator here with its
// name in code_name() and warning_codes, a figure field below if none fits, the stage that
// finds it fills the record and its English message, a row in src/report/warnings.cpp places
// and words it, and a section in docs/errors-and-warnings.md (a test checks every code has one).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "finsam/intervention.hpp"
#include "finsam/money.hpp"
#include "finsam/rate.hpp"

namespace finsam {

/// What a warning says (spec 8, 12.11, 12.13, 12.17).
enum class WarningCode {
    stated_total_mismatch,     ///< a published total (checks) differs from the computed one
    items_sum_mismatch,        ///< an intervention's items do not sum to its stated amount
    shares_differ_from_frame,  ///< a {"members": …} frame differs from what the shares give
    equity_negative,           ///< equity at a year's end below 0
    equity_above_guideline,    ///< equity at a year's end above equity.guideline_percent
    forecast_above_budget,     ///< an intervention's forecast for year F above its budget (14.3)
    budget_exhausted,          ///< booked to date more than the whole year's budget (14.3)
    forecast_equity_negative,  ///< the forecast equity at the end of F below 0 (14.3)
    forecast_equity_above_guideline,  ///< the forecast equity at the end of F above the guideline (14.3)
    cash_below_minimum,        ///< a month's cash below liquidity.minimum (14.4)
    possible_thousands_separator  ///< "7.064" in a tkr plan: a decimal point, or a Swedish thousands separator?
};

/// Every code, in the order of the enum.
inline constexpr WarningCode warning_codes[] = {
    WarningCode::stated_total_mismatch, WarningCode::items_sum_mismatch, WarningCode::shares_differ_from_frame,
    WarningCode::equity_negative, WarningCode::equity_above_guideline, WarningCode::forecast_above_budget,
    WarningCode::budget_exhausted, WarningCode::forecast_equity_negative, WarningCode::forecast_equity_above_guideline,
    WarningCode::cash_below_minimum, WarningCode::possible_thousands_separator};

/// The code as the result JSON writes it: "stated_total_mismatch", …
constexpr std::string_view code_name(WarningCode code) noexcept {
    switch (code) {
        case WarningCode::stated_total_mismatch: return "stated_total_mismatch";
        case WarningCode::items_sum_mismatch: return "items_sum_mismatch";
        case WarningCode::shares_differ_from_frame: return "shares_differ_from_frame";
        case WarningCode::equity_negative: return "equity_negative";
        case WarningCode::equity_above_guideline: return "equity_above_guideline";
        case WarningCode::forecast_above_budget: return "forecast_above_budget";
        case WarningCode::budget_exhausted: return "budget_exhausted";
        case WarningCode::forecast_equity_negative: return "forecast_equity_negative";
        case WarningCode::forecast_equity_above_guideline: return "forecast_equity_above_guideline";
        case WarningCode::cash_below_minimum: return "cash_below_minimum";
        case WarningCode::possible_thousands_separator: return "possible_thousands_separator";
    }
    return "?";
}

/// A code compares equal to its name: `w.code == "equity_negative"`.
constexpr bool operator==(WarningCode code, std::string_view name) noexcept { return code_name(code) == name; }

/// Writes the code's name.
inline std::ostream& operator<<(std::ostream& os, WarningCode code) { return os << code_name(code); }

/// What a warning is about: the figure it compares or concerns.
enum class WarningSubject {
    costs,               ///< the year's costs (/checks/Y/costs)
    costs_of_kind,       ///< the year's costs of one kind of intervention (/checks/Y/costs/KIND)
    contributions,       ///< the year's contributions (/checks/Y/contributions)
    result,              ///< the year's result (/checks/Y/result)
    equity_end,          ///< equity at the year's end, as published (/checks/Y/equity_end)
    intervention,        ///< an intervention's amount against its check (/interventions/i/checks/Y)
    intervention_items,  ///< an intervention's stated amount against its items (/interventions/i/amounts/Y)
    frame,               ///< the members' contributions of a {"members": …} frame (/frame…)
    equity,              ///< equity at the year's end (/equity…); the forecast equity for forecast_equity_*
    income,              ///< the year's other income (/checks/Y/income)
    follow_up,           ///< an intervention's forecast or actual to date in year F (/actuals/costs/ID)
    liquidity,           ///< the cash of a month (/liquidity)
    adjustment           ///< an adjustment (/adjustments/n…)
};

/// One kind's costs of a year.
struct KindCost {
    InterventionKind kind = InterventionKind::insats;
    Money amount;
};

/// A member whose contribution differs from what its share gives.
struct MemberDifference {
    std::size_t member = 0;  ///< index into Result::members
    Money pays;              ///< its contribution in the frame
    Money by_share;          ///< what its share of the frame's sum gives
};

/// A warning: the plan is valid but something deserves a look. Which figures are set depends
/// on the code and subject (docs/errors-and-warnings.md lists them per code).
struct Warning {
    WarningCode code = WarningCode::stated_total_mismatch;
    std::string path;     ///< JSON pointer into the (patched) plan
    std::string message;  ///< the English sentence of the result JSON (in a table: its wording there)
    WarningSubject subject = WarningSubject::costs;
    std::optional<int> year;
    std::optional<std::size_t> intervention;  ///< index into Result::interventions
    /// Mismatches: the published figure, the computed one and stated − computed.
    std::optional<Money> stated, computed, difference;
    /// stated_total_mismatch of costs: the year's costs by kind, when the plan has several kinds.
    std::vector<KindCost> costs_by_kind;
    /// shares_differ_from_frame: every member whose contribution differs from its share's.
    std::vector<MemberDifference> members;
    /// Equity warnings: equity at the year's end.
    std::optional<Money> equity_end;
    /// equity_above_guideline: the guideline in percent and as an amount (of the year's
    /// contributions, rounded to öre half up).
    std::optional<Rate> guideline_percent;
    std::optional<Money> guideline;
    /// Follow-up (forecast_above_budget, budget_exhausted): the intervention's budget of the
    /// year, its forecast, or what was booked to date (through `month`); `difference` is
    /// forecast − budget or actual − budget.
    std::optional<Money> budget, forecast, actual;
    /// A month 1..12 of `year`: booked through (budget_exhausted), the first month whose cash
    /// is below the minimum (cash_below_minimum).
    std::optional<int> month;
    /// cash_below_minimum: the cash at the end of `month`, the minimum, the year's lowest cash
    /// and its month.
    std::optional<Money> cash, minimum, lowest;
    std::optional<int> lowest_month;
    /// stated_total_mismatch of costs_of_kind: the kind whose costs were published.
    std::optional<InterventionKind> kind;
    /// possible_thousands_separator: the amount as written ("7.064"; it is `stated` as read),
    /// what it would be if its point separated thousands (7 064 in the plan's unit) and how to
    /// write that ("7064"); the last two absent beyond the range of Money.
    std::optional<std::string> written, instead;
    std::optional<Money> meant;
};

}  // namespace finsam
