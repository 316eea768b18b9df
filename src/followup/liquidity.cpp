// The liquidity plan (spec 14.4, 14.6.10): see include/finsam/liquidity.hpp.
#include "stage.hpp"

namespace finsam::followup {
namespace {

class LiquidityBuilder {
public:
    LiquidityBuilder(const Plan& p, Result& r, Collector& c) : p_(p), r_(r), c_(c), L_(*p.liquidity), unit_(p.rounding.allocation) {}

    void run(const std::vector<bool>& usable) {
        const std::size_t ny = static_cast<std::size_t>(p_.year_count());
        lr_.opening = L_.opening;
        lr_.minimum = L_.minimum;
        lr_.months.resize(ny);
        lr_.quarters.resize(ny);
        bool all = true;
        for (std::size_t yi = 0; yi < ny; ++yi) {
            const int y = p_.first_year + static_cast<int>(yi);
            // F's months after T need its complete follow-up (the forecasts' differences)
            const bool needs_follow_up = p_.actuals && y == p_.actuals->year() && p_.actuals->through.month < 12;
            if (!usable[yi] || (needs_follow_up && !r_.follow_up)) {
                all = false;
                continue;
            }
            year(yi);
        }
        if (!all || !c_.ok()) return;
        cash();
        if (!c_.ok()) return;
        r_.liquidity = std::move(lr_);
    }

private:
    const Plan& p_;
    Result& r_;
    Collector& c_;
    const LiquidityPlan& L_;
    const Unit unit_;
    LiquidityResult lr_;

    /// The payment schedule of member `k` in `year`; nullopt (a problem) when a dated
    /// schedule has no key ≤ year.
    std::optional<PaymentSchedule> schedule(std::size_t k, int year, Money amount) {
        const auto& s = L_.payments[k];
        if (!s) return PaymentSchedule::quarterly();
        const auto* e = s->at(year);
        if (!e) {
            c_.problem(s->path(), "no payment schedule for " + ys(year) + ", needed to split the " + kr(amount) + " of \"" + p_.members[k].id +
                                      "\" over its payment months; add a year key ≤ " + ys(year) + " such as \"" + ys(year) +
                                      "\": \"quarterly\"");
            return std::nullopt;
        }
        return e->value;
    }

    /// `amount` of member `k` split over its payment months of `year` (equal weights).
    std::optional<Months> payments(std::size_t k, int year, Money amount) {
        if (amount == Money{}) return Months{};  // a schedule is needed only where a non-zero amount is split
        auto s = schedule(k, year, amount);
        if (!s) return std::nullopt;
        return split_months(amount, s->profile(), unit_);
    }

    /// The booked months of `b` in `year`: month keys as written, a year key spread by `spread`.
    template <class Spread>
    std::optional<Months> booked(const std::optional<Booked>& b, int year, Spread spread) {
        if (!b) return Months{};
        if (auto w = b->whole_year.find(year); w != b->whole_year.end()) {
            if (w->second == Money{}) return Months{};
            return spread(w->second);
        }
        if (auto f = b->by_month.find(year); f != b->by_month.end()) return f->second;
        return Months{};
    }

    void year(std::size_t yi) {
        const int y = p_.first_year + static_cast<int>(yi);
        const std::size_t nm = p_.members.size(), ni = p_.interventions.size(), nl = p_.income.size();
        const Actuals* a = p_.actuals ? &*p_.actuals : nullptr;
        // which months use what was booked
        int actual_through = 0;  // months 1..actual_through are actual
        bool forecast_after = false;
        if (a && y < a->year() && a->has_entry(y)) actual_through = 12;
        if (a && y == a->year()) {
            actual_through = a->through.month;
            forecast_after = actual_through < 12;
        }
        // the plan's months
        std::vector<Months> pay(nm), inc(nl), cost(ni);
        for (std::size_t k = 0; k < nm; ++k) {
            auto m = payments(k, y, r_.members[k].final_contribution[yi]);
            if (m) pay[k] = *m;
        }
        for (std::size_t j = 0; j < nl; ++j) inc[j] = split_months(p_.income[j].amount(y), Profile::even_months(), unit_);
        for (std::size_t i = 0; i < ni; ++i) cost[i] = r_.interventions[i].months[yi].months;
        // what was booked
        std::vector<Months> pay_a = pay, inc_a(nl), cost_a(ni);
        std::vector<Months> d_part(ni);
        if (actual_through > 0) {
            for (std::size_t i = 0; i < ni; ++i) {
                const Intervention& iv = p_.interventions[i];
                auto m = booked(a->costs[i], y, [&](Money amount) -> std::optional<Months> {
                    auto ap = applied_profile({&iv.profile, &p_.profile}, y, "the actual of \"" + iv.name + "\" for " + ys(y) + " (" + kr(amount) + ")", c_);
                    if (!ap) return std::nullopt;
                    return spread_months(amount, ap->profile, unit_);
                });
                if (m) cost_a[i] = *m;
            }
            for (std::size_t j = 0; j < nl; ++j) {
                auto m = booked(a->income[j], y, [&](Money amount) -> std::optional<Months> {
                    return split_months(amount, Profile::even_months(), unit_);
                });
                if (m) inc_a[j] = *m;
            }
            if (a->contributions_given)
                for (std::size_t k = 0; k < nm; ++k) {
                    auto m = booked(a->contributions[k], y, [&](Money amount) { return payments(k, y, amount); });
                    if (m) pay_a[k] = *m;
                }
        }
        if (forecast_after && r_.follow_up) d_parts(y, a->through.month, d_part);
        if (!c_.ok()) return;
        for (int m = 1; m <= 12; ++m) {
            const std::size_t mi = static_cast<std::size_t>(m - 1);
            CashMonth& cm = lr_.months[yi][mi];
            const bool actual = m <= actual_through;
            cm.source = actual ? CashSource::actual : (forecast_after ? CashSource::forecast : CashSource::plan);
            cm.payments_actual = actual && a->contributions_given;
            cm.payments.resize(nm);
            cm.income.resize(nl);
            cm.costs.resize(ni);
            for (std::size_t k = 0; k < nm; ++k) cm.payments[k] = (actual ? pay_a : pay)[k][mi];
            for (std::size_t j = 0; j < nl; ++j) cm.income[j] = (actual ? inc_a : inc)[j][mi];
            if (cm.source == CashSource::forecast) cm.forecast_part.resize(ni);
            c_.guarded("/liquidity", "the cash flow of " + month_key(y, m), [&] {
                for (std::size_t i = 0; i < ni; ++i) {
                    if (cm.source == CashSource::forecast) {
                        cm.forecast_part[i] = d_part[i][mi];
                        cm.costs[i] = cost[i][mi] + d_part[i][mi];
                    } else {
                        cm.costs[i] = (actual ? cost_a : cost)[i][mi];
                    }
                    cm.out += cm.costs[i];
                }
                for (const Money& x : cm.payments) cm.in += x;
                for (const Money& x : cm.income) cm.in += x;
            });
        }
    }

