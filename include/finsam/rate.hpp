// finsam/rate.hpp — exact rationals for shares, rates and factors, and their exact parsing.
//
// Design notes: every share, percent and factor is a boost::multiprecision::cpp_rational.
// Parsing goes from text straight to a rational ("1.5" is exactly 3/2, "600/400" is 3/2),
// so no binary floating point ever touches a share or a rate. JSON numbers are parsed from
// their source text (see json.hpp), never from a double.
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

/// Largest decimal exponent accepted in a JSON number (spec 12.2).
inline constexpr int max_json_exponent = 400;

/// Parse a decimal string `-?DIGITS(.DIGITS)?` exactly (no `+`, exponent, spaces or comma).
inline Rational parse_decimal(std::string_view text) {
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
inline Rational parse_json_number(std::string_view text) {
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
inline Rational parse_factor(std::string_view text) {
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
inline std::string rational_text(const Rational& r) {
    BigInt den = boost::multiprecision::denominator(r);
    unsigned twos = 0, fives = 0;
    while (den % 2 == 0) den /= 2, ++twos;
    while (den % 5 == 0) den /= 5, ++fives;
    const unsigned digits = std::max(twos, fives);
    if (den != 1 || digits > 12)
        return boost::multiprecision::numerator(r).str() + "/" + boost::multiprecision::denominator(r).str();
    const BigInt scaled = boost::multiprecision::numerator(r) * detail::pow10(digits) / boost::multiprecision::denominator(r);
    const bool neg = scaled < 0;
    std::string s = (neg ? BigInt(-scaled) : scaled).str();
    if (digits) {
        if (s.size() <= digits) s.insert(0, digits + 1 - s.size(), '0');
        s.insert(s.size() - digits, ".");
    }
    return (neg ? "-" : "") + s;
}

/// Decimal text of an integer.
inline std::string to_string(const BigInt& v) { return v.str(); }

/// A rate in percent (uprating, share, frame part) — exact. `Rate::percent("1.5")` is 1.5 % = 3/200.
class Rate {
public:
    /// From a percent written as a decimal string ("1.5", "-2", "33.3333").
    static Rate percent(std::string_view text) { return Rate(parse_decimal(text)); }
    /// From an exact percent value.
    static Rate from_percent(Rational pct) { return Rate(std::move(pct)); }

    /// The percent itself (1.5 for 1.5 %).
    const Rational& in_percent() const noexcept { return pct_; }
    /// As a fraction of one (3/200 for 1.5 %).
    Rational fraction() const { return pct_ / 100; }
    /// The growth factor 1 + rate (203/200 for 1.5 %).
    Rational growth_factor() const { return 1 + pct_ / 100; }

    friend bool operator==(const Rate&, const Rate&) = default;

private:
    explicit Rate(Rational pct) : pct_(std::move(pct)) {}
    Rational pct_;
};

}  // namespace finsam
