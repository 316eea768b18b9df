// src/allocation_model/text.hpp — how the allocation model writes exact figures (internal).
#pragma once

#include <string>

#include "finsam/money.hpp"
#include "finsam/rate.hpp"

namespace finsam::allocation_text {

/// An exact amount in öre as kronor: "1638000.00" (whole öre, as the result JSON writes
/// amounts), else the exact decimal or fraction of kronor ("1638000.009", "42280000/11").
inline std::string kronor(const Rational& ore) {
    if (boost::multiprecision::denominator(ore) == 1 && boost::multiprecision::abs(ore) <= Money::max_ore)
        return Money::from_exact_ore(ore).to_kr_string();
    return rational_text(ore / 100);
}

}  // namespace finsam::allocation_text
