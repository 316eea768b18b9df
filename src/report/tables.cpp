// Building the budget tables from a result (see include/finsam/report.hpp for the rounding).
#include <algorithm>
#include <functional>
#include <string>

#include "report_detail.hpp"

namespace finsam {

std::string report_detail::group_label(InterventionKind kind, Lang lang) {
    const bool sv = lang == Lang::sv;
    switch (kind) {
        case InterventionKind::insats: return sv ? "Insatser" : "Interventions";
        case InterventionKind::project: return sv ? "Projekt" : "Projects";
        case InterventionKind::administration: return "Administration";
    }
    return "";
}

namespace {

using Matrix = std::vector<std::vector<BigInt>>;

std::int64_t to64(const BigInt& v) { return static_cast<std::int64_t>(v); }

std::string ys(int y) { return std::to_string(y); }

/// The groups of Kostnader per insats: kinds present, interventions in plan order.
struct Group {
    InterventionKind kind;
    std::vector<std::size_t> interventions;
};

/// Shown values shared between tables, so one figure shows the same everywhere.
struct Shown {
    std::vector<bool> adjusted;                 // by year: a member's contribution was adjusted
    Matrix prelim, adj, fin;                    // [member][year]
    std::vector<BigInt> prelim_sum, adj_sum, fin_sum;  // by year
    Matrix share;                               // [year][member], tenths of a percent
    Matrix amount;                              // [intervention][year]
    Matrix group_sum;                           // [group][year]
    std::vector<BigInt> cost_sum;               // by year
    std::vector<BigInt> income_sum;             // by year: other income (spec 13)
    std::vector<BigInt> result, equity_start, equity_end;  // by year (Resultat och eget kapital)
};

/// One column of intervention amounts rounded as Kostnader per insats rounds a year: the
/// interventions, the sums of their groups and the total.
struct GroupedShown {
    std::vector<BigInt> cell;   // by intervention
    std::vector<BigInt> group;  // by group
    BigInt total = 0;
};

/// A column of amounts by intervention in the costs and result tables: a plan year's budget,
/// a closed year's actuals ("Utfall Y") or the follow-up year's forecast ("Prognos F").
struct ValueColumn {
    enum class Kind { budget, actual, forecast };
    Kind kind = Kind::budget;
    int year = 0;
    std::optional<std::size_t> yi;  // the plan year's index (budget, forecast, actual of a plan year)
    std::vector<Money> exact;       // by intervention
    Money total;
    GroupedShown shown;
};

using report_detail::display_mode;

/// The shown values a figure may take: its exact value rounded the ordinary way first, then
/// the other way (one value when the exact value is a whole step).
std::vector<BigInt> neighbours(const Rational& exact, RoundingMode mode) {
    const BigInt near = round_integer(exact, mode);
    if (Rational(near) == exact) return {near};
    const BigInt other = Rational(near) < exact ? BigInt(near + 1) : BigInt(near - 1);
    return {near, other};
}

}  // namespace

namespace report_detail {

void add_rounding_footnote(Table& t, const TableOptions& o, bool with_group) {
    std::string list, group;
    for (const auto& row : t.rows) {
        if (row.kind == RowKind::group && !row.cells.empty()) group = row.cells[0].text;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const Cell& cell = row.cells[c];
            if (!cell.moved) continue;
            std::string where = (with_group && !group.empty() && row.kind == RowKind::data ? group + ": " : "") +
                                (row.cells.empty() ? "" : row.cells[0].text);
            if (!t.columns[c].header.empty()) where += ", " + t.columns[c].header;
            list += (list.empty() ? "" : "; ") + where + ": " +
                    (cell.kind == Cell::Kind::amount ? format_exact_amount(cell.amount, o) : format_exact_percent(cell.percent, o));
        }
    }
    if (list.empty()) return;
    t.footnotes.insert(t.footnotes.begin(),
                       std::string(o.lang == Lang::sv ? "* Avrundad åt andra hållet än vanlig avrundning, så att varje summa är summan "
                                                        "av de visade raderna (styrd avrundning). Exakt: "
                                                      : "* Rounded the other way than ordinary rounding, so that every total is the "
                                                        "sum of the rows shown (controlled rounding). Exact: ") +
                           list + ".");
}

}  // namespace report_detail

namespace {

class Builder {
public:
    Builder(const Result& r, const TableOptions& o)
        : r_(r), o_(o), lang_(o.lang), step_(o.step_ore()), mode_(display_mode(r.rounding.mode)),
          ny_(static_cast<std::size_t>(r.year_count())), nm_(r.members.size()) {}

    BudgetTables run() {
        BudgetTables out;
        out.name = r_.name;
        out.scenario = r_.variant;
        out.first_year = r_.first_year;
        out.last_year = r_.last_year;
        out.options = o_;
        make_groups();
        round_result();
        round_financing();
        round_costs();  // the income's sum per year is round_result()'s
        make_value_columns();
        out.tables.push_back(financing());
        out.tables.push_back(costs());
        out.tables.push_back(distribution());
        out.tables.push_back(result_and_equity());
        if (std::find(shown_.adjusted.begin(), shown_.adjusted.end(), true) != shown_.adjusted.end())
            out.tables.push_back(final_frame());
        for (std::size_t i = 0; i < r_.interventions.size(); ++i)
            if (auto t = items(i)) out.tables.push_back(std::move(*t));
        if (r_.follow_up) out.tables.push_back(follow_up());
        if (r_.liquidity) {
            out.tables.push_back(liquidity_months());
            out.tables.push_back(liquidity_quarters());
        }
        for (auto& t : out.tables) add_moved_footnote(t, o_);
        report_detail::place_warnings(r_, out);
        return out;
    }

    /// The figures the tables show, for comparisons (src/report/report_detail.hpp).
    report_detail::ShownFigures figures() {
        make_groups();
        round_result();
        round_financing();
        round_costs();
        report_detail::ShownFigures f;
        f.first_year = r_.first_year;
        for (std::size_t y = 0; y < ny_; ++y) {
            f.contributions.push_back(to64(shown_.fin_sum[y]));
            f.costs.push_back(to64(shown_.cost_sum[y]));
            f.result.push_back(to64(shown_.result[y]));
            f.income.push_back(to64(shown_.income_sum[y]));
            f.equity_end.push_back(to64(shown_.equity_end[y]));
        }
        f.final_contribution.assign(nm_, {});
        f.cost_share.assign(nm_, {});
        for (std::size_t y = 0; y < ny_; ++y) {
            const auto rounded = round_distribution(y);
            for (std::size_t k = 0; k < nm_; ++k) {
                f.final_contribution[k].push_back(to64(shown_.fin[k][y]));
                f.cost_share[k].push_back(to64(rounded.second.column_sums[k]));
            }
        }
        return f;
    }

private:
    const Result& r_;
    const TableOptions& o_;
    Lang lang_;
    std::int64_t step_;
    RoundingMode mode_;
    std::size_t ny_, nm_;
    std::vector<Group> groups_;
    Shown shown_;
    std::vector<ValueColumn> columns_;  // the costs and result tables' amount columns, in order

    std::string tr(const std::string& sv, const std::string& en) const { return lang_ == Lang::sv ? sv : en; }
    int year(std::size_t yi) const { return r_.first_year + static_cast<int>(yi); }
    /// A year's column heading: "Budget 2011" for the budget year, "Plan 2012" for the later ones.
    std::string year_heading(std::size_t yi) const { return (yi == 0 ? "Budget " : "Plan ") + ys(year(yi)); }
    std::string unit() const { return std::string(unit_name(o_.unit)); }
    Rational steps(Money m) const {
        Rational q = m.exact_ore();
        q /= step_;
        return q;
    }

    // ---- cells ------------------------------------------------------------------------------

    Cell text(std::string s) const { return text_cell(std::move(s)); }
    Cell amount(Money exact, const BigInt& shown) const { return amount_cell(exact, shown, o_, mode_); }
    Cell percent(const Rational& exact, const BigInt& tenths) const { return percent_cell(exact, tenths, mode_); }
    /// A change in percent against `before`, rounded the ordinary way; empty when before is 0.
    Cell change(Money now, Money before) const {
        if (before == Money{}) return Cell{};
        const Rational pct = Rate::ratio((now - before).exact_ore(), before.exact_ore()).in_percent();
        return percent(pct, round_integer(pct * 10, mode_));
    }
    static std::vector<CellRef> column_refs(std::size_t col, const std::vector<std::size_t>& rows, int sign = 1) {
        std::vector<CellRef> v;
        for (std::size_t r : rows) v.push_back({r, col, sign});
        return v;
    }

    // ---- shared rounding ----------------------------------------------------------------------

    void make_groups() {
        for (auto k : {InterventionKind::insats, InterventionKind::project, InterventionKind::administration}) {
            Group g{k, {}};
            for (std::size_t i = 0; i < r_.interventions.size(); ++i)
                if (r_.interventions[i].kind == k) g.interventions.push_back(i);
            if (!g.interventions.empty()) groups_.push_back(std::move(g));
        }
    }