    /// Each intervention's D = forecast − actual to date − (B − budget to date), split over
    /// the months after T by its own profile's weights for them (all zero: December).
    void d_parts(int y, int T, std::vector<Months>& out) {
        const FollowUp& fu = *r_.follow_up;
        for (std::size_t i = 0; i < p_.interventions.size(); ++i) {
            const Intervention& iv = p_.interventions[i];
            const FollowUpFigures& g = fu.interventions[i].figures;
            Money d;
            if (!c_.guarded("/actuals/costs/" + pointer_escape(iv.id), "the forecast's difference of \"" + iv.name + "\" in " + ys(y),
                            [&] { d = g.forecast - g.actual_to_date - (g.budget - g.budget_to_date); }))
                continue;
            if (d == Money{}) continue;
            auto ap = applied_profile({&iv.profile, &p_.profile}, y,
                                      "the forecast's difference of \"" + iv.name + "\" for " + ys(y) + " (" + kr(d) + ")", c_);
            if (!ap) continue;
            Profile rest = ap->profile;
            for (int m = 1; m <= T; ++m) rest.weights[static_cast<std::size_t>(m - 1)] = 0;
            out[i] = spread_months(d, rest, unit_);
        }
    }

    void cash() {
        Money cash = L_.opening;
        for (std::size_t yi = 0; yi < lr_.months.size(); ++yi) {
            const int y = p_.first_year + static_cast<int>(yi);
            std::optional<int> first_below;
            Money lowest;
            int lowest_month = 1;
            bool ok = c_.guarded("/liquidity", "the cash of " + ys(y), [&] {
                for (int m = 1; m <= 12; ++m) {
                    CashMonth& cm = lr_.months[yi][static_cast<std::size_t>(m - 1)];
                    cash = cash + cm.in - cm.out;
                    cm.cash_end = cash;
                    if (m == 1 || cash < lowest) lowest = cash, lowest_month = m;
                    if (cash < L_.minimum && !first_below) first_below = m;
                }
                for (int q = 1; q <= 4; ++q) {
                    auto& qu = lr_.quarters[yi][static_cast<std::size_t>(q - 1)];
                    for (int m = 3 * q - 2; m <= 3 * q; ++m) {
                        const CashMonth& cm = lr_.months[yi][static_cast<std::size_t>(m - 1)];
                        qu.in += cm.in;
                        qu.out += cm.out;
                        qu.cash_end = cm.cash_end;
                    }
                }
            });
            if (!ok) return;
            if (first_below) {
                const Money at = lr_.months[yi][static_cast<std::size_t>(*first_below - 1)].cash_end;
                Warning& w = c_.warn(WarningCode::cash_below_minimum, "/liquidity",
                                     ys(y) + ": cash at the end of " + month_key(y, *first_below) + " is " + kr(at) + ", below the minimum of " +
                                         kr(L_.minimum) + "; the lowest balance of the year is " + kr(lowest) + " (" +
                                         month_key(y, lowest_month) + ")",
                                     WarningSubject::liquidity, y);
                w.month = *first_below;
                w.cash = at;
                w.minimum = L_.minimum;
                w.lowest = lowest;
                w.lowest_month = lowest_month;
            }
        }
    }
};

}  // namespace

void liquidity(const Plan& plan, Result& result, Collector& c, const std::vector<bool>& usable) { LiquidityBuilder(plan, result, c).run(usable); }

}  // namespace finsam::followup
