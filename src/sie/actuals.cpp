// Mapping a SIE file's rows by the plan's `accounting` block into actuals (spec 15 → 14.2).
// The mechanism is described in finsam/sie_actuals.hpp.
#include <algorithm>
#include <cstdio>
#include <span>
#include <tuple>
#include <unordered_map>

#include "finsam/sie_actuals.hpp"

#include "../json_tree.hpp"

namespace finsam {
namespace {

constexpr AccountRange cost_accounts{4000, 7999};
constexpr AccountRange income_accounts{3000, 3999};
constexpr AccountingKind kinds[] = {AccountingKind::costs, AccountingKind::contributions, AccountingKind::income};

int month_index(int year, int month) noexcept { return year * 12 + (month - 1); }
int month_index(YearMonth m) noexcept { return month_index(m.year, m.month); }
YearMonth month_at(int index) noexcept { return {index / 12, index % 12 + 1}; }

/// `{1 "KANS" 6 "101"}` as SIE writes it (`{}` for none).
std::string objects_text(std::span<const SieObject> objects) {
    std::string s = "{";
    for (const auto& o : objects) {
        if (s.size() > 1) s += ' ';
        s += std::to_string(o.dimension) + " \"";
        for (char c : o.id) s += c == '"' ? std::string("\\\"") : std::string(1, c);
        s += '"';
    }
    return s + "}";
}

bool carries(std::span<const SieObject> objects, int dimension, std::string_view id) noexcept {
    for (const auto& o : objects)
        if (o.dimension == dimension) return o.id == id;
    return false;
}

/// Rows added up: their sum, how many, the first line.
struct Cell {
    std::int64_t ore = 0;
    std::size_t rows = 0;
    std::size_t line = 0;
    /// false when the sum would leave the range of Money.
    bool add(std::int64_t amount, std::size_t at) noexcept {
        if (!rows || at < line) line = at;
        ++rows;
        return !__builtin_add_overflow(ore, amount, &ore) && ore >= -Money::max_ore;
    }
};

/// (account number, account as written, objects, month): rows no rule takes.
using UnmappedKey = std::tuple<std::uint64_t, std::string, std::string, int>;

/// What the rows of one sort (transactions, or period balances) add up to.
struct Tally {
    std::unordered_map<std::uint64_t, Cell> mapped;  // (kind, slot, month) → cell
    std::map<int, Cell> months;                      // every row by month
    std::map<UnmappedKey, Cell> unmapped;            // rows on 3000–7999 no rule takes
    // period balances only: per (account, month) the totals {} and the object rows taken
    struct AccountMonth {
        Cell total;
        bool taken = false;  // a rule takes the total
        std::int64_t objects_taken = 0;
    };
    std::map<std::tuple<std::uint64_t, std::string, int>, AccountMonth> accounts;
};

std::uint64_t cell_key(AccountingKind kind, std::size_t slot, int month) noexcept {
    return (static_cast<std::uint64_t>(kind) << 56) | (static_cast<std::uint64_t>(slot) << 24) | static_cast<std::uint64_t>(month);
}

struct FlatRule {
    const AccountingRule* rule;
    AccountingKind kind;
    std::size_t slot;  // the id's place in Mapper::ids_ of its kind
};

class Mapper : public SieVisitor {
public:
    explicit Mapper(const Plan& plan) : plan_(plan) {
        for (AccountingKind kind : kinds) {
            const auto* rules = plan.accounting->rules(kind);
            if (!rules) continue;
            auto& ids = ids_[static_cast<int>(kind)];
            if (kind == AccountingKind::costs)
                for (const auto& iv : plan.interventions) ids.push_back(iv.id);
            if (kind == AccountingKind::contributions)
                for (const auto& m : plan.members) ids.push_back(m.id);
            if (kind == AccountingKind::income)
                for (const auto& line : plan.income) ids.push_back(line.id);
            for (const auto& r : *rules) {
                auto at = std::find(ids.begin(), ids.end(), r.to);
                if (at == ids.end()) at = ids.insert(ids.end(), r.to);  // income ids, in the order of the rules
                rules_.push_back({&r, kind, static_cast<std::size_t>(at - ids.begin())});
            }
        }
    }