    /// Resultat och eget kapital decides the year totals that every other table shows (design
    /// notes of report.hpp): per year the shown contributions C and costs K, each its exact
    /// value rounded down or up; the result R = C − K, itself within one step of its exact
    /// value; and, with equity, E = S + R where S is the shown equity at the end of the year
    /// before (the opening equity, rounded either way, in the first year). A dynamic programme
    /// over the years, whose state is the shown E of the year before, keeps every figure within
    /// one step and prefers, in this order: R, S and E at their ordinary rounding (the headline
    /// figures), then C and K at theirs, then C and K nearer their exact values (on a tie the
    /// contributions keep their ordinary rounding). The chain S = E of
    /// the year before always holds: with E(Y−1) = e(Y−1) + δ, |δ| < 1, the result ⌊r⌋ (δ ≥ 0)
    /// or ⌈r⌉ (δ ≤ 0) keeps E(Y) within one step of e(Y), and C − K can show either.
    void round_result() {
        struct Cost {
            int headline = 0, ordinary = 0;
            Rational distance = 0;  // Σ |shown − exact| of C and K, in steps
            bool operator<(const Cost& o) const {
                if (headline != o.headline) return headline < o.headline;
                if (ordinary != o.ordinary) return ordinary < o.ordinary;
                return distance < o.distance;
            }
        };
        struct Option {
            BigInt c, k, r, i;
            Cost cost;
        };
        struct State {
            BigInt end;
            Cost cost;
            std::size_t from = 0;  // the state of the year before
            BigInt c, k, r, start, i;
        };
        auto moved = [&](const BigInt& shown, Money exact) { return shown != round_integer(steps(exact), mode_) ? 1 : 0; };
        std::vector<std::vector<State>> states(ny_);
        std::vector<State> before;
        if (r_.has_equity && ny_ > 0)
            for (const BigInt& s : neighbours(steps(r_.totals[0].equity_start), mode_))
                before.push_back({s, {moved(s, r_.totals[0].equity_start), 0}, 0, {}, {}, {}, {}, {}});
        else
            before.push_back({});
        for (std::size_t y = 0; y < ny_; ++y) {
            const YearTotals& tot = r_.totals[y];
            const auto rs = neighbours(steps(tot.result), mode_);
            std::vector<Option> options;
            // other income (spec 13) is a third figure of the result: R = C + I − K
            const std::vector<BigInt> is = r_.has_income ? neighbours(steps(tot.income), mode_) : std::vector<BigInt>{BigInt(0)};
            for (const BigInt& c : neighbours(steps(tot.contributions), mode_))
                for (const BigInt& i : is)
                    for (const BigInt& k : neighbours(steps(tot.costs), mode_)) {
                        const BigInt r = c + i - k;
                        if (std::find(rs.begin(), rs.end(), r) == rs.end()) continue;
                        options.push_back({c, k, r, i,
                                           {moved(r, tot.result), moved(c, tot.contributions) + moved(i, tot.income) + moved(k, tot.costs),
                                            abs(Rational(c) - steps(tot.contributions)) + abs(Rational(i) - steps(tot.income)) +
                                                abs(Rational(k) - steps(tot.costs))}});
                    }
            const auto es = neighbours(steps(tot.equity_end), mode_);
            std::vector<State>& now = states[y];
            for (std::size_t b = 0; b < before.size(); ++b) {
                const State& prev = before[b];
                const BigInt start = prev.end;
                for (const Option& o : options) {
                    Cost cost = prev.cost;
                    cost.headline += o.cost.headline;
                    cost.ordinary += o.cost.ordinary;
                    cost.distance += o.cost.distance;
                    BigInt end = 0;
                    if (r_.has_equity) {
                        end = start + o.r;
                        if (std::find(es.begin(), es.end(), end) == es.end()) continue;
                        cost.headline += moved(end, tot.equity_end) + (y > 0 ? moved(start, tot.equity_start) : 0);
                    }
                    auto same = std::find_if(now.begin(), now.end(), [&](const State& s) { return s.end == end; });
                    State st{end, cost, b, o.c, o.k, o.r, start, o.i};
                    if (same == now.end()) now.push_back(std::move(st));
                    else if (cost < same->cost) *same = std::move(st);
                }
            }
            if (now.empty()) throw Error("the year totals of " + ys(year(y)) + " cannot be shown within one step each");
            before = now;
        }
        shown_.fin_sum.assign(ny_, BigInt(0));
        shown_.cost_sum = shown_.result = shown_.equity_start = shown_.equity_end = shown_.income_sum = shown_.fin_sum;
        if (ny_ == 0) return;
        std::size_t at = static_cast<std::size_t>(
            std::min_element(before.begin(), before.end(), [](const State& a, const State& b) { return a.cost < b.cost; }) -
            before.begin());
        for (std::size_t y = ny_; y-- > 0;) {
            const State& st = states[y][at];
            shown_.fin_sum[y] = st.c;
            shown_.cost_sum[y] = st.k;
            shown_.result[y] = st.r;
            shown_.equity_start[y] = st.start;
            shown_.equity_end[y] = st.end;
            shown_.income_sum[y] = st.i;
            at = st.from;
        }
    }

    void round_financing() {
        shown_.adjusted.assign(ny_, false);
        shown_.prelim.assign(nm_, std::vector<BigInt>(ny_));
        shown_.adj = shown_.fin = shown_.prelim;
        shown_.prelim_sum.assign(ny_, BigInt(0));
        shown_.adj_sum = shown_.prelim_sum;
        shown_.share.assign(ny_, std::vector<BigInt>(nm_));
        for (std::size_t y = 0; y < ny_; ++y) {
            for (const auto& m : r_.members)
                if (m.adjustment[y] != Money{}) shown_.adjusted[y] = true;
            RoundingProblem p;
            p.mode = mode_;
            for (const auto& m : r_.members) {
                if (shown_.adjusted[y]) p.cells.push_back({steps(m.contribution[y]), steps(m.adjustment[y])});
                else p.cells.push_back({steps(m.final_contribution[y])});
            }
            p.row_sums_shown = shown_.adjusted[y];
            p.fixed_total = shown_.fin_sum[y];  // as Resultat och eget kapital shows it
            const RoundedMatrix rm = controlled_round(p);
            for (std::size_t k = 0; k < nm_; ++k) {
                if (shown_.adjusted[y]) {
                    shown_.prelim[k][y] = rm.cells[k][0];
                    shown_.adj[k][y] = rm.cells[k][1];
                    shown_.fin[k][y] = rm.row_sums[k];
                } else {
                    shown_.prelim[k][y] = shown_.fin[k][y] = rm.cells[k][0];
                }
            }
            shown_.prelim_sum[y] = shown_.adjusted[y] ? rm.column_sums[0] : rm.total;
            shown_.adj_sum[y] = shown_.adjusted[y] ? rm.column_sums[1] : BigInt(0);

            RoundingProblem sp;
            sp.mode = mode_;
            sp.row_sums_shown = false;
            for (const auto& m : r_.members) sp.cells.push_back({m.share[y] * 10});
            const RoundedMatrix srm = controlled_round(sp);
            for (std::size_t k = 0; k < nm_; ++k) shown_.share[y][k] = srm.cells[k][0];
        }
    }

    /// One amount per intervention rounded with its groups' sums and the total (a year of
    /// Kostnader per insats, an actual or a forecast column).
    GroupedShown round_grouped(const std::vector<Money>& per_intervention) const {
        const std::size_t ni = r_.interventions.size();
        RoundingProblem p;
        p.mode = mode_;
        p.row_sums_shown = groups_.size() > 1;
        p.column_sums_shown = false;  // a column is one intervention: its sum is the cell
        for (const auto& g : groups_) {
            std::vector<Rational> row(ni, Rational(0));
            for (std::size_t i : g.interventions) row[i] = steps(per_intervention[i]);
            p.cells.push_back(std::move(row));
        }
        GroupedShown out;
        out.cell.assign(ni, BigInt(0));
        out.group.assign(groups_.size(), BigInt(0));
        if (groups_.empty()) return out;
        const RoundedMatrix rm = controlled_round(p);
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            for (std::size_t i : groups_[g].interventions) out.cell[i] = rm.cells[g][i];
            out.group[g] = rm.row_sums[g];
        }
        out.total = rm.total;
        return out;
    }

    void round_costs() {
        const std::size_t ni = r_.interventions.size();
        shown_.amount.assign(ni, std::vector<BigInt>(ny_));
        shown_.group_sum.assign(groups_.size(), std::vector<BigInt>(ny_));
        for (std::size_t y = 0; y < ny_; ++y) {
            RoundingProblem p;
            p.mode = mode_;
            p.row_sums_shown = groups_.size() > 1;
            p.column_sums_shown = false;  // a column is one intervention: its sum is the cell
            for (const auto& g : groups_) {
                std::vector<Rational> row(ni, Rational(0));
                for (std::size_t i : g.interventions) row[i] = steps(r_.interventions[i].amount[y]);
                p.cells.push_back(std::move(row));
            }
            p.fixed_total = shown_.cost_sum[y];  // as Resultat och eget kapital shows it
            const RoundedMatrix rm = controlled_round(p);
            for (std::size_t g = 0; g < groups_.size(); ++g) {
                for (std::size_t i : groups_[g].interventions) shown_.amount[i][y] = rm.cells[g][i];
                shown_.group_sum[g][y] = rm.row_sums[g];
            }
        }
    }

    /// Amounts in one column with their total shown (income lines, members' payments).
    RoundedMatrix round_lines(const std::vector<Money>& lines) const {
        RoundingProblem p;
        p.mode = mode_;
        p.row_sums_shown = false;
        for (Money m : lines) p.cells.push_back({steps(m)});
        if (lines.empty()) {
            RoundedMatrix none;
            none.column_sums.assign(1, BigInt(0));
            return none;
        }
        return controlled_round(p);
    }


