// How the tables write numbers: Swedish and English, in text and for spreadsheets (CSV).
#include <cstdlib>
#include <string>

#include "report_detail.hpp"

namespace finsam {
namespace {

const char* const minus_sign = "\xE2\x88\x92";  // U+2212

std::int64_t pow10_i(int n) {
    std::int64_t v = 1;
    for (int i = 0; i < n; ++i) v *= 10;
    return v;
}

/// How numbers look in `lang` (text) or in a spreadsheet (CSV: never grouped, always "-").
DecimalStyle style_of(Lang lang, NumberStyle style, DecimalStyle::Zeros zeros = DecimalStyle::Zeros::keep) {
    if (style == NumberStyle::csv) return {"-", lang == Lang::sv ? "," : ".", "", zeros};
    if (lang == Lang::sv) return {minus_sign, ",", " ", zeros};
    return {"-", ".", ",", zeros};
}

/// Decimal places of `unit` down to whole öre (tkr: 5).
unsigned ore_decimals(Unit unit) {
    unsigned n = 0;
    for (std::int64_t u = ore_per(unit); u > 1; u /= 10) ++n;
    return n;
}

}  // namespace

int TableOptions::effective_decimals() const {
    if (unit == Unit::ore) throw Error("öre is not a display unit; use kr, tkr or mnkr");
    const int d = decimals >= 0 ? decimals : (unit == Unit::mnkr ? 1 : 0);
    const int max = static_cast<int>(ore_decimals(unit));
    if (d > max) throw Error("at most " + std::to_string(max) + " decimals in " + std::string(unit_name(unit)));
    return d;
}

std::int64_t TableOptions::step_ore() const { return ore_per(unit) / pow10_i(effective_decimals()); }

std::string summa_word(Lang lang) { return lang == Lang::sv ? "Summa" : "Total"; }

std::string subject_text(const BudgetTables& tables, bool capital) {
    const bool sv = tables.options.lang == Lang::sv;
    std::string s = !tables.subject.empty() ? tables.subject
                    : tables.comparison     ? (sv ? "scenarier jämförda med grundplanen" : "scenarios against the base plan")
                                            : (sv ? "budgettabeller" : "budget tables");
    if (capital && !s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string scenario_label(const BudgetTables& tables) { return tables.scenario.empty() ? "" : "Scenario: " + tables.scenario; }

std::string numbered_title(const BudgetTables& tables, std::size_t n) {
    std::string s = std::string(tables.options.lang == Lang::sv ? "Tabell " : "Table ") + std::to_string(n + 1) + ". " +
                    (n < tables.tables.size() ? tables.tables[n].title : std::string());
    if (!tables.scenario.empty()) s += " \xE2\x80\x93 " + scenario_label(tables);  // en dash
    return s;
}

std::string report_detail::years_text(const BudgetTables& t, std::string_view dash) {
    return t.first_year == t.last_year ? std::to_string(t.first_year)
                                       : std::to_string(t.first_year) + std::string(dash) + std::to_string(t.last_year);
}

std::string format_shown_amount(std::int64_t shown, const TableOptions& options, NumberStyle style) {
    return decimal_text(shown, static_cast<unsigned>(options.effective_decimals()), style_of(options.lang, style));
}

std::string format_shown_percent(std::int64_t tenths, const TableOptions& options, NumberStyle style) {
    const std::string s = decimal_text(tenths, 1, style_of(options.lang, style));
    if (style == NumberStyle::csv) return s;
    return s + (options.lang == Lang::sv ? " %" : "%");
}

std::string format_exact_amount(Money amount, const TableOptions& options) {
    // öre counted in 10^-n of the unit: as many decimals as needed, kronor always with two
    const auto zeros = options.unit == Unit::kr ? DecimalStyle::Zeros::unless_whole : DecimalStyle::Zeros::trim;
    return decimal_text(amount.ore(), ore_decimals(options.unit), style_of(options.lang, NumberStyle::text, zeros)) + " " +
           std::string(unit_name(options.unit));
}

std::string format_exact_percent(const Rational& percent, const TableOptions& options) {
    return decimal_text(percent, 6, RoundingMode::half_up, style_of(options.lang, NumberStyle::text, DecimalStyle::Zeros::trim)) +
           (options.lang == Lang::sv ? " %" : "%");
}

std::string cell_text(const Cell& cell, const TableOptions& options, NumberStyle style) {
    switch (cell.kind) {
        case Cell::Kind::empty: return "";
        case Cell::Kind::text: return cell.text;
        case Cell::Kind::amount: return format_shown_amount(cell.shown, options, style);
        case Cell::Kind::percent: return format_shown_percent(cell.shown, options, style);
    }
    return "";
}

}  // namespace finsam
