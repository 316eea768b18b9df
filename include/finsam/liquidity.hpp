// finsam/liquidity.hpp — the cash of the förbund month by month (likviditet, spec 14.4).
//
// Design notes: each month, in = the members' payments (each final contribution split over
// the member's payment months by largest remainder, equal weights, earlier month on ties) +
// other income (each line's year split evenly over the twelve months), out = the
// interventions' monthly budgets, cash_end = the previous month's cash_end + in − out, starting
// from `opening` at the start of the first plan year. With actuals, a closed month of a plan
// year uses what was booked (a closed plan year before F with no entry at all uses the plan);
// the months of F after `through` add to each intervention's monthly budget its share of
// D = forecast − actual to date − (budget − budget to date), split over those months by its
// profile's weights (all-zero weights put it in December), so that F's outflow is the
// forecast. Later years follow the plan.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "finsam/dated.hpp"
#include "finsam/money.hpp"
#include "finsam/months.hpp"

namespace finsam {

/// When a member pays its contribution — betalningsplan (spec 14.4, 14.6.10).
struct PaymentSchedule {
    std::vector<int> months;  ///< distinct months 1..12, in the order written
    std::string name;         ///< "monthly", "quarterly", "half_yearly", "yearly" or "" for {"months": …}

    /// Months 1, 4, 7, 10 (the default).
    static PaymentSchedule quarterly() { return {{1, 4, 7, 10}, "quarterly"}; }
    /// Equal weights on the payment months (the split's profile).
    Profile profile() const {
        Profile p;
        for (int m : months) p.weights[static_cast<std::size_t>(m - 1)] = 1;
        return p;
    }
};

/// The liquidity block of a plan.
struct LiquidityPlan {
    Money opening;  ///< cash at the start of the first plan year
    Money minimum;  ///< the lowest cash the förbund wants (default 0)
    std::vector<std::optional<Dated<PaymentSchedule>>> payments;  ///< by member index; nullopt: quarterly
};

/// Where a month's figures come from.
enum class CashSource {
    plan,      ///< the budget: planned payments, income and monthly budgets
    actual,    ///< a closed month: what was booked
    forecast   ///< a month of F after `through`: the budget plus the forecast's difference
};

/// One month of the liquidity plan, with its parts (for `explain`).
struct CashMonth {
    CashSource source = CashSource::plan;
    bool payments_actual = false;  ///< payments are those received (actuals.contributions given)
    std::vector<Money> payments;   ///< by member index: planned or received
    std::vector<Money> income;     ///< by income line index: planned (even) or booked
    std::vector<Money> costs;      ///< by intervention index: budget, booked, or budget + forecast part
    std::vector<Money> forecast_part;  ///< by intervention index: the part of D in this month (forecast months)
    Money in, out, cash_end;
};

/// The liquidity of every month of every plan year.
struct LiquidityResult {
    Money opening, minimum;
    std::vector<std::array<CashMonth, 12>> months;  ///< by year index

    /// A quarter: in and out summed over its months, cash_end of its last month.
    struct Quarter {
        Money in, out, cash_end;
    };
    std::vector<std::array<Quarter, 4>> quarters;   ///< by year index
};

}  // namespace finsam