    /// The amount columns of the costs and result tables: closed years before the plan
    /// ("Utfall"), then each plan year's budget, beside it its actuals when the year is closed
    /// and booked, and the forecast beside the follow-up year's budget (spec 14.5).
    void make_value_columns() {
        const std::size_t ni = r_.interventions.size();
        auto add = [&](ValueColumn::Kind kind, int yr, std::optional<std::size_t> yi, std::vector<Money> exact) {
            ValueColumn c;
            c.kind = kind;
            c.year = yr;
            c.yi = yi;
            for (Money m : exact) c.total += m;
            c.exact = std::move(exact);
            c.shown = round_grouped(c.exact);
            columns_.push_back(std::move(c));
        };
        const FollowUp* fu = r_.follow_up ? &*r_.follow_up : nullptr;
        if (fu)
            for (const ClosedYear* h : fu->history()) add(ValueColumn::Kind::actual, h->year, std::nullopt, h->costs);
        for (std::size_t y = 0; y < ny_; ++y) {
            ValueColumn c;
            c.kind = ValueColumn::Kind::budget;
            c.year = year(y);
            c.yi = y;
            c.total = r_.totals[y].costs;
            for (std::size_t i = 0; i < ni; ++i) {
                c.exact.push_back(r_.interventions[i].amount[y]);
                c.shown.cell.push_back(shown_.amount[i][y]);
            }
            for (std::size_t g = 0; g < groups_.size(); ++g) c.shown.group.push_back(shown_.group_sum[g][y]);
            c.shown.total = shown_.cost_sum[y];
            columns_.push_back(std::move(c));
            if (!fu) continue;
            if (const ClosedYear* cy = fu->closed_year(year(y))) add(ValueColumn::Kind::actual, year(y), y, cy->costs);
            if (year(y) == fu->year) {
                std::vector<Money> forecast;
                for (const auto& f : fu->interventions) forecast.push_back(f.figures.forecast);
                add(ValueColumn::Kind::forecast, year(y), y, std::move(forecast));
            }
        }
    }

    /// "Budget 2011" for the first plan year, "Plan 2012" for later ones (year_heading), "Utfall
    /// 2010", "Prognos 2011".
    std::string column_header(const ValueColumn& c) const {
        switch (c.kind) {
            case ValueColumn::Kind::actual: return tr("Utfall ", "Actual ") + ys(c.year);
            case ValueColumn::Kind::forecast: return tr("Prognos ", "Forecast ") + ys(c.year);
            case ValueColumn::Kind::budget: break;
        }
        return year_heading(*c.yi);
    }

    // ---- labels -------------------------------------------------------------------------------

    std::string group_label(InterventionKind k) const { return report_detail::group_label(k, lang_); }
    std::string group_sum_label(InterventionKind k) const {
        switch (k) {
            case InterventionKind::insats: return tr("Summa insatser", "Total interventions");
            case InterventionKind::project: return tr("Summa projekt", "Total projects");
            case InterventionKind::administration: return tr("Summa administration", "Total administration");
        }
        return "";
    }
    std::string titled(const std::string& name) const { return name + " (" + unit() + ")"; }

    // ---- 1. Finansiering ----------------------------------------------------------------------

    Table financing() {
        Table t;
        t.id = "financing";
        t.title = titled(tr("Finansiering", "Financing"));
        t.columns.push_back({tr("Huvudman", "Member"), Column::Kind::label});
        // one share column if the shares show the same every year, else one per year
        bool same = true;
        for (std::size_t y = 1; y < ny_; ++y)
            if (shown_.share[y] != shown_.share[0]) same = false;
        const std::size_t share_cols = same ? 1 : ny_;
        for (std::size_t s = 0; s < share_cols; ++s)
            t.columns.push_back({same ? tr("Andel", "Share") : tr("Andel ", "Share ") + ys(year(s)), Column::Kind::percent});
        struct YearCols {
            std::size_t prelim, adj, fin;
        };
        std::vector<YearCols> yc(ny_);
        for (std::size_t y = 0; y < ny_; ++y) {
            if (shown_.adjusted[y]) {
                yc[y].prelim = t.columns.size();
                t.columns.push_back({tr("Preliminär ", "Preliminary ") + ys(year(y)), Column::Kind::amount});
                yc[y].adj = t.columns.size();
                t.columns.push_back({tr("Justering ", "Adjustment ") + ys(year(y)), Column::Kind::amount});
                yc[y].fin = t.columns.size();
                t.columns.push_back({tr("Slutlig ", "Final ") + ys(year(y)), Column::Kind::amount});
            } else {
                yc[y].prelim = yc[y].adj = yc[y].fin = t.columns.size();
                t.columns.push_back({year_heading(y), Column::Kind::amount});
            }
        }
        std::vector<std::size_t> data_rows;
        for (std::size_t k = 0; k < nm_; ++k) {
            const auto& m = r_.members[k];
            Row row;
            row.cells.assign(t.columns.size(), Cell{});
            row.cells[0] = text(m.name);
            for (std::size_t s = 0; s < share_cols; ++s) row.cells[1 + s] = percent(m.share[s], shown_.share[s][k]);
            for (std::size_t y = 0; y < ny_; ++y) {
                if (shown_.adjusted[y]) {
                    row.cells[yc[y].prelim] = amount(m.contribution[y], shown_.prelim[k][y]);
                    row.cells[yc[y].adj] = amount(m.adjustment[y], shown_.adj[k][y]);
                    Cell f = amount(m.final_contribution[y], shown_.fin[k][y]);
                    f.sum_of = {{t.rows.size(), yc[y].prelim, 1}, {t.rows.size(), yc[y].adj, 1}};
                    row.cells[yc[y].fin] = std::move(f);
                } else {
                    row.cells[yc[y].fin] = amount(m.final_contribution[y], shown_.fin[k][y]);
                }
            }
            data_rows.push_back(t.rows.size());
            t.rows.push_back(std::move(row));
        }
        Row sum;
        sum.kind = RowKind::summa;
        sum.cells.assign(t.columns.size(), Cell{});
        sum.cells[0] = text(summa_word(lang_));
        for (std::size_t s = 0; s < share_cols; ++s) {
            Rational exact = 0;
            BigInt shown = 0;
            for (std::size_t k = 0; k < nm_; ++k) {
                exact += r_.members[k].share[s];
                shown += shown_.share[s][k];
            }
            Cell c = percent(exact, shown);
            c.sum_of = column_refs(1 + s, data_rows);
            sum.cells[1 + s] = std::move(c);
        }
        for (std::size_t y = 0; y < ny_; ++y) {
            Money p, a, f;
            for (const auto& m : r_.members) {
                p += m.contribution[y];
                a += m.adjustment[y];
                f += m.final_contribution[y];
            }
            if (shown_.adjusted[y]) {
                Cell cp = amount(p, shown_.prelim_sum[y]);
                cp.sum_of = column_refs(yc[y].prelim, data_rows);
                sum.cells[yc[y].prelim] = std::move(cp);
                Cell ca = amount(a, shown_.adj_sum[y]);
                ca.sum_of = column_refs(yc[y].adj, data_rows);
                sum.cells[yc[y].adj] = std::move(ca);
            }
            Cell cf = amount(f, shown_.fin_sum[y]);
            cf.sum_of = column_refs(yc[y].fin, data_rows);
            sum.cells[yc[y].fin] = std::move(cf);
        }
        t.rows.push_back(std::move(sum));
        return t;
    }

    // ---- 2. Kostnader per insats --------------------------------------------------------------

