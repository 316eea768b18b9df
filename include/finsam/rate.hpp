// finsam/rate.hpp — exact rationals for shares, rates and factors, and their exact parsing.
//
// Design notes: every share, percent and factor is a boost::multiprecision::cpp_rational.
// Parsing goes from text straight to a rational ("1.5" is exactly 3/2, "600/400" is 3/2),
// so no binary floating point ever touches a share or a rate. JSON numbers are parsed from
// their source text (see json.hpp), never from a double. Writing goes the other way through
// one function, decimal_text(): an integer count of 10^−n (öre, tenths of a percent, …) or a
// rational rounded with an explicit RoundingMode, as text in any language's style; the result
// JSON, the tables, explain and the messages all write their decimals with it. Percentages are
// Rate values: whatever is "p percent of x" or "x as a percent of y" goes through Rate, never
// through a hand-written division by 100.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "finsam/error.hpp"

namespace finsam {

/// Arbitrary-precision integer.
using BigInt = boost::multiprecision::cpp_int;
/// Exact rational number (shares, rates, factors, exact quotas).
using Rational = boost::multiprecision::cpp_rational;

namespace detail {

inline bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

inline BigInt digits_to_int(std::string_view s) {
    BigInt v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

inline BigInt pow10(unsigned n) {
    BigInt v = 1;
    for (unsigned i = 0; i < n; ++i) v *= 10;
    return v;
}

inline std::string quoted(std::string_view s) {
    std::string q = "\"";
    for (char c : s.substr(0, 40)) q += c;
    if (s.size() > 40) q += "…";
    return q + "\"";
}

}  // namespace detail

/// How a value between two units is rounded.
enum class RoundingMode {
    half_up,     ///< halves away from zero (the Swedish convention): 2.5 → 3, −2.5 → −3
    half_even,   ///< halves to the even neighbour: 2.5 → 2, 3.5 → 4
    toward_zero  ///< truncation: 2.9 → 2, −2.9 → −2
};

/// The mode's name as written in plans.
constexpr std::string_view mode_name(RoundingMode m) noexcept {
    switch (m) {
        case RoundingMode::half_up: return "half_up";
        case RoundingMode::half_even: return "half_even";
        case RoundingMode::toward_zero: return "toward_zero";
    }
    return "?";
}

/// Round an exact rational to an integer with `mode`.
[[nodiscard]] inline BigInt round_integer(const Rational& q, RoundingMode mode) {
    const BigInt num = boost::multiprecision::numerator(q);
    const BigInt den = boost::multiprecision::denominator(q);  // always > 0
    BigInt quot = num / den;  // truncates toward zero
    BigInt rem = num % den;   // same sign as num
    if (rem == 0 || mode == RoundingMode::toward_zero) return quot;
    const BigInt twice = 2 * boost::multiprecision::abs(rem);
    const int away = num < 0 ? -1 : 1;
    if (twice > den) return quot + away;
    if (twice < den) return quot;
    // exactly half
    if (mode == RoundingMode::half_up) return quot + away;
    return (quot % 2 == 0) ? quot : BigInt(quot + away);
}

// ---- writing decimals ------------------------------------------------------------------------

/// How decimal_text() writes a number.
struct DecimalStyle {
    /// Which zeros at the end of the fraction are written.
    enum class Zeros {
        keep,         ///< all of them: "1.50", "2.00"
        trim,         ///< none: "1.5", "2"
        unless_whole  ///< all, but no fraction at all when it is zero: "1.50", "2"
    };
    std::string_view minus = "-";  ///< the sign of a negative number ("−", U+2212, in Swedish text)
    std::string_view point = ".";  ///< the decimal mark ("," in Swedish)
    std::string_view group;        ///< between groups of three digits of the whole part ("": none)
    Zeros zeros = Zeros::keep;
};

namespace detail {

/// The decimal digits `digits` of a number's magnitude, with `decimals` of them after the point.
inline std::string write_decimal(std::string digits, bool negative, unsigned decimals, const DecimalStyle& style) {
    if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
    const std::size_t whole = digits.size() - decimals;
    std::string_view frac = std::string_view(digits).substr(whole);
    if (style.zeros == DecimalStyle::Zeros::trim) {
        while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
    } else if (style.zeros == DecimalStyle::Zeros::unless_whole && frac.find_first_not_of('0') == std::string_view::npos) {
        frac = {};
    }
    std::string out(negative ? style.minus : std::string_view{});
    for (std::size_t i = 0; i < whole; ++i) {
        if (i > 0 && (whole - i) % 3 == 0) out += style.group;
        out += digits[i];
    }
    if (!frac.empty()) {
        out += style.point;
        out += frac;
    }
    return out;
}

}  // namespace detail

/// The integer `scaled` counted in 10^−decimals, as decimal text: decimal_text(-12345, 2) is
/// "-123.45", decimal_text(1099890, 0, {"-", ".", " "}) is "1 099 890".
[[nodiscard]] inline std::string decimal_text(std::int64_t scaled, unsigned decimals, const DecimalStyle& style = {}) {
    const std::uint64_t magnitude =
        scaled < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(scaled) : static_cast<std::uint64_t>(scaled);
    return detail::write_decimal(std::to_string(magnitude), scaled < 0, decimals, style);
}

/// The same for an integer of any size.
[[nodiscard]] inline std::string decimal_text(const BigInt& scaled, unsigned decimals, const DecimalStyle& style = {}) {
    return detail::write_decimal((scaled < 0 ? BigInt(-scaled) : scaled).str(), scaled < 0, decimals, style);
}

/// `value` rounded to `decimals` places with `mode`, as decimal text: decimal_text(Rational(100, 3),
/// 6, RoundingMode::half_up, {"-", ".", "", DecimalStyle::Zeros::trim}) is "33.333333".
[[nodiscard]] inline std::string decimal_text(const Rational& value, unsigned decimals, RoundingMode mode,
                                              const DecimalStyle& style = {}) {
    return decimal_text(round_integer(value * detail::pow10(decimals), mode), decimals, style);
}

// ---- reading decimals ------------------------------------------------------------------------

/// Largest decimal exponent accepted in a JSON number (spec 12.2).
inline constexpr int max_json_exponent = 400;

/// Parse a decimal string `-?DIGITS(.DIGITS)?` exactly (no `+`, exponent, spaces or comma).
[[nodiscard]] inline Rational parse_decimal(std::string_view text) {
    std::string_view s = text;
    bool neg = false;
    if (!s.empty() && s.front() == '-') {
        neg = true;
        s.remove_prefix(1);
    }
    const auto dot = s.find('.');
    std::string_view int_part = s.substr(0, dot);
    std::string_view frac_part = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if (!detail::is_digits(int_part) || (dot != std::string_view::npos && !detail::is_digits(frac_part)))
        throw ParseError("not a decimal number: " + detail::quoted(text) +
                         "; write digits with an optional point, such as \"1.5\" or \"-205\"");
    if (int_part.size() + frac_part.size() > 4000)
        throw OverflowError("number " + detail::quoted(text) + " has too many digits");
    BigInt num = detail::digits_to_int(int_part) * detail::pow10(static_cast<unsigned>(frac_part.size())) +
                 detail::digits_to_int(frac_part);
    Rational r(num, detail::pow10(static_cast<unsigned>(frac_part.size())));
    return neg ? Rational(-r) : r;
}

/// Parse the source text of a JSON number exactly, exponent included ("1e3" is 1000).
/// An exponent beyond ±400 is an OverflowError (spec 12.2).
[[nodiscard]] inline Rational parse_json_number(std::string_view text) {
    const auto e = text.find_first_of("eE");
    if (e == std::string_view::npos) return parse_decimal(text);
    std::string_view exp = text.substr(e + 1);
    bool neg = false;
    if (!exp.empty() && (exp.front() == '+' || exp.front() == '-')) {
        neg = exp.front() == '-';
        exp.remove_prefix(1);
    }
    if (!detail::is_digits(exp)) throw ParseError("not a number: " + detail::quoted(text));
    while (exp.size() > 1 && exp.front() == '0') exp.remove_prefix(1);
    if (exp.size() > 3 || std::stoi(std::string(exp)) > max_json_exponent)
        throw OverflowError("number " + detail::quoted(text) + " has an exponent beyond ±" +
                            std::to_string(max_json_exponent));
    const unsigned n = static_cast<unsigned>(std::stoi(std::string(exp)));
    Rational mantissa = parse_decimal(text.substr(0, e));
    return neg ? Rational(mantissa / detail::pow10(n)) : Rational(mantissa * detail::pow10(n));
}

/// Parse a factor or weight: a decimal string or `A/B` with integers, B ≠ 0 ("600/400" is 3/2).
[[nodiscard]] inline Rational parse_factor(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return parse_decimal(text);
    std::string_view a = text.substr(0, slash), b = text.substr(slash + 1);
    auto parse_int = [&](std::string_view s) {
        bool neg = !s.empty() && s.front() == '-';
        if (neg) s.remove_prefix(1);
        if (!detail::is_digits(s))
            throw ParseError("not a fraction: " + detail::quoted(text) +
                             "; write two integers such as \"600/400\"");
        if (s.size() > 4000) throw OverflowError("number " + detail::quoted(text) + " has too many digits");
        BigInt v = detail::digits_to_int(s);
        return neg ? BigInt(-v) : v;
    };
    BigInt num = parse_int(a), den = parse_int(b);
    if (den == 0) throw ParseError("fraction " + detail::quoted(text) + " divides by zero");
    if (den < 0) num = -num, den = -den;  // "-1/-2" is 1/2 (spec 12.23); Boost refuses a negative denominator
    return Rational(num, den);
}

/// Exact text of a rational: a decimal where it has at most 12 decimals ("1.5", "-205",
/// "99.5"), else "A/B".
[[nodiscard]] inline std::string rational_text(const Rational& r) {
    BigInt den = boost::multiprecision::denominator(r);
    unsigned twos = 0, fives = 0;
    while (den % 2 == 0) den /= 2, ++twos;
    while (den % 5 == 0) den /= 5, ++fives;
    const unsigned digits = std::max(twos, fives);
    if (den != 1 || digits > 12)
        return boost::multiprecision::numerator(r).str() + "/" + boost::multiprecision::denominator(r).str();
    return decimal_text(BigInt(boost::multiprecision::numerator(r) * detail::pow10(digits) / boost::multiprecision::denominator(r)), digits);
}

/// Decimal text of an integer.
inline std::string to_string(const BigInt& v) { return v.str(); }

/// A rate in percent (uprating, share, frame part) — exact. `Rate::percent("1.5")` is 1.5 % = 3/200.
/// The one place where percent and fraction meet: "p % of x" is Rate::from_percent(p).of(x), "x
/// as a percent of y" is Rate::ratio(x, y).
class Rate {
public:
    /// From a percent written as a decimal string ("1.5", "-2", "33.3333").
    [[nodiscard]] static Rate percent(std::string_view text) { return Rate(parse_decimal(text)); }
    /// From an exact percent value.
    [[nodiscard]] static Rate from_percent(Rational pct) { return Rate(std::move(pct)); }
    /// From basis points (hundredths of a percent): 150 is 1.5 %.
    [[nodiscard]] static Rate from_basis_points(std::int64_t bp) { return Rate(Rational(bp, 100)); }
    /// `part` as a percent of `whole` (≠ 0): ratio(1, 4) is 25 %.
    [[nodiscard]] static Rate ratio(const Rational& part, const Rational& whole) { return Rate(Rational(100) * part / whole); }

    /// The percent itself (1.5 for 1.5 %).
    const Rational& in_percent() const noexcept { return pct_; }
    /// As a fraction of one (3/200 for 1.5 %).
    [[nodiscard]] Rational fraction() const { return pct_ / 100; }
    /// The growth factor 1 + rate (203/200 for 1.5 %).
    [[nodiscard]] Rational growth_factor() const { return 1 + pct_ / 100; }
    /// This rate of `x`, exactly: Rate::percent("20").of(1000) is 200.
    [[nodiscard]] Rational of(const Rational& x) const { return x * pct_ / 100; }

    friend bool operator==(const Rate&, const Rate&) = default;

private:
    explicit Rate(Rational pct) : pct_(std::move(pct)) {}
    Rational pct_;
};

}  // namespace finsam
