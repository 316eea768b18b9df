// Reading `income`, `profile`, `actuals` and `liquidity` (see load_followup.hpp).
#include "load_followup.hpp"

#include <algorithm>

namespace finsam::read {
namespace {

std::string ys(int y) { return std::to_string(y); }

std::string ym(const YearMonth& m) { return month_key(m.year, m.month); }

/// "unknown intervention "x"; did you mean "y"?" or "…; interventions are …".
void unknown_id(Reader& r, const std::string& path, std::string_view what, std::string_view plural, std::string_view id,
                const std::vector<std::string_view>& ids, std::string_view add_hint) {
    std::string msg = "unknown " + std::string(what) + " \"" + sanitize_utf8(id) + "\"";
    std::string_view best;
    std::size_t best_d = std::max<std::size_t>(1, (id.size() + 2) / 4) + 1;
    if (id.size() <= 64)
        for (auto k : ids)
            if (const std::size_t d = edit_distance(id, k); d < best_d) best_d = d, best = k;
    if (!best.empty())
        msg += "; did you mean \"" + std::string(best) + "\"?";
    else if (ids.empty())
        msg += "; the plan has no " + std::string(plural) + std::string(add_hint);
    else if (ids.size() <= 12)
        msg += "; the " + std::string(plural) + " are " + join_keys(ids);
    else
        msg += "; write the id of one of the plan's " + std::string(plural);
    r.error(path, msg);
}

std::optional<Profile> profile_value(Reader& r, const Node& n, const std::string& path) {
    const char* hint = "\"even\" or twelve weights for January … December such as [1, 1, 1, 1, 1, 1, 0, 0.5, 1, 1, 1, 1]";
    if (n.is_string()) {
        if (n.text() == "even") return Profile::even_months();
        r.error(path, "unknown profile \"" + sanitize_utf8(n.text()) + "\"; write " + hint);
        return std::nullopt;
    }
    if (!n.is_array()) {
        r.type_error(n, path, hint);
        return std::nullopt;
    }
    if (n.items().size() != 12) {
        r.error(path, "has " + std::to_string(n.items().size()) + " weight" + (n.items().size() == 1 ? "" : "s") +
                          "; write twelve, one for each month January … December");
        return std::nullopt;
    }
    Profile p;
    bool ok = true;
    for (std::size_t k = 0; k < 12; ++k) {
        const std::string ep = Reader::child(path, k);
        auto w = r.rational(n.items()[k], ep, false, "a weight: a number or a decimal string such as \"1.5\"");
        if (w && *w < 0) {
            r.error(ep, "must not be negative; write a weight of 0 or more");
            w.reset();
        }
        if (w) p.weights[k] = *w;
        else ok = false;
    }
    if (!ok) return std::nullopt;
    return p;
}

/// A key of an actuals object: a month "YYYY-MM" or a year "YYYY".
struct ActualKey {
    int year = 0;
    int month = 0;  ///< 0 for a year key
};

std::optional<ActualKey> actual_key(std::string_view k) {
    if (auto m = parse_month(k)) return ActualKey{m->year, m->month};
    if (is_year_key(k)) return ActualKey{std::stoi(std::string(k)), 0};
    return std::nullopt;
}

class ActualsReader {
public:
    ActualsReader(Reader& r, Plan& plan) : r_(r), plan_(plan) {}