    Table costs() {
        Table t;
        t.id = "costs";
        t.title = titled(tr("Kostnader per insats", "Costs per intervention"));
        t.columns.push_back({tr("Insats", "Intervention"), Column::Kind::label});
        for (const auto& c : columns_) t.columns.push_back({column_header(c), Column::Kind::amount});
        const std::size_t nv = columns_.size();
        for (std::size_t y = 1; y < ny_; ++y) t.columns.push_back({tr("Förändring ", "Change ") + ys(year(y)), Column::Kind::percent});
        const std::size_t nc = t.columns.size();
        // exact amounts of a row by value column, and its budget of plan year y
        auto changes = [&](Row& row, auto&& budget_of) {
            for (std::size_t y = 1; y < ny_; ++y) row.cells[nv + y] = change(budget_of(y), budget_of(y - 1));
        };
        const bool grouped = groups_.size() > 1;
        std::vector<std::size_t> total_refs;
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            const Group& grp = groups_[g];
            if (grouped) {
                Row head;
                head.kind = RowKind::group;
                head.cells.assign(nc, Cell{});
                head.cells[0] = text(group_label(grp.kind));
                t.rows.push_back(std::move(head));
            }
            std::vector<std::size_t> rows;
            for (std::size_t i : grp.interventions) {
                const auto& iv = r_.interventions[i];
                Row row;
                row.cells.assign(nc, Cell{});
                row.cells[0] = text(iv.name);
                for (std::size_t v = 0; v < nv; ++v) row.cells[1 + v] = amount(columns_[v].exact[i], columns_[v].shown.cell[i]);
                changes(row, [&](std::size_t y) { return iv.amount[y]; });
                rows.push_back(t.rows.size());
                t.rows.push_back(std::move(row));
            }
            if (grouped) {
                Row sum;
                sum.kind = RowKind::summa;
                sum.cells.assign(nc, Cell{});
                sum.cells[0] = text(group_sum_label(grp.kind));
                auto exact = [&](const std::vector<Money>& per_iv) {
                    Money s;
                    for (std::size_t i : grp.interventions) s += per_iv[i];
                    return s;
                };
                for (std::size_t v = 0; v < nv; ++v) {
                    Cell c = amount(exact(columns_[v].exact), columns_[v].shown.group[g]);
                    c.sum_of = column_refs(1 + v, rows);
                    sum.cells[1 + v] = std::move(c);
                }
                changes(sum, [&](std::size_t y) {
                    Money s;
                    for (std::size_t i : grp.interventions) s += r_.interventions[i].amount[y];
                    return s;
                });
                total_refs.push_back(t.rows.size());
                t.rows.push_back(std::move(sum));
            } else {
                total_refs = rows;
            }
        }
        Row total;
        total.kind = RowKind::summa;
        total.cells.assign(nc, Cell{});
        total.cells[0] = text(summa_word(lang_));
        for (std::size_t v = 0; v < nv; ++v) {
            Cell c = amount(columns_[v].total, columns_[v].shown.total);
            c.sum_of = column_refs(1 + v, total_refs);
            total.cells[1 + v] = std::move(c);
        }
        changes(total, [&](std::size_t y) { return r_.totals[y].costs; });
        t.rows.push_back(std::move(total));
        return t;
    }

    // ---- 3. Fördelning per huvudman (the budget year) ------------------------------------------

    /// The interventions of year y with an amount or a part, and their parts rounded with each
    /// row summing to the intervention's shown amount and the total to the shown costs.
    std::pair<std::vector<std::size_t>, RoundedMatrix> round_distribution(std::size_t y) const {
        std::vector<std::size_t> ivs;
        for (const auto& g : groups_)
            for (std::size_t i : g.interventions) {
                const auto& iv = r_.interventions[i];
                bool any = iv.amount[y] != Money{};
                for (std::size_t k = 0; k < nm_; ++k)
                    if (iv.allocation[y][k] != Money{}) any = true;
                if (any) ivs.push_back(i);
            }
        RoundingProblem p;
        p.mode = mode_;
        for (std::size_t i : ivs) {
            std::vector<Rational> row;
            for (std::size_t k = 0; k < nm_; ++k) row.push_back(steps(r_.interventions[i].allocation[y][k]));
            p.cells.push_back(std::move(row));
            p.fixed_row_sums.push_back(shown_.amount[i][y]);
        }
        p.fixed_total = shown_.cost_sum[y];
        RoundedMatrix rm;
        if (ivs.empty()) rm.column_sums.assign(nm_, BigInt(0));  // nothing to round; the total is 0
        else rm = controlled_round(p);
        return {std::move(ivs), std::move(rm)};
    }

    Table distribution() {
        const std::size_t y = 0;
        Table t;
        t.id = "distribution";
        t.title = titled(tr("Fördelning per huvudman, budget ", "Distribution per member, budget ") + ys(year(y)));
        t.sheet = tr("Fördelning per huvudman ", "Distribution per member ") + ys(year(y));  // 31 characters at most
        t.columns.push_back({tr("Insats", "Intervention"), Column::Kind::label});
        for (const auto& m : r_.members) t.columns.push_back({m.name, Column::Kind::amount});
        t.columns.push_back({summa_word(lang_), Column::Kind::amount});
        const std::size_t nc = t.columns.size(), sum_col = nc - 1;

        auto parts_of = [&](const std::vector<Allocation>& alloc, std::size_t k) {
            return y < alloc.size() && k < alloc[y].parts.size() ? alloc[y].parts[k] : Money{};
        };
        const auto [ivs, rm] = round_distribution(y);

        std::vector<std::size_t> data_rows;
        for (std::size_t n = 0; n < ivs.size(); ++n) {
            const auto& iv = r_.interventions[ivs[n]];
            Row row;
            row.cells.assign(nc, Cell{});
            row.cells[0] = text(iv.name);
            for (std::size_t k = 0; k < nm_; ++k) row.cells[1 + k] = amount(iv.allocation[y][k], rm.cells[n][k]);
            Cell s = amount(iv.amount[y], rm.row_sums[n]);
            for (std::size_t k = 0; k < nm_; ++k) s.sum_of.push_back({t.rows.size(), 1 + k, 1});
            row.cells[sum_col] = std::move(s);
            data_rows.push_back(t.rows.size());
            t.rows.push_back(std::move(row));
        }
        Row sum;
        sum.kind = RowKind::summa;
        sum.cells.assign(nc, Cell{});
        sum.cells[0] = text(summa_word(lang_));
        std::vector<Money> carried(nm_);
        Money all;
        for (std::size_t k = 0; k < nm_; ++k) {
            for (std::size_t i : ivs) carried[k] += r_.interventions[i].allocation[y][k];
            all += carried[k];
            Cell c = amount(carried[k], rm.column_sums[k]);
            c.sum_of = column_refs(1 + k, data_rows);
            sum.cells[1 + k] = std::move(c);
        }
        Cell total = amount(all, rm.total);
        total.sum_of = column_refs(sum_col, data_rows);
        sum.cells[sum_col] = std::move(total);
        t.rows.push_back(std::move(sum));

        // varav ramdel / särskild del: what each member carries by the frame and by the keys
        std::vector<Money> frame(nm_), kase(nm_);
        Money frame_all, case_all;
        for (std::size_t k = 0; k < nm_; ++k) {
            for (std::size_t i : ivs) {
                frame[k] += parts_of(r_.interventions[i].frame_allocation, k);
                kase[k] += parts_of(r_.interventions[i].case_allocation, k);
            }
            frame_all += frame[k];
            case_all += kase[k];
        }
        bool consistent = true;
        for (std::size_t k = 0; k < nm_; ++k)
            if (frame[k] + kase[k] != carried[k]) consistent = false;
        if (consistent && frame_all != Money{} && case_all != Money{}) {
            RoundingProblem pp;
            pp.mode = mode_;
            pp.cells.assign(2, {});
            for (std::size_t k = 0; k < nm_; ++k) {
                pp.cells[0].push_back(steps(frame[k]));
                pp.cells[1].push_back(steps(kase[k]));
            }
            pp.fixed_column_sums.assign(rm.column_sums.begin(), rm.column_sums.end());
            pp.fixed_total = rm.total;
            const RoundedMatrix pm = controlled_round(pp);
            const std::string labels[2] = {tr("varav ramdel (efter slutlig ram)", "of which frame part (by the final frame)"),
                                           tr("varav särskild del (efter insatsens nyckel)", "of which case part (by the intervention's key)")};
            for (std::size_t r = 0; r < 2; ++r) {
                Row row;
                row.kind = RowKind::part;
                row.cells.assign(nc, Cell{});
                row.cells[0] = text(labels[r]);
                for (std::size_t k = 0; k < nm_; ++k) row.cells[1 + k] = amount(r == 0 ? frame[k] : kase[k], pm.cells[r][k]);
                Cell s = amount(r == 0 ? frame_all : case_all, pm.row_sums[r]);
                for (std::size_t k = 0; k < nm_; ++k) s.sum_of.push_back({t.rows.size(), 1 + k, 1});
                row.cells[sum_col] = std::move(s);
                t.rows.push_back(std::move(row));
            }
        }
        return t;
    }

    // ---- 4. Resultat och eget kapital ---------------------------------------------------------

    Table result_and_equity() {
        Table t;
        t.id = "result";
        t.title = titled(r_.has_equity ? tr("Resultat och eget kapital", "Result and equity") : tr("Resultat", "Result"));
        t.columns.push_back({tr("Post", "Item"), Column::Kind::label});
        for (const auto& c : columns_) t.columns.push_back({column_header(c), Column::Kind::amount});
        const std::size_t nc = t.columns.size();
        auto new_row = [&](RowKind kind, const std::string& label) {
            Row row;
            row.kind = kind;
            row.cells.assign(nc, Cell{});
            row.cells[0] = text(label);
            t.rows.push_back(std::move(row));
            return t.rows.size() - 1;
        };
        const std::size_t contrib = new_row(RowKind::data, tr("Bidrag från huvudmännen", "Contributions from the members"));
        const std::size_t income = r_.has_income ? new_row(RowKind::data, tr("Övriga intäkter", "Other income")) : 0;
        const std::size_t cost = new_row(RowKind::data, tr("Kostnader", "Costs"));
        const std::size_t result = new_row(RowKind::summa, tr("Årets resultat", "Result for the year"));
        std::size_t start = 0, end = 0;
        if (r_.has_equity) {
            start = new_row(RowKind::data, tr("Eget kapital vid årets början", "Equity at the start of the year"));
            end = new_row(RowKind::summa, tr("Eget kapital vid årets slut", "Equity at the end of the year"));
        }
        BigInt equity = ny_ == 0 ? BigInt(0) : shown_.equity_start[0];  // as round_result() chose it
        std::optional<std::size_t> last_budget;  // the column of the previous plan year's budget
        BigInt start_of_budget = 0;              // the shown equity at the start of the last budget year
        for (std::size_t v = 0; v < columns_.size(); ++v) {
            const ValueColumn& col = columns_[v];
            const std::size_t c = 1 + v;
            // contributions, income and costs of the column (nullopt: not known, left empty)
            std::optional<std::pair<Money, BigInt>> con, inc;
            Money exact_result;
            if (col.kind == ValueColumn::Kind::budget) {
                const YearTotals& tot = r_.totals[*col.yi];
                con = {{tot.contributions, shown_.fin_sum[*col.yi]}};
                inc = {{tot.income, shown_.income_sum[*col.yi]}};
                exact_result = tot.result;
            } else if (col.kind == ValueColumn::Kind::forecast) {
                const FollowUp& fu = *r_.follow_up;
                std::vector<Money> lines;
                for (const auto& l : fu.income) lines.push_back(l.forecast);
                con = {{fu.contributions, shown_.fin_sum[*col.yi]}};
                const std::optional<IncomeShown> chosen = forecast_income();  // as the follow-up table shows it
                inc = {{fu.income_forecast, chosen ? chosen->sum - shown_.fin_sum[*col.yi] : round_lines(lines).total}};
                exact_result = fu.forecast_result;
            } else {
                const ClosedYear& cy = *r_.follow_up->closed_year(col.year);
                if (cy.received) con = {{*cy.received, round_integer(steps(*cy.received), mode_)}};
                inc = {{cy.income, round_integer(steps(cy.income), mode_)}};
                if (cy.received) exact_result = *cy.received + cy.income - cy.total_costs;
            }
            if (con) t.rows[contrib].cells[c] = amount(con->first, con->second);
            if (r_.has_income) t.rows[income].cells[c] = amount(inc->first, inc->second);
            t.rows[cost].cells[c] = amount(col.total, col.shown.total);
            if (!con) continue;  // an actual without the contributions received: no result
            const BigInt res = con->second + (r_.has_income ? inc->second : BigInt(0)) - col.shown.total;
            Cell rc = amount(exact_result, res);
            rc.sum_of = {{contrib, c, 1}, {cost, c, -1}};
            if (r_.has_income) rc.sum_of.push_back({income, c, 1});
            t.rows[result].cells[c] = std::move(rc);
            if (!r_.has_equity || col.kind == ValueColumn::Kind::actual) continue;
            const YearTotals& tot = r_.totals[*col.yi];
            if (col.kind == ValueColumn::Kind::budget) {
                Cell sc = amount(tot.equity_start, equity);
                if (last_budget) sc.sum_of = {{end, 1 + *last_budget, 1}};
                t.rows[start].cells[c] = std::move(sc);
                start_of_budget = equity;
                equity += res;
                Cell ec = amount(tot.equity_end, equity);
                ec.sum_of = {{start, c, 1}, {result, c, 1}};
                t.rows[end].cells[c] = std::move(ec);
                last_budget = v;
            } else {  // the forecast: equity at the start of F as planned, plus the forecast result
                Cell sc = amount(tot.equity_start, start_of_budget);
                sc.sum_of = {{start, 1 + *last_budget, 1}};
                t.rows[start].cells[c] = std::move(sc);
                Cell ec = amount(r_.follow_up->forecast_equity_end.front().second, start_of_budget + res);
                ec.sum_of = {{start, c, 1}, {result, c, 1}};
                t.rows[end].cells[c] = std::move(ec);
            }
        }
        return t;
    }

    // ---- 5. Slutlig ram -----------------------------------------------------------------------

    Table final_frame() {
        std::vector<std::size_t> years;
        for (std::size_t y = 0; y < ny_; ++y)
            if (shown_.adjusted[y]) years.push_back(y);
        const bool one = years.size() == 1;
        Table t;
        t.id = "final_frame";
        t.title = titled(tr("Slutlig ram", "Final frame") + (one ? " " + ys(year(years[0])) : ""));
        t.columns.push_back({tr("Huvudman", "Member"), Column::Kind::label});
        for (std::size_t y : years) {
            const std::string suffix = one ? "" : " " + ys(year(y));
            t.columns.push_back({tr("Preliminär ram", "Preliminary frame") + suffix, Column::Kind::amount});
            t.columns.push_back({tr("Justering", "Adjustment") + suffix, Column::Kind::amount});
            t.columns.push_back({tr("Slutlig ram", "Final frame") + suffix, Column::Kind::amount});
            t.columns.push_back({tr("Förändring", "Change") + suffix, Column::Kind::percent});
        }
        const std::size_t nc = t.columns.size();
        std::vector<std::size_t> data_rows;
        for (std::size_t k = 0; k <= nm_; ++k) {
            const bool is_sum = k == nm_;
            Row row;
            row.kind = is_sum ? RowKind::summa : RowKind::data;
            row.cells.assign(nc, Cell{});
            row.cells[0] = text(is_sum ? summa_word(lang_) : r_.members[k].name);
            for (std::size_t n = 0; n < years.size(); ++n) {
                const std::size_t y = years[n], c = 1 + 4 * n;
                Money p, a, f;
                if (is_sum) {
                    for (const auto& m : r_.members) {
                        p += m.contribution[y];
                        a += m.adjustment[y];
                        f += m.final_contribution[y];
                    }
                } else {
                    p = r_.members[k].contribution[y];
                    a = r_.members[k].adjustment[y];
                    f = r_.members[k].final_contribution[y];
                }
                row.cells[c] = amount(p, is_sum ? shown_.prelim_sum[y] : shown_.prelim[k][y]);
                row.cells[c + 1] = amount(a, is_sum ? shown_.adj_sum[y] : shown_.adj[k][y]);
                row.cells[c + 2] = amount(f, is_sum ? shown_.fin_sum[y] : shown_.fin[k][y]);
                if (is_sum) {
                    row.cells[c].sum_of = column_refs(c, data_rows);
                    row.cells[c + 1].sum_of = column_refs(c + 1, data_rows);
                    row.cells[c + 2].sum_of = column_refs(c + 2, data_rows);
                } else {
                    row.cells[c + 2].sum_of = {{t.rows.size(), c, 1}, {t.rows.size(), c + 1, 1}};
                }
                row.cells[c + 3] = change(f, p);
            }
            if (!is_sum) data_rows.push_back(t.rows.size());
            t.rows.push_back(std::move(row));
        }
        for (const auto& a : r_.adjustments) {
            if (a.note.empty() || a.member >= nm_) continue;
            t.footnotes.push_back(tr("Justering ", "Adjustment ") + ys(a.year) + ", " + r_.members[a.member].name + ", " +
                                  format_exact_amount(a.amount, o_) + ": " + a.note);
        }
        return t;
    }

    // ---- 6. items of an intervention ----------------------------------------------------------

    std::optional<Table> items(std::size_t i) {
        const auto& iv = r_.interventions[i];
        std::vector<std::size_t> years;
        for (std::size_t y = 0; y < ny_; ++y)
            for (const auto& it : iv.items)
                if (y < it.amount.size() && it.amount[y]) {
                    years.push_back(y);
                    break;
                }
        if (years.empty()) return std::nullopt;
        Table t;
        t.id = "items-" + iv.id;
        t.title = titled(iv.name + tr(": delposter", ": items"));
        t.columns.push_back({tr("Delpost", "Item"), Column::Kind::label});
        for (std::size_t y : years) t.columns.push_back({year_heading(y), Column::Kind::amount});
        const std::size_t nc = t.columns.size(), ni = iv.items.size();
        for (std::size_t n = 0; n <= ni; ++n) {
            Row row;
            row.kind = n == ni ? RowKind::summa : RowKind::data;
            row.cells.assign(nc, Cell{});
            row.cells[0] = text(n == ni ? summa_word(lang_) : iv.items[n].name);
            t.rows.push_back(std::move(row));
        }
        std::vector<std::size_t> data_rows;
        for (std::size_t n = 0; n < ni; ++n) data_rows.push_back(n);
        for (std::size_t c = 0; c < years.size(); ++c) {
            const std::size_t y = years[c];
            RoundingProblem p;
            p.mode = mode_;
            p.row_sums_shown = false;
            Money exact;
            for (const auto& it : iv.items) {
                const Money a = y < it.amount.size() && it.amount[y] ? *it.amount[y] : Money{};
                exact += a;
                p.cells.push_back({steps(a)});
            }
            // the Summa shows what Kostnader per insats shows for the intervention, when they are the same amount
            if (exact == iv.amount[y]) p.fixed_total = shown_.amount[i][y];
            const RoundedMatrix rm = controlled_round(p);
            for (std::size_t n = 0; n < ni; ++n) {
                const auto& a = y < iv.items[n].amount.size() ? iv.items[n].amount[y] : std::nullopt;
                if (a) t.rows[n].cells[1 + c] = amount(*a, rm.cells[n][0]);
            }
            Cell s = amount(exact, rm.total);
            s.sum_of = column_refs(1 + c, data_rows);
            t.rows[ni].cells[1 + c] = std::move(s);
        }
        return t;
    }

    // ---- 7. Uppföljning per insats (spec 14.3, 14.5) --------------------------------------------

    /// A percentage cell rounded the ordinary way (not summed): actual / budget.
    Cell used(Money actual, Money budget) const {
        if (budget == Money{}) return Cell{};
        const Rational pct = Rational(100) * actual.exact_ore() / budget.exact_ore();
        return percent(pct, round_integer(pct * 10, mode_));
    }

    /// Whether `shown` steps lie within one step of `exact` (its value rounded down or up).
    bool within_step(const BigInt& shown, Money exact) const {
        const Rational d = Rational(shown) - steps(exact);
        return d < 1 && d > -1;
    }

    /// A deviation column of the follow-up table: the differences a − b of the shown figures
    /// when every one of them lies within a step of its exact value (then each row, and by
    /// linearity each Summa, adds up); else the column rounded on its own with its Summa
    /// (controlled rounding), and the rows whose deviation is no longer a − b say so.
    GroupedShown deviation_column(const GroupedShown& a, const GroupedShown& b, const std::vector<Money>& exact,
                                  const std::vector<Money>& exact_group, Money exact_total) const {
        GroupedShown d;
        bool fits = within_step(a.total - b.total, exact_total);
        for (std::size_t i = 0; i < a.cell.size(); ++i) {
            d.cell.push_back(a.cell[i] - b.cell[i]);
            fits = fits && within_step(d.cell.back(), exact[i]);
        }
        for (std::size_t g = 0; g < a.group.size(); ++g) {
            d.group.push_back(a.group[g] - b.group[g]);
            fits = fits && within_step(d.group.back(), exact_group[g]);
        }
        d.total = a.total - b.total;
        return fits ? d : round_grouped(exact);
    }

    /// An income column of the follow-up table (the budget or the forecast): the other income
    /// lines rounded so that Summa intäkter (the members' contributions as shown plus the lines),
    /// the result (Summa intäkter − Summa kostnader) and the equity at the year's end (the equity
    /// at its start plus the result) each lie within a step of their exact values. `preferred`
    /// is the Summa that the result table's column implies; then the Summa's own neighbours.
    /// Empty when no choice does it (the caller then lets the relations yield).
    struct IncomeShown {
        RoundedMatrix lines;
        BigInt sum;
    };
    std::optional<IncomeShown> income_column(const std::vector<Money>& lines, Money income, Money result, std::optional<Money> equity_end,
                                             Money contributions_exact, const BigInt& contributions, const BigInt& costs,
                                             const BigInt& equity_start, const BigInt& preferred) const {
        std::vector<BigInt> candidates{preferred};
        for (const BigInt& n : neighbours(steps(income), mode_)) candidates.push_back(n);
        BigInt lo = 0, hi = 0;
        for (Money m : lines) {
            const std::vector<BigInt> n = neighbours(steps(m), mode_);
            lo += n.size() == 2 ? std::min(n[0], n[1]) : n[0];
            hi += n.size() == 2 ? std::max(n[0], n[1]) : n[0];
        }
        for (const BigInt& s : candidates) {
            const BigInt lines_sum = s - contributions, res = s - costs;
            if (!within_step(s, income) || !within_step(res, result) || !within_step(lines_sum, income - contributions_exact) ||
                lines_sum < lo || lines_sum > hi)
                continue;
            if (equity_end && !within_step(equity_start + res, *equity_end)) continue;
            if (lines.empty()) {
                RoundedMatrix none;
                none.column_sums.assign(1, BigInt(0));
                return IncomeShown{std::move(none), s};
            }
            RoundingProblem p;
            p.mode = mode_;
            p.row_sums_shown = false;
            for (Money m : lines) p.cells.push_back({steps(m)});
            p.fixed_total = lines_sum;
            return IncomeShown{controlled_round(p), s};
        }
        return std::nullopt;
    }

    /// The follow-up year's forecast income as income_column() chooses it (the result table's
    /// Prognos column and the follow-up table show the same lines and result).
    std::optional<IncomeShown> forecast_income() const {
        const FollowUp& fu = *r_.follow_up;
        const std::size_t F = r_.year_index(fu.year);
        const ValueColumn* fc = nullptr;
        for (const auto& c : columns_)
            if (c.kind == ValueColumn::Kind::forecast) fc = &c;
        std::vector<Money> lf;
        for (const auto& l : fu.income) lf.push_back(l.forecast);
        const BigInt start = r_.has_equity ? shown_.equity_start[F] : BigInt(0);
        const std::optional<Money> eq_f = r_.has_equity ? std::optional<Money>(fu.forecast_equity_end.front().second) : std::nullopt;
        return income_column(lf, fu.contributions + fu.income_forecast, fu.forecast_result, eq_f, fu.contributions, shown_.fin_sum[F],
                             fc->shown.total, start, shown_.fin_sum[F] + round_lines(lf).total);
    }

    Table follow_up() {
        const FollowUp& fu = *r_.follow_up;
        const std::size_t F = r_.year_index(fu.year);
        const std::string T = std::string(month_name(fu.through_month, lang_));
        const std::string to = tr(" t.o.m. ", " through ") + T;
        Table t;
        t.id = "followup";
        t.title = titled(tr("Uppföljning per insats ", "Follow-up per intervention ") + ys(fu.year) + to);
        enum Col : std::size_t { label, budget, budget_to_date, actual_to_date, deviation, used_col, forecast, forecast_deviation, ncols };
        t.columns = {{tr("Insats", "Intervention"), Column::Kind::label},
                     {"Budget " + ys(fu.year), Column::Kind::amount},
                     {"Budget" + to, Column::Kind::amount},
                     {tr("Utfall", "Actual") + to, Column::Kind::amount},
                     {tr("Avvikelse", "Deviation"), Column::Kind::amount},
                     {tr("Förbrukat", "Used"), Column::Kind::percent},
                     {tr("Prognos ", "Forecast ") + ys(fu.year), Column::Kind::amount},
                     {tr("Avvikelse prognos", "Forecast deviation"), Column::Kind::amount}};
        // the shown figures: budget as in Kostnader per insats, the forecast as its Prognos column
        auto column = [&](auto field) {
            std::vector<Money> v;
            for (const auto& f : fu.interventions) v.push_back(f.figures.*field);
            return v;
        };
        auto group_column = [&](auto field) {
            std::vector<Money> v;
            for (const auto& g : groups_) v.push_back(fu.by_kind.at(g.kind).*field);
            return v;
        };
        const std::vector<Money> btd = column(&FollowUpFigures::budget_to_date), atd = column(&FollowUpFigures::actual_to_date);
        const GroupedShown s_btd = round_grouped(btd), s_atd = round_grouped(atd);
        const ValueColumn* fc = nullptr;
        for (const auto& c : columns_)
            if (c.kind == ValueColumn::Kind::forecast) fc = &c;
        GroupedShown s_b;
        for (std::size_t i = 0; i < r_.interventions.size(); ++i) s_b.cell.push_back(shown_.amount[i][F]);
        for (std::size_t g = 0; g < groups_.size(); ++g) s_b.group.push_back(shown_.group_sum[g][F]);
        s_b.total = shown_.cost_sum[F];
        const GroupedShown s_dev = deviation_column(s_btd, s_atd, column(&FollowUpFigures::deviation_to_date),
                                                    group_column(&FollowUpFigures::deviation_to_date), fu.totals.deviation_to_date);
        const GroupedShown s_fdev = deviation_column(s_b, fc->shown, column(&FollowUpFigures::forecast_deviation),
                                                     group_column(&FollowUpFigures::forecast_deviation), fu.totals.forecast_deviation);
        auto new_row = [&](RowKind kind, const std::string& name) {
            Row row;
            row.kind = kind;
            row.cells.assign(ncols, Cell{});
            row.cells[label] = text(name);
            t.rows.push_back(std::move(row));
            return t.rows.size() - 1;
        };
        // A cell meant to be a sum of other shown cells in its row: that sum when it lies within
        // a step of the exact value (or `shown` when given: a column rounded on its own), else its
        // own rounding; a cell whose shown value is not the row's sum is listed in the footnote
        // and, in a Summa row, is the sum of its column's rows (`column`) instead.
        std::vector<std::string> yielded;
        auto sum_shown = [&](const std::vector<CellRef>& refs) {
            BigInt s = 0;
            for (const auto& ref : refs) s += ref.sign * BigInt(t.rows[ref.row].cells[ref.column].shown);
            return s;
        };
        auto related = [&](std::size_t r, std::size_t c, Money exact, std::vector<CellRef> refs, std::optional<BigInt> shown = std::nullopt,
                           std::vector<CellRef> column = {}) {
            const BigInt s = sum_shown(refs);
            const BigInt v = shown ? *shown : within_step(s, exact) ? s : round_integer(steps(exact), mode_);
            Cell cell = amount(exact, v);
            if (v == s) {
                cell.sum_of = std::move(refs);
            } else {
                yielded.push_back(t.rows[r].cells[label].text + ", " + t.columns[c].header);
                if (!column.empty() && sum_shown(column) == v) cell.sum_of = std::move(column);
            }
            t.rows[r].cells[c] = std::move(cell);
        };
        // costs: deviation = budget to date − actual, forecast deviation = budget − forecast
        auto cost_row = [&](std::size_t r, const FollowUpFigures& g, const BigInt& b, const BigInt& bt, const BigInt& at, const BigInt& f,
                            const BigInt& dev, const BigInt& fdev, const std::vector<std::size_t>& summed = {}) {
            Row& row = t.rows[r];
            row.cells[budget] = amount(g.budget, b);
            row.cells[budget_to_date] = amount(g.budget_to_date, bt);
            row.cells[actual_to_date] = amount(g.actual_to_date, at);
            row.cells[used_col] = used(g.actual_to_date, g.budget);
            row.cells[forecast] = amount(g.forecast, f);
            related(r, deviation, g.deviation_to_date, {{r, budget_to_date, 1}, {r, actual_to_date, -1}}, dev, column_refs(deviation, summed));
            related(r, forecast_deviation, g.forecast_deviation, {{r, budget, 1}, {r, forecast, -1}}, fdev,
                    column_refs(forecast_deviation, summed));
        };
        auto sum_refs = [&](std::size_t r, const std::vector<std::size_t>& rows) {
            for (auto col : {budget, budget_to_date, actual_to_date, forecast}) t.rows[r].cells[col].sum_of = column_refs(col, rows);
        };
        const bool grouped = groups_.size() > 1;
        std::vector<std::size_t> total_refs;
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            const Group& grp = groups_[g];
            if (grouped) new_row(RowKind::group, group_label(grp.kind));
            std::vector<std::size_t> rows;
            for (std::size_t i : grp.interventions) {
                const std::size_t r = new_row(RowKind::data, r_.interventions[i].name);
                cost_row(r, fu.interventions[i].figures, s_b.cell[i], s_btd.cell[i], s_atd.cell[i], fc->shown.cell[i], s_dev.cell[i],
                         s_fdev.cell[i]);
                rows.push_back(r);
            }
            if (grouped) {
                const std::size_t r = new_row(RowKind::summa, group_sum_label(grp.kind));
                cost_row(r, fu.by_kind.at(grp.kind), s_b.group[g], s_btd.group[g], s_atd.group[g], fc->shown.group[g], s_dev.group[g],
                         s_fdev.group[g], rows);
                sum_refs(r, rows);
                total_refs.push_back(r);
            } else {
                total_refs = rows;
            }
        }
        const std::size_t costs_row = new_row(RowKind::summa, tr("Summa kostnader", "Total costs"));
        cost_row(costs_row, fu.totals, s_b.total, s_btd.total, s_atd.total, fc->shown.total, s_dev.total, s_fdev.total, total_refs);
        sum_refs(costs_row, total_refs);

        // income: the members' contributions (as budgeted, and received) and other income;
        // deviations are actual − budget, so that a positive deviation is better for the result
        new_row(RowKind::group, tr("Intäkter", "Income"));
        std::vector<std::size_t> income_rows;
        std::optional<RoundedMatrix> received;
        if (fu.contributions_given) {
            std::vector<Money> v;
            for (const auto& m : fu.members) v.push_back(*m.received_to_date);
            received = round_lines(v);
        }
        for (std::size_t k = 0; k < nm_; ++k) {
            const std::size_t r = new_row(RowKind::data, tr("Bidrag ", "Contribution ") + r_.members[k].name);
            Row& row = t.rows[r];
            row.cells[budget] = amount(fu.members[k].contribution, shown_.fin[k][F]);
            if (received) row.cells[actual_to_date] = amount(*fu.members[k].received_to_date, received->cells[k][0]);
            row.cells[forecast] = amount(fu.members[k].contribution, shown_.fin[k][F]);
            income_rows.push_back(r);
        }
        std::vector<Money> lb, lbt, lat, lf, lfdev;
        for (const auto& l : fu.income) {
            lb.push_back(l.budget);
            lbt.push_back(l.budget_to_date);
            lat.push_back(l.actual_to_date);
            lf.push_back(l.forecast);
            lfdev.push_back(l.forecast - l.budget);
        }
        // the year's income, result and equity at its end, in the budget and the forecast
        Money income_budget = fu.contributions, income_forecast = fu.contributions;
        for (const auto& l : fu.income) income_budget += l.budget;
        income_forecast += fu.income_forecast;
        const YearTotals& tot = r_.totals[F];
        const BigInt start = r_.has_equity ? shown_.equity_start[F] : BigInt(0);  // as the result table shows it
        const std::optional<Money> eq_b = r_.has_equity ? std::optional<Money>(tot.equity_end) : std::nullopt;
        const std::optional<Money> eq_f = r_.has_equity ? std::optional<Money>(fu.forecast_equity_end.front().second) : std::nullopt;
        const RoundedMatrix plain_lb = round_lines(lb), plain_lf = round_lines(lf);
        // preferred: the Summa that the result table's budget and forecast columns imply
        const std::optional<IncomeShown> in_b = income_column(lb, income_budget, tot.result, eq_b, fu.contributions, shown_.fin_sum[F],
                                                              shown_.cost_sum[F], start, shown_.fin_sum[F] + shown_.income_sum[F]);
        const std::optional<IncomeShown> in_f = forecast_income();
        const RoundedMatrix& s_lb = in_b ? in_b->lines : plain_lb;
        const RoundedMatrix& s_lf = in_f ? in_f->lines : plain_lf;
        const RoundedMatrix s_lbt = round_lines(lbt), s_lat = round_lines(lat);
        // the income lines' forecast deviations, with Summa intäkter's: the differences of the
        // shown figures when they all lie within a step, else the column rounded on its own
        std::vector<BigInt> fdev_lines;
        bool fdev_fits = within_step(s_lf.total - s_lb.total, income_forecast - income_budget);
        for (std::size_t j = 0; j < lfdev.size(); ++j) {
            fdev_lines.push_back(s_lf.cells[j][0] - s_lb.cells[j][0]);
            fdev_fits = fdev_fits && within_step(fdev_lines.back(), lfdev[j]);
        }
        BigInt fdev_total = s_lf.total - s_lb.total;
        if (!fdev_fits) {
            const RoundedMatrix rm = round_lines(lfdev);
            for (std::size_t j = 0; j < lfdev.size(); ++j) fdev_lines[j] = rm.cells[j][0];
            fdev_total = rm.total;
        }
        std::vector<std::size_t> line_rows;
        for (std::size_t j = 0; j < fu.income.size(); ++j) {
            const std::size_t r = new_row(RowKind::data, r_.income[j].name);
            const auto& l = fu.income[j];
            Row& row = t.rows[r];
            row.cells[budget] = amount(l.budget, s_lb.cells[j][0]);
            row.cells[budget_to_date] = amount(l.budget_to_date, s_lbt.cells[j][0]);
            row.cells[actual_to_date] = amount(l.actual_to_date, s_lat.cells[j][0]);
            row.cells[forecast] = amount(l.forecast, s_lf.cells[j][0]);
            related(r, deviation, l.actual_to_date - l.budget_to_date, {{r, actual_to_date, 1}, {r, budget_to_date, -1}});
            related(r, forecast_deviation, lfdev[j], {{r, forecast, 1}, {r, budget, -1}}, fdev_lines[j]);
            line_rows.push_back(r);
            income_rows.push_back(r);
        }
        const std::size_t income_sum = new_row(RowKind::summa, tr("Summa intäkter", "Total income"));
        related(income_sum, budget, income_budget, column_refs(budget, income_rows));
        related(income_sum, forecast, income_forecast, column_refs(forecast, income_rows));
        related(income_sum, forecast_deviation, income_forecast - income_budget, {{income_sum, forecast, 1}, {income_sum, budget, -1}},
                fdev_total, column_refs(forecast_deviation, line_rows));

        // the result of the year, as budgeted and as forecast, and the equity at its end
        const std::size_t result = new_row(RowKind::summa, tr("Årets resultat", "Result for the year"));
        related(result, budget, tot.result, {{income_sum, budget, 1}, {costs_row, budget, -1}});
        related(result, forecast, fu.forecast_result, {{income_sum, forecast, 1}, {costs_row, forecast, -1}});
        related(result, forecast_deviation, fu.forecast_result - tot.result, {{result, forecast, 1}, {result, budget, -1}});
        if (r_.has_equity) {
            const std::size_t eq = new_row(RowKind::summa, tr("Eget kapital vid årets slut", "Equity at the end of the year"));
            // the equity at the start of the year as the result table shows it, plus the result
            auto equity_cell = [&](std::size_t c, Money exact) {
                const BigInt v = start + BigInt(t.rows[result].cells[c].shown);
                const bool fits = within_step(v, exact);
                t.rows[eq].cells[c] = amount(exact, fits ? v : round_integer(steps(exact), mode_));
                if (!fits) yielded.push_back(t.rows[eq].cells[label].text + ", " + t.columns[c].header);
            };
            equity_cell(budget, tot.equity_end);
            equity_cell(forecast, *eq_f);
            related(eq, forecast_deviation, *eq_f - tot.equity_end, {{eq, forecast, 1}, {eq, budget, -1}});
        }
        t.footnotes.push_back(tr("Avvikelse: budget − utfall för kostnaderna, utfall − budget för intäkterna och resultatet (positiv "
                                 "avvikelse är bättre för resultatet). Förbrukat: utfall t.o.m. ",
                                 "Deviation: budget − actual for the costs, actual − budget for the income and the result (a positive "
                                 "deviation is better for the result). Used: actual through ") +
                              T + tr(" i procent av årets budget.", " as a percent of the year's budget."));
        if (!yielded.empty()) {
            std::string list;
            for (const auto& y : yielded) list += (list.empty() ? "" : "; ") + y;
            t.footnotes.push_back(tr("Avrundade var för sig, så att varje tal ligger inom en enhet från sitt exakta värde och varje "
                                     "summa i en kolumn är summan av de visade raderna; därför inte skillnaden (eller summan) av de "
                                     "visade talen på raden: ",
                                     "Rounded on their own, so that every figure lies within one unit of its exact value and every "
                                     "total in a column is the sum of the rows shown; hence not the difference (or sum) of the figures "
                                     "shown in the row: ") +
                                  list + ".");
        }
        return t;
    }

    // ---- 8. Likviditet (spec 14.4, 14.5) ----------------------------------------------------------

    /// The shown cash, in and out of a liquidity table whose rows are periods of `months`
    /// months (1: the month table, 3: the quarter table). The cash balance is the headline
    /// figure (issue 14): every shown cash, the opening too, is its exact value at its ordinary
    /// rounding. A year's in and out are then rounded together by controlled_round() with each
    /// period's in − out fixed to the change of the shown cash, so the chain (cash = cash before
    /// + in − out) holds and the year's Summa add up, every flow and Summa its exact value
    /// rounded down or up. Only where that would leave a Summa more than one step from its exact
    /// value (or no rounding meets the changes) does the chain yield: that year's flows are
    /// rounded without it, and the periods where it does not hold are named in a footnote.
    struct ShownCash {
        BigInt opening = 0;
        std::vector<std::vector<BigInt>> in, out, cash;  // [year][period]
        std::vector<std::vector<bool>> chained;          // [year][period]: cash = cash before + in − out
        std::vector<BigInt> in_sum, out_sum;             // by year
    };
    ShownCash round_cash(std::size_t months) const {
        const LiquidityResult& l = *r_.liquidity;
        const std::size_t periods = 12 / months;
        ShownCash s;
        s.opening = round_integer(steps(l.opening), mode_);
        BigInt before = s.opening;
        for (std::size_t y = 0; y < ny_; ++y) {
            RoundingProblem p;
            p.mode = mode_;
            p.row_sums_shown = false;
            std::vector<BigInt> cash;
            Money in_all, out_all;
            BigInt change = 0;
            for (std::size_t q = 0; q < periods; ++q) {
                Money in, out;
                for (std::size_t m = q * months; m < (q + 1) * months; ++m) {
                    in += l.months[y][m].in;
                    out += l.months[y][m].out;
                }
                in_all += in;
                out_all += out;
                cash.push_back(round_integer(steps(l.months[y][(q + 1) * months - 1].cash_end), mode_));
                // the out column negated: a row's sum is in − out, fixed to the change of the cash
                p.cells.push_back({steps(in), -steps(out)});
                p.fixed_row_sums.emplace_back(cash.back() - (q == 0 ? before : cash[q - 1]));
                change += *p.fixed_row_sums.back();
            }
            p.fixed_total = change;
            auto neighbour = [&](const BigInt& shown, Money exact) { return abs(Rational(shown) - steps(exact)) < 1; };
            std::optional<RoundedMatrix> rm;
            try {
                rm = controlled_round(p);
                if (!neighbour(rm->column_sums[0], in_all) || !neighbour(-rm->column_sums[1], out_all)) rm.reset();
            } catch (const Error&) {
                rm.reset();
            }
            if (!rm) {  // the chain yields: the flows rounded as a table of their own
                p.fixed_row_sums.clear();
                p.fixed_total.reset();
                rm = controlled_round(p);
            }
            s.in.emplace_back();
            s.out.emplace_back();
            s.chained.emplace_back();
            for (std::size_t q = 0; q < periods; ++q) {
                s.in[y].push_back(rm->cells[q][0]);
                s.out[y].push_back(-rm->cells[q][1]);
                s.chained[y].push_back(cash[q] == (q == 0 ? before : cash[q - 1]) + rm->cells[q][0] + rm->cells[q][1]);
            }
            s.cash.push_back(cash);
            s.in_sum.push_back(rm->column_sums[0]);
            s.out_sum.push_back(-rm->column_sums[1]);
            before = cash.back();
        }
        return s;
    }

    /// The footnote naming the rows whose cash does not follow from the row before (none: none).
    std::optional<std::string> chain_footnote(const std::vector<std::string>& rows) const {
        if (rows.empty()) return std::nullopt;
        std::string list;
        for (const auto& r : rows) list += (list.empty() ? "" : ", ") + r;
        return tr("Kassan är det exakta beloppet avrundat och följer inte av föregående kassa + in − ut i: ",
                  "The cash is the exact amount rounded and does not follow from the cash before + in − out in: ") +
               list + tr(" (årets summor av in och ut hade annars hamnat mer än ett steg från de exakta).",
                         " (the year's sums of in and out would otherwise lie more than a step from the exact ones).");
    }

    /// The first row of a liquidity table: the opening cash in column `cash`.
    std::size_t opening_row(Table& t, std::size_t cash) const {
        Row row;
        row.cells.assign(t.columns.size(), Cell{});
        row.cells[0] = text(tr("Ingående kassa", "Opening cash"));
        row.cells[cash] = amount(r_.liquidity->opening, round_integer(steps(r_.liquidity->opening), mode_));
        t.rows.push_back(std::move(row));
        return t.rows.size() - 1;
    }

    std::string source_label(CashSource src) const {
        switch (src) {
            case CashSource::plan: return tr("budget", "plan");
            case CashSource::actual: return tr("utfall", "actual");
            case CashSource::forecast: return tr("prognos", "forecast");
        }
        return "";
    }

    std::string minimum_footnote() const {
        return tr("Miniminivå: ", "Minimum: ") + format_exact_amount(r_.liquidity->minimum, o_) +
               tr("; månader med kassa under den är markerade.", "; months with cash below it are marked.");
    }

    /// One period of a liquidity table: its label, its basis ("" for none), flows and cash.
    struct CashPeriod {
        std::string label, source;
        Money in, out, cash_end;
        bool below = false;  // the period (or one of its months) ends below the minimum
    };
    /// The columns of a liquidity table; `source` is the month table's basis column (or npos).
    struct CashColumns {
        std::size_t label, source, in, out, cash, mark, count;
    };
    /// The rows of a liquidity table: per year its `periods` rows and a Summa row. The cash
    /// refers to in, out and the row before where the shown chain holds; the labels of the
    /// rows where it does not are added to `unchained` for the footnote.
    void cash_rows(Table& t, const ShownCash& s, std::size_t periods, const CashColumns& col,
                   const std::function<CashPeriod(std::size_t y, std::size_t k)>& period,
                   std::vector<std::string>& unchained) {
        std::optional<std::size_t> previous = opening_row(t, col.cash);  // the row of the period before
        for (std::size_t y = 0; y < ny_; ++y) {
            std::vector<std::size_t> rows;
            Money in_all, out_all;
            for (std::size_t k = 0; k < periods; ++k) {
                const CashPeriod c = period(y, k);
                in_all += c.in;
                out_all += c.out;
                const std::size_t r = t.rows.size();
                Row row;
                row.cells.assign(col.count, Cell{});
                row.cells[col.label] = text(c.label);
                if (col.source != std::string::npos) row.cells[col.source] = text(c.source);
                row.cells[col.in] = amount(c.in, s.in[y][k]);
                row.cells[col.out] = amount(c.out, s.out[y][k]);
                Cell cash = amount(c.cash_end, s.cash[y][k]);
                if (s.chained[y][k]) {
                    cash.sum_of = {{r, col.in, 1}, {r, col.out, -1}};
                    if (previous) cash.sum_of.push_back({*previous, col.cash, 1});
                } else {
                    unchained.push_back(c.label);
                }
                row.cells[col.cash] = std::move(cash);
                if (c.below) row.cells[col.mark] = text(tr("ja", "yes"));
                rows.push_back(r);
                previous = r;
                t.rows.push_back(std::move(row));
            }
            Row sum;
            sum.kind = RowKind::summa;
            sum.cells.assign(col.count, Cell{});
            sum.cells[col.label] = text(summa_word(lang_) + " " + ys(year(y)));
            sum.cells[col.in] = amount(in_all, s.in_sum[y]);
            sum.cells[col.in].sum_of = column_refs(col.in, rows);
            sum.cells[col.out] = amount(out_all, s.out_sum[y]);
            sum.cells[col.out].sum_of = column_refs(col.out, rows);
            t.rows.push_back(std::move(sum));
        }
    }

    Table liquidity_months() {
        const LiquidityResult& l = *r_.liquidity;
        std::vector<std::string> unchained;
        Table t;
        t.id = "liquidity";
        t.title = titled(tr("Likviditet per månad", "Liquidity per month"));
        enum Col : std::size_t { label, source, in, out, cash, mark, ncols };
        t.columns = {{tr("Månad", "Month"), Column::Kind::label}, {tr("Underlag", "Basis"), Column::Kind::label},
                     {tr("In", "In"), Column::Kind::amount},       {tr("Ut", "Out"), Column::Kind::amount},
                     {tr("Kassa vid månadens slut", "Cash at the end of the month"), Column::Kind::amount},
                     {tr("Under miniminivån", "Below the minimum"), Column::Kind::label}};
        cash_rows(t, round_cash(1), 12, {label, source, in, out, cash, mark, ncols},
                  [&](std::size_t y, std::size_t m) {
                      const CashMonth& c = l.months[y][m];
                      return CashPeriod{std::string(month_name(static_cast<int>(m) + 1, lang_)) + " " + ys(year(y)),
                                        source_label(c.source), c.in, c.out, c.cash_end, c.cash_end < l.minimum};
                  },
                  unchained);
        t.footnotes.push_back(minimum_footnote());
        if (auto f = chain_footnote(unchained)) t.footnotes.push_back(*f);
        return t;
    }

    Table liquidity_quarters() {
        const LiquidityResult& l = *r_.liquidity;
        std::vector<std::string> unchained;
        Table t;
        t.id = "liquidity_quarters";
        t.title = titled(tr("Likviditet per kvartal", "Liquidity per quarter"));
        enum Col : std::size_t { label, in, out, cash, mark, ncols };
        t.columns = {{tr("Kvartal", "Quarter"), Column::Kind::label},
                     {tr("In", "In"), Column::Kind::amount},
                     {tr("Ut", "Out"), Column::Kind::amount},
                     {tr("Kassa vid kvartalets slut", "Cash at the end of the quarter"), Column::Kind::amount},
                     {tr("Under miniminivån", "Below the minimum"), Column::Kind::label}};
        cash_rows(t, round_cash(3), 4, {label, std::string::npos, in, out, cash, mark, ncols},
                  [&](std::size_t y, std::size_t q) {
                      const auto& qu = l.quarters[y][q];
                      bool below = false;
                      for (std::size_t m = 3 * q; m < 3 * q + 3; ++m) below = below || l.months[y][m].cash_end < l.minimum;
                      return CashPeriod{ys(year(y)) + tr(" kv ", " Q") + std::to_string(q + 1), "", qu.in, qu.out, qu.cash_end, below};
                  },
                  unchained);
        t.footnotes.push_back(tr("Ett kvartal är markerat när någon av dess månader slutar under miniminivån. ",
                                 "A quarter is marked when one of its months ends below the minimum. ") +
                              minimum_footnote());
        if (auto f = chain_footnote(unchained)) t.footnotes.push_back(*f);
        return t;
    }
};

}  // namespace

