// Helpers shared by the plan tests: evaluate a plan text, collect its problems.
#pragma once

#include <finsam/finsam.hpp>
#include <finsam/nlohmann.hpp>

#include <string>
#include <vector>

namespace finsam_test {

/// The result JSON of a plan given as text (throws PlanError if invalid).
inline nlohmann::ordered_json result_of(const std::string& plan_json) {
    return finsam::to_json(finsam::evaluate(finsam::load_plan_string(plan_json)));
}

/// Every problem of a plan text and its variants, as "POINTER: message" lines.
inline std::vector<std::string> problems_of(const std::string& plan_json) {
    std::vector<finsam::Problem> ps;
    try {
        ps = finsam::validate(finsam::load_plan_string(plan_json));
    } catch (const finsam::PlanError& e) {
        ps = e.problems();
    }
    std::vector<std::string> out;
    for (const auto& p : ps) out.push_back(p.path + ": " + p.message);
    return out;
}

}  // namespace finsam_test
