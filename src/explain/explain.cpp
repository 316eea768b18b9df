// `finsam explain` and `finsam compare` (see include/finsam/explain.hpp).
#include "finsam/explain.hpp"

#include <map>
#include <sstream>

#include "finsam/result_json.hpp"
#include "finsam/suggest.hpp"
#include "../json_tree.hpp"
#include "explain_detail.hpp"

namespace finsam {

namespace {

using J = detail::JsonTree;
using explain_detail::approx;

using explain_detail::Words;

/// One split (frame or case) as seen by member k.
J split_step(const Allocation& a, std::size_t k, Money amount, const std::vector<Rational>& weights, std::ostream& os,
             const std::string& label, const Words& w) {
    J j = J::object();
    j["amount"] = amount.to_kr_string();
    if (a.parts.empty()) {
        j["part"] = "0.00";
        os << "    " << label << " " << w.kr(amount) << w.tr(": inget att fördela\n", ": nothing to split\n");
        return j;
    }
    Rational W = 0;
    for (const auto& w : weights) W += w;
    j["weight"] = rational_text(weights[k]);
    j["weight_total"] = rational_text(W);
    j["quota_units"] = rational_text(a.quota_units[k]);
    j["base_units"] = a.base_units[k];
    j["extra_unit"] = static_cast<bool>(a.extra_unit[k]);
    j["sub_unit_rest"] = a.rest_to == k ? a.rest.to_kr_string() : "0.00";
    j["part"] = a.parts[k].to_kr_string();
    const std::string quota = approx(a.quota_units[k]);
    os << "    " << label << " " << w.kr(amount) << " × " << w.num(rational_text(weights[k])) << " / " << w.num(rational_text(W))
       << (quota.rfind("≈", 0) == 0 ? " " : " = ") << w.num(quota) << " " << unit_name(a.unit)
       << (a.negative ? w.tr(" (av det negerade beloppet)", " (of the negated amount)") : "") << " → "
       << w.num(std::to_string(a.base_units[k])) << w.tr(" hela", " whole");
    if (a.extra_unit[k]) os << w.tr(" + 1 flyttad enligt största rest", " + 1 moved by the largest remainder");
    if (a.rest_to == k) os << " + " << w.kr(a.rest) << w.tr(" rest under enheten", " sub-unit rest");
    os << " = " << w.kr(a.parts[k]) << "\n";
    return j;
}

}  // namespace

Explanation explain(const Result& r, int year, const std::optional<std::string>& member,
                    const std::optional<std::string>& intervention, Lang lang) {
    const Words w{lang};
    if (year < r.first_year || year > r.last_year)
        throw Error("year " + std::to_string(year) + " is outside the plan's years " + std::to_string(r.first_year) + "–" +
                    std::to_string(r.last_year));
    const std::size_t yi = r.year_index(year);
    std::optional<std::size_t> mk, ik;
    if (member) {
        std::vector<std::string_view> ids;
        for (std::size_t k = 0; k < r.members.size(); ++k) {
            if (r.members[k].id == *member) mk = k;
            ids.push_back(r.members[k].id);
        }
        if (!mk) throw Error(unknown_name("member", *member, ids));
    }
    if (intervention) {
        std::vector<std::string_view> ids;
        for (std::size_t i = 0; i < r.interventions.size(); ++i) {
            if (r.interventions[i].id == *intervention) ik = i;
            ids.push_back(r.interventions[i].id);
        }
        if (!ik) throw Error(unknown_name("intervention", *intervention, ids));
    }
    std::ostringstream os;
    J data = J::object();
    data["year"] = year;
    // final contributions are the frame part's weights
    std::vector<Rational> final_w;
    for (const auto& m : r.members) final_w.push_back(m.final_contribution[yi].exact_in(Unit::kr));

    auto explain_split = [&](const InterventionResult& iv, std::size_t k, J& out) {
        os << "  " << iv.name << " (" << iv.id << w.tr("): belopp ", "): amount ") << w.kr(iv.amount[yi])
           << w.tr("; ramdel ", "; frame part ") << w.num(rational_text(iv.frame_part)) << " % = " << w.kr(iv.frame_amount[yi])
           << w.tr(", särskild del ", ", case part ") << w.kr(iv.case_amount[yi]) << "\n";
        out["intervention"] = iv.id;
        out["amount"] = iv.amount[yi].to_kr_string();
        out["frame_part_percent"] = rational_text(iv.frame_part);
        out["frame"] = split_step(iv.frame_allocation[yi], k, iv.frame_amount[yi], final_w, os,
                                  w.tr("ramdelen (vikter: slutliga bidrag)", "frame part (weights: final contributions)"), w);
        const std::vector<Rational> key_w = iv.key.empty() ? std::vector<Rational>(r.members.size(), Rational(0)) : iv.key;
        out["case"] = split_step(iv.case_allocation[yi], k, iv.case_amount[yi], key_w, os,
                                 w.tr("särskilda delen (vikter: nyckeln)", "case part (weights: the key)"), w);
        out["part"] = iv.allocation[yi][k].to_kr_string();
        os << "    → " << r.members[k].id << w.tr(" bär ", " carries ") << w.kr(iv.allocation[yi][k]) << "\n";
    };

    if (mk && !ik) {
        const auto& m = r.members[*mk];
        os << w.tr("Kostnadsandel för ", "Cost share of ") << m.name << " (" << m.id << w.tr(") ", ") in ") << year << "\n";
        os << w.tr("  slutligt bidrag ", "  final contribution ") << w.kr(m.final_contribution[yi]) << w.tr(" av ", " of ")
           << w.kr(r.totals[yi].contributions) << w.tr(" (andel ", " (share ") << w.num(format_percent(m.share[yi])) << " %)\n";
        data["member"] = m.id;
        data["final_contribution"] = m.final_contribution[yi].to_kr_string();
        J items = J::array();
        for (const auto& iv : r.interventions) {
            J step = J::object();
            explain_split(iv, *mk, step);
            items.push_back(std::move(step));
        }
        data["interventions"] = std::move(items);
        data["cost_share"] = m.cost_share[yi].to_kr_string();
        os << w.tr("  kostnadsandel = Σ delar = ", "  cost share = Σ parts = ") << w.kr(m.cost_share[yi]) << "\n";
    } else if (ik) {
        const auto& iv = r.interventions[*ik];
        os << w.tr("Belopp för ", "Amount of ") << iv.name << " (" << iv.id << w.tr(") ", ") in ") << year << "\n";
        // from the last known amount at or before the year
        std::size_t from = 0;
        for (std::size_t s = 0; s < iv.steps.size() && iv.steps[s].year <= year; ++s)
            if (iv.steps[s].source != AmountStep::Source::computed) from = s;
        J chain = J::array();
        for (std::size_t s = from; s < iv.steps.size() && iv.steps[s].year <= year; ++s) {
            const AmountStep& st = iv.steps[s];
            J js = J::object();
            js["year"] = st.year;
            js["amount"] = st.amount.to_kr_string();
            switch (st.source) {
                case AmountStep::Source::inactive:
                    js["source"] = "inactive";
                    os << "  " << st.year << w.tr(": inte aktiv → ", ": not active → ") << w.kr(Money{}) << "\n";
                    break;
                case AmountStep::Source::known:
                    js["source"] = "known";
                    os << "  " << st.year << w.tr(": känt belopp ", ": known amount ") << w.kr(st.amount) << "\n";
                    break;
                case AmountStep::Source::items:
                    js["source"] = "items";
                    os << "  " << st.year << w.tr(": summan av delposterna ", ": sum of items ") << w.kr(st.amount) << "\n";
                    break;
                case AmountStep::Source::computed:
                    js["source"] = "computed";
                    js["previous"] = st.previous.to_kr_string();
                    js["volume"] = rational_text(st.volume);
                    js["uprate_percent"] = rational_text(st.uprate_percent);
                    js["uprate_from"] = st.uprate_from;
                    js["delta"] = st.delta.to_kr_string();
                    js["exact_ore"] = rational_text(st.exact);
                    js["rule"] = st.rule_path;
                    os << "  " << st.year << ": " << w.kr(st.previous) << " × " << w.num(rational_text(st.volume)) << " × (1 + "
                       << w.num(rational_text(st.uprate_percent)) << "/100) + " << w.kr(st.delta) << " = "
                       << w.num(rational_text(st.exact / 100)) << w.tr(" kr → avrundat till ", " kr → rounded to ")
                       << unit_name(r.rounding.amounts) << " (" << mode_name(r.rounding.mode) << "): " << w.kr(st.amount)
                       << w.tr("   [uppräkning: ", "   [uprate: ") << w.uprate_from(st.uprate_from) << w.tr("; regel ", "; rule ")
                       << st.rule_path << "]\n";
                    break;
            }
            chain.push_back(std::move(js));
        }
        data["intervention"] = iv.id;
        data["chain"] = std::move(chain);
        J parts = J::array();
        os << w.tr("Fördelning ", "Split of ") << year << "\n";
        for (std::size_t k = 0; k < r.members.size(); ++k) {
            if (mk && k != *mk) continue;
            os << " " << r.members[k].id << ":\n";
            J step = J::object();
            step["member"] = r.members[k].id;
            explain_split(iv, k, step);
            parts.push_back(std::move(step));
        }
        data["split"] = std::move(parts);
    } else {
        os << w.tr("Ram och summor ", "Frame and totals of ") << year << w.tr(" (ram: ", " (frame: ") << frame_kind_name(r.frame_kinds[yi]) << ")\n";
        J ms = J::array();
        for (const auto& m : r.members) {
            os << "  " << m.id << w.tr(": bidrag ", ": contribution ") << w.kr(m.contribution[yi]) << w.tr(", justering ", ", adjustment ")
               << w.kr(m.adjustment[yi]) << w.tr(", slutligt ", ", final ") << w.kr(m.final_contribution[yi]) << " ("
               << w.num(format_percent(m.share[yi])) << w.tr(" %), kostnadsandel ", " %), cost share ") << w.kr(m.cost_share[yi]) << "\n";
            ms.push_back({{"id", m.id},
                          {"contribution", m.contribution[yi].to_kr_string()},
                          {"adjustment", m.adjustment[yi].to_kr_string()},
                          {"final_contribution", m.final_contribution[yi].to_kr_string()},
                          {"cost_share", m.cost_share[yi].to_kr_string()}});
        }
        const auto& t = r.totals[yi];
        os << w.tr("  kostnader ", "  costs ") << w.kr(t.costs) << w.tr(", bidrag ", ", contributions ") << w.kr(t.contributions)
           << w.tr(", resultat ", ", result ") << w.kr(t.result);
        if (r.has_equity) os << w.tr(", eget kapital vid årets slut ", ", equity at the end ") << w.kr(t.equity_end);
        os << "\n";
        data["members"] = std::move(ms);
        data["costs"] = t.costs.to_kr_string();
        data["contributions"] = t.contributions.to_kr_string();
        data["result"] = t.result.to_kr_string();
    }
    return {os.str(), detail::dump_pretty(data)};
}

namespace {

J compare_tree(const Evaluation& ev) {
    const Result& base = ev.base;
    J out = J::object();
    J variants = J::array();
    for (const auto& [name, vr] : ev.variants) {
        J jv = J::object();
        jv["name"] = name;
        J members = J::array();
        auto diff3 = [](Money b, Money v) {
            // the difference of two amounts within ±(2^63 − 1) öre may lie beyond it: exact, as text
            return J{{"base", b.to_kr_string()}, {"variant", v.to_kr_string()},
                     {"difference", decimal_text(BigInt(BigInt(v.ore()) - BigInt(b.ore())), 2)}};
        };
        // members in the base's order, then those only in the variant; a member only in one of
        // them counts 0 in the other
        std::map<std::string, std::pair<const MemberResult*, const MemberResult*>> by_id;
        std::vector<std::string> ids;
        for (const auto& m : base.members)
            if (by_id.emplace(m.id, std::make_pair(&m, nullptr)).second) ids.push_back(m.id);
        for (const auto& m : vr.members) {
            auto [it, fresh] = by_id.emplace(m.id, std::make_pair(nullptr, &m));
            if (fresh) ids.push_back(m.id);
            else it->second.second = &m;
        }
        for (const auto& id : ids) {
            const auto [bm, vm] = by_id.at(id);
            J jm = J::object();
            jm["id"] = id;
            jm["name"] = (bm ? bm : vm)->name;
            J years = J::object();
            const int first = std::min(base.first_year, vr.first_year), last = std::max(base.last_year, vr.last_year);
            for (int y = first; y <= last; ++y) {
                auto get = [&](const Result& r, const MemberResult* m, auto field) {
                    if (!m || y < r.first_year || y > r.last_year) return Money{};
                    return (m->*field)[r.year_index(y)];
                };
                detail::append(years, std::to_string(y),
                               J{{"final_contribution", diff3(get(base, bm, &MemberResult::final_contribution),
                                                              get(vr, vm, &MemberResult::final_contribution))},
                                 {"cost_share", diff3(get(base, bm, &MemberResult::cost_share), get(vr, vm, &MemberResult::cost_share))}});
            }
            jm["years"] = std::move(years);
            members.push_back(std::move(jm));
        }
        jv["members"] = std::move(members);
        // the year totals: costs, contributions, (with other income on either side) income, result
        // and (with equity on either side) equity at the year's end
        J totals = J::object();
        const bool equity = base.has_equity || vr.has_equity;
        const bool income = base.has_income || vr.has_income;
        const int first = std::min(base.first_year, vr.first_year), last = std::max(base.last_year, vr.last_year);
        for (int y = first; y <= last; ++y) {
            auto get = [&](const Result& r, Money YearTotals::*field) {
                if (y < r.first_year || y > r.last_year) return Money{};
                return r.totals[r.year_index(y)].*field;
            };
            J ty = J{{"costs", diff3(get(base, &YearTotals::costs), get(vr, &YearTotals::costs))},
                     {"contributions", diff3(get(base, &YearTotals::contributions), get(vr, &YearTotals::contributions))}};
            if (income) ty["income"] = diff3(get(base, &YearTotals::income), get(vr, &YearTotals::income));
            ty["result"] = diff3(get(base, &YearTotals::result), get(vr, &YearTotals::result));
            if (equity) ty["equity_end"] = diff3(get(base, &YearTotals::equity_end), get(vr, &YearTotals::equity_end));
            detail::append(totals, std::to_string(y), std::move(ty));
        }
        jv["totals"] = std::move(totals);
        variants.push_back(std::move(jv));
    }
    out["variants"] = std::move(variants);
    return out;
}

}  // namespace

std::string compare_json(const Evaluation& ev) { return detail::dump_pretty(compare_tree(ev)); }

}  // namespace finsam
