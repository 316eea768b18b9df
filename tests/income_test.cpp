// Tests for finsam/income.hpp: other income in the result, cover_costs, equity and checks
// (spec 13, 14.6.1, 14.6.2), with the figures worked out by hand in the comments.
#define BOOST_TEST_MODULE income
#include <boost/test/unit_test.hpp>

#include "test_util.hpp"

using finsam_test::problems_of;
using finsam_test::result_of;
using Lines = std::vector<std::string>;

namespace {

std::string s(const nlohmann::ordered_json& j) { return j.get<std::string>(); }

// cover_costs (no frame), one intervention of 100 000 kr a year, equity used 10 000 a year.
std::string plan(const std::string& income, const std::string& extra = "") {
    return R"({"format": "finsam/1", "years": [2011, 2012],
      "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}],
      "shares": {"fk": "50", "region": "50"},
      "interventions": [{"id": "x", "amounts": {"2011": "100000"}, "change": {"uprate": "none"}}],
      "equity": {"opening": "0", "use": "10000"})" +
           income + extra + "}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(income_lowers_a_cover_costs_frame_and_enters_the_result) {
    // 2011: income 30 000 + 1 000 = 31 000; total = costs − income − use = 100 000 − 31 000
    // − 10 000 = 59 000, split 50/50: 29 500 each. result = 59 000 + 31 000 − 100 000 =
    // −10 000 (the equity used); equity 0 − 10 000 = −10 000.
    // 2012: income 1 000 (esf has no 2012 key: 0); total = 100 000 − 1 000 − 10 000 = 89 000;
    // result = 89 000 + 1 000 − 100 000 = −10 000; equity −20 000. The 2013 key is unused.
    const auto r = result_of(plan(R"(, "income": [{"id": "esf", "name": "ESF-rådet", "amounts": {"2011": "30000"}},
                                                  {"id": "ranta", "amounts": {"2011": "1000", "2012": "1000", "2013": "5"}}])"));
    BOOST_TEST(s(r["totals"]["2011"]["income"]) == "31000.00");
    BOOST_TEST(s(r["totals"]["2011"]["contributions"]) == "59000.00");
    BOOST_TEST(s(r["members"][0]["final_contribution"]["2011"]) == "29500.00");
    BOOST_TEST(s(r["totals"]["2011"]["result"]) == "-10000.00");
    BOOST_TEST(s(r["totals"]["2011"]["equity_end"]) == "-10000.00");
    BOOST_TEST(s(r["totals"]["2012"]["income"]) == "1000.00");
    BOOST_TEST(s(r["totals"]["2012"]["contributions"]) == "89000.00");
    BOOST_TEST(s(r["totals"]["2012"]["equity_end"]) == "-20000.00");
    // the keys of totals in the spec's order, income after contributions
    std::vector<std::string> keys;
    for (const auto& [k, v] : r["totals"]["2011"].items()) keys.push_back(k);
    BOOST_TEST(keys == (Lines{"costs", "contributions", "income", "result", "equity_end"}), boost::test_tools::per_element());
    // the income lines, every plan year, name defaulting to the id
    BOOST_TEST(r["income"].size() == 2u);
    BOOST_TEST(s(r["income"][0]["name"]) == "ESF-rådet");
    BOOST_TEST(s(r["income"][0]["amount"]["2012"]) == "0.00");
    BOOST_TEST(s(r["income"][1]["name"]) == "ranta");
    BOOST_TEST(r["income"][1]["amount"].size() == 2u);
    BOOST_TEST(s(r["income"][1]["amount"]["2011"]) == "1000.00");
}

BOOST_AUTO_TEST_CASE(income_with_a_fixed_frame_is_not_allocated) {
    // frame total 120 000: contributions 60 000 each, not changed by income; negative income
    // (a repayment of −2 500) lowers the result: 120 000 − 2 500 − 100 000 = 17 500.
    const auto r = result_of(plan(R"(, "frame": {"total": "120000"}, "income": [{"id": "aterbetalning", "amounts": {"2011": "-2500"}}])"));
    BOOST_TEST(s(r["members"][0]["final_contribution"]["2011"]) == "60000.00");
    BOOST_TEST(s(r["members"][0]["share"]["2011"]) == "50");
    BOOST_TEST(s(r["members"][0]["cost_share"]["2011"]) == "50000.00");
    BOOST_TEST(s(r["totals"]["2011"]["result"]) == "17500.00");
    // 2012: 120 000 + 0 − 100 000 = 20 000; equity 17 500 + 20 000 = 37 500
    BOOST_TEST(s(r["totals"]["2012"]["equity_end"]) == "37500.00");
}

