// finsam/version.hpp — the library's version and the plan format it reads.
#pragma once

#include <string_view>

namespace finsam {

/// The library version, "MAJOR.MINOR.PATCH".
std::string_view version() noexcept;
/// The plan format this version reads.
inline constexpr std::string_view plan_format = "finsam/1";
/// The result format this version writes.
inline constexpr std::string_view result_format = "finsam-result/1";

}  // namespace finsam