    void row(const SieRow& r) override {
        const bool balances = r.kind == SieRow::Kind::period_balance;
        Tally& t = balances ? balances_ : transactions_;
        const int m = month_index(r.date.year, r.date.month);
        t.months[m].add(0, r.line);
        const FlatRule* rule = match(r, balances);
        if (rule) {
            const std::int64_t amount = rule->kind == AccountingKind::costs ? r.amount.ore() : -r.amount.ore();
            if (!t.mapped[cell_key(rule->kind, rule->slot, m)].add(amount, r.line))
                overflow(r.line, "the rows of " + std::string(accounting_key(rule->kind)) + " \"" + rule->rule->to + "\" in " +
                                     month_text(month_at(m)));
        }
        const bool counted = cost_accounts.contains(r.account_number) || income_accounts.contains(r.account_number);
        if (!counted) return;
        if (balances) {
            auto& am = t.accounts[{r.account_number, std::string(r.account), m}];
            if (r.objects.empty()) {
                if (!am.total.add(r.amount.ore(), r.line)) overflow(r.line, "the period balances of account " + std::string(r.account));
                am.taken = am.taken || rule;
                return;
            }
            if (rule) {
                if (__builtin_add_overflow(am.objects_taken, r.amount.ore(), &am.objects_taken))
                    overflow(r.line, "the period balances of account " + std::string(r.account));
                return;
            }
        } else if (rule) {
            return;
        }
        if (!t.unmapped[{r.account_number, std::string(r.account), objects_text(r.objects), m}].add(r.amount.ore(), r.line))
            overflow(r.line, "the rows of account " + std::string(r.account) + " that no rule takes");
    }

    BookedActuals finish(SieSummary summary, YearMonth through) const {
        BookedActuals out;
        out.through = through;
        out.from_period_balances = summary.vouchers == 0;
        const Tally& t = out.from_period_balances ? balances_ : transactions_;
        const int last = month_index(through);

        // actuals by kind and id
        std::vector<std::map<YearMonth, Money>> months[3];
        for (AccountingKind kind : kinds) months[static_cast<int>(kind)].resize(ids_[static_cast<int>(kind)].size());
        for (const auto& [key, cell] : t.mapped) {
            const int m = static_cast<int>(key & 0xFFFFFF);
            if (m > last) continue;
            const auto kind = static_cast<int>(key >> 56);
            months[kind][(key >> 24) & 0xFFFFFFFF][month_at(m)] = Money::from_ore(cell.ore);
        }
        for (AccountingKind kind : kinds) {
            if (!plan_.accounting->rules(kind)) continue;
            std::vector<BookedLine> lines;
            const auto& ids = ids_[static_cast<int>(kind)];
            for (std::size_t i = 0; i < ids.size(); ++i)
                if (!months[static_cast<int>(kind)][i].empty()) lines.push_back({ids[i], std::move(months[static_cast<int>(kind)][i])});
            (kind == AccountingKind::costs ? out.costs : kind == AccountingKind::contributions ? out.contributions : out.income) =
                std::move(lines);
        }

        // rows no rule takes, by (account, objects), up to `through`
        std::map<std::tuple<std::uint64_t, std::string, std::string>, Cell> left;
        for (const auto& [key, cell] : t.unmapped) {
            const auto& [number, account, objects, m] = key;
            if (m > last) continue;
            if (out.from_period_balances) {  // object rows count where the account has no total
                const auto am = t.accounts.find({number, account, m});
                if (am != t.accounts.end() && am->second.total.rows) continue;
            }
            merge(left[{number, account, objects}], cell, cell.ore);
        }
        for (const auto& [key, am] : t.accounts) {
            const auto& [number, account, m] = key;
            if (m > last || !am.total.rows || am.taken) continue;
            const std::int64_t rest = am.total.ore - am.objects_taken;  // both within ±(2^63 − 1): no overflow
            if (rest != 0) merge(left[{number, account, "{}"}], am.total, rest);
        }
        for (const auto& [key, cell] : left) {
            const auto& [number, account, objects] = key;
            const bool cost = cost_accounts.contains(number);
            BooksWarning w;
            w.code = cost ? "unmapped_costs" : "unmapped_income";
            w.line = cell.line;
            w.account = account;
            w.objects = objects;
            w.sum = Money::from_ore(cell.ore);
            w.rows = cell.rows;
            const std::string where = cost ? "/accounting/costs" : "/accounting/contributions or /accounting/income";
            const std::string what = out.from_period_balances ? "period balance" : "row";
            w.message = std::to_string(cell.rows) + " " + what + (cell.rows == 1 ? "" : "s") + " on " +
                        (cost ? "cost" : "income") + " account " + account + " " + objects + " that no accounting rule takes: " +
                        w.sum.to_kr_string() + " kr as booked (debit positive)" +
                        (out.from_period_balances && objects == "{}" ? ", the account's total less its objects that rules take" : "") +
                        "; add a rule to " + where + (cell.rows == 1 ? " where it belongs" : " where they belong") + " to the plan";
            out.warnings.push_back(std::move(w));
        }

        // rows after `through`
        Cell after;
        int last_after = last;
        for (auto it = t.months.upper_bound(last); it != t.months.end(); ++it) {
            merge(after, it->second, 0);
            last_after = it->first;
        }
        if (after.rows) {
            BooksWarning w;
            w.code = "rows_after_through";
            w.line = after.line;
            w.rows = after.rows;
            w.message = std::to_string(after.rows) + " row" + (after.rows == 1 ? "" : "s") + " dated after " + month_text(through) +
                        " (the month read through) " + (after.rows == 1 ? "is" : "are") + " left out, the last of " +
                        month_text(month_at(last_after)) + "; they count in a later follow-up";
            out.warnings.push_back(std::move(w));
        }
        out.summary = std::move(summary);
        return out;
    }

