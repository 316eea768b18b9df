// Reading a finsam/1 plan: the plan's rules (members, shares, frames, interventions, …) on top
// of the generic readers of reader.hpp, collecting every structural problem with its pointer.
#include <set>

#include "finsam/plan.hpp"
#include "finsam/version.hpp"
#include "load_accounting.hpp"
#include "load_followup.hpp"
#include "reader.hpp"

namespace finsam {
namespace {

using namespace read;

class Loader : public Reader {
public:
    Plan plan;
    std::set<std::string> kind_unknown;  // members whose kind could not be read (no cascades)

    std::optional<std::size_t> member_ref(std::string_view id, const std::string& path) {
        if (auto i = plan.member_index(id)) return i;
        std::string msg = "unknown member \"" + sanitize_utf8(id) + "\"";
        if (!plan.members.empty()) {
            std::vector<std::string_view> ids;
            for (const auto& m : plan.members) ids.push_back(m.id);
            msg += "; members are " + join_keys(ids);
        }
        error(path, msg);
        return std::nullopt;
    }

    /// Member → weight object (owner weights, case keys), by member index.
    std::optional<std::vector<Rational>> weights(const Node& n, const std::string& path) {
        if (!n.is_object()) {
            type_error(n, path, "an object of member weights, such as {\"region\": \"50\", \"haninge\": \"50\"}");
            return std::nullopt;
        }
        std::vector<Rational> w(plan.members.size(), Rational(0));
        bool ok = true;
        for (const auto& [k, v] : n.members()) {
            const std::string p = child(path, k);
            auto i = member_ref(k, p);
            auto x = weight(v, p);
            if (i && x) w[*i] = *x;
            else ok = false;
        }
        if (!ok) return std::nullopt;
        return w;
    }

    // ---- sections -------------------------------------------------------------------------

    void load(const Node& root) {
        if (!root.is_object()) {
            type_error(root, "", "an object (a finsam/1 plan)");
            return;
        }
        object(root, "", {"format", "name", "amount_unit", "years", "rounding", "members", "shares", "frame",
                          "uprating", "financing", "interventions", "adjustments", "equity", "checks", "income", "profile",
                          "actuals", "liquidity", "accounting", "variants"});
        format(root, plan_format);
        if (const Node* n = root.find("name"))
            if (auto s = string(*n, "/name")) plan.name = *s;
        if (const Node* n = root.find("amount_unit"))
            if (auto u = amount_unit_value(*n, "/amount_unit"))
                plan.amount_unit = *u;
        amount_unit = plan.amount_unit;
        load_years(root);
        if (const Node* n = root.find("rounding")) load_rounding(*n);
        if (const Node* n = required(root, "", "members", "a non-empty array of members")) load_members(*n);
        if (const Node* n = root.find("shares")) plan.shares = dated_object<SharesEntry>(*n, "/shares", [&](const Node& e, const std::string& p) { return shares_entry(e, p); });
        if (const Node* n = root.find("frame")) {
            if (auto f = dated_object<FrameEntry>(*n, "/frame", [&](const Node& e, const std::string& p) { return frame_entry(e, p); }))
                plan.frame = std::move(*f);
        } else {
            FrameEntry cover;
            cover.path = "/frame";
            plan.frame = Dated<FrameEntry>::constant(cover, "/frame");
        }
        plan.uprating.assign(plan.members.size(), std::nullopt);
        if (const Node* n = root.find("uprating")) load_uprating(*n);
        if (const Node* n = root.find("financing")) {
            if (object(*n, "/financing", {"frame_part"}))
                if (const Node* fp = n->find("frame_part"))
                    if (auto v = frame_part(*fp, "/financing/frame_part")) plan.frame_part = *v;
        }
        if (const Node* n = root.find("profile")) plan.profile = read_profile(*this, *n, "/profile");
        if (const Node* n = root.find("interventions")) load_interventions(*n);
        if (const Node* n = root.find("adjustments")) load_adjustments(*n);
        if (const Node* n = root.find("equity")) load_equity(*n);
        if (const Node* n = root.find("checks")) load_checks(*n);
        // the year after the plan (spec 13, 14): after the members, interventions and income they name
        if (const Node* n = root.find("income")) read_income(*this, *n, plan);
        if (const Node* n = root.find("actuals"))
            read_actuals(*this, *n, plan, ids_written(root.find("interventions")), ids_written(root.find("income")));
        if (const Node* n = root.find("liquidity")) read_liquidity(*this, *n, plan);
        if (const Node* n = root.find("accounting")) plan.accounting = load_accounting(*this, *n, plan, root);
        if (const Node* n = root.find("variants")) load_variants(*n);
        thousands_warnings();
        plan.source = root;
        plan.source.erase("variants");
    }

