// finsam/followup.hpp — the follow-up (uppföljning) of year F through month T (spec 14.3).
//
// Design notes: for each intervention, with B its amount of F, b₁…b₁₂ its monthly budget and
// a₁…a_T what was booked: budget to date = b₁+…+b_T, actual to date = a₁+…+a_T, deviation =
// budget to date − actual to date, and a whole-year forecast by its rule ("budget": actual to
// date + (B − budget to date); "run_rate": actual to date × B / budget to date, rounded to
// `rounding.amounts`; an amount: that amount; in a closed F, T = 12, always actual to date).
// The forecast is allocated to the members as the amount is (frame part by the final frame of
// F, case part by the key, largest remainder and 12.8), except that a frame part of 100 takes
// the whole forecast into the frame part. The forecast result replaces F's planned result in
// the equity chain. Everything is in the Result, so tables, explain and Python need no Plan.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "finsam/actuals.hpp"
#include "finsam/allocation.hpp"
#include "finsam/intervention.hpp"
#include "finsam/money.hpp"
#include "finsam/months.hpp"

namespace finsam {

/// The figures of 14.3 that are summed over interventions.
struct FollowUpFigures {
    Money budget, budget_to_date, actual_to_date, deviation_to_date, forecast, forecast_deviation;
};

/// One intervention's follow-up.
struct InterventionFollowUp {
    std::string id;
    ForecastRule::Kind rule = ForecastRule::Kind::budget;  ///< the rule written (default budget)
    Money rule_amount;                 ///< the amount written, for Kind::amount
    FollowUpFigures figures;
    Months budget_months{}, actual_months{};  ///< all twelve months of F (actual 0 after T)
    bool booked_as_year = false;       ///< F's actual was written under a year key and spread
    Money frame_amount, case_amount;   ///< the forecast's frame part and case part (each split
                                       ///< as the amount's: allocate_explained() redoes it for explain)
    std::vector<Money> forecast_allocation;        ///< by member index: frame + case
};

/// One member's follow-up.
struct MemberFollowUp {
    std::string id;
    Money contribution;                     ///< the final contribution of F
    std::optional<Money> received_to_date;  ///< Σ its `contributions` actuals in F (when given)
    Money forecast_cost_share;              ///< Σ its forecast allocations
};

/// One income line's follow-up.
struct IncomeFollowUp {
    std::string id;
    Money budget, budget_to_date, actual_to_date, forecast;
};

/// A closed year's actuals (history years and closed plan years), for the "Utfall" columns.
struct ClosedYear {
    int year = 0;
    bool history = false;          ///< before the first plan year
    std::vector<Money> costs;      ///< by intervention index
    Money total_costs;
    Money income;                  ///< Σ income actuals
    std::optional<Money> received; ///< Σ contributions actuals, where some payment is booked that year
};

/// The follow-up of year F through month T (spec 14.3).
struct FollowUp {
    int year = 0;             ///< F
    int through_month = 0;    ///< T, 1..12
    bool contributions_given = false;
    std::vector<InterventionFollowUp> interventions;  ///< in plan order
    std::vector<MemberFollowUp> members;              ///< in plan order
    std::vector<IncomeFollowUp> income;               ///< in plan order
    FollowUpFigures totals;                           ///< over all interventions
    std::map<InterventionKind, FollowUpFigures> by_kind;  ///< kinds present in the plan
    Money contributions;       ///< Σ final contributions of F
    Money income_forecast;     ///< Σ income forecasts
    Money forecast_result;     ///< contributions + income forecast − cost forecast
    std::vector<std::pair<int, Money>> forecast_equity_end;  ///< years F..last (when the plan has equity)
    std::vector<ClosedYear> closed_years;  ///< every closed year with an entry, earliest first (history first)

    /// The history years: closed years before the first plan year (spec 14.6.8).
    std::vector<const ClosedYear*> history() const {
        std::vector<const ClosedYear*> out;
        for (const auto& c : closed_years)
            if (c.history) out.push_back(&c);
        return out;
    }
    /// The closed year `year`, or nullptr.
    const ClosedYear* closed_year(int year) const {
        for (const auto& c : closed_years)
            if (c.year == year) return &c;
        return nullptr;
    }
};

}  // namespace finsam
