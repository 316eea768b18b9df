// Invariants (tests/invariants.hpp) on every evaluated plan: the examples with their variants,
// and generated plans (tests/reference/gen_plans.py, a directory given after `--`).
#define BOOST_TEST_MODULE invariants
#include <boost/test/unit_test.hpp>

#include <finsam/allocation_model.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <finsam/evaluate.hpp>

#include "invariants.hpp"

using namespace finsam;

namespace {

/// Evaluate `file` with every variant and check the invariants of each result.
void check_file(const std::filesystem::path& file) {
    BOOST_TEST_CONTEXT(file.filename().string()) {
        const Plan plan = load_plan_file(file.string());
        const Evaluation ev = evaluate_all(plan);
        for (const auto& v : test::check_invariants(plan, ev.base)) BOOST_ERROR(v);
        for (const auto& [name, result] : ev.variants) {
            const Plan vp = variant_plan(plan, name);
            for (const auto& v : test::check_invariants(vp, result)) BOOST_ERROR("variant " + name + ": " + v);
        }
    }
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

const std::filesystem::path examples = std::filesystem::path(FINSAM_SOURCE_DIR) / "examples";

}  // namespace

BOOST_AUTO_TEST_CASE(the_checker_finds_broken_figures) {
    // Södra Dalarna 2011: vt-administration 2011 is 900 000 kr, frame part 100 % split 50/25/15/10,
    // so fk carries 450 000 (examples/README.md 2.3); fk's cost share is 1 660 000.
    const Plan plan = load_plan_file((examples / "sodra-dalarna-2011.json").string());
    Result r = evaluate(plan);
    BOOST_TEST(test::check_invariants(plan, r).empty());

    Result one_ore = r;  // one öre more for fk: its allocation, the sum over members and fk's cost share no longer agree
    one_ore.interventions[0].allocation[0][0] += Money::from_ore(1);
    const auto v = test::check_invariants(plan, one_ore);
    BOOST_TEST(contains(v, "2011: \"vt-administration\" allocation to \"fk\" is 450000.01, expected 450000.00"));
    BOOST_TEST(contains(v, "2011: \"vt-administration\" Σ allocations is 900000.01, expected 900000.00"));
    BOOST_TEST(contains(v, "2011: cost share of \"fk\" is 1660000.00, expected 1660000.01"));

    Result equity = r;  // 2011 ends at 170 000 (costs 3 470 000, contributions 3 640 000); 2012 must start there
    equity.totals[1].equity_start = kr(170'001);
    BOOST_TEST(contains(test::check_invariants(plan, equity), "2012: equity at the start is 170001.00, expected 170000.00"));

    Result adjusted = r;  // no adjustments in the plan, so final = preliminary
    adjusted.members[2].final_contribution[0] += kr(1);
    const auto a = test::check_invariants(plan, adjusted);
    BOOST_TEST(contains(a, "2011: final contribution of \"avesta\" is 546001.00, expected 546000.00"));
    BOOST_TEST(contains(a, "2011: contributions is 3640000.00, expected 3640001.00"));
}

BOOST_AUTO_TEST_CASE(examples_and_their_variants) {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(examples))
        // (the examples' allocation models, finsam-allocation/1, are tested in allocation_model_test.cpp)
        if (e.path().extension() == ".json" && declared_format(e.path().string()) != allocation_format) {
            check_file(e.path());
            ++n;
        }
    BOOST_TEST(n >= 2);
}

BOOST_AUTO_TEST_CASE(generated_plans) {
    // The directory of generated plans is the argument after `--` (ctest passes it).
    const auto& suite = boost::unit_test::framework::master_test_suite();
    BOOST_REQUIRE_MESSAGE(suite.argc >= 2, "usage: invariants_test -- DIR_OF_GENERATED_PLANS");
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(suite.argv[suite.argc - 1]))
        if (e.path().extension() == ".json") {
            check_file(e.path());
            ++n;
        }
    BOOST_TEST_MESSAGE(n << " generated plans checked");
    BOOST_TEST(n >= 200);
}
