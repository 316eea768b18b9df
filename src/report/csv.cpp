// The budget tables as CSV, one file per table, the way spreadsheets read them: Swedish with
// semicolons, decimal comma and a UTF-8 byte order mark (Swedish Excel); English with commas
// and a decimal point. Lines end with CRLF (RFC 4180). Numbers are never grouped. Footnotes and
// warnings follow the table after an empty line, one per line.
#include <string>
#include <string_view>

#include "finsam/report.hpp"

namespace finsam {
namespace {

std::string field(const std::string& s, char sep) {
    if (s.find_first_of(std::string(1, sep) + "\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

/// "scenario-NAME-" for a variant's files (NAME with characters that file systems or shells
/// treat specially as "-"), "" for the base plan's.
std::string file_prefix(const BudgetTables& bt) {
    if (bt.scenario.empty()) return "";
    std::string name = bt.scenario;
    for (char& c : name)
        if (static_cast<unsigned char>(c) < 0x20 || std::string_view("/\\:*?\"<>| '`$&;").find(c) != std::string_view::npos) c = '-';
    if (name.front() == '.') name.front() = '-';
    return "scenario-" + name + "-";
}

}  // namespace

std::vector<CsvFile> to_csv(const BudgetTables& bt) {
    const TableOptions& o = bt.options;
    const bool sv = o.lang == Lang::sv;
    const char sep = sv ? ';' : ',';
    const std::string unit(unit_name(o.unit));
    std::vector<CsvFile> files;
    for (std::size_t n = 0; n < bt.tables.size(); ++n) {
        const Table& t = bt.tables[n];
        std::string id = t.id;
        for (char& c : id)
            if (c == '_') c = '-';
        CsvFile f;
        f.name = file_prefix(bt) + std::to_string(n + 1) + "-" + id + ".csv";
        f.title = numbered_title(bt, n);
        std::string& out = f.content;
        if (sv) out += "\xEF\xBB\xBF";
        auto line = [&](const std::vector<std::string>& fields) {
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (i) out += sep;
                out += field(fields[i], sep);
            }
            out += "\r\n";
        };
        std::vector<std::string> head;
        for (const auto& c : t.columns) {
            if (c.kind == Column::Kind::amount) head.push_back(c.header + " (" + unit + ")");
            else if (c.kind == Column::Kind::percent)  // "Förändring %" says it already
                head.push_back(c.header.ends_with('%') ? c.header : c.header + " (%)");
            else head.push_back(c.header);
        }
        line(head);
        for (const auto& row : t.rows) {
            std::vector<std::string> cells;
            for (const auto& cell : row.cells) cells.push_back(cell_text(cell, o, NumberStyle::csv));
            line(cells);
        }
        if (!t.footnotes.empty() || !t.warnings.empty()) {
            out += "\r\n";
            for (const auto& note : t.footnotes) line({note});
            for (const auto& w : t.warnings) line({std::string(sv ? "Varning: " : "Warning: ") + w.message + " (" + w.path + ")"});
        }
        files.push_back(std::move(f));
    }
    return files;
}

}  // namespace finsam
