// src/read/load_followup.hpp — reading the keys of the year after the plan (internal).
//
// Design notes: `income` (spec 13), `profile` (14.1), `actuals` (14.2) and `liquidity` (14.4)
// are read with the generic readers of reader.hpp into the same problem list as the rest of
// the plan, every problem at its pointer. They refer to members, interventions and income
// lines by id, so they are read after those; an id whose entry was written but could not be
// read is not reported again as unknown (the plan fails at that entry already).
#pragma once

#include <optional>
#include <set>
#include <string>

#include "finsam/plan.hpp"
#include "reader.hpp"

namespace finsam::read {

/// A profile: "even" or twelve weights (numbers or decimal strings, ≥ 0), dated by year.
std::optional<Dated<Profile>> read_profile(Reader& r, const Node& n, const std::string& path);

/// `income`: the plan's other income lines (spec 13, 14.6.1).
void read_income(Reader& r, const Node& n, Plan& plan);

/// The ids written in the array `list` (`interventions`, `income`), readable or not.
std::set<std::string> ids_written(const Node* list);

/// `actuals` (spec 14.2, 14.6.5); `intervention_ids` / `income_ids`: the ids written in the plan.
void read_actuals(Reader& r, const Node& n, Plan& plan, const std::set<std::string>& intervention_ids,
                  const std::set<std::string>& income_ids);

/// `liquidity` (spec 14.4, 14.6.10).
void read_liquidity(Reader& r, const Node& n, Plan& plan);

}  // namespace finsam::read
