// The follow-up of year F through month T (spec 14.3, 14.6.5–14.6.9): see include/finsam/followup.hpp.
#include <algorithm>

#include "stage.hpp"

namespace finsam::followup {
namespace {

class FollowUpBuilder {
public:
    FollowUpBuilder(const Plan& p, Result& r, Collector& c)
        : p_(p), r_(r), c_(c), a_(*p.actuals), F_(a_.year()), T_(a_.through.month), fyi_(r.year_index(F_)) {}

    void run() {
        fu_.year = F_;
        fu_.through_month = T_;
        fu_.contributions_given = a_.contributions_given;
        // the problems of other years may be in c_ already: go on while there are none of its own
        before_ = c_.problems().size();
        for (std::size_t i = 0; i < p_.interventions.size(); ++i) intervention(i);
        if (!ok()) return;
        members();
        income();
        if (!ok()) return;
        totals();
        closed_years();
        if (!ok()) return;
        warnings();
        r_.follow_up = std::move(fu_);
    }

private:
    const Plan& p_;
    Result& r_;
    Collector& c_;
    const Actuals& a_;
    const int F_, T_;
    const std::size_t fyi_;
    FollowUp fu_;
    std::size_t before_ = 0;  // problems in the collector before the follow-up's own

    bool ok() const { return c_.problems().size() == before_; }

    /// The booked months of an intervention in `year`: month keys as written, a year key
    /// spread by the intervention's own profile (then the plan's, then even; 14.6.6).
    std::optional<Months> cost_months(std::size_t i, int year, bool& as_year) {
        const Intervention& iv = p_.interventions[i];
        as_year = false;
        Months m{};
        const auto& b = a_.costs[i];
        if (!b) return m;
        if (auto w = b->whole_year.find(year); w != b->whole_year.end()) {
            as_year = true;
            if (w->second == Money{}) return m;
            auto ap = applied_profile({&iv.profile, &p_.profile}, year,
                                      "the actual of \"" + iv.name + "\" for " + ys(year) + " (" + kr(w->second) + ")", c_);
            if (!ap) return std::nullopt;
            return spread_months(w->second, ap->profile, p_.rounding.allocation);
        }
        if (auto f = b->by_month.find(year); f != b->by_month.end()) return f->second;
        return m;
    }

    void intervention(std::size_t i) {
        const Intervention& iv = p_.interventions[i];
        const InterventionResult& ir = r_.interventions[i];
        const ForecastRule& rule = a_.forecast[i];
        const std::string path = "/actuals/costs/" + pointer_escape(iv.id);
        InterventionFollowUp f;
        f.id = iv.id;
        f.rule = rule.kind;
        f.rule_amount = rule.amount;
        f.budget_months = ir.months[fyi_].months;
        auto am = cost_months(i, F_, f.booked_as_year);
        if (!am) {
            fu_.interventions.push_back(std::move(f));
            return;
        }
        f.actual_months = *am;
        FollowUpFigures& g = f.figures;
        g.budget = ir.amount[fyi_];
        bool ok = c_.guarded(path, "the follow-up of \"" + iv.name + "\" in " + ys(F_), [&] {
            g.budget_to_date = sum_months(f.budget_months, 1, T_);
            g.actual_to_date = f.booked_as_year ? a_.costs[i]->total(F_) : sum_months(f.actual_months, 1, T_);
            g.deviation_to_date = g.budget_to_date - g.actual_to_date;
        });
        if (ok) ok = forecast(iv, rule, g);
        if (ok)
            ok = c_.guarded(rule.path.empty() ? path : rule.path, "the forecast deviation of \"" + iv.name + "\" in " + ys(F_),
                            [&] { g.forecast_deviation = g.budget - g.forecast; });
        if (ok) allocate_forecast(i, f);
        fu_.interventions.push_back(std::move(f));
    }

    bool forecast(const Intervention& iv, const ForecastRule& rule, FollowUpFigures& g) {
        if (T_ == 12) {  // a closed year is done: the forecast is what was booked (14.6.7)
            g.forecast = g.actual_to_date;
            return true;
        }
        const std::string at = rule.path.empty() ? "/actuals/costs/" + pointer_escape(iv.id) : rule.path;
        switch (rule.kind) {
            case ForecastRule::Kind::budget:
                return c_.guarded(at, "the forecast of \"" + iv.name + "\" in " + ys(F_) + " (actual to date + budget still to come)",
                                  [&] { g.forecast = g.actual_to_date + (g.budget - g.budget_to_date); });
            case ForecastRule::Kind::run_rate:
                if (g.budget_to_date == Money{}) {
                    c_.problem(rule.path, "\"run_rate\" needs a budget to date, but \"" + iv.name + "\" has nothing budgeted in " + ys(F_) +
                                              " through month " + ys(T_) + "; write \"budget\" or the forecast as an amount");
                    return false;
                }
                return c_.guarded(rule.path, "the forecast of \"" + iv.name + "\" in " + ys(F_) + " (run rate)", [&] {
                    g.forecast = Money::round(g.actual_to_date.exact_ore() * g.budget.exact_ore() / g.budget_to_date.exact_ore(),
                                              p_.rounding.amounts, p_.rounding.mode);
                });
            case ForecastRule::Kind::amount:
                g.forecast = rule.amount;
                return true;
        }
        return false;
    }

