// Tests for finsam/actuals.hpp: reading `actuals` (spec 14.2, 14.6.5) — the keys, the ids,
// the forecast rules — and what a loaded Actuals says about years and months.
#define BOOST_TEST_MODULE actuals
#include <boost/test/unit_test.hpp>

#include "test_util.hpp"

using namespace finsam;
using finsam_test::problems_of;
using Lines = std::vector<std::string>;

namespace {

std::string plan(const std::string& actuals, const std::string& extra = "") {
    return R"({"format": "finsam/1", "years": [2011, 2012],
      "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}],
      "shares": {"fk": "50", "region": "50"}, "frame": {"total": "1000000"},
      "interventions": [{"id": "shp", "amounts": {"2011": "120000"}, "change": {"uprate": "none"}},
                        {"id": "kansli", "amounts": {"2011": "60000"}, "change": {"uprate": "none"}}],
      "income": [{"id": "esf", "amounts": {"2011": "1200"}}],
      "actuals": )" +
           actuals + extra + "}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_loaded_actuals) {
    const Plan p = load_plan_string(plan(R"({"through": "2011-08",
        "costs": {"shp": {"2011-01": "150", "2011-02": "148.5"}, "kansli": {"2010": "702", "2009-12": "5"}},
        "contributions": {"fk": {"2011-01": "455"}},
        "forecast": {"shp": "run_rate", "kansli": "610"}})"));
    const Actuals& a = *p.actuals;
    BOOST_TEST(a.year() == 2011);
    BOOST_TEST(a.through.month == 8);
    BOOST_TEST(a.closed(2010));
    BOOST_TEST(!a.closed(2011));
    BOOST_TEST(a.has_entry(2011));
    BOOST_TEST(a.has_entry(2010));
    BOOST_TEST(a.has_entry(2009));
    BOOST_TEST(!a.has_entry(2008));
    BOOST_TEST(a.contributions_given);
    // shp 2011: 150 + 148.50 = 298.50 kr; through February the same, through January 150
    BOOST_TEST(a.costs[0]->total(2011) == Money::parse("298.50", Unit::kr));
    BOOST_TEST(a.costs[0]->to_month(2011, 1) == kr(150));
    BOOST_TEST(a.costs[1]->total(2010) == kr(702));
    BOOST_TEST(!a.contributions[1].has_value());  // region wrote nothing
    BOOST_TEST(a.income.size() == 1u);
    BOOST_TEST(!a.income[0].has_value());
    BOOST_TEST((a.forecast[0].kind == ForecastRule::Kind::run_rate));
    BOOST_TEST(a.forecast[0].path == "/actuals/forecast/shp");
    BOOST_TEST((a.forecast[1].kind == ForecastRule::Kind::amount));
    BOOST_TEST(a.forecast[1].amount == kr(610));
    BOOST_TEST(std::string(rule_name(a.forecast[1].kind)) == "explicit");
}

BOOST_AUTO_TEST_CASE(december_closes_the_year) {
    // through 2011-12: 2011 is closed, so a year key for it is allowed
    const Plan p = load_plan_string(plan(R"({"through": "2011-12", "costs": {"shp": {"2011": "119000"}}})"));
    BOOST_TEST(p.actuals->closed(2011));
    BOOST_TEST(!p.actuals->contributions_given);
    BOOST_TEST(p.actuals->costs[0]->to_month(2011, 12) == kr(119000));
}

