// The scenarios against the base plan as tables (build_comparison, include/finsam/report.hpp).
//
// Design notes: one table per variant and year, three figure columns (Grundplan, Scenario,
// Skillnad), so that it prints on a portrait page whatever the number of years or members.
// The base and scenario columns repeat what each plan's own budget tables show (the shown
// figures of src/report/report_detail.hpp: Resultat och eget kapital with its Övriga intäkter
// when either plan has other income, Finansiering, and the Summa row
// of Fördelning per huvudman computed for every year), so a board member finds the same
// figure in both; within each column the members add up to the totals above them. The
// difference is the shown scenario minus the shown base (it adds up along the row) unless
// that is more than a step from the exact difference: then the exact difference is rounded
// and a footnote says so, so that no shown figure is further than one step from its value.
#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "finsam/report.hpp"
#include "finsam/suggest.hpp"
#include "report_detail.hpp"

namespace finsam {
namespace {

/// One side (base or scenario) of a comparison: its result and the figures its tables show.
struct Side {
    const Result* result;
    report_detail::ShownFigures shown;
    RoundingMode mode;

    std::optional<std::size_t> year(int y) const {
        if (y < result->first_year || y > result->last_year) return std::nullopt;
        return static_cast<std::size_t>(y - result->first_year);
    }
    std::optional<std::size_t> member(const std::string& id) const {
        for (std::size_t k = 0; k < result->members.size(); ++k)
            if (result->members[k].id == id) return k;
        return std::nullopt;
    }
};

/// A variant's name made safe for an id (and so a CSV file name).
std::string safe(std::string s) {
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || std::string_view("/\\:*?\"<>| '`$&;_").find(c) != std::string_view::npos) c = '-';
    return s;
}

class Comparer {
public:
    explicit Comparer(const TableOptions& o) : o_(o), step_(o.step_ore()) {}

    Table table(const std::string& name, const Side& base, const Side& variant, int y) {
        const bool sv = o_.lang == Lang::sv;
        auto tr = [&](const char* s, const char* e) { return std::string(sv ? s : e); };
        const Result& b = *base.result;
        const bool first = y == b.first_year;
        Table t;
        t.id = "compare-" + safe(name) + "-" + std::to_string(y);
        t.title = "Scenario: " + name + tr(" jämfört med grundplanen, ", " against the base plan, ") +
                  (first ? tr("budget ", "budget ") : tr("plan ", "plan ")) + std::to_string(y) + " (" + std::string(unit_name(o_.unit)) + ")";
        t.sheet = name + " " + std::to_string(y);
        t.columns = {{tr("Post", "Item"), Column::Kind::label},
                     {tr("Grundplan", "Base plan"), Column::Kind::amount},
                     {"Scenario", Column::Kind::amount},
                     {tr("Skillnad", "Difference"), Column::Kind::amount}};

        // members: the base's in its order, then those only in the scenario
        std::vector<std::pair<std::string, std::string>> members;  // id, name
        for (const auto& m : b.members) members.emplace_back(m.id, m.name);
        for (const auto& m : variant.result->members)
            if (!base.member(m.id)) members.emplace_back(m.id, m.name);
        const bool equity = b.has_equity || variant.result->has_equity;
        const bool income = b.has_income || variant.result->has_income;  // other income (spec 13): R = C + I − K

        const std::size_t costs = add(t, RowKind::data, tr("Kostnader", "Costs"));
        const std::size_t contrib = add(t, RowKind::data, tr("Bidrag från huvudmännen", "Contributions from the members"));
        const std::size_t income_row = income ? add(t, RowKind::data, tr("Övriga intäkter", "Other income")) : 0;
        const std::size_t result = add(t, RowKind::summa, tr("Årets resultat", "Result for the year"));
        const std::size_t equity_end = equity ? add(t, RowKind::summa, tr("Eget kapital vid årets slut", "Equity at the end of the year")) : 0;
        add(t, RowKind::group, tr("Bidrag per huvudman", "Contributions by member"));
        std::vector<std::size_t> contrib_rows, cost_rows;
        for (const auto& m : members) contrib_rows.push_back(add(t, RowKind::data, m.second));
        add(t, RowKind::group, tr("Kostnader per huvudman", "Costs by member"));
        for (const auto& m : members) cost_rows.push_back(add(t, RowKind::data, m.second));

        std::vector<std::string> far;  // differences shown as the exact difference rounded
        for (int col = 1; col <= 2; ++col) {
            const Side& s = col == 1 ? base : variant;
            const auto yi = s.year(y);
            if (!yi) continue;  // a year the side does not have: empty
            const Result& r = *s.result;
            const YearTotals& tot = r.totals[*yi];
            set(t, costs, col, tot.costs, s.shown.costs[*yi], s.mode, refs(cost_rows, col));
            set(t, contrib, col, tot.contributions, s.shown.contributions[*yi], s.mode, refs(contrib_rows, col));
            std::vector<CellRef> result_of{{contrib, static_cast<std::size_t>(col), 1}, {costs, static_cast<std::size_t>(col), -1}};
            if (income) {
                set(t, income_row, col, tot.income, s.shown.income[*yi], s.mode, {});
                result_of.push_back({income_row, static_cast<std::size_t>(col), 1});
            }
            set(t, result, col, tot.result, s.shown.result[*yi], s.mode, std::move(result_of));
            if (equity && r.has_equity) set(t, equity_end, col, tot.equity_end, s.shown.equity_end[*yi], s.mode, {});
            for (std::size_t n = 0; n < members.size(); ++n) {
                const auto k = s.member(members[n].first);
                if (k) {
                    set(t, contrib_rows[n], col, r.members[*k].final_contribution[*yi], s.shown.final_contribution[*k][*yi], s.mode, {});
                    set(t, cost_rows[n], col, r.members[*k].cost_share[*yi], s.shown.cost_share[*k][*yi], s.mode, {});
                } else {  // not a member on this side: 0
                    set(t, contrib_rows[n], col, Money{}, 0, s.mode, {});
                    set(t, cost_rows[n], col, Money{}, 0, s.mode, {});
                }
            }
        }
        for (std::size_t row = 0; row < t.rows.size(); ++row) difference(t, row, base.mode, far);
        report_detail::add_rounding_footnote(t, o_, true);
        if (!far.empty()) {
            std::string list;
            for (const auto& f : far) list += (list.empty() ? "" : "; ") + f;
            t.footnotes.push_back(tr("Skillnaden är den exakta skillnaden avrundad, eftersom skillnaden mellan de visade beloppen "
                                     "ligger mer än ett steg från den: ",
                                     "The difference is the exact difference rounded, as the difference of the figures shown "
                                     "lies more than a step from it: ") +
                                  list + ".");
        }
        return t;
    }

private:
    const TableOptions& o_;
    std::int64_t step_;

