// Regressions found by hardening (fuzzing, huge plans): each case failed before its fix.
#define BOOST_TEST_MODULE regressions
#include <boost/test/unit_test.hpp>

#include <finsam/report.hpp>

#include <string>

#include <finsam/evaluate.hpp>
#include <finsam/explain.hpp>
#include <finsam/nlohmann.hpp>
#include <finsam/result_json.hpp>

using namespace finsam;

namespace {

/// A plan over the years 1..9999 with `members` members of kind other sharing the frame equally
/// (shares 100/members each, members a divisor of 100) and `interventions` interventions of
/// 1000 kr a year, `financing` written into each.
std::string long_plan(int members, int interventions, const std::string& financing) {
    std::string m, s, iv;
    for (int k = 0; k < members; ++k) {
        m += std::string(k ? "," : "") + "{\"id\": \"m" + std::to_string(k) + "\", \"kind\": \"other\"}";
        s += std::string(k ? "," : "") + "\"m" + std::to_string(k) + "\": \"" + std::to_string(100 / members) + "\"";
    }
    for (int i = 0; i < interventions; ++i)
        iv += std::string(i ? "," : "") + "{\"id\": \"i" + std::to_string(i) +
              "\", \"amounts\": {\"1\": \"1000\"}, \"change\": {\"uprate\": \"none\"}, \"financing\": " + financing + "}";
    return "{\"format\": \"finsam/1\", \"years\": [1, 9999], \"members\": [" + m + "], \"shares\": {" + s +
           "}, \"frame\": {\"cover_costs\": true}, \"interventions\": [" + iv + "]}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(many_problems_are_collected_in_linear_time) {
    // Every year each of the 5 interventions has 1000 kr, frame part 20 % = 200 kr and a case
    // part of 800 kr with no key: 5 × 9999 = 49 995 distinct problems. Duplicates were removed
    // with a linear search per problem (quadratic: 24 s in a release build); now a set.
    const Plan plan = load_plan_string(long_plan(2, 5, "{\"frame_part\": \"20\"}"));
    const auto problems = validate(plan);
    BOOST_TEST(problems.size() == 49'995u);
    BOOST_TEST(problems.front().path == "/interventions/0/financing/key");
    BOOST_TEST(problems.back().message ==
               "the case part of \"i4\" in 9999 (800.00 kr) needs a key; add \"financing\": {\"key\": {\"MEMBER\": WEIGHT, …}}");
}

BOOST_AUTO_TEST_CASE(result_json_over_9999_years_is_linear) {
    // The result JSON's year objects were filled with ordered_json's operator[], a linear key
    // search each (quadratic in the years: 9 999² / 2 string compares per object). 20 members
    // with 5 % each of one intervention of 1000 kr: each pays 50 kr every year (1000 × 5/100).
    const Result r = evaluate(load_plan_string(long_plan(20, 1, "{}")));
    const auto j = to_json(r);
    BOOST_TEST(j["members"][19]["cost_share"].size() == 9999u);
    BOOST_TEST(j["members"][19]["cost_share"].begin().key() == "1");
    BOOST_TEST(j["members"][19]["cost_share"]["9999"] == "50.00");
    BOOST_TEST(j["interventions"][0]["allocation"]["5000"]["m7"] == "50.00");
    BOOST_TEST(j["totals"]["9999"]["costs"] == "1000.00");
}

BOOST_AUTO_TEST_CASE(compare_differences_beyond_the_money_range) {
    // Base: fk pays a total of 90 000 000 000 000 000 kr (9·10^18 öre, within ±(2^63 − 1));
    // variant: −90 000 000 000 000 000 kr. The difference variant − base = −1.8·10^17 kr lies
    // beyond the range of Money: compare() threw OverflowError (`finsam compare` failed on a
    // valid plan); it is display only, so it is now exact text.
    const Plan plan = load_plan_string(R"({"format": "finsam/1", "years": [2011, 2011],
        "members": [{"id": "fk", "kind": "state"}], "shares": {"fk": "100"},
        "frame": {"total": "90000000000000000"},
        "variants": {"negative": {"frame": {"total": "-90000000000000000"}}}})");
    const Evaluation ev = evaluate_all(plan);
    const auto c = compare(ev);
    const auto& d = c["variants"][0]["members"][0]["years"]["2011"]["final_contribution"];
    BOOST_TEST(d["base"] == "90000000000000000.00");
    BOOST_TEST(d["variant"] == "-90000000000000000.00");
    BOOST_TEST(d["difference"] == "-180000000000000000.00");
    BOOST_TEST(c["variants"][0]["totals"]["2011"]["contributions"]["difference"] == "-180000000000000000.00");
    // the comparison tables: no figure for a difference beyond the range, and no exception
    const BudgetTables bt = build_comparison(ev, {}, {});
    const Cell& contributions = bt.tables.at(0).rows.at(1).cells.at(3);
    BOOST_TEST((contributions.kind == Cell::Kind::empty));
    BOOST_TEST(bt.tables.at(0).rows.at(1).cells.at(2).shown == -90000000000000);  // tkr
}