BOOST_AUTO_TEST_CASE(keys_one_problem_each_the_first_that_applies) {
    // 2011-09 and 2012-01 are after through (the month rule comes first), "2012" is a year
    // after F, "2011" a year key of an open year, "2011-13" and "x" are no keys; 2010 written
    // both ways is an error at the year key.
    const auto p = problems_of(plan(R"({"through": "2011-08",
        "costs": {"shp": {"2011-08": "1", "2011-09": "1", "2012-01": "1", "2012": "1", "2011": "1", "2011-13": "1", "x": "1",
                          "2010": "5", "2010-03": "1", "2009": "1.001"}}})"));
    BOOST_TEST(p == (Lines{"/actuals/costs/shp/2011-09: month 2011-09 is after \"through\" (2011-08): its books are not closed; leave it out "
                           "or move \"through\" to 2011-09 or later",
                           "/actuals/costs/shp/2012-01: month 2012-01 is after \"through\" (2011-08): its books are not closed; leave it out "
                           "or move \"through\" to 2012-01 or later",
                           "/actuals/costs/shp/2012: year 2012 is after the follow-up year 2011 (the year of \"through\", 2011-08); leave it out",
                           "/actuals/costs/shp/2011: a whole year is written only for a closed year, and 2011 is open (\"through\" is "
                           "2011-08); write its months, such as \"2011-01\"",
                           "/actuals/costs/shp/2011-13: \"2011-13\" is not a month or a year; write a month such as \"2011-03\" or, for a "
                           "closed year, a year such as \"2010\"",
                           "/actuals/costs/shp/x: \"x\" is not a month or a year; write a month such as \"2011-03\" or, for a closed year, "
                           "a year such as \"2010\"",
                           "/actuals/costs/shp/2009: \"1.001\" is not a whole number of öre once read in kr; round it to at most 2 decimals",
                           "/actuals/costs/shp/2010: 2010 is written both as a whole year and by month; keep one of them"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unknown_ids) {
    // a near miss gets a suggestion, a far one the list; income ids are the plan's income
    // lines; members are checked in contributions and payments
    const auto p = problems_of(plan(R"({"through": "2011-08",
        "costs": {"shpp": {}, "coaching": {}}, "contributions": {"avesta": {}}, "income": {"ranta": {}},
        "forecast": {"kanslii": "budget"}})"));
    BOOST_TEST(p == (Lines{"/actuals/costs/shpp: unknown intervention \"shpp\"; did you mean \"shp\"?",
                           "/actuals/costs/coaching: unknown intervention \"coaching\"; the interventions are \"shp\" or \"kansli\"",
                           "/actuals/contributions/avesta: unknown member \"avesta\"; the members are \"fk\" or \"region\"",
                           "/actuals/income/ranta: unknown income line \"ranta\"; the income lines are \"esf\"",
                           "/actuals/forecast/kanslii: unknown intervention \"kanslii\"; did you mean \"kansli\"?"}),
               boost::test_tools::per_element());
    // an intervention that is written but wrong is not reported again as unknown
    const auto q = problems_of(R"({"format": "finsam/1", "years": [2011, 2011], "members": [{"id": "fk", "kind": "state"}],
      "shares": {"fk": "100"}, "interventions": [{"id": "shp", "kind": "nope", "amounts": {"2011": "1"}}],
      "actuals": {"through": "2011-02", "costs": {"shp": {"2011-01": "1"}}, "income": {"esf": {}}}})");
    BOOST_TEST(q == (Lines{"/interventions/0/kind: unknown value \"nope\"; write \"insats\", \"project\" or \"administration\"",
                           "/actuals/income/esf: unknown income line \"esf\"; the plan has no income lines; add \"income\": [{\"id\": \"…\", "
                           "\"amounts\": {…}}] to the plan"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(through_and_the_block) {
    BOOST_TEST(problems_of(plan(R"({"costs": {}})")) ==
                   (Lines{"/actuals/through: missing; write the last month whose books are closed, such as \"2011-08\""}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan(R"({"through": "2013-01"})")) ==
                   (Lines{"/actuals/through: the follow-up year 2013 (the year of \"through\") is outside the plan's years 2011–2012; "
                          "follow up a plan year, or add 2013 to \"years\""}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan(R"({"through": "2010-12"})")) ==
                   (Lines{"/actuals/through: the follow-up year 2010 (the year of \"through\") is outside the plan's years 2011–2012; "
                          "follow up a plan year, or add 2010 to \"years\""}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan(R"({"through": 201108})")) ==
                   (Lines{"/actuals/through: must be a month such as \"2011-08\", not a number"}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan(R"({"through": "2011-8"})")) ==
                   (Lines{"/actuals/through: \"2011-8\" is not a month; write the last month whose books are closed, such as \"2011-08\""}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan(R"({"through": "2011-08", "cost": {}, "costs": []})")) ==
                   (Lines{"/actuals/cost: unknown key \"cost\"; did you mean \"costs\"?",
                          "/actuals/costs: must be an object keyed by intervention id, not an array"}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan(R"([])")) == (Lines{"/actuals: must be an object, not an array"}), boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan(R"({"through": "2011-08", "costs": {"shp": [1, 2]}})")) ==
                   (Lines{"/actuals/costs/shp: must be an object of amounts by month or closed year, such as {\"2011-01\": \"150\", "
                          "\"2011-02\": \"148.5\"}, not an array"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(forecast_rules) {
    const auto p = problems_of(plan(R"({"through": "2011-08",
        "forecast": {"shp": "runrate", "kansli": true}})"));
    BOOST_TEST(p == (Lines{"/actuals/forecast/shp: unknown forecast rule \"runrate\"; write \"budget\", \"run_rate\" or the forecast as an "
                           "amount such as \"610\"",
                           "/actuals/forecast/kansli: must be \"budget\", \"run_rate\" or an amount such as \"610\", not a boolean"}),
               boost::test_tools::per_element());
    // a malformed amount keeps the amount's message
    BOOST_TEST(problems_of(plan(R"({"through": "2011-08", "forecast": {"shp": "1 000"}})")) ==
                   (Lines{"/actuals/forecast/shp: \"1 000\" is not an amount; write a JSON number or a decimal string such as \"785\" or "
                          "\"-205\" (digits with an optional decimal point: no +, exponent, spaces or decimal comma)"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(amounts_beyond_the_range) {
    // each month fits; their sum does not: at the id's entry
    const auto p = problems_of(plan(R"({"through": "2011-08",
        "costs": {"shp": {"2011-01": "92233720368547758.07", "2011-02": "1"}}, "income": {"esf": {"2011-01": "92233720368547758.08"}}})"));
    BOOST_TEST(p == (Lines{"/actuals/costs/shp: the months of 2011 sum beyond ±(2^63 − 1) öre (±92 233 720 368 547 758.07 kr), larger than "
                           "any budget; check the amounts and the plan's amount_unit",
                           "/actuals/income/esf/2011-01: amount beyond ±(2^63 − 1) öre (±92 233 720 368 547 758.07 kr), larger than any "
                           "budget; check its digits and the plan's amount_unit"}),
               boost::test_tools::per_element());
}
