// finsam/money.hpp — exact money in integer öre, units and explicit rounding.
//
// Design notes: Money is a value type holding a signed 64-bit count of öre. Its range is
// ±(2^63 − 1) öre (spec 12.2); every operation that would leave it throws OverflowError,
// never wraps. Money + Money and Money − Money are the only arithmetic operators; scaling by
// an exact Rational goes through multiplied()/divided(), which take the unit to round to and
// a RoundingMode — there is no global rounding state and no implicit rounding anywhere.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>

#include "finsam/error.hpp"
#include "finsam/rate.hpp"

namespace finsam {

/// A unit money is written in or rounded to. Values are öre per unit.
enum class Unit : std::int64_t {
    ore = 1,            ///< öre
    kr = 100,           ///< kronor
    tkr = 100'000,      ///< tusen kronor (thousands)
    mnkr = 100'000'000  ///< miljoner kronor (millions)
};

/// Öre in one `unit`.
constexpr std::int64_t ore_per(Unit unit) noexcept { return static_cast<std::int64_t>(unit); }

/// The unit's name as written in plans: "öre", "kr", "tkr", "mnkr".
constexpr std::string_view unit_name(Unit unit) noexcept {
    switch (unit) {
        case Unit::ore: return "öre";
        case Unit::kr: return "kr";
        case Unit::tkr: return "tkr";
        case Unit::mnkr: return "mnkr";
    }
    return "?";
}

/// A plan's rounding settings (spec section 2).
struct Rounding {
    Unit amounts = Unit::kr;       ///< intervention amounts are rounded to this unit
    Unit allocation = Unit::kr;    ///< member parts are allocated in this unit
    RoundingMode mode = RoundingMode::half_up;
};

/// Exact amount of money in öre. Explicit construction only; + and − are checked.
class Money {
public:
    /// Largest magnitude, in öre: 2^63 − 1.
    static constexpr std::int64_t max_ore = std::numeric_limits<std::int64_t>::max();

    /// Zero.
    constexpr Money() noexcept = default;

    /// From a count of öre (any int64 except INT64_MIN, which is beyond the range).
    [[nodiscard]] static Money from_ore(std::int64_t ore) {
        if (ore < -max_ore) throw OverflowError("amount beyond ±(2^63 − 1) öre");
        return Money(ore);
    }

    /// From an exact number of öre, which must be whole and within range.
    [[nodiscard]] static Money from_exact_ore(const Rational& ore) {
        if (boost::multiprecision::denominator(ore) != 1)
            throw ParseError("amount is not a whole number of öre");
        return from_big(boost::multiprecision::numerator(ore));
    }

    /// From an exact amount in `unit` (e.g. 3/2 tkr), which must be whole öre once scaled.
    [[nodiscard]] static Money from_exact(const Rational& value, Unit unit) {
        const Rational ore = value * ore_per(unit);
        if (boost::multiprecision::denominator(ore) != 1)
            throw ParseError("amount is not a whole number of öre once scaled from " + std::string(unit_name(unit)));
        return from_big(boost::multiprecision::numerator(ore));
    }

    /// Parse a decimal string in `unit`: parse("3.64", Unit::mnkr) is 3 640 000 kr.
    [[nodiscard]] static Money parse(std::string_view decimal, Unit unit) { return from_exact(parse_decimal(decimal), unit); }

    /// Round an exact number of öre to a multiple of `unit` with `mode`.
    [[nodiscard]] static Money round(const Rational& ore, Unit unit, RoundingMode mode) {
        return from_big(round_integer(ore / ore_per(unit), mode) * ore_per(unit));
    }

    /// From an integer öre count of any size; OverflowError beyond the range.
    [[nodiscard]] static Money from_big(const BigInt& ore) {
        if (ore > max_ore || ore < -max_ore) throw OverflowError("amount beyond ±(2^63 − 1) öre");
        return Money(static_cast<std::int64_t>(ore));
    }

    /// The count of öre.
    constexpr std::int64_t ore() const noexcept { return ore_; }
    /// The exact value in öre as a rational.
    Rational exact_ore() const { return Rational(ore_); }
    /// The exact value in `unit` (785 000 kr in tkr is 785).
    Rational exact_in(Unit unit) const { return Rational(BigInt(ore_), BigInt(ore_per(unit))); }
    /// True when a whole number of `unit`.
    constexpr bool is_whole(Unit unit) const noexcept { return ore_ % ore_per(unit) == 0; }

    /// × an exact factor, rounded to `unit` with `mode`.
    [[nodiscard]] Money multiplied(const Rational& factor, Unit unit, RoundingMode mode) const {
        return round(exact_ore() * factor, unit, mode);
    }
    /// ÷ an exact non-zero divisor, rounded to `unit` with `mode`.
    [[nodiscard]] Money divided(const Rational& divisor, Unit unit, RoundingMode mode) const {
        if (divisor == 0) throw Error("division of an amount by zero");
        return round(exact_ore() / divisor, unit, mode);
    }

    /// Decimal kronor with two decimals: "785000.00", "-0.05".
    [[nodiscard]] std::string to_kr_string() const { return decimal_text(ore_, 2); }

    Money operator-() const noexcept { return Money(-ore_); }  // range is symmetric: cannot overflow
    friend Money operator+(Money a, Money b) {
        std::int64_t r;
        if (__builtin_add_overflow(a.ore_, b.ore_, &r) || r < -max_ore)
            throw OverflowError("sum of amounts beyond ±(2^63 − 1) öre");
        return Money(r);
    }
    friend Money operator-(Money a, Money b) { return a + (-b); }
    Money& operator+=(Money b) { return *this = *this + b; }
    Money& operator-=(Money b) { return *this = *this - b; }

    friend constexpr auto operator<=>(Money, Money) noexcept = default;
    friend constexpr bool operator==(Money, Money) noexcept = default;

private:
    constexpr explicit Money(std::int64_t ore) noexcept : ore_(ore) {}
    std::int64_t ore_ = 0;
};

/// Writes "785000.00 kr".
inline std::ostream& operator<<(std::ostream& os, Money m) { return os << m.to_kr_string() << " kr"; }

/// Shorthand for tests and examples: kr(3'640'000) is 3 640 000 kr.
[[nodiscard]] inline Money kr(std::int64_t kronor) {
    std::int64_t ore;
    if (__builtin_mul_overflow(kronor, std::int64_t{100}, &ore)) throw OverflowError("amount beyond ±(2^63 − 1) öre");
    return Money::from_ore(ore);
}

}  // namespace finsam