    void read(const Node& n, const std::set<std::string>& intervention_ids, const std::set<std::string>& income_ids) {
        if (!r_.object(n, "/actuals", {"through", "costs", "contributions", "income", "forecast"})) return;
        Actuals a;
        if (const Node* t = r_.required(n, "/actuals", "through", "the last month whose books are closed, such as \"2011-08\"")) {
            std::optional<YearMonth> m;
            if (t->is_string()) m = parse_month(t->text());
            if (!m)
                r_.error("/actuals/through", t->is_string() ? "\"" + sanitize_utf8(t->text()) + "\" is not a month; write the last month whose books "
                                                                                                   "are closed, such as \"2011-08\""
                                                            : "must be a month such as \"2011-08\", not " + std::string(t->type_name()));
            else if (plan_.first_year > 0 && (m->year < plan_.first_year || m->year > plan_.last_year))
                r_.error("/actuals/through", "the follow-up year " + ys(m->year) + " (the year of \"through\") is outside the plan's years " +
                                                 ys(plan_.first_year) + "–" + ys(plan_.last_year) + "; follow up a plan year, or add " +
                                                 ys(m->year) + " to \"years\"");
            through_ = m;
        }
        if (through_) a.through = *through_;
        const std::size_t ni = plan_.interventions.size(), nm = plan_.members.size(), nl = plan_.income.size();
        a.costs.assign(ni, std::nullopt);
        a.contributions.assign(nm, std::nullopt);
        a.income.assign(nl, std::nullopt);
        a.forecast.assign(ni, ForecastRule{});
        std::vector<std::string_view> iv_ids, m_ids, l_ids;
        for (const auto& iv : plan_.interventions) iv_ids.push_back(iv.id);
        for (const auto& m : plan_.members) m_ids.push_back(m.id);
        for (const auto& l : plan_.income) l_ids.push_back(l.id);
        if (const Node* c = n.find("costs"))
            by_id(*c, "/actuals/costs", "intervention", "interventions", iv_ids, intervention_ids, "", [&](std::size_t i, const Node& v, const std::string& p) {
                a.costs[i] = booked(v, p);
            });
        if (const Node* c = n.find("contributions")) {
            a.contributions_given = true;
            std::set<std::string> member_ids(m_ids.begin(), m_ids.end());
            by_id(*c, "/actuals/contributions", "member", "members", m_ids, member_ids, "", [&](std::size_t k, const Node& v, const std::string& p) {
                a.contributions[k] = booked(v, p);
            });
        }
        if (const Node* c = n.find("income"))
            by_id(*c, "/actuals/income", "income line", "income lines", l_ids, income_ids,
                  "; add \"income\": [{\"id\": \"…\", \"amounts\": {…}}] to the plan", [&](std::size_t j, const Node& v, const std::string& p) {
                      a.income[j] = booked(v, p);
                  });
        if (const Node* f = n.find("forecast"))
            by_id(*f, "/actuals/forecast", "intervention", "interventions", iv_ids, intervention_ids, "", [&](std::size_t i, const Node& v, const std::string& p) {
                if (auto rule = forecast_rule(v, p)) a.forecast[i] = *rule;
            });
        plan_.actuals = std::move(a);
    }

private:
    Reader& r_;
    Plan& plan_;
    std::optional<YearMonth> through_;

    /// An object keyed by ids of `ids`; unknown ids are problems (not those in `written`, whose
    /// entries are wrong themselves).
    template <class F>
    void by_id(const Node& n, const std::string& path, std::string_view what, std::string_view plural,
               const std::vector<std::string_view>& ids, const std::set<std::string>& written, std::string_view add_hint, F read) {
        if (!n.is_object()) {
            r_.type_error(n, path, "an object keyed by " + std::string(what) + " id");
            return;
        }
        for (const auto& [k, v] : n.members()) {
            const std::string p = Reader::child(path, k);
            auto it = std::find(ids.begin(), ids.end(), k);
            if (it == ids.end()) {
                if (!written.count(k)) unknown_id(r_, p, what, plural, k, ids, add_hint);
                continue;
            }
            read(static_cast<std::size_t>(it - ids.begin()), v, p);
        }
    }

    std::optional<Booked> booked(const Node& n, const std::string& path) {
        if (!n.is_object()) {
            r_.type_error(n, path, "an object of amounts by month or closed year, such as {\"2011-01\": \"150\", \"2011-02\": \"148.5\"}");
            return std::nullopt;
        }
        Booked b;
        b.path = path;
        std::map<int, std::string> year_key_path;
        bool ok = true;
        for (const auto& [k, v] : n.members()) {
            const std::string p = Reader::child(path, k);
            auto key = actual_key(k);
            if (!key) {
                r_.error(p, "\"" + sanitize_utf8(k) + "\" is not a month or a year; write a month such as \"2011-03\" or, for a closed year, "
                                                      "a year such as \"2010\"");
                ok = false;
                continue;
            }
            if (through_ && !key_allowed(*key, k, p)) {
                ok = false;
                continue;
            }
            auto amount = r_.amount(v, p);
            if (!amount) {
                ok = false;
                continue;
            }
            if (key->month == 0) {
                b.whole_year[key->year] = *amount;
                year_key_path[key->year] = p;
            } else {
                b.by_month[key->year][static_cast<std::size_t>(key->month - 1)] = *amount;
            }
        }
        for (const auto& [y, p] : year_key_path)
            if (b.by_month.count(y)) {
                r_.error(p, ys(y) + " is written both as a whole year and by month; keep one of them");
                ok = false;
            }
        for (const auto& [y, months] : b.by_month) {
            try {
                (void)sum_months(months);
            } catch (const OverflowError&) {
                r_.error(path, "the months of " + ys(y) + " sum beyond ±(2^63 − 1) öre (±92 233 720 368 547 758.07 kr), larger than any "
                               "budget; check the amounts and the plan's amount_unit");
                ok = false;
            }
        }
        if (!ok) return std::nullopt;
        return b;
    }

