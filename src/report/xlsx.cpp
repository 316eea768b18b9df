// The budget tables as an XLSX workbook (libxlsxwriter): one sheet per table, numbers stored
// as numbers in the display unit (the shown, controlled-rounded values) with a "#,##0" number
// format — Excel writes its thousands separator per locale, so Swedish Excel shows "# ##0" —
// and every computed cell (Summa, result, equity) a formula over the cells it adds up, with the
// shown value cached. A moved cell carries a comment with its exact value.
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <string>

#include "finsam/xlsx.hpp"

namespace finsam {
namespace {

constexpr lxw_row_t first_table_row = 2;  // row 0: title, row 1: headers

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string utf8_prefix(const std::string& s, std::size_t chars) {
    std::size_t n = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == chars) break;
            ++n;
        }
    }
    return s.substr(0, i);
}

std::string a1(std::size_t table_row, std::size_t col) {
    char buf[32];
    lxw_rowcol_to_cell(buf, static_cast<lxw_row_t>(first_table_row + table_row), static_cast<lxw_col_t>(col));
    return buf;
}

/// Whether refs[i + 1] continues the run of refs[i] (down a column or along a row).
bool continues(const std::vector<CellRef>& refs, std::size_t i, bool down) {
    const CellRef &a = refs[i], &b = refs[i + 1];
    return down ? b.column == a.column && b.row == a.row + 1 : b.row == a.row && b.column == a.column + 1;
}

/// The formula of a computed cell: SUM over runs of cells when it adds up a run or more than
/// two cells, else A + B or A − B.
std::string formula(const std::vector<CellRef>& refs) {
    const bool all_plus = std::all_of(refs.begin(), refs.end(), [](const CellRef& r) { return r.sign > 0; });
    bool one_run = refs.size() > 1;
    for (std::size_t i = 0; one_run && i + 1 < refs.size(); ++i)
        if (!continues(refs, i, true) && !continues(refs, i, false)) one_run = false;
    if (!all_plus || (refs.size() <= 2 && !one_run)) {
        std::string f = "=";
        for (std::size_t i = 0; i < refs.size(); ++i) {
            if (refs[i].sign < 0) f += "-";
            else if (i > 0) f += "+";
            f += a1(refs[i].row, refs[i].column);
        }
        return f;
    }
    std::string f = "=SUM(";
    std::size_t i = 0;
    bool first = true;
    while (i < refs.size()) {
        std::size_t j = i;
        const bool down = j + 1 < refs.size() && continues(refs, j, true);
        while (j + 1 < refs.size() && continues(refs, j, down)) ++j;
        if (!first) f += ',';
        f += a1(refs[i].row, refs[i].column);
        if (j > i) {
            f += ':';
            f += a1(refs[j].row, refs[j].column);
        }
        first = false;
        i = j + 1;
    }
    return f + ")";
}

struct Formats {
    lxw_format *title, *header_label, *header_num, *label, *label_bold, *label_italic, *label_part, *amount, *amount_bold,
        *percent, *percent_bold, *note;
};

Formats make_formats(lxw_workbook* wb, const TableOptions& o) {
    const int d = o.effective_decimals();
    std::string amount_fmt = "#,##0";
    if (d > 0) amount_fmt.append(".").append(static_cast<std::size_t>(d), '0');
    const char* percent_fmt = o.lang == Lang::sv ? "0.0 %" : "0.0%";
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 12);
    f.header_label = workbook_add_format(wb);
    format_set_bold(f.header_label);
    format_set_bottom(f.header_label, LXW_BORDER_THIN);
    f.header_num = workbook_add_format(wb);
    format_set_bold(f.header_num);
    format_set_bottom(f.header_num, LXW_BORDER_THIN);
    format_set_align(f.header_num, LXW_ALIGN_RIGHT);
    format_set_text_wrap(f.header_num);
    f.label = workbook_add_format(wb);
    f.label_bold = workbook_add_format(wb);
    format_set_bold(f.label_bold);
    format_set_top(f.label_bold, LXW_BORDER_THIN);
    f.label_italic = workbook_add_format(wb);
    format_set_italic(f.label_italic);
    f.label_part = workbook_add_format(wb);
    format_set_indent(f.label_part, 1);
    f.amount = workbook_add_format(wb);
    format_set_num_format(f.amount, amount_fmt.c_str());
    f.amount_bold = workbook_add_format(wb);
    format_set_num_format(f.amount_bold, amount_fmt.c_str());
    format_set_bold(f.amount_bold);
    format_set_top(f.amount_bold, LXW_BORDER_THIN);
    f.percent = workbook_add_format(wb);
    format_set_num_format(f.percent, percent_fmt);
    f.percent_bold = workbook_add_format(wb);
    format_set_num_format(f.percent_bold, percent_fmt);
    format_set_bold(f.percent_bold);
    format_set_top(f.percent_bold, LXW_BORDER_THIN);
    f.note = workbook_add_format(wb);
    format_set_italic(f.note);
    return f;
}

