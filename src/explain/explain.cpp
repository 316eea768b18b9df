// `finsam explain` and `finsam compare` (see include/finsam/explain.hpp).
#include "finsam/explain.hpp"

#include <map>
#include <sstream>

#include "finsam/result_json.hpp"
#include "../json_tree.hpp"

namespace finsam {

namespace {

using J = detail::JsonTree;

std::string kr(Money m) { return m.to_kr_string() + " kr"; }

/// A rational as a decimal: exact where it has at most 4 decimals, else "≈" and 4 decimals.
std::string approx(const Rational& q) {
    const BigInt scaled = round_integer(q * 10000, RoundingMode::half_up);
    if (Rational(scaled, 10000) == q) return decimal_text(scaled, 4, {"-", ".", "", DecimalStyle::Zeros::trim});
    return "≈ " + decimal_text(scaled, 4);
}

/// One split (frame or case) as seen by member k.
J split_step(const Allocation& a, std::size_t k, Money amount, const std::vector<Rational>& weights, std::ostream& os,
             const char* label) {
    J j = J::object();
    j["amount"] = amount.to_kr_string();
    if (a.parts.empty()) {
        j["part"] = "0.00";
        os << "    " << label << " " << kr(amount) << ": nothing to split\n";
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
    os << "    " << label << " " << kr(amount) << " × " << rational_text(weights[k]) << " / " << rational_text(W)
       << (quota.rfind("≈", 0) == 0 ? " " : " = ") << quota << " " << unit_name(a.unit) << (a.negative ? " (of the negated amount)" : "")
       << " → " << a.base_units[k] << " whole";
    if (a.extra_unit[k]) os << " + 1 moved by the largest remainder";
    if (a.rest_to == k) os << " + " << kr(a.rest) << " sub-unit rest";
    os << " = " << kr(a.parts[k]) << "\n";
    return j;
}

}  // namespace

Explanation explain(const Result& r, int year, const std::optional<std::string>& member,
                    const std::optional<std::string>& intervention) {
    if (year < r.first_year || year > r.last_year)
        throw Error("year " + std::to_string(year) + " is outside the plan's years " + std::to_string(r.first_year) + "–" +
                    std::to_string(r.last_year));
    const std::size_t yi = r.year_index(year);
    std::optional<std::size_t> mk, ik;
    if (member) {
        for (std::size_t k = 0; k < r.members.size(); ++k)
            if (r.members[k].id == *member) mk = k;
        if (!mk) throw Error("no member \"" + *member + "\"");
    }
    if (intervention) {
        for (std::size_t i = 0; i < r.interventions.size(); ++i)
            if (r.interventions[i].id == *intervention) ik = i;
        if (!ik) throw Error("no intervention \"" + *intervention + "\"");
    }
    std::ostringstream os;
    J data = J::object();
    data["year"] = year;
    // final contributions are the frame part's weights
    std::vector<Rational> final_w;
    for (const auto& m : r.members) final_w.push_back(m.final_contribution[yi].exact_in(Unit::kr));

    auto explain_split = [&](const InterventionResult& iv, std::size_t k, J& out) {
        os << "  " << iv.name << " (" << iv.id << "): amount " << kr(iv.amount[yi]) << "; frame part "
           << rational_text(iv.frame_part) << " % = " << kr(iv.frame_amount[yi]) << ", case part " << kr(iv.case_amount[yi])
           << "\n";
        out["intervention"] = iv.id;
        out["amount"] = iv.amount[yi].to_kr_string();
        out["frame_part_percent"] = rational_text(iv.frame_part);
        out["frame"] = split_step(iv.frame_allocation[yi], k, iv.frame_amount[yi], final_w, os, "frame part (weights: final contributions)");
        const std::vector<Rational> key_w = iv.key.empty() ? std::vector<Rational>(r.members.size(), Rational(0)) : iv.key;
        out["case"] = split_step(iv.case_allocation[yi], k, iv.case_amount[yi], key_w, os, "case part (weights: the key)");
        out["part"] = iv.allocation[yi][k].to_kr_string();
        os << "    → " << r.members[k].id << " carries " << kr(iv.allocation[yi][k]) << "\n";
    };

    if (mk && !ik) {
        const auto& m = r.members[*mk];
        os << "Cost share of " << m.name << " (" << m.id << ") in " << year << "\n";
        os << "  final contribution " << kr(m.final_contribution[yi]) << " of " << kr(r.totals[yi].contributions)
           << " (share " << format_percent(m.share[yi]) << " %)\n";
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
        os << "  cost share = Σ parts = " << kr(m.cost_share[yi]) << "\n";
    } else if (ik) {
        const auto& iv = r.interventions[*ik];
        os << "Amount of " << iv.name << " (" << iv.id << ") in " << year << "\n";
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
                    os << "  " << st.year << ": not active → 0.00 kr\n";
                    break;
                case AmountStep::Source::known:
                    js["source"] = "known";
                    os << "  " << st.year << ": known amount " << kr(st.amount) << "\n";
                    break;
                case AmountStep::Source::items:
                    js["source"] = "items";
                    os << "  " << st.year << ": sum of items " << kr(st.amount) << "\n";
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
                    os << "  " << st.year << ": " << kr(st.previous) << " × " << rational_text(st.volume) << " × (1 + "
                       << rational_text(st.uprate_percent) << "/100) + " << kr(st.delta) << " = " << rational_text(st.exact / 100)
                       << " kr → rounded to " << unit_name(r.rounding.amounts) << " (" << mode_name(r.rounding.mode)
                       << "): " << kr(st.amount) << "   [uprate: " << st.uprate_from << "; rule " << st.rule_path << "]\n";
                    break;
            }
            chain.push_back(std::move(js));
        }
        data["intervention"] = iv.id;
        data["chain"] = std::move(chain);
        J parts = J::array();
        os << "Split of " << year << "\n";
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
        os << "Frame and totals of " << year << " (frame: " << frame_kind_name(r.frame_kinds[yi]) << ")\n";
        J ms = J::array();
        for (const auto& m : r.members) {
            os << "  " << m.id << ": contribution " << kr(m.contribution[yi]) << ", adjustment " << kr(m.adjustment[yi])
               << ", final " << kr(m.final_contribution[yi]) << " (" << format_percent(m.share[yi]) << " %), cost share "
               << kr(m.cost_share[yi]) << "\n";
            ms.push_back({{"id", m.id},
                          {"contribution", m.contribution[yi].to_kr_string()},
                          {"adjustment", m.adjustment[yi].to_kr_string()},
                          {"final_contribution", m.final_contribution[yi].to_kr_string()},
                          {"cost_share", m.cost_share[yi].to_kr_string()}});
        }
        const auto& t = r.totals[yi];
        os << "  costs " << kr(t.costs) << ", contributions " << kr(t.contributions) << ", result " << kr(t.result);
        if (r.has_equity) os << ", equity at the end " << kr(t.equity_end);
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
        variants.push_back(std::move(jv));
    }
    out["variants"] = std::move(variants);
    return out;
}

}  // namespace

std::string compare_json(const Evaluation& ev) { return detail::dump_pretty(compare_tree(ev)); }

std::string compare_text(const Evaluation& ev) {
    const J c = compare_tree(ev);
    std::ostringstream os;
    if (c["variants"].empty()) os << "The plan has no variants.\n";
    for (const auto& v : c["variants"]) {
        os << "Variant \"" << v["name"].get<std::string>() << "\" against the base plan (kr; variant − base)\n";
        os << "  member               year   final contribution: base → variant (difference)   cost share: base → variant (difference)\n";
        for (const auto& m : v["members"]) {
            for (const auto& [y, d] : m["years"].items()) {
                const auto& f = d["final_contribution"];
                const auto& s = d["cost_share"];
                std::string id = m["id"].get<std::string>();
                if (id.size() < 20) id.resize(20, ' ');
                os << "  " << id << " " << y << "   " << f["base"].get<std::string>() << " → " << f["variant"].get<std::string>()
                   << " (" << f["difference"].get<std::string>() << ")   " << s["base"].get<std::string>() << " → "
                   << s["variant"].get<std::string>() << " (" << s["difference"].get<std::string>() << ")\n";
            }
        }
    }
    return os.str();
}

}  // namespace finsam
