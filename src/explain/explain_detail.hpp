// What the files of the explain stage share (internal: not installed).
#pragma once

#include <string>

#include "finsam/money.hpp"
#include "finsam/rate.hpp"

namespace finsam::explain_detail {

/// A rational as a decimal: exact where it has at most 4 decimals, else "≈" and 4 decimals.
inline std::string approx(const Rational& q) {
    const BigInt scaled = round_integer(q * 10000, RoundingMode::half_up);
    const bool exact = Rational(scaled, 10000) == q;
    const bool neg = scaled < 0;
    std::string digits = (neg ? BigInt(-scaled) : scaled).str();
    if (digits.size() < 5) digits.insert(0, 5 - digits.size(), '0');
    std::string frac = digits.substr(digits.size() - 4);
    if (exact)
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
    std::string out = (neg ? "-" : "") + digits.substr(0, digits.size() - 4) + (frac.empty() ? "" : "." + frac);
    return exact ? out : "≈ " + out;
}

}  // namespace finsam::explain_detail