std::string sheet_name(std::size_t n, const Table& t, const std::string& unit, std::set<std::string>& used) {
    std::string title = t.sheet.empty() ? t.title : t.sheet;
    const std::string suffix = " (" + unit + ")";
    if (title.size() > suffix.size() && title.compare(title.size() - suffix.size(), suffix.size(), suffix) == 0)
        title.resize(title.size() - suffix.size());
    for (std::size_t at; (at = title.find(": ")) != std::string::npos;) title.replace(at, 2, " - ");
    std::string s = std::to_string(n + 1) + " " + title;
    for (char& c : s)
        if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\' || c == '\'') c = '-';
    s = utf8_prefix(s, 31);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    std::string lower = s;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // the number prefix keeps names unique; guard anyway
    for (int k = 2; used.count(lower); ++k) {
        s = utf8_prefix(s, 28) + "~" + std::to_string(k);
        lower = s;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    used.insert(lower);
    return s;
}

}  // namespace

void write_xlsx(const BudgetTables& bt, const std::string& path) {
    const TableOptions& o = bt.options;
    const bool sv = o.lang == Lang::sv;
    const std::string unit(unit_name(o.unit));
    const double scale = std::pow(10.0, o.effective_decimals());
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) throw Error("cannot create " + path);
    lxw_doc_properties props{};
    std::string title = bt.name + (bt.scenario.empty() ? "" : " – " + scenario_label(bt)) + " – " + subject_text(bt);
    props.title = title.data();
    workbook_set_properties(wb, &props);
    const Formats f = make_formats(wb, o);
    std::set<std::string> used;
    for (std::size_t n = 0; n < bt.tables.size(); ++n) {
        const Table& t = bt.tables[n];
        const std::string name = sheet_name(n, t, unit, used);
        lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
        if (!ws) {
            workbook_close(wb);
            throw Error("cannot add the sheet \"" + name + "\" to " + path);
        }
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        const std::string heading = numbered_title(bt, n);
        worksheet_write_string(ws, 0, 0, heading.c_str(), f.title);
        std::size_t label_width = 12;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const Column& col = t.columns[c];
            worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), col.header.c_str(),
                                   col.kind == Column::Kind::label ? f.header_label : f.header_num);
        }
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const Row& row = t.rows[r];
            const bool bold = row.kind == RowKind::summa;
            const auto xr = static_cast<lxw_row_t>(first_table_row + r);
            for (std::size_t c = 0; c < row.cells.size(); ++c) {
                const Cell& cell = row.cells[c];
                const auto xc = static_cast<lxw_col_t>(c);
                switch (cell.kind) {
                    case Cell::Kind::empty:
                        if (bold) worksheet_write_blank(ws, xr, xc, f.label_bold);
                        break;
                    case Cell::Kind::text: {
                        lxw_format* fmt = bold ? f.label_bold
                                          : row.kind == RowKind::group ? f.label_italic
                                          : row.kind == RowKind::part  ? f.label_part
                                                                       : f.label;
                        worksheet_write_string(ws, xr, xc, cell.text.c_str(), fmt);
                        if (c == 0) label_width = std::max(label_width, utf8_length(cell.text) + 2);
                        break;
                    }
                    case Cell::Kind::amount:
                    case Cell::Kind::percent: {
                        const bool pct = cell.kind == Cell::Kind::percent;
                        const double value = pct ? static_cast<double>(cell.shown) / 1000.0 : static_cast<double>(cell.shown) / scale;
                        lxw_format* fmt = pct ? (bold ? f.percent_bold : f.percent) : (bold ? f.amount_bold : f.amount);
                        if (!cell.sum_of.empty()) worksheet_write_formula_num(ws, xr, xc, formula(cell.sum_of).c_str(), fmt, value);
                        else worksheet_write_number(ws, xr, xc, value, fmt);
                        if (cell.moved) {
                            std::string note = sv ? "Avrundad åt andra hållet så att summorna stämmer. Exakt: "
                                                  : "Rounded the other way so that the totals add up. Exact: ";
                            note += pct ? format_exact_percent(cell.percent, o) : format_exact_amount(cell.amount, o);
                            worksheet_write_comment(ws, xr, xc, note.c_str());
                        }
                        break;
                    }
                }
            }
        }
        worksheet_set_column(ws, 0, 0, static_cast<double>(std::min<std::size_t>(label_width, 60)), nullptr);
        for (std::size_t c = 1; c < t.columns.size(); ++c)
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 static_cast<double>(std::clamp<std::size_t>(utf8_length(t.columns[c].header) + 2, 11, 24)), nullptr);
        worksheet_freeze_panes(ws, static_cast<lxw_row_t>(first_table_row), 1);
        auto next = static_cast<lxw_row_t>(first_table_row + t.rows.size() + 1);
        for (const auto& note : t.footnotes) worksheet_write_string(ws, next++, 0, note.c_str(), f.note);
        for (const auto& w : t.warnings) {
            const std::string s = std::string(sv ? "Varning: " : "Warning: ") + w.message + " (" + w.path + ")";
            worksheet_write_string(ws, next++, 0, s.c_str(), f.note);
        }
    }
    const lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) throw Error("cannot write " + path + ": " + lxw_strerror(err));
}

}  // namespace finsam