    /// possible_thousands_separator for every amount written "DIGITS.DDD" in a tkr or mnkr plan
    /// (spec 17, 14.6.3), with the subject and intervention its pointer names.
    void thousands_warnings() {
        std::set<std::string> seen;
        for (const auto& t : three_decimals) {
            if (!seen.insert(t.path).second) continue;
            Warning w;
            w.code = WarningCode::possible_thousands_separator;
            w.path = t.path;
            w.written = t.text;
            w.stated = t.amount;
            std::string digits = t.text;  // the point taken for a thousands separator, leading zeros dropped
            digits.erase(digits.find('.'), 1);
            const std::size_t sign = digits[0] == '-' ? 1 : 0;
            while (digits.size() > sign + 1 && digits[sign] == '0') digits.erase(sign, 1);
            if (digits == "-0") digits = "0";
            try {
                w.meant = Money::parse(digits, plan.amount_unit);
                w.instead = digits;
            } catch (const Error&) {
                // beyond the range of Money: no alternative to name
            }
            const std::string unit(unit_name(plan.amount_unit));
            w.message = "\"" + t.text + "\" is " + t.text + " " + unit + " (" + t.amount.to_kr_string() + " kr)" +
                        (w.meant ? "; if " + digits + " " + unit + " was meant, write \"" + digits + "\"" : "") +
                        " (in a plan a point is a decimal point, never a thousands separator)";
            // the subject, from where the amount stands
            std::vector<std::string> seg;
            for (std::size_t pos = 1; pos <= t.path.size();) {
                const std::size_t next = t.path.find('/', pos);
                seg.push_back(t.path.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
                if (next == std::string::npos) break;
                pos = next + 1;
            }
            w.subject = WarningSubject::frame;
            if (seg.size() >= 2 && seg[0] == "interventions") {
                w.subject = seg.size() >= 3 && seg[2] == "items" ? WarningSubject::intervention_items : WarningSubject::intervention;
                if (seg[1].find_first_not_of("0123456789") == std::string::npos && seg[1].size() < 9) w.intervention = std::stoul(seg[1]);
            } else if (!seg.empty() && seg[0] == "adjustments") {
                w.subject = WarningSubject::adjustment;
            } else if (!seg.empty() && seg[0] == "equity") {
                w.subject = WarningSubject::equity;
            } else if (seg.size() >= 3 && seg[0] == "checks") {
                w.subject = seg[2] == "costs"           ? (seg.size() == 4 ? WarningSubject::costs_of_kind : WarningSubject::costs)
                            : seg[2] == "contributions" ? WarningSubject::contributions
                            : seg[2] == "result"        ? WarningSubject::result
                                                        : WarningSubject::equity_end;
            }
            for (std::size_t i = 0; i < seg.size() && !w.year; ++i) {
                const bool index = (i == 1 && (seg[0] == "interventions" || seg[0] == "adjustments")) || (i == 3 && seg[2] == "items");
                if (!index && is_year_key(seg[i])) w.year = std::stoi(seg[i]);
            }
            plan.warnings.push_back(std::move(w));
        }
    }

    bool years_known() const { return plan.first_year > 0; }
    bool in_years(int y) const { return y >= plan.first_year && y <= plan.last_year; }

    void load_years(const Node& root) {
        const Node* n = required(root, "", "years", "\"years\": [FIRST, LAST], such as [2005, 2007]");
        if (!n) return;
        if (!n->is_array() || n->items().size() != 2) {
            error("/years", "must be an array of two years [FIRST, LAST], such as [2005, 2007]");
            return;
        }
        auto a = year(n->items()[0], "/years/0");
        auto b = year(n->items()[1], "/years/1");
        if (!a || !b) return;
        if (*a > *b) {
            error("/years", "the first year " + std::to_string(*a) + " is after the last " + std::to_string(*b));
            return;
        }
        plan.first_year = *a;
        plan.last_year = *b;
    }

    void load_rounding(const Node& n) {
        if (!object(n, "/rounding", {"amounts", "allocation", "mode"})) return;
        if (const Node* v = n.find("amounts"))
            if (auto u = enumeration<Unit>(*v, "/rounding/amounts", {{"öre", Unit::ore}, {"kr", Unit::kr}, {"tkr", Unit::tkr}}))
                plan.rounding.amounts = *u;
        if (const Node* v = n.find("allocation"))
            if (auto u = allocation_unit(*v, "/rounding/allocation"))
                plan.rounding.allocation = *u;
        if (const Node* v = n.find("mode"))
            if (auto m = rounding_mode(*v, "/rounding/mode"))
                plan.rounding.mode = *m;
    }

    void load_members(const Node& n) {
        if (!n.is_array()) {
            type_error(n, "/members", "a non-empty array of members");
            return;
        }
        if (n.items().empty()) {
            error("/members", "must list at least one member");
            return;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < n.items().size(); ++i) {
            const Node& m = n.items()[i];
            const std::string path = child("/members", i);
            if (!object(m, path, {"id", "name", "kind", "population", "from", "to"})) continue;
            Member mem;
            mem.path = path;
            if (auto s = id(m, path, "member", "fk", seen)) mem.id = *s;
            if (const Node* k = required(m, path, "kind", "\"state\", \"region\", \"municipality\" or \"other\"")) {
                auto kind = enumeration<MemberKind>(*k, path + "/kind", {{"state", MemberKind::state},
                                                                          {"region", MemberKind::region},
                                                                          {"municipality", MemberKind::municipality},
                                                                          {"other", MemberKind::other}});
                if (kind) mem.kind = *kind;
                else kind_unknown.insert(mem.id);
            } else {
                kind_unknown.insert(mem.id);
            }
            mem.name = mem.id;
            if (const Node* v = m.find("name"))
                if (auto s = string(*v, path + "/name")) mem.name = *s;
            if (const Node* v = m.find("population"))
                mem.population = dated_scalar<BigInt>(*v, path + "/population", [&](const Node& x, const std::string& p) {
                    return population(x, p);
                });
            if (const Node* v = m.find("from")) mem.from = month_bound(*v, path + "/from", true);
            if (const Node* v = m.find("to")) mem.to = month_bound(*v, path + "/to", false);
            if (mem.from && mem.to && *mem.to < *mem.from)
                error(path + "/from", "membership starts (" + ym_text(*mem.from) + ") after it ends (" + ym_text(*mem.to) +
                                          "); correct \"from\" or \"to\"");
            // A member with a valid id is kept even when another of its fields is wrong (the plan
            // fails anyway), so references to it elsewhere do not report it as unknown.
            if (!mem.id.empty()) plan.members.push_back(std::move(mem));
        }
    }

    static std::string ym_text(const YearMonth& ym) {
        return std::to_string(ym.year) + "-" + (ym.month < 10 ? "0" : "") + std::to_string(ym.month);
    }

    std::optional<SharesEntry> shares_entry(const Node& n, const std::string& path) {
        SharesEntry e;
        e.path = path;
        e.percent.assign(plan.members.size(), std::nullopt);
        if (!n.is_object()) {
            type_error(n, path, "an object of percentages such as {\"fk\": \"50\", …} or {\"rule\": \"law\"}");
            return std::nullopt;
        }
        if (n.find("rule")) {
            e.law = true;
            object(n, path, {"rule", "state_key", "region_key", "municipal_key"});
            const Node* r = n.find("rule");
            if (!r->is_string() || r->text() != "law") {
                error(path + "/rule", "the only rule is \"law\" (Försäkringskassan 50 %, regions 25 %, municipalities 25 %)");
                return std::nullopt;
            }
            bool ok = true;
            const std::pair<MemberKind, KindKey*> keys[] = {{MemberKind::state, &e.state_key},
                                                            {MemberKind::region, &e.region_key},
                                                            {MemberKind::municipality, &e.municipal_key}};
            for (auto [kind, key] : keys) {
                const std::string kp = child(path, key_name(kind));
                key->path = kp;
                const Node* k = n.find(key_name(kind));
                if (!k) continue;
                if (k->is_string() && k->text() == "equal") key->type = KindKey::Type::equal;
                else if (k->is_string() && k->text() == "population") key->type = KindKey::Type::population;
                else if (k->is_object()) {
                    key->type = KindKey::Type::percent;
                    key->percent.assign(plan.members.size(), std::nullopt);
                    Rational sum = 0;
                    bool kok = true;
                    for (const auto& [id, v] : k->members()) {
                        const std::string p = child(kp, id);
                        auto i = member_ref(id, p);
                        auto pct = non_negative_percent(v, p);
                        if (i && plan.members[*i].kind != kind && !kind_unknown.count(id)) {
                            error(p, "member \"" + id + "\" is of kind " + std::string(kind_name(plan.members[*i].kind)) +
                                         ", not " + std::string(kind_name(kind)) + "; " + key_name(kind) + " lists only members of kind " +
                                         std::string(kind_name(kind)));
                            i.reset();
                        }
                        if (i && pct) {
                            key->percent[*i] = *pct;
                            sum += *pct;
                        } else {
                            kok = false;
                        }
                    }
                    if (kok && sum != 100)
                        error(kp, "percentages sum to " + rational_text(sum) + ", not 100; adjust them so they sum to exactly 100");
                    ok = ok && kok;
                } else {
                    error(kp, "must be \"equal\", \"population\" or percentages such as {\"avesta\": \"60\", \"hedemora\": \"40\"}");
                    ok = false;
                }
            }
            if (!ok) return std::nullopt;
            return e;
        }
        Rational sum = 0;
        bool ok = true;
        for (const auto& [id, v] : n.members()) {
            const std::string p = child(path, id);
            auto i = member_ref(id, p);
            auto pct = non_negative_percent(v, p);
            if (i && pct) {
                e.percent[*i] = *pct;
                sum += *pct;
            } else {
                ok = false;
            }
        }
        if (!ok) return std::nullopt;
        if (sum != 100) {
            error(path, "shares sum to " + rational_text(sum) + ", not 100; adjust them so they sum to exactly 100");
            return std::nullopt;
        }
        return e;
    }

    std::optional<FrameEntry> frame_entry(const Node& n, const std::string& path) {
        FrameEntry f;
        f.path = path;
        if (!object(n, path, {"total", "state", "members", "cover_costs"},
                    "an object with one of \"total\", \"state\", \"members\" or \"cover_costs\""))
            return std::nullopt;
        // Count the known kinds only: an unknown key is reported by object() (with a suggestion).
        std::vector<const std::pair<std::string, Node>*> kinds;
        for (const auto& kv : n.members())
            if (kv.first == "total" || kv.first == "state" || kv.first == "members" || kv.first == "cover_costs") kinds.push_back(&kv);
        if (kinds.size() != 1) {
            if (n.members().empty())
                error(path, "is empty; write one of {\"total\": AMOUNT}, {\"state\": AMOUNT}, {\"members\": {...}} or {\"cover_costs\": true}");
            else if (kinds.size() > 1)
                error(path, "must have exactly one of \"total\", \"state\", \"members\" or \"cover_costs\"; keep one of them");
            return std::nullopt;
        }
        const auto& [k, v] = *kinds.front();
        const std::string p = child(path, k);
        if (k == "total" || k == "state") {
            f.kind = k == "total" ? FrameEntry::Kind::total : FrameEntry::Kind::state;
            auto a = amount(v, p);
            if (!a) return std::nullopt;
            f.amount = *a;
        } else if (k == "members") {
            f.kind = FrameEntry::Kind::members;
            f.member_amounts.assign(plan.members.size(), Money{});
            if (!v.is_object()) {
                type_error(v, p, "an object of member contributions such as {\"fk\": \"1820000\"}");
                return std::nullopt;
            }
            bool ok = true;
            for (const auto& [id, a] : v.members()) {
                const std::string mp = child(p, id);
                auto i = member_ref(id, mp);
                auto amt = amount(a, mp);
                if (i && amt) f.member_amounts[*i] = *amt;
                else ok = false;
            }
            if (!ok) return std::nullopt;
        } else if (k == "cover_costs") {
            f.kind = FrameEntry::Kind::cover_costs;
            if (!v.is_bool() || !v.as_bool()) {
                error(p, "must be true (the frame covers the year's costs); write another frame kind instead");
                return std::nullopt;
            }
        } else {
            return std::nullopt;  // unknown key, reported by object()
        }
        return f;
    }

    void load_uprating(const Node& n) {
        if (!n.is_object()) {
            type_error(n, "/uprating", "an object of member rates such as {\"region\": \"1.5\"}");
            return;
        }
        for (const auto& [id, v] : n.members()) {
            const std::string p = child("/uprating", id);
            auto i = member_ref(id, p);
            auto d = dated_scalar<Rational>(v, p, [&](const Node& x, const std::string& xp) { return percent(x, xp); });
            if (i && d) plan.uprating[*i] = std::move(*d);
        }
    }

    std::optional<Rational> frame_part(const Node& n, const std::string& path) {
        auto v = percent(n, path);
        if (v && (*v < 0 || *v > 100)) {
            error(path, "must be within 0..100 (percent of the amount split by the frame)");
            return std::nullopt;
        }
        return v;
    }

    std::optional<ChangeRule> change_rule(const Node& n, const std::string& path) {
        if (!object(n, path, {"uprate", "volume", "delta"}, "a change rule such as {\"uprate\": \"owner\"}")) return std::nullopt;
        ChangeRule r;
        r.path = path;
        bool ok = true;
        if (const Node* u = n.find("uprate")) {
            if (u->is_string() && u->text() == "owner") r.uprate = ChangeRule::Uprate::owner;
            else if (u->is_string() && u->text() == "none") r.uprate = ChangeRule::Uprate::none;
            else if (u->is_string() || u->is_number()) {
                auto p = rational(*u, path + "/uprate", false, "\"owner\", \"none\" or a percent: \"owner\", \"none\" or a percent such as \"3\"");
                if (p) r.uprate = ChangeRule::Uprate::percent, r.uprate_percent = *p;
                else ok = false;
            } else {
                type_error(*u, path + "/uprate", "\"owner\", \"none\" or a percent such as \"3\"");
                ok = false;
            }
        }
        if (const Node* v = n.find("volume")) {
            auto f = rational(*v, path + "/volume", true, "a factor: a number, a decimal string or a fraction such as \"600/400\"");
            if (f) r.volume = *f;
            else ok = false;
        }
        if (const Node* d = n.find("delta")) {
            auto a = amount(*d, path + "/delta");
            if (a) r.delta = *a;
            else ok = false;
        }
        if (!ok) return std::nullopt;
        return r;
    }

    void load_interventions(const Node& n) {
        if (!n.is_array()) {
            type_error(n, "/interventions", "an array of interventions");
            return;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < n.items().size(); ++i) {
            const Node& v = n.items()[i];
            const std::string path = child("/interventions", i);
            if (!object(v, path, {"id", "name", "kind", "owner", "amounts", "items", "change", "active", "financing", "checks", "profile"}))
                continue;
            Intervention iv;
            iv.path = path;
            iv.owner_path = path + "/owner";
            bool ok = true;
            if (const Node* id = required(v, path, "id", "an id such as \"fyren\"")) {
                auto s = string(*id, path + "/id");
                if (s && s->empty()) {
                    error(path + "/id", "must not be empty");
                    s.reset();
                } else if (s && !seen.insert(*s).second) {
                    error(path + "/id", "duplicate intervention id \"" + sanitize_utf8(*s) + "\"; give each intervention its own id");
                    s.reset();
                }
                if (s) iv.id = *s;
                else ok = false;
            } else {
                ok = false;
            }
            iv.name = iv.id;
            if (const Node* x = v.find("name"))
                if (auto s = string(*x, path + "/name")) iv.name = *s;
            if (const Node* x = v.find("kind")) {
                auto k = enumeration<InterventionKind>(*x, path + "/kind", {{"insats", InterventionKind::insats},
                                                                            {"project", InterventionKind::project},
                                                                            {"administration", InterventionKind::administration}});
                if (k) iv.kind = *k;
                else ok = false;
            }
            if (const Node* x = v.find("owner")) {
                if (x->is_string()) {
                    if (auto m = member_ref(x->text(), iv.owner_path)) {
                        iv.owner_weights.assign(plan.members.size(), Rational(0));
                        iv.owner_weights[*m] = 1;
                    } else {
                        ok = false;
                    }
                } else if (x->is_object()) {
                    if (auto w = weights(*x, iv.owner_path)) {
                        Rational sum = 0;
                        for (const auto& q : *w) sum += q;
                        if (sum <= 0) {
                            error(iv.owner_path, "owner weights must have a positive sum; give an owner a weight above 0");
                            ok = false;
                        } else {
                            iv.owner_weights = std::move(*w);
                        }
                    } else {
                        ok = false;
                    }
                } else {
                    type_error(*x, iv.owner_path, "a member id or member weights such as {\"region\": \"2\", \"haninge\": \"1\"}");
                    ok = false;
                }
            }
            if (const Node* x = v.find("amounts")) {
                if (auto a = year_amounts(*x, path + "/amounts")) iv.amounts = std::move(*a);
                else ok = false;
            }
            if (const Node* x = v.find("items")) {
                if (!x->is_array()) {
                    type_error(*x, path + "/items", "an array of items such as [{\"name\": \"…\", \"amounts\": {\"2005\": \"10\"}}]");
                    ok = false;
                } else {
                    for (std::size_t k = 0; k < x->items().size(); ++k) {
                        const Node& it = x->items()[k];
                        const std::string ip = child(path + "/items", k);
                        if (!object(it, ip, {"name", "amounts", "profile"})) {
                            ok = false;
                            continue;
                        }
                        Item item;
                        item.path = ip;
                        item.name = "item " + std::to_string(k + 1);
                        if (const Node* nm = it.find("name"))
                            if (auto s = string(*nm, ip + "/name")) item.name = *s;
                        if (const Node* am = it.find("amounts")) {
                            if (auto a = year_amounts(*am, ip + "/amounts")) item.amounts = std::move(*a);
                            else ok = false;
                        }
                        if (const Node* pr = it.find("profile")) {
                            item.profile = read_profile(*this, *pr, ip + "/profile");
                            ok = ok && item.profile;
                        }
                        iv.items.push_back(std::move(item));
                    }
                }
            }
            if (const Node* x = v.find("change")) {
                if (auto c = dated_object<ChangeRule>(*x, path + "/change", [&](const Node& e, const std::string& p) { return change_rule(e, p); }))
                    iv.change = std::move(*c);
                else
                    ok = false;
            } else {
                ChangeRule def;
                def.path = path + "/change";
                iv.change = Dated<ChangeRule>::constant(def, path + "/change");
            }
            if (const Node* x = v.find("active")) {
                if (object(*x, path + "/active", {"from", "to"})) {
                    if (const Node* f = x->find("from")) iv.active_from = year(*f, path + "/active/from");
                    if (const Node* t = x->find("to")) iv.active_to = year(*t, path + "/active/to");
                    if (iv.active_from && iv.active_to && *iv.active_from > *iv.active_to)
                        error(path + "/active/from", "active from " + std::to_string(*iv.active_from) + " is after to " +
                                                         std::to_string(*iv.active_to) + "; correct \"from\" or \"to\"");
                }
            }
            if (const Node* x = v.find("financing")) {
                if (object(*x, path + "/financing", {"frame_part", "key"})) {
                    if (const Node* fp = x->find("frame_part")) {
                        if (auto p = frame_part(*fp, path + "/financing/frame_part")) iv.frame_part = *p;
                        else ok = false;
                    }
                    if (const Node* k = x->find("key")) {
                        if (auto w = weights(*k, path + "/financing/key")) iv.key = std::move(*w);
                        else ok = false;
                    }
                }
            }
            if (const Node* x = v.find("checks")) {
                if (auto c = year_amounts(*x, path + "/checks")) {
                    for (const auto& [y, a] : *c)
                        if (years_known() && !in_years(y))
                            error(path + "/checks/" + std::to_string(y), "year " + std::to_string(y) + " is outside the plan's years " +
                                                                             std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year));
                    iv.checks = std::move(*c);
                } else {
                    ok = false;
                }
            }
            if (const Node* x = v.find("profile")) {
                iv.profile = read_profile(*this, *x, path + "/profile");
                ok = ok && iv.profile;
            }
            if (ok) plan.interventions.push_back(std::move(iv));
        }
    }

