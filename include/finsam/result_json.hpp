// finsam/result_json.hpp — the result JSON `finsam-result/1` (spec section 10) and the error
// JSON, as text. (A program that wants them as nlohmann::json trees: finsam/nlohmann.hpp.)
#pragma once

#include <string>
#include <vector>

#include "finsam/error.hpp"
#include "finsam/rate.hpp"
#include "finsam/result.hpp"

namespace finsam {

/// A percent for display: half away from zero to six decimals, no trailing zeros ("33.333333", "15").
[[nodiscard]] std::string format_percent(const Rational& pct);

/// The result as `finsam-result/1` JSON, keys in the order of spec section 10, indented by two
/// spaces: the text `finsam plan FILE --format json` prints (without the last newline).
[[nodiscard]] std::string result_json(const Result& result);

/// Problems as {"errors": [{"path": …, "message": …}, …]}, as `--format json` prints them.
[[nodiscard]] std::string errors_json(const std::vector<Problem>& problems);

}  // namespace finsam
