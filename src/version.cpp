#include "finsam/version.hpp"

namespace finsam {

std::string_view version() noexcept { return "0.1.0"; }

}  // namespace finsam