BOOST_AUTO_TEST_CASE(an_empty_income_list_is_present) {
    // "income": [] is present (14.6.1): totals show 0.00 and the list is empty
    const auto r = result_of(plan(R"(, "income": [])"));
    BOOST_TEST(s(r["totals"]["2011"]["income"]) == "0.00");
    BOOST_TEST(r["income"].is_array());
    BOOST_TEST(r["income"].empty());
}

BOOST_AUTO_TEST_CASE(a_plan_without_income_has_no_income_keys) {
    const auto r = result_of(plan(""));
    BOOST_TEST(!r.contains("income"));
    BOOST_TEST(!r["totals"]["2011"].contains("income"));
    BOOST_TEST(!r.contains("follow_up"));
    BOOST_TEST(!r.contains("liquidity"));
}

BOOST_AUTO_TEST_CASE(income_may_be_checked_in_any_plan) {
    // with income 31 000 stated as 31 500: difference 500 (stated − computed)
    const auto r = result_of(plan(R"(, "income": [{"id": "esf", "amounts": {"2011": "31000"}}])", R"(, "checks": {"2011": {"income": "31500"}})"));
    BOOST_TEST(r["warnings"].size() == 3u);  // and equity_negative in 2011 and 2012
    bool found = false;
    for (const auto& w : r["warnings"])
        if (s(w["code"]) == "stated_total_mismatch") {
            found = true;
            BOOST_TEST(s(w["path"]) == "/checks/2011/income");
            BOOST_TEST(s(w["message"]) ==
                       "2011 income: stated 31500.00 kr, computed 31000.00 kr, difference 500.00 kr (stated − computed)");
        }
    BOOST_TEST(found);
    // without income lines the income is 0: "0" agrees, "5" does not
    const auto zero = result_of(plan("", R"(, "checks": {"2011": {"income": "0"}})"));
    for (const auto& w : zero["warnings"]) BOOST_TEST(s(w["code"]) != "stated_total_mismatch");
    const auto five = result_of(plan("", R"(, "checks": {"2012": {"income": "5"}})"));
    bool five_found = false;
    for (const auto& w : five["warnings"])
        if (s(w["code"]) == "stated_total_mismatch") five_found = s(w["path"]) == "/checks/2012/income";
    BOOST_TEST(five_found);
}

BOOST_AUTO_TEST_CASE(income_problems_at_their_pointers) {
    const auto p = problems_of(plan(R"(, "income": [{"id": "esf", "amounts": {"2011": "1.234"}}, {"id": "esf"}, {"name": "x"},
                                                    {"id": "ESF", "amounts": []}, {"id": "ok", "amount": {}}])"));
    BOOST_TEST(p == (Lines{"/income/0/amounts/2011: \"1.234\" is not a whole number of öre once read in kr; round it to at most 2 decimals",
                           "/income/1/id: duplicate income id \"esf\"; give each income line its own id",
                           "/income/2/id: missing; write an id such as \"esf\" ([a-z0-9_-]+)",
                           "/income/3/id: \"ESF\" is not a valid id; use lower-case letters, digits, _ and -",
                           "/income/3/amounts: must be an object keyed by years, such as {\"2005\": \"785\"}, not an array",
                           "/income/4/amount: unknown key \"amount\"; did you mean \"amounts\"?"}),
               boost::test_tools::per_element());
    const auto q = problems_of(plan(R"(, "income": {"esf": {}})"));
    BOOST_TEST(q == (Lines{"/income: must be an array of income lines such as [{\"id\": \"esf\", \"amounts\": {\"2011\": \"500\"}}], not an object"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(income_beyond_the_range_is_an_error) {
    // two lines that each fit but sum beyond 2^63 − 1 öre in 2011
    const auto p = problems_of(plan(R"(, "income": [{"id": "a", "amounts": {"2011": "92233720368547758"}},
                                                    {"id": "b", "amounts": {"2011": "92233720368547758"}}])"));
    BOOST_TEST(p.size() == 1u);
    BOOST_TEST(p.at(0).rfind("/income: the income of 2011 would be beyond ±(2^63 − 1) öre", 0) == 0u);
}