    /// The forecast split among the members as the amount is (section 6, 12.8), a frame
    /// part of 100 taking the whole forecast (14.3).
    void allocate_forecast(std::size_t i, InterventionFollowUp& f) {
        const Intervention& iv = p_.interventions[i];
        const InterventionResult& ir = r_.interventions[i];
        const Money fc = f.figures.forecast;
        const std::size_t nm = r_.members.size();
        f.forecast_allocation.assign(nm, Money{});
        if (!c_.guarded(iv.path + "/financing", "the frame part of the forecast of \"" + iv.name + "\" in " + ys(F_), [&] {
                f.frame_amount = ir.frame_part == 100 ? fc
                                                      : Money::round(fc.exact_ore() * ir.frame_part / 100, p_.rounding.allocation, p_.rounding.mode);
                f.case_amount = fc - f.frame_amount;
            }))
            return;
        if (f.frame_amount != Money{}) {
            std::vector<Rational> w(nm);
            bool negative = false;
            Money sum;
            for (std::size_t k = 0; k < nm; ++k) {
                const Money fin = r_.members[k].final_contribution[fyi_];
                w[k] = Rational(fin.ore());
                negative = negative || fin < Money{};
                sum += fin;  // cannot overflow: the evaluation summed the same contributions
            }
            if (negative || sum == Money{}) {
                const auto* fe = p_.frame.at(F_);
                c_.problem(fe ? fe->path : p_.frame.path(),
                           ys(F_) + " has " + (negative ? std::string("a negative final contribution") : std::string("a final frame of 0")) +
                               ", so the frame part of the forecast of \"" + iv.name + "\" (" + kr(f.frame_amount) +
                               ") cannot be split in proportion to it; correct the frame or the adjustments of " + ys(F_));
                return;
            }
            add_parts(f, allocate(f.frame_amount, w, p_.rounding.allocation));
        }
        if (f.case_amount != Money{}) {
            Rational sum = 0;
            for (const auto& w : ir.key) sum += w;
            if (ir.key.empty() || sum == 0) {
                c_.problem(iv.path + "/financing/key",
                           "the case part of the forecast of \"" + iv.name + "\" for " + ys(F_) + " (" + kr(f.case_amount) + ") needs a key" +
                               (ir.key.empty() ? "; add \"financing\": {\"key\": {\"MEMBER\": WEIGHT, …}}"
                                               : ", but every weight is 0; give a member a weight above 0"));
                return;
            }
            add_parts(f, allocate(f.case_amount, ir.key, p_.rounding.allocation));
        }
    }

    /// Add the parts of one split to the forecast's allocation (frame part + case part of a
    /// member is within its share of the forecast: no overflow).
    static void add_parts(InterventionFollowUp& f, const std::vector<Money>& parts) {
        for (std::size_t k = 0; k < parts.size(); ++k) f.forecast_allocation[k] += parts[k];
    }

    void members() {
        for (std::size_t k = 0; k < p_.members.size(); ++k) {
            MemberFollowUp m;
            m.id = p_.members[k].id;
            m.contribution = r_.members[k].final_contribution[fyi_];
            const std::string path = "/actuals/contributions/" + m.id;
            c_.guarded(a_.contributions_given ? path : "/actuals/costs",
                       (a_.contributions_given ? "the payments received from \"" : "the forecast cost share of \"") + m.id + "\" in " + ys(F_), [&] {
                           if (a_.contributions_given) {
                               const auto& b = a_.contributions[k];
                               m.received_to_date = b ? b->to_month(F_, T_) : Money{};
                           }
                           for (const auto& f : fu_.interventions) m.forecast_cost_share += f.forecast_allocation[k];
                       });
            fu_.members.push_back(std::move(m));
        }
    }

    void income() {
        for (std::size_t j = 0; j < p_.income.size(); ++j) {
            const IncomeLine& line = p_.income[j];
            IncomeFollowUp f;
            f.id = line.id;
            f.budget = line.amount(F_);
            c_.guarded("/actuals/income/" + line.id, "the follow-up of income \"" + line.id + "\" in " + ys(F_), [&] {
                f.budget_to_date = sum_months(split_months(f.budget, Profile::even_months(), p_.rounding.allocation), 1, T_);
                f.actual_to_date = a_.income[j] ? a_.income[j]->to_month(F_, T_) : Money{};
                f.forecast = f.actual_to_date + (f.budget - f.budget_to_date);
            });
            fu_.income.push_back(std::move(f));
        }
    }