    /// Problems of the mapping itself (a sum beyond the range of Money).
    const std::vector<SieProblem>& problems() const noexcept { return problems_; }

private:
    const FlatRule* match(const SieRow& r, bool balances) const noexcept {
        for (const auto& f : rules_) {
            if (!f.rule->covers(r.account_number)) continue;
            if (f.rule->dimension ? carries(r.objects, *f.rule->dimension, f.rule->object) : (!balances || r.objects.empty()))
                return &f;
        }
        return nullptr;
    }

    /// Add `cell`'s rows to `into` with the amount `ore` (sums of warnings: within range, as each
    /// cell is, or reported where they were added).
    static void merge(Cell& into, const Cell& cell, std::int64_t ore) noexcept {
        if (!into.rows || cell.line < into.line) into.line = cell.line;
        into.rows += cell.rows;
        if (__builtin_add_overflow(into.ore, ore, &into.ore)) into.ore = ore < 0 ? -Money::max_ore : Money::max_ore;
    }

    void overflow(std::size_t line, const std::string& what) {
        if (problems_.size() < max_sie_problems)
            problems_.push_back({line, what + " sum beyond ±92 233 720 368 547 758.07 kr; check the amounts"});
    }

    const Plan& plan_;
    std::vector<FlatRule> rules_;
    std::vector<std::string> ids_[3];
    Tally transactions_, balances_;
    std::vector<SieProblem> problems_;
};

/// The month to read through: given, else #OMFATTN's; in the plan's years.
YearMonth through_of(const Plan& plan, const SieSummary& summary, std::optional<YearMonth> given, const std::string& name) {
    const std::string years = plan.first_year == plan.last_year
                                  ? "year " + std::to_string(plan.first_year)
                                  : "years " + std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year);
    if (given) {
        if (given->year < plan.first_year || given->year > plan.last_year)
            throw Error("through " + month_text(*given) + " is outside the plan's " + years +
                        "; the month read through must be in a plan year");
        return *given;
    }
    if (!summary.extent)
        throw SieError(name, {{0, "the file has no #OMFATTN to say which month its books are closed through; give the month "
                                  "(--through YYYY-MM, or through= in Python)"}});
    const YearMonth m{summary.extent->year, summary.extent->month};
    if (m.year < plan.first_year || m.year > plan.last_year)
        throw SieError(name, {{summary.extent_line, "#OMFATTN " + summary.extent->iso() + " is outside the plan's " + years +
                                                        "; give the month to read through (--through YYYY-MM, or through= in Python)"}});
    return m;
}

template <class Read>
BookedActuals map_books(const Plan& plan, const std::string& name, std::optional<YearMonth> through, Read read) {
    if (!plan.accounting)
        throw PlanError("/accounting", "missing; write an accounting block that maps accounts to interventions, members and income "
                                       "lines to read actuals from SIE books");
    Mapper mapper(plan);
    SieSummary summary = read(mapper);
    if (!mapper.problems().empty()) throw SieError(name, mapper.problems());
    const YearMonth t = through_of(plan, summary, through, name);
    return mapper.finish(std::move(summary), t);
}

}  // namespace

