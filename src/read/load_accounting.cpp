// Reading the plan's `accounting` block (spec 15) with the generic readers: rules of costs,
// contributions and income, each `to` checked against the plan's ids of that kind.
#include "load_accounting.hpp"

#include <algorithm>

#include "finsam/suggest.hpp"

namespace finsam::read {
namespace {

const char* const accounts_hint = "an account such as \"6420\", a range such as \"4000-7999\", or a list of them";

std::optional<std::uint64_t> account_number(std::string_view s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    return v;
}

class AccountingReader {
public:
    AccountingReader(Reader& r, const Plan& plan, const Node& root) : r_(r) {
        for (const auto& iv : plan.interventions) ids_[0].push_back(iv.id);
        for (const auto& m : plan.members) ids_[1].push_back(m.id);
        // income lines (spec 13) by the ids the plan writes, whatever else is wrong with them
        if (const Node* income = root.find("income"); income && income->is_array()) {
            has_income_ = true;
            for (const Node& line : income->items())
                if (const Node* id = line.is_object() ? line.find("id") : nullptr; id && id->is_string()) ids_[2].push_back(id->text());
        }
    }

    std::optional<Accounting> block(const Node& n) {
        const std::string path = "/accounting";
        if (!r_.object(n, path, {"costs", "contributions", "income"},
                       "an object of rules by kind, such as {\"costs\": [{\"accounts\": \"4000-7999\", \"to\": \"ID\"}]}"))
            return std::nullopt;
        const std::size_t before = r_.problems.size();
        Accounting a;
        for (AccountingKind kind : {AccountingKind::costs, AccountingKind::contributions, AccountingKind::income}) {
            const Node* rules = n.find(accounting_key(kind));
            if (!rules) continue;
            const std::string p = Reader::child(path, accounting_key(kind));
            auto& out = kind == AccountingKind::costs ? a.costs : kind == AccountingKind::contributions ? a.contributions : a.income;
            out.emplace();
            if (!rules->is_array()) {
                r_.type_error(*rules, p, "an array of rules such as [{\"accounts\": \"4000-7999\", \"to\": \"ID\"}]");
                continue;
            }
            for (std::size_t i = 0; i < rules->items().size(); ++i)
                if (auto rule = this->rule(rules->items()[i], Reader::child(p, i), kind)) out->push_back(std::move(*rule));
        }
        if (r_.problems.size() != before) return std::nullopt;
        return a;
    }

private:
    std::optional<AccountingRule> rule(const Node& n, const std::string& path, AccountingKind kind) {
        if (!r_.object(n, path, {"accounts", "dimension", "object", "to"},
                       "a rule such as {\"accounts\": \"4000-7999\", \"dimension\": 1, \"object\": \"KANS\", \"to\": \"ID\"}"))
            return std::nullopt;
        AccountingRule rule;
        rule.path = path;
        bool ok = true;
        if (const Node* a = r_.required(n, path, "accounts", accounts_hint)) {
            if (auto acc = accounts(*a, Reader::child(path, "accounts"))) rule.accounts = std::move(*acc);
            else ok = false;
        } else {
            ok = false;
        }
        const Node* dim = n.find("dimension");
        const Node* obj = n.find("object");
        if (dim) {
            if (dim->is_integer_number() && dim->text().front() != '0' && dim->text().front() != '-' && dim->text().size() <= 6)
                rule.dimension = std::stoi(dim->text());
            else {
                r_.error(Reader::child(path, "dimension"),
                         "must be a dimension number of the books, such as 1 (kostnadsställe) or 6 (projekt), not " +
                             (dim->is_number() ? dim->text() : std::string(dim->type_name())));
                ok = false;
            }
            if (!obj) {
                r_.error(Reader::child(path, "object"), "missing; a rule with a dimension takes the rows with one object of it: "
                                                        "write its id, such as \"object\": \"101\"");
                ok = false;
            }
        }
        if (obj) {
            if (auto s = r_.string(*obj, Reader::child(path, "object"), "the object's id as the books write it, such as \"101\"");
                s && !s->empty())
                rule.object = *s;
            else {
                if (s) r_.error(Reader::child(path, "object"), "must not be empty; write the object's id as the books write it, such as \"101\"");
                ok = false;
            }
            if (!dim) {
                r_.error(Reader::child(path, "dimension"), "missing; an object belongs to a dimension: write it, such as "
                                                           "\"dimension\": 1 (kostnadsställe) or 6 (projekt)");
                ok = false;
            }
        }
        if (const Node* to = r_.required(n, path, "to", target_hint(kind))) {
            if (auto s = r_.string(*to, Reader::child(path, "to"), target_hint(kind)); s && known(*s, Reader::child(path, "to"), kind))
                rule.to = *s;
            else
                ok = false;
        } else {
            ok = false;
        }
        if (!ok) return std::nullopt;
        return rule;
    }

