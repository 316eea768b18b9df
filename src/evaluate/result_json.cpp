// The result JSON (spec section 10, 12.15).
#include "finsam/result_json.hpp"

#include "../json_tree.hpp"

namespace finsam {

std::string format_percent(const Rational& pct) {
    return decimal_text(pct, 6, RoundingMode::half_up, {"-", ".", "", DecimalStyle::Zeros::trim});
}

namespace {

using detail::append;

std::string s(Money m) { return m.to_kr_string(); }

/// The figures of 14.3 in the order the spec shows them.
void put_figures(detail::JsonTree& o, const FollowUpFigures& g) {
    o["budget"] = s(g.budget);
    o["budget_to_date"] = s(g.budget_to_date);
    o["actual_to_date"] = s(g.actual_to_date);
    o["deviation_to_date"] = s(g.deviation_to_date);
    o["forecast"] = s(g.forecast);
    o["forecast_deviation"] = s(g.forecast_deviation);
}

/// `follow_up` (spec 14.3, 14.6.1).
detail::JsonTree follow_up_json(const Result& r, const FollowUp& fu) {
    using J = detail::JsonTree;
    J out = J::object();
    out["year"] = fu.year;
    out["through"] = month_key(fu.year, fu.through_month);
    J ivs = J::array();
    for (const auto& f : fu.interventions) {
        J o = J::object();
        o["id"] = f.id;
        o["forecast_rule"] = std::string(rule_name(f.rule));
        put_figures(o, f.figures);
        J months = J::object();
        for (int m = 1; m <= 12; ++m) {
            const auto k = static_cast<std::size_t>(m - 1);
            append(months, month_key(fu.year, m), J{{"budget", s(f.budget_months[k])}, {"actual", s(f.actual_months[k])}});
        }
        o["months"] = std::move(months);
        J alloc = J::object();
        for (std::size_t k = 0; k < r.members.size(); ++k) append(alloc, r.members[k].id, s(f.forecast_allocation[k]));
        o["forecast_allocation"] = std::move(alloc);
        ivs.push_back(std::move(o));
    }
    out["interventions"] = std::move(ivs);
    J members = J::array();
    for (const auto& m : fu.members) {
        J o = J::object();
        o["id"] = m.id;
        o["contribution"] = s(m.contribution);
        if (m.received_to_date) o["received_to_date"] = s(*m.received_to_date);
        o["forecast_cost_share"] = s(m.forecast_cost_share);
        members.push_back(std::move(o));
    }
    out["members"] = std::move(members);
    J income = J::array();
    for (const auto& l : fu.income)
        income.push_back(J{{"id", l.id}, {"budget", s(l.budget)}, {"actual_to_date", s(l.actual_to_date)}, {"forecast", s(l.forecast)}});
    out["income"] = std::move(income);
    J totals = J::object();
    put_figures(totals, fu.totals);
    totals["contributions"] = s(fu.contributions);
    totals["income_forecast"] = s(fu.income_forecast);
    totals["forecast_result"] = s(fu.forecast_result);
    if (r.has_equity) {
        J eq = J::object();
        for (const auto& [y, v] : fu.forecast_equity_end) append(eq, std::to_string(y), s(v));
        totals["forecast_equity_end"] = std::move(eq);
    }
    out["totals"] = std::move(totals);
    J history = J::object();
    for (const ClosedYear* c : fu.history()) {
        J costs = J::object();
        for (std::size_t i = 0; i < r.interventions.size(); ++i) append(costs, r.interventions[i].id, s(c->costs[i]));
        append(history, std::to_string(c->year), J{{"costs", std::move(costs)}, {"total_costs", s(c->total_costs)}});
    }
    out["history"] = std::move(history);
    return out;
}

/// `liquidity` (spec 14.4): every month and quarter of every plan year.
detail::JsonTree liquidity_json(const Result& r, const LiquidityResult& l) {
    using J = detail::JsonTree;
    J months = J::object(), quarters = J::object();
    for (std::size_t yi = 0; yi < l.months.size(); ++yi) {
        const int y = r.first_year + static_cast<int>(yi);
        for (int m = 1; m <= 12; ++m) {
            const CashMonth& c = l.months[yi][static_cast<std::size_t>(m - 1)];
            append(months, month_key(y, m), J{{"in", s(c.in)}, {"out", s(c.out)}, {"cash_end", s(c.cash_end)}});
        }
        for (int q = 1; q <= 4; ++q) {
            const auto& c = l.quarters[yi][static_cast<std::size_t>(q - 1)];
            append(quarters, std::to_string(y) + "-Q" + std::to_string(q), J{{"in", s(c.in)}, {"out", s(c.out)}, {"cash_end", s(c.cash_end)}});
        }
    }
    J out = J::object();
    out["months"] = std::move(months);
    out["quarters"] = std::move(quarters);
    return out;
}

}  // namespace

std::string result_json(const Result& r) {
    using J = detail::JsonTree;
    using detail::append;
    J out = J::object();
    out["format"] = "finsam-result/1";
    out["name"] = r.name;
    J years = J::array();
    for (int y = r.first_year; y <= r.last_year; ++y) years.push_back(y);
    out["years"] = years;
    auto by_year = [&](auto&& f) {
        J o = J::object();
        for (int y = r.first_year; y <= r.last_year; ++y) append(o, std::to_string(y), f(r.year_index(y)));
        return o;
    };
    J members = J::array();
    for (const auto& m : r.members) {
        J jm = J::object();
        jm["id"] = m.id;
        jm["name"] = m.name;
        jm["share"] = by_year([&](std::size_t yi) { return format_percent(m.share[yi]); });
        jm["contribution"] = by_year([&](std::size_t yi) { return m.contribution[yi].to_kr_string(); });
        jm["adjustment"] = by_year([&](std::size_t yi) { return m.adjustment[yi].to_kr_string(); });
        jm["final_contribution"] = by_year([&](std::size_t yi) { return m.final_contribution[yi].to_kr_string(); });
        jm["cost_share"] = by_year([&](std::size_t yi) { return m.cost_share[yi].to_kr_string(); });
        members.push_back(std::move(jm));
    }
    out["members"] = std::move(members);
    J interventions = J::array();
    for (const auto& iv : r.interventions) {
        J ji = J::object();
        ji["id"] = iv.id;
        ji["name"] = iv.name;
        ji["kind"] = std::string(kind_name(iv.kind));
        ji["amount"] = by_year([&](std::size_t yi) { return iv.amount[yi].to_kr_string(); });
        ji["allocation"] = by_year([&](std::size_t yi) {
            J a = J::object();
            for (std::size_t k = 0; k < r.members.size(); ++k) append(a, r.members[k].id, iv.allocation[yi][k].to_kr_string());
            return a;
        });
        interventions.push_back(std::move(ji));
    }
    out["interventions"] = std::move(interventions);
    if (r.has_income) {
        J income = J::array();
        for (const auto& line : r.income) {
            J jl = J::object();
            jl["id"] = line.id;
            jl["name"] = line.name;
            jl["amount"] = by_year([&](std::size_t yi) { return line.amount[yi].to_kr_string(); });
            income.push_back(std::move(jl));
        }
        out["income"] = std::move(income);
    }
    out["totals"] = by_year([&](std::size_t yi) {
        const YearTotals& t = r.totals[yi];
        J o = J::object();
        o["costs"] = t.costs.to_kr_string();
        o["contributions"] = t.contributions.to_kr_string();
        if (r.has_income) o["income"] = t.income.to_kr_string();
        o["result"] = t.result.to_kr_string();
        if (r.has_equity) o["equity_end"] = t.equity_end.to_kr_string();
        return o;
    });
    if (r.follow_up) out["follow_up"] = follow_up_json(r, *r.follow_up);
    if (r.liquidity) out["liquidity"] = liquidity_json(r, *r.liquidity);
    J warnings = J::array();
    for (const auto& w : r.warnings) warnings.push_back(J{{"code", code_name(w.code)}, {"path", w.path}, {"message", w.message}});
    out["warnings"] = std::move(warnings);
    return detail::dump_pretty(out);
}

std::string errors_json(const std::vector<Problem>& problems) {
    detail::JsonTree errs = detail::JsonTree::array();
    for (const auto& p : problems) errs.push_back({{"path", p.path}, {"message", p.message}});
    return detail::dump_pretty({{"errors", errs}});
}

}  // namespace finsam
