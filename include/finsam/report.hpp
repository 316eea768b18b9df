// finsam/report.hpp — the verksamhetsplan's budget tables, their display rounding and renderers.
//
// Design notes.
// build_tables() turns an evaluated plan into the tables a förbund pastes into its plan:
// Finansiering, Kostnader per insats, Fördelning per huvudman (the budget year), Resultat och
// eget kapital, Slutlig ram (when there are adjustments) and one table per intervention with
// items. Every amount cell keeps its exact value (öre) next to the value it shows.
//
// Display rounding is *controlled rounding*: each shown cell is its exact value rounded down
// or up to the display step (1 kr, 1 tkr, 0,1 mnkr, …), never further, and every shown
// "Summa" is exactly the sum of the shown cells it totals. A table is rounded as a matrix
// with its row and column sums (controlled_round): with the floors of all cells fixed, each
// cell may take one more step; which cells take one is a minimum-cost flow
//     source → row i → cell (i, j) → column j → sink,
// pushing exactly (shown grand total − Σ floors) units, where the grand total is the exact
// total rounded the ordinary way (to the nearest step; halves as the plan's rounding.mode
// takes them, away from zero for a plan that truncates) unless another table fixed it. The
// costs, compared in this
// order: a shown sum more than one step from its exact sum (avoided whenever possible; the
// exact table is itself a fractional flow, so with free sums it never happens); the
// distance of the shown sums from their exact sums; sums that differ from ordinary rounding;
// the distance of the cells from their exact values (in one column this is exactly the
// largest-remainder rule: the cells with the largest remainders go up); cells that differ
// from ordinary rounding (a tie of halves is broken toward ordinary rounding); and last the
// cell's position, so remaining ties go to the cell listed first. A cell whose exact value is
// a whole step never moves. Sums already shown in another table can be fixed, so one figure
// shows the same everywhere: the table of the budget year's distribution takes each
// intervention's amount from Kostnader per insats, and the items of an intervention sum to
// the amount shown there. A cell that shows something else than ordinary rounding of its
// exact value is "moved": it is marked with * and the table's footnote gives its exact value.
// Resultat och eget kapital (Table 4) is decided first and fixes the year totals the other
// tables show: per year the contributions C (Table 1's Summa) and the costs K (Table 2's), each
// rounded down or up; the result R = C − K, within one step of its exact value; and equity
// E = S + R from the opening equity S (rounded either way), S of a year being E of the year
// before. A dynamic programme over the years picks the headline figures (R, S, E) at their
// ordinary rounding wherever it can, moving C or K instead (fewest moved, then the nearest to
// their exact values). The chain S = E(year before) never has to yield: with E(Y−1) within
// δ, |δ| < 1, of its exact value, R = ⌊r⌋ (δ ≥ 0) or ⌈r⌉ (δ ≤ 0) keeps E(Y) within one step,
// and C − K can show either neighbour of r. So every shown figure of every table is its exact
// value rounded down or up, and one marked * where it is not the nearest, totals included.
//
// Percentages (shares, change) are shown with one decimal; shares are rounded under control
// too, so they add up to 100,0 %. Changes against the year before are computed from exact
// amounts and rounded the ordinary way.
//
// Swedish (default): "Summa", thousands grouped with a regular space (U+0020; HTML keeps a
// number on one line with white-space: nowrap), decimal comma, percent as "1,5 %", minus sign
// U+2212 in Markdown and HTML. English: "Total", "1,234.5", "1.5%", "-". CSV never groups
// thousands and always writes "-" so spreadsheets read the numbers: Swedish CSV is
// semicolon-separated with decimal comma and a UTF-8 byte order mark (what Swedish Excel
// expects); English CSV is comma-separated with a decimal point. Both end lines with CRLF.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "finsam/lang.hpp"
#include "finsam/money.hpp"
#include "finsam/rate.hpp"
#include "finsam/result.hpp"

