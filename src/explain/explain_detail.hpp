// What the files of the explain stage share (internal: not installed).
#pragma once

#include <string>

#include "finsam/lang.hpp"
#include "finsam/money.hpp"
#include "finsam/rate.hpp"

namespace finsam::explain_detail {

/// A rational as a decimal: exact where it has at most 4 decimals, else "≈" and 4 decimals.
inline std::string approx(const Rational& q) {
    const BigInt scaled = round_integer(q * 10000, RoundingMode::half_up);
    if (Rational(scaled, 10000) == q) return decimal_text(scaled, 4, {"-", ".", "", DecimalStyle::Zeros::trim});
    return "≈ " + decimal_text(scaled, 4);
}

/// The language of an explanation: its words and how it writes numbers. English writes them
/// as the result JSON does ("475000.00 kr", "2.25"); Swedish as Swedish text does
/// ("475 000,00 kr", "2,25", "−205 000,00 kr").
struct Words {
    Lang lang = Lang::sv;
    std::string tr(const char* sv, const char* en) const { return lang == Lang::sv ? sv : en; }
    /// A plain decimal text ("-12345.678", "≈ 3.5") in the language.
    std::string num(const std::string& text) const {
        if (lang == Lang::en) return text;
        std::string out;
        std::size_t i = 0;
        while (i < text.size()) {
            const char c = text[i];
            if (c >= '0' && c <= '9') {
                std::size_t j = i;
                while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
                const std::string digits = text.substr(i, j - i);
                const bool integer_part = i == 0 || text[i - 1] != '.';
                for (std::size_t d = 0; d < digits.size(); ++d) {
                    if (integer_part && d > 0 && (digits.size() - d) % 3 == 0) out += ' ';
                    out += digits[d];
                }
                i = j;
            } else if (c == '.' && i > 0 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
                out += ',';
                ++i;
            } else if (c == '-') {
                out += "\xE2\x88\x92";  // minus sign
                ++i;
            } else {
                out += c;
                ++i;
            }
        }
        return out;
    }
    std::string kr(Money m) const { return num(m.to_kr_string()) + " kr"; }
    /// The evaluator's note on where a rate came from ("owner (region 1.5 % ×1)", "none", "percent").
    std::string uprate_from(const std::string& from) const {
        if (lang == Lang::en) return from;
        if (from == "none") return "ingen";
        if (from == "percent") return "procent";
        if (from.rfind("owner", 0) == 0) return "ägare" + num(from.substr(5));
        return from;
    }
};

}  // namespace finsam::explain_detail