Cell text_cell(std::string text) {
    Cell c;
    c.kind = Cell::Kind::text;
    c.text = std::move(text);
    return c;
}

Cell amount_cell(Money amount, const BigInt& shown, const TableOptions& options, RoundingMode mode) {
    Cell c;
    c.kind = Cell::Kind::amount;
    c.amount = amount;
    c.shown = to64(shown);
    c.moved = shown != round_integer(Rational(amount.ore(), options.step_ore()), mode);
    return c;
}

Cell percent_cell(const Rational& percent, const BigInt& tenths, RoundingMode mode) {
    Cell c;
    c.kind = Cell::Kind::percent;
    c.percent = percent;
    c.shown = to64(tenths);
    c.moved = tenths != round_integer(percent * 10, mode);
    return c;
}

void add_moved_footnote(Table& t, const TableOptions& o) { report_detail::add_rounding_footnote(t, o, false); }

namespace report_detail {
ShownFigures shown_figures(const Result& result, const TableOptions& options) {
    (void)options.step_ore();  // checks the unit and decimals
    return Builder(result, options).figures();
}
}  // namespace report_detail

BudgetTables build_tables(const Result& result, const TableOptions& options) {
    (void)options.step_ore();  // checks the unit and decimals
    return Builder(result, options).run();
}

}  // namespace finsam
