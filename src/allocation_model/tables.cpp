// The tables of `finsam allocate --format md|html|csv|xlsx`, built with the table model and the
// controlled rounding of report.hpp, so every Summa is the sum of the rows it shows and every
// cell is its exact value rounded down or up:
//   1. the distribution: per förbund the weight parts (%), previous, allocation, the change
//      in kr and %, capped or not;
//   2. the frame the allocation implies: the state's half (the allocation), the region's and
//      the municipalities' quarters, and the frame (2 × the allocation).
// One figure shows the same in both: Table 2 is rounded first, as a matrix whose rows add up
// to the frame and whose state column adds up to the ordinary rounding of the total; Table 1
// takes that column as its allocations and rounds previous and change so that in each row they
// add up to the allocation shown.
#include "finsam/allocation_model.hpp"

namespace finsam {
namespace {

class AllocationTables {
public:
    AllocationTables(const AllocationResult& r, const TableOptions& o) : r_(r), o_(o), step_(o.step_ore()), n_(r.forbund.size()) {}

    BudgetTables run() {
        BudgetTables out;
        out.name = r_.name;
        out.subject = tr("statens fördelning", "the state's distribution");
        out.first_year = out.last_year = r_.year;
        out.options = o_;
        Table frame_table = frame();
        out.tables.push_back(distribution());
        out.tables.push_back(std::move(frame_table));
        for (auto& t : out.tables) add_moved_footnote(t, o_);
        return out;
    }

private:
    const AllocationResult& r_;
    const TableOptions& o_;
    std::int64_t step_;
    std::size_t n_;
    std::vector<BigInt> shown_allocation_;  // Table 2's state column, Table 1's allocation column
    BigInt shown_total_;

    std::string tr(const std::string& sv, const std::string& en) const { return o_.lang == Lang::sv ? sv : en; }
    std::string year() const { return std::to_string(r_.year); }
    Rational steps(Money m) const { return Rational(m.ore(), step_); }
    Cell amount(Money exact, const BigInt& shown) const { return amount_cell(exact, shown, o_, r_.mode); }
    Cell percent(const Rational& exact, const BigInt& tenths) const { return percent_cell(exact, tenths, r_.mode); }
    /// A percentage rounded the ordinary way (not part of a sum).
    Cell ordinary_percent(const Rational& exact) const { return percent(exact, round_integer(exact * 10, r_.mode)); }

    static std::vector<CellRef> refs(std::size_t col, const std::vector<std::size_t>& rows) {
        std::vector<CellRef> v;
        for (std::size_t r : rows) v.push_back({r, col, 1});
        return v;
    }

    Row row_of(RowKind kind, std::size_t columns, std::string label) const {
        Row row;
        row.kind = kind;
        row.cells.assign(columns, Cell{});
        row.cells[0] = text_cell(std::move(label));
        return row;
    }

    std::string capped_text(const ForbundAllocation& f) const {
        if (f.capped()) return tr("ja, omgång ", "yes, round ") + std::to_string(*f.capped_in + 1);
        if (f.previous && f.exempt_from_cap && r_.decrease_cap_percent) return tr("undantagen", "exempt");
        return tr("nej", "no");
    }

    // ---- 1. the distribution ------------------------------------------------------------------

