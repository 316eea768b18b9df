// The budget tables as one standalone, printable HTML page: inline CSS, no scripts, no network.
#include <algorithm>
#include <cctype>
#include <string>

#include "report_detail.hpp"

namespace finsam {
namespace {

std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

const char* const css = R"(body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #111; margin: 2em; max-width: 70em; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
p.lead { margin-top: 0; color: #444; }
h2 { font-size: 1.1em; margin: 1.6em 0 0.4em; }
table { border-collapse: collapse; margin: 0 0 0.5em; font-size: 0.9em; }
th, td { padding: 0.2em 0.6em; border-bottom: 1px solid #ccc; vertical-align: top; }
th { text-align: left; border-bottom: 2px solid #333; font-weight: 600; vertical-align: bottom; }
th.num { text-align: right; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.wide th.long { overflow-wrap: anywhere; hyphens: auto; }
table.wide th, table.wide td { padding: 0.2em 0.35em; }
tr.summa td { font-weight: 700; border-top: 1.5px solid #333; }
tr.group td { font-style: italic; padding-top: 0.7em; border-bottom: none; }
tr.part td { color: #333; font-size: 0.95em; }
tr.part td:first-child { padding-left: 1.4em; }
p.footnote { font-size: 0.85em; color: #333; margin: 0.3em 0; max-width: 60em; }
p.warning { font-size: 0.9em; background: #fff4e5; border-left: 4px solid #d97706; padding: 0.3em 0.6em; margin: 0.4em 0; max-width: 60em; }
code { font-size: 0.9em; }
section { break-inside: avoid; page-break-inside: avoid; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  table { font-size: var(--print-size, 9pt); }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  p.warning { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
)";

// Printing: A4, portrait while every table has at most 6 figure columns, else landscape (the
// whole page: one orientation wastes no paper on a page break between them). A table with 6 or
// more figure columns (the distribution with many members, the costs over many years) is
// "wide": narrower padding, and headers with a long word (a member's name) may break inside it;
// its print font shrinks with the number of columns so that none is cut off: 9 pt up to 8
// figure columns, then 9 × 8 / n pt, at least 5.5 pt. Header rows repeat on every page.
constexpr std::size_t wide_columns = 6;
constexpr std::size_t landscape_columns = 7;

/// A header with a word of 12 or more characters, which a wide table may break.
bool long_word(const std::string& s) {
    std::size_t run = 0;
    for (unsigned char c : s) {
        if (c == ' ' || c == '-' || c == '/') run = 0;
        else if ((c & 0xC0) != 0x80 && ++run >= 12) return true;
    }
    return false;
}

/// The print font size of a table with `figures` figure columns, as a style attribute ("" for 9 pt).
std::string print_size(std::size_t figures) {
    if (figures <= 8) return "";
    const std::size_t tenths = std::max<std::size_t>(55, 720 / figures);  // 9 pt × 8 / n, in tenths
    return " style=\"--print-size: " + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "pt\"";
}

}  // namespace

std::string to_html(const BudgetTables& bt) {
    const TableOptions& o = bt.options;
    const bool sv = o.lang == Lang::sv;
    const std::string unit(unit_name(o.unit));
    const std::string name = esc(bt.name.empty() ? "Plan" : bt.name);
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"" + std::string(sv ? "sv" : "en") + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
    const std::string scenario = bt.scenario.empty() ? "" : " &ndash; " + esc(scenario_label(bt));
    const std::string what = esc(subject_text(bt));
    out += "<title>" + name + scenario + " &ndash; " + what + " " + report_detail::years_text(bt, "&ndash;") + "</title>\n";
    std::size_t widest = 0;
    for (const auto& t : bt.tables) widest = std::max(widest, t.columns.empty() ? 0 : t.columns.size() - 1);
    out += "<style>\n" + std::string(css) +
           (widest >= landscape_columns ? "@page { size: A4 landscape; margin: 12mm; }\n" : "@page { size: A4 portrait; margin: 14mm 12mm; }\n") +
           "</style>\n</head>\n<body>\n";
    out += "<h1>" + name + scenario + "</h1>\n";
    const std::string lead = esc(subject_text(bt, true)) + " " + report_detail::years_text(bt, "&ndash;") + (sv ? ", belopp i " : ", amounts in ") + unit + ".";
    out += "<p class=\"lead\">" + lead + "</p>\n";
    for (std::size_t n = 0; n < bt.tables.size(); ++n) {
        const Table& t = bt.tables[n];
        const std::size_t figures = t.columns.empty() ? 0 : t.columns.size() - 1;
        const bool wide = figures >= wide_columns;
        out += "<section id=\"" + esc(t.id) + "\">\n<h2>" + esc(numbered_title(bt, n)) + "</h2>\n<table" +
               (wide ? " class=\"wide\"" : "") + print_size(figures) + ">\n<thead>\n<tr>";
        for (const auto& c : t.columns)
            out += c.kind == Column::Kind::label       ? "<th>" + esc(c.header) + "</th>"
                   : wide && long_word(c.header) ? "<th class=\"num long\">" + esc(c.header) + "</th>"
                                                 : "<th class=\"num\">" + esc(c.header) + "</th>";
        out += "</tr>\n</thead>\n<tbody>\n";
        for (const auto& row : t.rows) {
            switch (row.kind) {
                case RowKind::data: out += "<tr>"; break;
                case RowKind::group: out += "<tr class=\"group\">"; break;
                case RowKind::summa: out += "<tr class=\"summa\">"; break;
                case RowKind::part: out += "<tr class=\"part\">"; break;
            }
            for (std::size_t c = 0; c < row.cells.size(); ++c) {
                const Cell& cell = row.cells[c];
                const bool num = c < t.columns.size() && t.columns[c].kind != Column::Kind::label;
                std::string s = esc(cell_text(cell, o, NumberStyle::text));
                if (cell.moved) s += "*";
                out += num ? "<td class=\"num\">" + s + "</td>" : "<td>" + s + "</td>";
            }
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
        for (const auto& f : t.footnotes) out += "<p class=\"footnote\">" + esc(f) + "</p>\n";
        for (const auto& w : t.warnings)
            out += "<p class=\"warning\"><strong>" + std::string(sv ? "Varning" : "Warning") + ":</strong> " + esc(w.message) +
                   " (<code>" + esc(w.path) + "</code>)</p>\n";
        out += "</section>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace finsam