std::string month_text(YearMonth m) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d", m.year, m.month);
    return buf;
}

std::string amount_in_unit(Money amount, Unit unit) {
    const std::int64_t per = ore_per(unit);
    int decimals = 0;
    for (std::int64_t p = per; p > 1; p /= 10) ++decimals;
    const std::uint64_t a = amount.ore() < 0 ? static_cast<std::uint64_t>(-amount.ore()) : static_cast<std::uint64_t>(amount.ore());
    std::string frac = std::to_string(a % static_cast<std::uint64_t>(per));
    frac.insert(0, static_cast<std::size_t>(decimals) - frac.size(), '0');
    return (amount.ore() < 0 ? "-" : "") + std::to_string(a / static_cast<std::uint64_t>(per)) + (decimals ? "." + frac : "");
}

BookedActuals read_actuals(const Plan& plan, const std::string& path, std::optional<YearMonth> through) {
    return map_books(plan, path, through, [&](SieVisitor& v) { return read_sie_file(path, v); });
}

BookedActuals read_actuals(const Plan& plan, std::string_view bytes, const std::string& name, std::optional<YearMonth> through) {
    return map_books(plan, name, through, [&](SieVisitor& v) { return read_sie(bytes, v, name); });
}

std::string actuals_json(const BookedActuals& actuals, Unit unit) {
    using J = detail::JsonTree;
    J j = J::object();
    j["through"] = month_text(actuals.through);
    const std::pair<const char*, const std::optional<std::vector<BookedLine>>*> kinds_out[] = {
        {"costs", &actuals.costs}, {"contributions", &actuals.contributions}, {"income", &actuals.income}};
    for (const auto& [key, lines] : kinds_out) {
        if (!*lines) continue;
        J block = J::object();
        for (const auto& line : **lines) {
            J months = J::object();
            for (const auto& [m, amount] : line.months) detail::append(months, month_text(m), amount_in_unit(amount, unit));
            detail::append(block, line.id, std::move(months));
        }
        j[key] = std::move(block);
    }
    return detail::dump_pretty(j);
}

Node with_actuals(Node document, const BookedActuals& actuals, Unit unit) {
    const Node booked = parse_json(actuals_json(actuals, unit));
    const Node* own = document.find("actuals");
    Node block = own && own->is_object() ? *own : Node::object();
    for (const auto& [key, value] : booked.members()) block.set(key, value);
    document.set("actuals", std::move(block));
    return document;
}

Plan with_actuals(const Plan& plan, const BookedActuals& actuals) {
    Node document = plan.source;
    if (!plan.variants.empty()) {
        Node variants = Node::object();
        for (const auto& [name, patch] : plan.variants) variants.set(name, patch);
        document.set("variants", std::move(variants));
    }
    try {
        return load_plan(with_actuals(std::move(document), actuals, plan.amount_unit));
    } catch (const PlanError& e) {
        throw books_plan_error(e);
    }
}

PlanError books_plan_error(const PlanError& e) {
    std::vector<Problem> ps;
    for (const auto& p : e.problems()) ps.push_back({p.path, "with the actuals of the books: " + p.message});
    return PlanError(std::move(ps));
}

}  // namespace finsam