    void load_adjustments(const Node& n) {
        if (!n.is_array()) {
            type_error(n, "/adjustments", "an array of adjustments such as [{\"year\": 2005, \"member\": \"region\", \"amount\": \"-150\"}]");
            return;
        }
        for (std::size_t i = 0; i < n.items().size(); ++i) {
            const Node& v = n.items()[i];
            const std::string path = child("/adjustments", i);
            if (!object(v, path, {"year", "member", "amount", "note"})) continue;
            Adjustment a;
            a.path = path;
            bool ok = true;
            if (const Node* y = required(v, path, "year", "the year it applies to, such as 2005")) {
                auto yy = year(*y, path + "/year");
                if (yy && years_known() && !in_years(*yy)) {
                    error(path + "/year", "year " + std::to_string(*yy) + " is outside the plan's years " +
                                              std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year));
                    yy.reset();
                }
                if (yy) a.year = *yy;
                else ok = false;
            } else {
                ok = false;
            }
            if (const Node* m = required(v, path, "member", "the member id it adjusts")) {
                auto s = string(*m, path + "/member", "a member id");
                std::optional<std::size_t> idx;
                if (s) idx = member_ref(*s, path + "/member");
                if (idx) a.member = *idx;
                else ok = false;
            } else {
                ok = false;
            }
            if (const Node* am = required(v, path, "amount", "the change of the contribution, such as \"-150\"")) {
                if (auto x = amount(*am, path + "/amount")) a.amount = *x;
                else ok = false;
            } else {
                ok = false;
            }
            if (const Node* note = v.find("note"))
                if (auto s = string(*note, path + "/note")) a.note = *s;
            if (ok) plan.adjustments.push_back(std::move(a));
        }
    }

