// finsam/result_json.hpp — the result JSON `finsam-result/1` (spec section 10) and error JSON.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "finsam/evaluate.hpp"

namespace finsam {

/// A percent for display: half away from zero to six decimals, no trailing zeros ("33.333333", "15").
std::string format_percent(const Rational& pct);

/// The result as `finsam-result/1` JSON, keys in the order of spec section 10.
nlohmann::ordered_json to_json(const Result& result);

/// Problems as {"errors": [{"path": …, "message": …}, …]}.
nlohmann::ordered_json errors_to_json(const std::vector<Problem>& problems);

/// Serialize for output: 2-space indentation, UTF-8 kept, invalid bytes replaced.
std::string dump_json(const nlohmann::ordered_json& j);

}  // namespace finsam
