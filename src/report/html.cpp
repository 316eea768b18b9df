// The budget tables as one standalone, printable HTML page: inline CSS, no scripts, no network.
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
th { text-align: left; border-bottom: 2px solid #333; font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.summa td { font-weight: 700; border-top: 1.5px solid #333; }
tr.group td { font-style: italic; padding-top: 0.7em; border-bottom: none; }
tr.part td { color: #333; font-size: 0.95em; }
tr.part td:first-child { padding-left: 1.4em; }
p.footnote { font-size: 0.85em; color: #333; margin: 0.3em 0; max-width: 60em; }
p.warning { font-size: 0.9em; background: #fff4e5; border-left: 4px solid #d97706; padding: 0.3em 0.6em; margin: 0.4em 0; max-width: 60em; }
code { font-size: 0.9em; }
section { break-inside: avoid; page-break-inside: avoid; }
@media print { body { margin: 1cm; } h2 { break-after: avoid; } }
)";

}  // namespace

std::string to_html(const BudgetTables& bt) {
    const TableOptions& o = bt.options;
    const bool sv = o.lang == Lang::sv;
    const std::string unit(unit_name(o.unit));
    const std::string name = esc(bt.name.empty() ? "Plan" : bt.name);
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"" + std::string(sv ? "sv" : "en") + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
    out += "<title>" + name + " &ndash; " + esc(subject_text(bt)) + " " + report_detail::years_text(bt, "&ndash;") + "</title>\n";
    out += "<style>\n" + std::string(css) + "</style>\n</head>\n<body>\n";
    out += "<h1>" + name + "</h1>\n";
    out += "<p class=\"lead\">" + esc(subject_text(bt, true)) + " " + report_detail::years_text(bt, "&ndash;") +
           (sv ? ", belopp i " : ", amounts in ") + unit + ".</p>\n";
    for (std::size_t n = 0; n < bt.tables.size(); ++n) {
        const Table& t = bt.tables[n];
        out += "<section id=\"" + esc(t.id) + "\">\n<h2>" + std::string(sv ? "Tabell " : "Table ") + std::to_string(n + 1) + ". " +
               esc(t.title) + "</h2>\n<table>\n<thead>\n<tr>";
        for (const auto& c : t.columns)
            out += c.kind == Column::Kind::label ? "<th>" + esc(c.header) + "</th>" : "<th class=\"num\">" + esc(c.header) + "</th>";
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
