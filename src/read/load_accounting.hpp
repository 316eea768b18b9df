// src/read/load_accounting.hpp — the plan's `accounting` block (spec 15), read by load_plan.cpp.
#pragma once

#include <optional>

#include "finsam/accounting.hpp"
#include "finsam/plan.hpp"
#include "reader.hpp"

namespace finsam::read {

/// The block `block` (at /accounting) with every problem added to `reader`; `to` ids are checked
/// against the plan's interventions and members as read so far, and the income lines of `root`.
/// nullopt when the block has a problem.
std::optional<Accounting> load_accounting(Reader& reader, const Node& block, const Plan& plan, const Node& root);

}  // namespace finsam::read