namespace finsam {

// ---- controlled rounding -------------------------------------------------------------------

/// A matrix of exact values (in display steps) to round to whole steps under control.
struct RoundingProblem {
    std::vector<std::vector<Rational>> cells;  ///< [row][column]; all rows the same length
    bool row_sums_shown = true;     ///< row sums are displayed: keep each within one step
    bool column_sums_shown = true;  ///< column sums are displayed: keep each within one step
    std::vector<std::optional<BigInt>> fixed_row_sums;     ///< empty, or a required sum per row
    std::vector<std::optional<BigInt>> fixed_column_sums;  ///< empty, or a required sum per column
    std::optional<BigInt> fixed_total;  ///< default: the exact total rounded with `mode`
    RoundingMode mode = RoundingMode::half_up;  ///< "ordinary rounding"
};

/// The shown values: every cell is the floor or the ceiling of its exact value.
struct RoundedMatrix {
    std::vector<std::vector<BigInt>> cells;
    std::vector<BigInt> row_sums, column_sums;
    BigInt total;
};

/// Round a matrix so that shown rows, columns and total add up (see the design notes).
/// Throws Error if a fixed sum cannot be met by rounding each cell down or up.
[[nodiscard]] RoundedMatrix controlled_round(const RoundingProblem& problem);

// ---- the table model -----------------------------------------------------------------------


/// How tables are built and shown.
struct TableOptions {
    Unit unit = Unit::tkr;  ///< display unit: kr, tkr or mnkr
    int decimals = -1;      ///< decimals shown; −1: the unit's default (kr 0, tkr 0, mnkr 1)
    Lang lang = Lang::sv;