    static void add(FollowUpFigures& t, const FollowUpFigures& g) {
        t.budget += g.budget;
        t.budget_to_date += g.budget_to_date;
        t.actual_to_date += g.actual_to_date;
        t.deviation_to_date += g.deviation_to_date;
        t.forecast += g.forecast;
        t.forecast_deviation += g.forecast_deviation;
    }

    void totals() {
        c_.guarded("/actuals", "a total of the follow-up of " + ys(F_), [&] {
            for (std::size_t i = 0; i < fu_.interventions.size(); ++i) {
                add(fu_.totals, fu_.interventions[i].figures);
                add(fu_.by_kind[p_.interventions[i].kind], fu_.interventions[i].figures);
            }
            fu_.contributions = r_.totals[fyi_].contributions;
            for (const auto& f : fu_.income) fu_.income_forecast += f.forecast;
            fu_.forecast_result = fu_.contributions + fu_.income_forecast - fu_.totals.forecast;
        });
        if (!ok() || !p_.equity.given) return;
        // the equity chain with F's forecast result in place of its planned result
        c_.guarded("/equity", "the forecast equity", [&] {
            Money eq = r_.totals[fyi_].equity_start + fu_.forecast_result;
            fu_.forecast_equity_end.emplace_back(F_, eq);
            for (int y = F_ + 1; y <= r_.last_year; ++y) {
                eq += r_.totals[r_.year_index(y)].result;
                fu_.forecast_equity_end.emplace_back(y, eq);
            }
        });
    }

    /// Every closed year with an entry: history years (before the first plan year) and closed
    /// plan years, with the booked totals (spec 14.6.8; the "Utfall" columns of 14.5).
    void closed_years() {
        std::set<int> years;
        for (const auto* side : {&a_.costs, &a_.contributions, &a_.income})
            for (const auto& b : *side)
                if (b) {
                    for (const auto& [y, v] : b->whole_year) years.insert(y);
                    for (const auto& [y, v] : b->by_month) years.insert(y);
                }
        for (int y : years) {
            if (!a_.closed(y)) continue;
            ClosedYear cy;
            cy.year = y;
            cy.history = y < p_.first_year;
            cy.costs.assign(p_.interventions.size(), Money{});
            c_.guarded("/actuals", "the actuals of " + ys(y), [&] {
                for (std::size_t i = 0; i < a_.costs.size(); ++i)
                    if (a_.costs[i]) {
                        cy.costs[i] = a_.costs[i]->total(y);
                        cy.total_costs += cy.costs[i];
                    }
                for (const auto& b : a_.income)
                    if (b) cy.income += b->total(y);
                // payments only where some are booked that year (a history year may book only costs)
                if (std::any_of(a_.contributions.begin(), a_.contributions.end(), [&](const auto& b) { return b && b->has_year(y); })) {
                    cy.received = Money{};
                    for (const auto& b : a_.contributions)
                        if (b) *cy.received += b->total(y);
                }
            });
            fu_.closed_years.push_back(std::move(cy));
        }
    }

    void warnings() {
        for (std::size_t i = 0; i < fu_.interventions.size(); ++i) {
            const auto& f = fu_.interventions[i];
            const auto& g = f.figures;
            const std::string path = "/actuals/costs/" + pointer_escape(f.id);
            const std::string name = "\"" + p_.interventions[i].name + "\" " + ys(F_);
            if (g.forecast > g.budget) {
                Warning& w = c_.warn(WarningCode::forecast_above_budget, path,
                                     name + ": forecast " + kr(g.forecast) + " above the budget of " + kr(g.budget) + ", difference " +
                                         kr(g.forecast - g.budget) + " (forecast − budget)",
                                     WarningSubject::follow_up, F_);
                w.intervention = i;
                w.budget = g.budget;
                w.forecast = g.forecast;
                w.difference = g.forecast - g.budget;
            }
            if (g.actual_to_date > g.budget) {
                Warning& w = c_.warn(WarningCode::budget_exhausted, path,
                                     name + ": booked " + kr(g.actual_to_date) + " through " + month_key(F_, T_) +
                                         ", more than the whole year's budget of " + kr(g.budget) + ", difference " +
                                         kr(g.actual_to_date - g.budget) + " (actual − budget)",
                                     WarningSubject::follow_up, F_);
                w.intervention = i;
                w.budget = g.budget;
                w.actual = g.actual_to_date;
                w.difference = g.actual_to_date - g.budget;
                w.month = T_;
            }
        }
        if (p_.equity.given && !fu_.forecast_equity_end.empty())
            for (Warning& w : detail::equity_warnings(p_.equity, F_, fu_.forecast_equity_end.front().second, fu_.contributions, true))
                r_.warnings.push_back(std::move(w));
    }
};

}  // namespace

void follow_up(const Plan& plan, Result& result, Collector& c) { FollowUpBuilder(plan, result, c).run(); }

}  // namespace finsam::followup