    Table distribution() {
        enum : std::size_t { label, support, population, weight, previous, allocation, change, change_pct, capped, columns };
        Table t;
        t.id = "allocation";
        t.title = tr("Statens fördelning ", "The state's distribution ") + year() + " (" + std::string(unit_name(o_.unit)) + ")";
        t.columns = {{"Förbund", Column::Kind::label},
                     {tr("Försörjningsmått (del av potten)", "Support (part of the pool)"), Column::Kind::percent},
                     {tr("Befolkning 16–64 (del av potten)", "Population 16–64 (part of the pool)"), Column::Kind::percent},
                     {tr("Vikt", "Weight"), Column::Kind::percent},
                     {tr("Föregående år", "Previous year"), Column::Kind::amount},
                     {tr("Tilldelning ", "Allocation ") + year(), Column::Kind::amount},
                     {tr("Förändring", "Change"), Column::Kind::amount},
                     {tr("Förändring %", "Change %"), Column::Kind::percent},
                     {tr("Begränsad", "Capped"), Column::Kind::label}};

        // weight parts in tenths of a percent: rows add up to the weight, columns to the weights of the model
        RoundingProblem wp;
        wp.mode = r_.mode;
        for (const auto& f : r_.forbund) wp.cells.push_back({f.support_part * 1000, f.population_part * 1000});
        const RoundedMatrix w = controlled_round(wp);
        // previous and change add up to the allocation as Table 2 shows it
        RoundingProblem pc;
        pc.mode = r_.mode;
        std::vector<std::size_t> with_previous;
        BigInt shown_with_previous = 0;
        for (std::size_t k = 0; k < n_; ++k) {
            const auto& f = r_.forbund[k];
            if (!f.previous) continue;
            with_previous.push_back(k);
            pc.cells.push_back({steps(*f.previous), steps(*f.change)});
            pc.fixed_row_sums.push_back(shown_allocation_[k]);
            shown_with_previous += shown_allocation_[k];
        }
        pc.fixed_total = shown_with_previous;
        const RoundedMatrix p = with_previous.empty() ? RoundedMatrix{{}, {}, {BigInt(0), BigInt(0)}, BigInt(0)} : controlled_round(pc);
        std::vector<std::optional<std::size_t>> pc_row(n_);
        for (std::size_t i = 0; i < with_previous.size(); ++i) pc_row[with_previous[i]] = i;

        std::vector<std::size_t> rows, changed_rows;
        for (std::size_t k = 0; k < n_; ++k) {
            const auto& f = r_.forbund[k];
            const std::size_t at = t.rows.size();
            Row row = row_of(RowKind::data, columns, f.name);
            row.cells[support] = percent(f.support_part * 100, w.cells[k][0]);
            row.cells[population] = percent(f.population_part * 100, w.cells[k][1]);
            row.cells[weight] = percent(f.weight * 100, w.row_sums[k]);
            row.cells[weight].sum_of = {{at, support, 1}, {at, population, 1}};
            row.cells[allocation] = amount(f.allocation, shown_allocation_[k]);
            if (pc_row[k]) {
                row.cells[previous] = amount(*f.previous, p.cells[*pc_row[k]][0]);
                row.cells[change] = amount(*f.change, p.cells[*pc_row[k]][1]);
                row.cells[change].sum_of = {{at, allocation, 1}, {at, previous, -1}};
                if (f.change_percent) row.cells[change_pct] = ordinary_percent(*f.change_percent);
                changed_rows.push_back(at);
            }
            row.cells[capped] = text_cell(capped_text(f));
            rows.push_back(at);
            t.rows.push_back(std::move(row));
        }

        Row sum = row_of(RowKind::summa, columns, summa_word(o_.lang));
        sum.cells[support] = percent(r_.support_weight, w.column_sums[0]);
        sum.cells[support].sum_of = refs(support, rows);
        sum.cells[population] = percent(r_.population_weight, w.column_sums[1]);
        sum.cells[population].sum_of = refs(population, rows);
        sum.cells[weight] = percent(r_.support_weight + r_.population_weight, w.total);
        sum.cells[weight].sum_of = refs(weight, rows);
        sum.cells[allocation] = amount(r_.total, shown_total_);
        sum.cells[allocation].sum_of = refs(allocation, rows);
        if (!changed_rows.empty()) {
            const Money prev_sum = r_.previous_sum();
            Money change_sum;
            for (std::size_t k : with_previous) change_sum += *r_.forbund[k].change;
            sum.cells[previous] = amount(prev_sum, p.column_sums[0]);
            sum.cells[previous].sum_of = refs(previous, changed_rows);
            sum.cells[change] = amount(change_sum, p.column_sums[1]);
            sum.cells[change].sum_of = refs(change, changed_rows);
            if (prev_sum != Money{}) sum.cells[change_pct] = ordinary_percent(Rational(100) * change_sum.exact_ore() / prev_sum.exact_ore());
        }
        std::size_t capped_count = 0;
        for (const auto& f : r_.forbund) capped_count += f.capped() ? 1 : 0;
        sum.cells[capped] = text_cell(std::to_string(capped_count) + tr(" av ", " of ") + std::to_string(n_));
        t.rows.push_back(std::move(sum));

        t.footnotes.push_back(model_text());
        if (!r_.note.empty()) t.footnotes.push_back(tr("Anmärkning: ", "Note: ") + r_.note);
        return t;
    }