    void load_equity(const Node& n) {
        if (!object(n, "/equity", {"opening", "use", "guideline_percent"})) return;
        plan.equity.given = true;
        if (const Node* o = n.find("opening"))
            if (auto a = amount(*o, "/equity/opening")) plan.equity.opening = *a;
        if (const Node* u = n.find("use"))
            plan.equity.use = dated_scalar<Money>(*u, "/equity/use", [&](const Node& x, const std::string& p) { return amount(x, p); });
        if (const Node* g = n.find("guideline_percent")) plan.equity.guideline_percent = non_negative_percent(*g, "/equity/guideline_percent");
    }

    void load_checks(const Node& n) {
        if (!n.is_object()) {
            type_error(n, "/checks", "an object keyed by years such as {\"2005\": {\"costs\": \"25001\"}}");
            return;
        }
        for (const auto& [k, v] : n.members()) {
            const std::string path = child("/checks", k);
            auto y = year_key(k, path);
            if (!y) continue;
            if (years_known() && !in_years(*y)) {
                error(path, "year " + std::to_string(*y) + " is outside the plan's years " + std::to_string(plan.first_year) +
                                "–" + std::to_string(plan.last_year));
                continue;
            }
            if (!object(v, path, {"costs", "contributions", "result", "equity_end", "income"})) continue;
            YearChecks c;
            c.path = path;
            if (const Node* x = v.find("costs")) {
                if (x->is_object()) {  // by kind (spec 17)
                    if (object(*x, path + "/costs", {"insats", "project", "administration"},
                               "an amount, or an object of amounts by kind such as {\"insats\": \"25001\"}"))
                        for (auto k : {InterventionKind::insats, InterventionKind::project, InterventionKind::administration})
                            if (const Node* a = x->find(kind_name(k)))
                                if (auto m = amount(*a, path + "/costs/" + std::string(kind_name(k)))) c.costs_by_kind.emplace_back(k, *m);
                } else {
                    c.costs = amount(*x, path + "/costs");
                }
            }
            if (const Node* x = v.find("contributions")) c.contributions = amount(*x, path + "/contributions");
            if (const Node* x = v.find("result")) c.result = amount(*x, path + "/result");
            if (const Node* x = v.find("income")) c.income = amount(*x, path + "/income");  // any plan: 0 without income lines
            if (const Node* x = v.find("equity_end")) {
                if (!plan.equity.given)
                    error(path + "/equity_end", "the plan has no \"equity\" to compare with; add \"equity\": {\"opening\": AMOUNT}");
                else
                    c.equity_end = amount(*x, path + "/equity_end");
            }
            plan.checks[*y] = std::move(c);
        }
    }

    void load_variants(const Node& n) {
        if (!n.is_object()) {
            type_error(n, "/variants", "an object of named JSON Merge Patches such as {\"high\": {\"uprating\": {\"region\": \"3\"}}}");
            return;
        }
        for (const auto& [name, patch] : n.members()) {
            const std::string path = child("/variants", name);
            if (patch.is_object()) {
                const Node* inner = patch.find("variants");
                if (inner && !inner->is_null()) {
                    error(path + "/variants", "variant \"" + sanitize_utf8(name) + "\": a patch may not add variants; "
                                              "remove \"variants\" from it and write each variant at the top level");
                    continue;
                }
            }
            plan.variants.emplace_back(name, patch);
        }
    }
};

}  // namespace

Plan load_plan(const Node& json) {
    Loader l;
    l.load(json);
    if (!l.problems.empty()) throw PlanError(std::move(l.problems));
    return std::move(l.plan);
}

Plan load_plan_string(std::string_view text) { return load_plan(parse_json(text)); }

Plan load_plan_file(const std::string& path) { return load_plan_string(read_file(path)); }

}  // namespace finsam
