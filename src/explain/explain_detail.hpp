// What the files of the explain stage share (internal: not installed).
#pragma once

#include <string>

#include "finsam/money.hpp"
#include "finsam/rate.hpp"

namespace finsam::explain_detail {

/// An amount in an explanation: "1 234,50 kr".
inline std::string kr(Money m) { return m.to_kr_string() + " kr"; }

/// A rational as a decimal: exact where it has at most 4 decimals, else "≈" and 4 decimals.
inline std::string approx(const Rational& q) {
    const BigInt scaled = round_integer(q * 10000, RoundingMode::half_up);
    if (Rational(scaled, 10000) == q) return decimal_text(scaled, 4, {"-", ".", "", DecimalStyle::Zeros::trim});
    return "≈ " + decimal_text(scaled, 4);
}

}  // namespace finsam::explain_detail