    std::optional<std::vector<AccountRange>> accounts(const Node& n, const std::string& path) {
        std::vector<AccountRange> out;
        if (n.is_string()) {
            auto r = range(n, path);
            if (!r) return std::nullopt;
            out.push_back(*r);
            return out;
        }
        if (!n.is_array()) {
            r_.type_error(n, path, accounts_hint);
            return std::nullopt;
        }
        if (n.items().empty()) {
            r_.error(path, "must list at least one account or range, such as [\"6420\", \"4000-4999\"]");
            return std::nullopt;
        }
        bool ok = true;
        for (std::size_t i = 0; i < n.items().size(); ++i) {
            const Node& item = n.items()[i];
            const std::string p = Reader::child(path, i);
            if (!item.is_string()) {
                r_.type_error(item, p, "an account such as \"6420\" or a range such as \"4000-7999\"");
                ok = false;
            } else if (auto r = range(item, p)) {
                out.push_back(*r);
            } else {
                ok = false;
            }
        }
        if (!ok) return std::nullopt;
        return out;
    }

    std::optional<AccountRange> range(const Node& n, const std::string& path) {
        const std::string& s = n.text();
        const auto dash = s.find('-');
        const auto first = account_number(s.substr(0, dash));
        const auto last = dash == std::string::npos ? first : account_number(s.substr(dash + 1));
        if (!first || !last) {
            r_.error(path, detail::quoted(sanitize_utf8(s)) + " is not an account or a range of accounts; write the account's digits "
                                                           "such as \"6420\", or a range such as \"4000-7999\"");
            return std::nullopt;
        }
        if (*last < *first) {
            r_.error(path, "range " + detail::quoted(s) + " runs backwards; write the lower account first, \"" +
                               s.substr(dash + 1) + "-" + s.substr(0, dash) + "\"");
            return std::nullopt;
        }
        return AccountRange{*first, *last};
    }

    static const char* target_hint(AccountingKind kind) {
        switch (kind) {
            case AccountingKind::costs: return "the id of the intervention the costs belong to";
            case AccountingKind::contributions: return "the id of the member whose payments these are";
            case AccountingKind::income: return "the id of the income line";
        }
        return "an id";
    }

    bool known(const std::string& id, const std::string& path, AccountingKind kind) {
        const auto& ids = ids_[static_cast<int>(kind)];
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) return true;
        static constexpr const char* what[] = {"intervention", "member", "income line"};
        static constexpr const char* plural[] = {"interventions", "members", "income lines"};
        const int k = static_cast<int>(kind);
        std::string msg = std::string("unknown ") + what[k] + " \"" + sanitize_utf8(id) + "\"";
        std::vector<std::string_view> candidates(ids.begin(), ids.end());
        if (kind == AccountingKind::income && !has_income_) {
            msg += "; the plan has no income lines: write them under \"income\" (spec 13)";
        } else if (const auto best = did_you_mean(id, candidates)) {
            msg += "; did you mean \"" + *best + "\"?";
        } else if (!candidates.empty() && candidates.size() <= 12) {
            msg += std::string("; ") + plural[k] + " are " + join_keys(candidates);
        }
        r_.error(path, msg);
        return false;
    }

    Reader& r_;
    std::vector<std::string> ids_[3];
    bool has_income_ = false;
};

}  // namespace

std::optional<Accounting> load_accounting(Reader& reader, const Node& block, const Plan& plan, const Node& root) {
    return AccountingReader(reader, plan, root).block(block);
}

}  // namespace finsam::read