    /// The model's figures in a sentence, and how the cap bound.
    std::string model_text() const {
        const TableOptions in_kr{Unit::kr, -1, o_.lang};
        auto pct = [&](const Rational& q) { return format_exact_percent(q, o_); };
        std::string s = tr("Grundbelopp ", "Base amount ") + format_exact_amount(r_.base, in_kr) + tr(" per förbund; resten fördelas ",
                        " per förbund; the rest is shared ") + pct(r_.support_weight) + tr(" efter försörjningsmått och ", " by support and ") +
                        pct(r_.population_weight) + tr(" efter befolkning 16–64 år.", " by population aged 16–64.");
        if (!r_.decrease_cap_percent) return s + tr(" Ingen begränsning av minskningen.", " No cap on decreases.");
        s += tr(" Tilldelningen minskar högst ", " An allocation falls by at most ") + pct(*r_.decrease_cap_percent) +
             tr(" mot föregående år (utom för undantagna förbund)", " against the previous year (except for exempt förbund)");
        std::size_t binding = 0;
        for (const auto& round : r_.rounds)
            if (!round.joined.empty()) ++binding;
        if (binding == 0) return s + tr("; begränsningen band inget förbund.", "; the cap held no förbund.");
        return s + tr("; begränsningen band i ", "; the cap bound in ") + std::to_string(binding) +
               (binding == 1 ? tr(" omgång.", " round.") : tr(" omgångar.", " rounds."));
    }

    // ---- 2. the frame the allocation implies -------------------------------------------------------

    Table frame() {
        enum : std::size_t { label, state, region, municipalities, total, columns };
        Table t;
        t.id = "implied_frame";
        t.title = tr("Ram som tilldelningen ger ", "The frame the allocation implies ") + year() + " (" + std::string(unit_name(o_.unit)) + ")";
        t.columns = {{"Förbund", Column::Kind::label},
                     {tr("Staten (50 %)", "State (50%)"), Column::Kind::amount},
                     {tr("Regionen (25 %)", "Region (25%)"), Column::Kind::amount},
                     {tr("Kommunerna (25 %)", "Municipalities (25%)"), Column::Kind::amount},
                     {tr("Ram", "Frame"), Column::Kind::amount}};
        // rows add up to the frame; the state's column to the ordinary rounding of the total
        RoundingProblem q;
        q.mode = r_.mode;
        for (const auto& f : r_.forbund) q.cells.push_back({steps(f.frame_state), steps(f.frame_region), steps(f.frame_municipalities)});
        q.fixed_column_sums = {round_integer(steps(r_.total), r_.mode), std::nullopt, std::nullopt};
        const RoundedMatrix m = controlled_round(q);
        for (std::size_t k = 0; k < n_; ++k) shown_allocation_.push_back(m.cells[k][0]);
        shown_total_ = m.column_sums[0];

        std::vector<std::size_t> rows;
        Money region_sum, municipality_sum, frame_sum;
        for (std::size_t k = 0; k < n_; ++k) {
            const auto& f = r_.forbund[k];
            const std::size_t at = t.rows.size();
            Row row = row_of(RowKind::data, columns, f.name);
            row.cells[state] = amount(f.frame_state, m.cells[k][0]);
            row.cells[region] = amount(f.frame_region, m.cells[k][1]);
            row.cells[municipalities] = amount(f.frame_municipalities, m.cells[k][2]);
            row.cells[total] = amount(f.implied_frame, m.row_sums[k]);
            row.cells[total].sum_of = {{at, state, 1}, {at, region, 1}, {at, municipalities, 1}};
            region_sum += f.frame_region;
            municipality_sum += f.frame_municipalities;
            frame_sum += f.implied_frame;
            rows.push_back(at);
            t.rows.push_back(std::move(row));
        }
        Row sum = row_of(RowKind::summa, columns, summa_word(o_.lang));
        sum.cells[state] = amount(r_.total, shown_total_);
        sum.cells[region] = amount(region_sum, m.column_sums[1]);
        sum.cells[municipalities] = amount(municipality_sum, m.column_sums[2]);
        sum.cells[total] = amount(frame_sum, m.total);
        for (std::size_t c : {std::size_t(state), std::size_t(region), std::size_t(municipalities), std::size_t(total)})
            sum.cells[c].sum_of = refs(c, rows);
        t.rows.push_back(std::move(sum));
        t.footnotes.push_back(tr("Regionen och kommunerna tillsammans matchar statens medel, så ramen är 2 × tilldelningen.",
                                 "The region and the municipalities together match the state's money, so the frame is 2 × the allocation."));
        return t;
    }
};

}  // namespace

BudgetTables build_tables(const AllocationResult& result, const TableOptions& options) {
    (void)options.step_ore();  // checks the unit and decimals
    return AllocationTables(result, options).run();
}

}  // namespace finsam
