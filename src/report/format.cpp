// How the tables write numbers: Swedish and English, in text and for spreadsheets (CSV).
#include <cstdlib>
#include <string>

#include "finsam/report.hpp"

namespace finsam {
namespace {

const char* const minus_sign = "\xE2\x88\x92";  // U+2212

std::int64_t pow10_i(int n) {
    std::int64_t v = 1;
    for (int i = 0; i < n; ++i) v *= 10;
    return v;
}

/// Digits of a non-negative integer, grouped by three with `sep` (empty: not grouped).
std::string grouped(const std::string& digits, const std::string& sep) {
    if (sep.empty()) return digits;
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

struct Style {
    std::string group, decimal, minus;
};

Style style_of(Lang lang, NumberStyle style) {
    if (style == NumberStyle::csv) return {"", lang == Lang::sv ? "," : ".", "-"};
    if (lang == Lang::sv) return {" ", ",", minus_sign};
    return {",", ".", "-"};
}

/// |value| / 10^decimals written with `decimals` decimals.
std::string fixed(const BigInt& abs_value, int decimals, const Style& st) {
    const BigInt scale = detail::pow10(static_cast<unsigned>(decimals));
    std::string s = grouped(BigInt(abs_value / scale).str(), st.group);
    if (decimals > 0) {
        std::string frac = BigInt(abs_value % scale).str();
        frac.insert(0, static_cast<std::size_t>(decimals) - frac.size(), '0');
        s += st.decimal + frac;
    }
    return s;
}

}  // namespace

int TableOptions::effective_decimals() const {
    if (unit == Unit::ore) throw Error("öre is not a display unit; use kr, tkr or mnkr");
    const int d = decimals >= 0 ? decimals : (unit == Unit::mnkr ? 1 : 0);
    int max = 0;
    for (std::int64_t u = ore_per(unit); u > 1; u /= 10) ++max;
    if (d > max) throw Error("at most " + std::to_string(max) + " decimals in " + std::string(unit_name(unit)));
    return d;
}

std::int64_t TableOptions::step_ore() const { return ore_per(unit) / pow10_i(effective_decimals()); }

std::string summa_word(Lang lang) { return lang == Lang::sv ? "Summa" : "Total"; }

std::string subject_text(const BudgetTables& tables, bool capital) {
    std::string s = !tables.subject.empty() ? tables.subject : tables.options.lang == Lang::sv ? "budgettabeller" : "budget tables";
    if (capital && !s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string format_shown_amount(std::int64_t shown, const TableOptions& options, NumberStyle style) {
    const Style st = style_of(options.lang, style);
    const BigInt v(shown);
    const std::string body = fixed(v < 0 ? BigInt(-v) : v, options.effective_decimals(), st);
    return (shown < 0 ? st.minus : "") + body;
}

std::string format_shown_percent(std::int64_t tenths, const TableOptions& options, NumberStyle style) {
    const Style st = style_of(options.lang, style);
    const BigInt v(tenths);
    std::string s = (tenths < 0 ? st.minus : "") + fixed(v < 0 ? BigInt(-v) : v, 1, st);
    if (style == NumberStyle::csv) return s;
    return s + (options.lang == Lang::sv ? " %" : "%");
}

std::string format_exact_amount(Money amount, const TableOptions& options) {
    const Style st = style_of(options.lang, NumberStyle::text);
    const std::int64_t per = ore_per(options.unit);
    int max = 0;
    for (std::int64_t u = per; u > 1; u /= 10) ++max;
    const BigInt ore(amount.ore());
    const BigInt a = ore < 0 ? BigInt(-ore) : ore;
    int decimals = 0;
    if (a % per != 0) {
        decimals = max;
        BigInt f = a % per;
        while (decimals > 0 && f % 10 == 0) {
            f /= 10;
            --decimals;
        }
        if (options.unit == Unit::kr) decimals = 2;  // kronor and öre: always two decimals
    }
    const BigInt scaled = a / detail::pow10(static_cast<unsigned>(max - decimals));
    return (ore < 0 ? st.minus : "") + fixed(scaled, decimals, st) + " " + std::string(unit_name(options.unit));
}

std::string format_exact_percent(const Rational& percent, const TableOptions& options) {
    const Style st = style_of(options.lang, NumberStyle::text);
    const BigInt micro = round_integer(percent * 1'000'000, RoundingMode::half_up);
    const bool neg = micro < 0;
    std::string digits = (neg ? BigInt(-micro) : micro).str();
    if (digits.size() < 7) digits.insert(0, 7 - digits.size(), '0');
    std::string frac = digits.substr(digits.size() - 6);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    std::string s = neg ? st.minus : "";
    s += grouped(digits.substr(0, digits.size() - 6), st.group);
    if (!frac.empty()) s += st.decimal + frac;
    return s + (options.lang == Lang::sv ? " %" : "%");
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