    /// The decimals in effect (checked: at least 0, at most down to whole öre).
    int effective_decimals() const;
    /// Öre in one display step (1 tkr = 100 000 öre; 0,1 mnkr = 10 000 000 öre).
    std::int64_t step_ore() const;
};

/// A cell of a table another cell adds up (with sign −1: subtracts).
struct CellRef {
    std::size_t row = 0, column = 0;
    int sign = 1;
    friend bool operator==(const CellRef&, const CellRef&) = default;
};

/// One cell: a text, an amount or a percentage, exact and as shown.
struct Cell {
    enum class Kind { empty, text, amount, percent };
    Kind kind = Kind::empty;
    std::string text;        ///< text cells
    Money amount;            ///< amount cells: the exact amount
    Rational percent = 0;    ///< percent cells: the exact percentage
    std::int64_t shown = 0;  ///< shown value in display steps (amount) or tenths of a percent
    bool moved = false;      ///< shown ≠ ordinary rounding of the exact value (marked *)
    std::vector<CellRef> sum_of;  ///< a computed cell: shown = Σ sign × shown of these cells
};

/// What a row is.
enum class RowKind {
    data,   ///< one member, intervention or item
    group,  ///< a group heading (insatser, projekt, administration); no figures
    summa,  ///< a sum or other computed row ("Summa", "Summa insatser", "Årets resultat")
    part    ///< a breakdown of the Summa row above it ("varav ramdel")
};

/// A row of a table.
struct Row {
    RowKind kind = RowKind::data;
    std::vector<Cell> cells;
};

/// A column of a table.
struct Column {
    enum class Kind { label, amount, percent };
    std::string header;
    Kind kind = Kind::amount;
};

/// One table, ready for any renderer.
struct Table {
    std::string id;     ///< stable: financing, costs, distribution, result, final_frame, items-<intervention id>
    std::string title;  ///< "Finansiering (tkr)"
    std::vector<Column> columns;
    std::vector<Row> rows;
    std::vector<std::string> footnotes;  ///< rounding (moved cells), adjustment notes
    std::vector<Warning> warnings;       ///< the result's warnings about this table, worded in its language
    std::string sheet;                   ///< the workbook sheet's name; "" for one made from the title
};

/// All tables of a plan (or of another document: an allocation model's).
struct BudgetTables {
    std::string name;      ///< the plan's name
    std::string subject;   ///< what the tables are, in their language; empty: "budgettabeller" / "budget tables" (or the comparison's)
    std::string scenario;  ///< the variant's name ("Scenario: NAME" on every output), "" for the base plan
    bool comparison = false;  ///< a comparison of scenarios (build_comparison), not one plan's budget tables
    int first_year = 0, last_year = 0;
    TableOptions options;
    std::vector<Table> tables;
};

/// A text cell.
Cell text_cell(std::string text);
/// An amount cell: the exact `amount` shown as `shown` display steps of `options`; moved when
/// that is not the ordinary rounding (`mode`) of the exact value.
Cell amount_cell(Money amount, const BigInt& shown, const TableOptions& options, RoundingMode mode);
/// A percent cell: the exact `percent` shown as `tenths` of a percent; moved as for amounts.
Cell percent_cell(const Rational& percent, const BigInt& tenths, RoundingMode mode);
/// When cells of `table` are moved, put first among its footnotes the one that says why and
/// gives each moved cell's exact value.
void add_moved_footnote(Table& table, const TableOptions& options);

/// Build the tables of an evaluated plan, from the result alone. Each warning goes under the
/// table it concerns, its `message` worded in the tables' language from its figures
/// (src/report/warnings.cpp).
[[nodiscard]] BudgetTables build_tables(const Result& result, const TableOptions& options = {});

/// The scenarios against the base plan, as `finsam compare` shows them: for each variant (all,
/// or those named, in that order) and each year a table of the base plan's figure, the
/// scenario's and the difference: the year's costs, contributions, result and equity at the
/// year's end, then each member's final contribution and cost share, by name. Base and scenario
/// show exactly what their own budget tables show (controlled rounding, build_tables); the
/// difference is the scenario's shown figure minus the base's wherever that is within one step
/// of the exact difference, else the exact difference rounded (with a footnote). A member or a
/// year in only one of the two is empty in the other. Throws Error for an unknown variant name.
[[nodiscard]] BudgetTables build_comparison(const Evaluation& evaluation, const TableOptions& options = {},
                                            const std::vector<std::string>& variants = {});

// ---- text of numbers -----------------------------------------------------------------------

/// How numbers are written: in text (Markdown, HTML) or for a spreadsheet (CSV).
enum class NumberStyle { text, csv };

/// A shown amount (in display steps): "14 125", "−2 639", "27,6" (sv); "14,125" (en).
[[nodiscard]] std::string format_shown_amount(std::int64_t shown, const TableOptions& options, NumberStyle style);
/// A shown percentage (in tenths): "50,0 %" (sv), "50.0%" (en); for CSV just "50,0" / "50.0".
[[nodiscard]] std::string format_shown_percent(std::int64_t tenths, const TableOptions& options, NumberStyle style);
/// An exact amount in the display unit with as many decimals as it needs: "7 062,437 tkr".
[[nodiscard]] std::string format_exact_amount(Money amount, const TableOptions& options);
/// An exact percentage to six decimals (half away from zero), trailing zeros dropped: "33,333333 %".
[[nodiscard]] std::string format_exact_percent(const Rational& percent, const TableOptions& options);
/// A cell as text (without the moved marker); empty cells are "".
[[nodiscard]] std::string cell_text(const Cell& cell, const TableOptions& options, NumberStyle style);
/// "Summa" or "Total".
[[nodiscard]] std::string summa_word(Lang lang);
/// What the tables are, as the renderers head them: their `subject`, by default
/// "budgettabeller" / "budget tables" (a comparison: "scenarier jämförda med grundplanen" /
/// "scenarios against the base plan"); `capital` starts it with a capital letter.
[[nodiscard]] std::string subject_text(const BudgetTables& tables, bool capital = false);
/// "Scenario: NAME" for a variant's tables, "" for the base plan's.
[[nodiscard]] std::string scenario_label(const BudgetTables& tables);
/// Table n (from 0) as numbered and titled in every format: "Tabell 1. Finansiering (tkr)",
/// with " – Scenario: NAME" for a variant.
[[nodiscard]] std::string numbered_title(const BudgetTables& tables, std::size_t n);

// ---- renderers (src/report/md.cpp, html.cpp, csv.cpp) -------------------

/// All tables as Markdown (GitHub tables, ### headings), ready for a notebook or a document.
[[nodiscard]] std::string to_markdown(const BudgetTables& tables);

/// A standalone printable HTML page with all tables (inline CSS, no scripts, no network).
[[nodiscard]] std::string to_html(const BudgetTables& tables);

/// One CSV file of a table.
struct CsvFile {
    std::string name;     ///< "1-financing.csv"
    std::string title;    ///< the table's numbered title
    std::string content;  ///< the file's bytes
};
/// One CSV file per table (sv: ';' and decimal comma, with BOM; en: ',' and point).
[[nodiscard]] std::vector<CsvFile> to_csv(const BudgetTables& tables);

// The XLSX workbook: write_xlsx() in finsam/xlsx.hpp (target finsam::xlsx, libxlsxwriter).

}  // namespace finsam
