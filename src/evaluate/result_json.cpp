// The result JSON (spec section 10, 12.15).
#include "finsam/result_json.hpp"

#include "../json_tree.hpp"

namespace finsam {

std::string format_percent(const Rational& pct) {
    return decimal_text(pct, 6, RoundingMode::half_up, {"-", ".", "", DecimalStyle::Zeros::trim});
}

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
    out["totals"] = by_year([&](std::size_t yi) {
        const YearTotals& t = r.totals[yi];
        J o = J::object();
        o["costs"] = t.costs.to_kr_string();
        o["contributions"] = t.contributions.to_kr_string();
        o["result"] = t.result.to_kr_string();
        if (r.has_equity) o["equity_end"] = t.equity_end.to_kr_string();
        return o;
    });
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