    static std::size_t add(Table& t, RowKind kind, const std::string& label) {
        Row row;
        row.kind = kind;
        row.cells.assign(t.columns.size(), Cell{});
        row.cells[0].kind = Cell::Kind::text;
        row.cells[0].text = label;
        t.rows.push_back(std::move(row));
        return t.rows.size() - 1;
    }

    static std::vector<CellRef> refs(const std::vector<std::size_t>& rows, int col) {
        std::vector<CellRef> v;
        for (std::size_t r : rows) v.push_back({r, static_cast<std::size_t>(col), 1});
        return v;
    }

    BigInt nearest(Money exact, RoundingMode mode) const { return round_integer(Rational(exact.ore(), step_), mode); }

    void set(Table& t, std::size_t row, int col, Money exact, std::int64_t shown, RoundingMode mode, std::vector<CellRef> sum_of) const {
        Cell& c = t.rows[row].cells[static_cast<std::size_t>(col)];
        c.kind = Cell::Kind::amount;
        c.amount = exact;
        c.shown = shown;
        c.moved = BigInt(shown) != nearest(exact, mode);
        c.sum_of = std::move(sum_of);
    }

    /// The difference of a row: scenario − base as shown where that is within a step of the
    /// exact difference, else the exact difference rounded (named in `far`).
    void difference(Table& t, std::size_t row, RoundingMode mode, std::vector<std::string>& far) const {
        Row& r = t.rows[row];
        const Cell &b = r.cells[1], &v = r.cells[2];
        if (b.kind != Cell::Kind::amount || v.kind != Cell::Kind::amount) return;
        Money exact;
        try {
            exact = v.amount - b.amount;
        } catch (const Error&) {
            return;  // beyond ±(2^63 − 1) öre: no figure to show (the JSON gives it exactly)
        }
        const std::int64_t shown = v.shown - b.shown;
        const BigInt off = BigInt(shown) * step_ - exact.ore();
        if (off > -step_ && off < step_) {
            set(t, row, 3, exact, shown, mode, {{row, 2, 1}, {row, 1, -1}});
        } else {
            set(t, row, 3, exact, static_cast<std::int64_t>(nearest(exact, mode)), mode, {});
            far.push_back(r.cells[0].text + ": " + format_exact_amount(exact, o_));
        }
    }
};

}  // namespace

BudgetTables build_comparison(const Evaluation& ev, const TableOptions& options, const std::vector<std::string>& variants) {
    (void)options.step_ore();  // checks the unit and decimals
    BudgetTables out;
    out.name = ev.base.name;
    out.first_year = ev.base.first_year;
    out.last_year = ev.base.last_year;
    out.options = options;
    out.comparison = true;
    std::vector<std::string_view> all;
    for (const auto& [n, r] : ev.variants) all.push_back(n);
    std::vector<std::string> names = variants;
    if (names.empty())
        for (const auto& [n, r] : ev.variants) names.push_back(n);
    for (const auto& n : names)
        if (!ev.find(n) || n.empty()) throw Error(unknown_name("variant", n, all));
    const Side base{&ev.base, report_detail::shown_figures(ev.base, options), report_detail::display_mode(ev.base.rounding.mode)};
    Comparer c(options);
    for (const auto& n : names) {
        const Result* vr = ev.find(n);
        const Side variant{vr, report_detail::shown_figures(*vr, options), report_detail::display_mode(vr->rounding.mode)};
        out.first_year = std::min(out.first_year, vr->first_year);
        out.last_year = std::max(out.last_year, vr->last_year);
        for (int y = std::min(ev.base.first_year, vr->first_year); y <= std::max(ev.base.last_year, vr->last_year); ++y)
            out.tables.push_back(c.table(n, base, variant, y));
    }
    return out;
}

}  // namespace finsam
