// The budget tables as Markdown (GitHub-flavoured tables).
#include <string>

#include "report_detail.hpp"

namespace finsam {
namespace {

/// Text safe inside a Markdown table cell.
std::string md_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|' || c == '*' || c == '_' || c == '`' || c == '\\' || c == '[' || c == ']' || c == '<') out += '\\';
        if (c == '\n') {
            out += ' ';
            continue;
        }
        out += c;
    }
    return out;
}

/// Text for inside a code span (no backticks, no line breaks).
std::string code_span(std::string s) {
    for (char& c : s)
        if (c == '`' || c == '\n') c = '\'';
    return s;
}

}  // namespace

std::string to_markdown(const BudgetTables& bt) {
    const TableOptions& o = bt.options;
    const bool sv = o.lang == Lang::sv;
    const std::string unit(unit_name(o.unit));
    std::string title = bt.name.empty() ? "Plan" : bt.name;
    if (!bt.scenario.empty()) title += " \xE2\x80\x93 " + scenario_label(bt);  // en dash
    std::string out = "**" + md_escape(title) + "**" + ": " + md_escape(subject_text(bt)) + " " +
                      report_detail::years_text(bt, "\xE2\x80\x93") + (sv ? ", belopp i " : ", amounts in ") + unit + "." +
                      "\n";
    for (std::size_t n = 0; n < bt.tables.size(); ++n) {
        const Table& t = bt.tables[n];
        out += "\n### " + md_escape(numbered_title(bt, n)) + "\n\n";
        out += "|";
        for (const auto& c : t.columns) {
            out += ' ';
            out += md_escape(c.header);
            out += " |";
        }
        out += "\n|";
        for (const auto& c : t.columns) out += c.kind == Column::Kind::label ? ":---|" : "---:|";
        out += "\n";
        for (const auto& row : t.rows) {
            out += "|";
            for (const auto& cell : row.cells) {
                std::string s = md_escape(cell_text(cell, o, NumberStyle::text));
                if (cell.moved) s += "\\*";
                if (!s.empty()) {
                    if (row.kind == RowKind::summa) s = "**" + s + "**";
                    if (row.kind == RowKind::group) s = "*" + s + "*";
                }
                out += " " + s + " |";
            }
            out += "\n";
        }
        for (const auto& f : t.footnotes) {
            out += '\n';
            out += md_escape(f);
            out += '\n';
        }
        for (const auto& w : t.warnings)
            out += "\n> **" + std::string(sv ? "Varning" : "Warning") + ":** " + md_escape(w.message) + " (`" + code_span(w.path) + "`)\n";
    }
    return out;
}

}  // namespace finsam