    /// The first rule a key breaks (14.6.5): a month after `through`, a year after F, a year key
    /// of a year that is not closed.
    bool key_allowed(const ActualKey& key, std::string_view k, const std::string& p) {
        const YearMonth& t = *through_;
        if (key.month != 0 && YearMonth{key.year, key.month} > t) {
            r_.error(p, "month " + std::string(k) + " is after \"through\" (" + ym(t) + "): its books are not closed; leave it out or move "
                                                    "\"through\" to " + std::string(k) + " or later");
            return false;
        }
        if (key.month == 0 && key.year > t.year) {
            r_.error(p, "year " + std::string(k) + " is after the follow-up year " + ys(t.year) + " (the year of \"through\", " + ym(t) +
                            "); leave it out");
            return false;
        }
        if (key.month == 0 && !(key.year < t.year || t.month == 12)) {
            r_.error(p, "a whole year is written only for a closed year, and " + std::string(k) + " is open (\"through\" is " + ym(t) +
                            "); write its months, such as \"" + month_key(key.year, 1) + "\"");
            return false;
        }
        return true;
    }

    std::optional<ForecastRule> forecast_rule(const Node& n, const std::string& path) {
        ForecastRule rule;
        rule.path = path;
        if (n.is_string() && n.text() == "budget") return rule;
        if (n.is_string() && n.text() == "run_rate") {
            rule.kind = ForecastRule::Kind::run_rate;
            return rule;
        }
        if (n.is_number() || n.is_string()) {
            const std::size_t before = r_.problems.size();
            if (auto a = r_.amount(n, path)) {
                rule.kind = ForecastRule::Kind::amount;
                rule.amount = *a;
                return rule;
            }
            // an amount that is malformed, or a word that is no rule
            if (n.is_string() && !n.text().empty() && !(n.text()[0] == '-' || (n.text()[0] >= '0' && n.text()[0] <= '9'))) {
                r_.problems.resize(before);
                r_.error(path, "unknown forecast rule \"" + sanitize_utf8(n.text()) + "\"; write \"budget\", \"run_rate\" or the forecast as an "
                                                                                      "amount such as \"610\"");
            }
            return std::nullopt;
        }
        r_.type_error(n, path, "\"budget\", \"run_rate\" or an amount such as \"610\"");
        return std::nullopt;
    }
};

/// A payment schedule: "monthly", "quarterly", "half_yearly", "yearly" or {"months": [...]}.
std::optional<PaymentSchedule> schedule_value(Reader& r, const Node& n, const std::string& path) {
    static const std::vector<std::pair<std::string_view, std::vector<int>>> named = {
        {"monthly", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}, {"quarterly", {1, 4, 7, 10}}, {"half_yearly", {1, 7}}, {"yearly", {1}}};
    if (n.is_string()) {
        for (const auto& [name, months] : named)
            if (n.text() == name) return PaymentSchedule{months, std::string(name)};
        r.error(path, "unknown payment schedule \"" + sanitize_utf8(n.text()) +
                          "\"; write \"monthly\", \"quarterly\", \"half_yearly\", \"yearly\" or {\"months\": [3, 9]}");
        return std::nullopt;
    }
    if (!r.object(n, path, {"months"}, "\"monthly\", \"quarterly\", \"half_yearly\", \"yearly\" or {\"months\": [3, 9]}")) return std::nullopt;
    const Node* m = r.required(n, path, "months", "the payment months, such as [3, 9]");
    if (!m) return std::nullopt;
    const std::string mp = path + "/months";
    if (!m->is_array() || m->items().empty()) {
        if (m->is_array()) r.error(mp, "is empty; write at least one payment month, such as [3, 9]");
        else r.type_error(*m, mp, "an array of months 1–12 such as [3, 9]");
        return std::nullopt;
    }
    PaymentSchedule s;
    bool ok = true;
    for (std::size_t k = 0; k < m->items().size(); ++k) {
        const Node& e = m->items()[k];
        const std::string ep = Reader::child(mp, k);
        const std::string& t = e.text();
        const bool month = e.is_integer_number() && (t.size() == 1 ? t[0] >= '1' && t[0] <= '9' : t == "10" || t == "11" || t == "12");
        if (!month) {
            r.error(ep, "must be a month written as a JSON integer 1–12 (1 is January), not " +
                            (e.is_number() ? sanitize_utf8(t.substr(0, 20)) : std::string(e.type_name())));
            ok = false;
            continue;
        }
        const int v = std::stoi(t);
        if (std::find(s.months.begin(), s.months.end(), v) != s.months.end()) {
            r.error(ep, "month " + t + " is listed twice; list each payment month once");
            ok = false;
            continue;
        }
        s.months.push_back(v);
    }
    if (!ok) return std::nullopt;
    return s;
}

}  // namespace

std::optional<Dated<Profile>> read_profile(Reader& r, const Node& n, const std::string& path) {
    return r.dated_scalar<Profile>(n, path, [&](const Node& v, const std::string& p) { return profile_value(r, v, p); });
}

std::set<std::string> ids_written(const Node* list) {
    std::set<std::string> ids;
    if (list && list->is_array())
        for (const auto& e : list->items())
            if (const Node* id = e.is_object() ? e.find("id") : nullptr; id && id->is_string()) ids.insert(id->text());
    return ids;
}

void read_income(Reader& r, const Node& n, Plan& plan) {
    plan.has_income = true;
    if (!n.is_array()) {
        r.type_error(n, "/income", "an array of income lines such as [{\"id\": \"esf\", \"amounts\": {\"2011\": \"500\"}}]");
        return;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n.items().size(); ++i) {
        const Node& v = n.items()[i];
        const std::string path = Reader::child("/income", i);
        if (!r.object(v, path, {"id", "name", "amounts"})) continue;
        IncomeLine line;
        line.path = path;
        if (auto s = r.id(v, path, "income", "esf", seen, "income line")) line.id = *s;
        line.name = line.id;
        if (const Node* x = v.find("name"))
            if (auto s = r.string(*x, path + "/name")) line.name = *s;
        if (const Node* x = v.find("amounts"))
            if (auto a = r.year_amounts(*x, path + "/amounts")) line.amounts = std::move(*a);
        // kept with a valid id even when another field is wrong (the plan fails anyway), so
        // actuals naming it are not reported as unknown
        if (!line.id.empty()) plan.income.push_back(std::move(line));
    }
}

void read_actuals(Reader& r, const Node& n, Plan& plan, const std::set<std::string>& intervention_ids,
                  const std::set<std::string>& income_ids) {
    ActualsReader(r, plan).read(n, intervention_ids, income_ids);
}

void read_liquidity(Reader& r, const Node& n, Plan& plan) {
    if (!r.object(n, "/liquidity", {"opening", "minimum", "payments"})) return;
    LiquidityPlan l;
    l.payments.assign(plan.members.size(), std::nullopt);
    if (const Node* o = r.required(n, "/liquidity", "opening", "the cash at the start of the first plan year, such as \"350000\""))
        if (auto a = r.amount(*o, "/liquidity/opening")) l.opening = *a;
    if (const Node* m = n.find("minimum"))
        if (auto a = r.amount(*m, "/liquidity/minimum")) l.minimum = *a;
    if (const Node* p = n.find("payments")) {
        if (!p->is_object()) {
            r.type_error(*p, "/liquidity/payments", "an object of payment schedules by member, such as {\"fk\": \"quarterly\"}");
        } else {
            std::vector<std::string_view> ids;
            for (const auto& m : plan.members) ids.push_back(m.id);
            for (const auto& [id, v] : p->members()) {
                const std::string path = Reader::child("/liquidity/payments", id);
                auto k = plan.member_index(id);
                if (!k) {
                    unknown_id(r, path, "member", "members", id, ids, "");
                    continue;
                }
                // dated iff a non-empty object whose keys are all years (14.6.10)
                bool dated = v.is_object() && !v.members().empty();
                if (dated)
                    for (const auto& [key, x] : v.members()) dated = dated && is_year_key(key);
                if (dated) {
                    std::vector<Dated<PaymentSchedule>::Entry> entries;
                    bool ok = true;
                    for (const auto& [key, x] : v.members()) {
                        const std::string ep = Reader::child(path, key);
                        if (auto s = schedule_value(r, x, ep)) entries.push_back({std::stoi(key), std::move(*s), ep});
                        else ok = false;
                    }
                    if (ok) l.payments[*k] = Dated<PaymentSchedule>::by_year(std::move(entries), path);
                } else if (auto s = schedule_value(r, v, path)) {
                    l.payments[*k] = Dated<PaymentSchedule>::constant(std::move(*s), path);
                }
            }
        }
    }
    plan.liquidity = std::move(l);
}

}  // namespace finsam::read
