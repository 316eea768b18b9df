// Tests for finsam/followup.hpp: the follow-up of year F through month T (spec 14.3,
// 14.6.6–14.6.9) — every figure, the forecast rules, the forecast's allocation, the forecast
// equity, history and the warnings — with the arithmetic in the comments.
#define BOOST_TEST_MODULE followup
#include <boost/test/unit_test.hpp>

#include "test_util.hpp"

using namespace finsam;
using finsam_test::problems_of;
using finsam_test::result_of;
using Lines = std::vector<std::string>;

namespace {

std::string s(const nlohmann::ordered_json& j) { return j.get<std::string>(); }

// Two members 50/50, frame 240 000 a year, equity opening 1 000 with a 20 % guideline.
//  a  insats, 120 000 a year, even: 10 000 a month.
//  b  project, 60 000, profile July–December (10 000 a month then), frame part 50, key region.
//  c  administration 2011 only, items x 1 000 (even: 84 Jan–Apr, 83 May–Dec) and y 50 (all
//     in January): c = 1 050; months Jan 134, Feb–Apr 84, May–Dec 83.
// Income esf 12 000 in 2011 (1 000 a month). Costs 2011: 181 050; 2012: 180 000.
const char* const base_plan = R"({
  "format": "finsam/1", "name": "Test", "years": [2011, 2012],
  "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}],
  "shares": {"fk": "50", "region": "50"},
  "frame": {"total": "240000"},
  "interventions": [
    {"id": "a", "kind": "insats", "amounts": {"2011": "120000"}, "change": {"uprate": "none"}},
    {"id": "b", "kind": "project", "amounts": {"2011": "60000"}, "change": {"uprate": "none"},
     "profile": [0,0,0,0,0,0,1,1,1,1,1,1], "financing": {"frame_part": "50", "key": {"region": "1"}}},
    {"id": "c", "kind": "administration", "items": [{"name": "x", "amounts": {"2011": "1000"}},
        {"name": "y", "amounts": {"2011": "50"}, "profile": [1,0,0,0,0,0,0,0,0,0,0,0]}], "active": {"to": 2011}}
  ],
  "income": [{"id": "esf", "amounts": {"2011": "12000"}}],
  "equity": {"opening": "1000", "guideline_percent": "20"})";

std::string plan(const std::string& actuals, const std::string& extra = "") {
    return std::string(base_plan) + ", \"actuals\": " + actuals + extra + "}";
}

/// The plan with one more intervention (after c) and `actuals`.
std::string plan_with(const std::string& intervention, const std::string& actuals) {
    std::string p = base_plan;
    const std::string after_c = "\"active\": {\"to\": 2011}}";
    p.insert(p.find(after_c) + after_c.size(), ", " + intervention);
    return p + ", \"actuals\": " + actuals + "}";
}

// Through June: a booked 10 000 a month; b 5 000 in June; c 100 a month and 900 for 2010
// (a history year); fk paid 30 000 in January and April; esf 6 000 in March.
const char* const through_june = R"({
    "through": "2011-06",
    "costs": {"a": {"2011-01": "10000", "2011-02": "10000", "2011-03": "10000", "2011-04": "10000", "2011-05": "10000", "2011-06": "10000"},
              "b": {"2011-06": "5000"},
              "c": {"2011-01": "100", "2011-02": "100", "2011-03": "100", "2011-04": "100", "2011-05": "100", "2011-06": "100", "2010": "900"}},
    "contributions": {"fk": {"2011-01": "30000", "2011-04": "30000"}},
    "income": {"esf": {"2011-03": "6000"}},
    "forecast": {"c": "run_rate"}})";

std::vector<std::string> codes_at(const nlohmann::ordered_json& r, const std::string& path) {
    std::vector<std::string> out;
    for (const auto& w : r["warnings"])
        if (s(w["path"]) == path) out.push_back(s(w["code"]));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(figures_through_june) {
    const auto r = result_of(plan(through_june));
    const auto& fu = r["follow_up"];
    BOOST_TEST(fu["year"].get<int>() == 2011);
    BOOST_TEST(s(fu["through"]) == "2011-06");
    // a, rule budget: to date 6 × 10 000 = 60 000 both; forecast 60 000 + (120 000 − 60 000)
    const auto& a = fu["interventions"][0];
    BOOST_TEST(s(a["forecast_rule"]) == "budget");
    BOOST_TEST(s(a["budget"]) == "120000.00");
    BOOST_TEST(s(a["budget_to_date"]) == "60000.00");
    BOOST_TEST(s(a["actual_to_date"]) == "60000.00");
    BOOST_TEST(s(a["deviation_to_date"]) == "0.00");
    BOOST_TEST(s(a["forecast"]) == "120000.00");
    BOOST_TEST(s(a["forecast_deviation"]) == "0.00");
    BOOST_TEST(s(a["forecast_allocation"]["fk"]) == "60000.00");
    // b: nothing budgeted to date, 5 000 booked: deviation −5 000; forecast 5 000 + 60 000
    // = 65 000, deviation −5 000. Frame part 50 %: 32 500 by the final frame (16 250 each),
    // case 32 500 to region: fk 16 250, region 48 750.
    const auto& b = fu["interventions"][1];
    BOOST_TEST(s(b["budget_to_date"]) == "0.00");
    BOOST_TEST(s(b["deviation_to_date"]) == "-5000.00");
    BOOST_TEST(s(b["forecast"]) == "65000.00");
    BOOST_TEST(s(b["forecast_deviation"]) == "-5000.00");
    BOOST_TEST(s(b["forecast_allocation"]["fk"]) == "16250.00");
    BOOST_TEST(s(b["forecast_allocation"]["region"]) == "48750.00");
    BOOST_TEST(s(b["months"]["2011-07"]["budget"]) == "10000.00");
    BOOST_TEST(s(b["months"]["2011-06"]["actual"]) == "5000.00");
    BOOST_TEST(s(b["months"]["2011-12"]["actual"]) == "0.00");
    BOOST_TEST(b["months"].size() == 12u);
    // c, run_rate: budget to date 134 + 84 × 3 + 83 × 2 = 552; actual 600; forecast
    // 600 × 1 050 / 552 = 1 141.30… → 1 141 (kr, half_up); deviation 1 050 − 1 141 = −91.
    // Frame part 100: 1 141 by 50/50 → 570 each and the unit left over to fk (tie, first).
    const auto& c = fu["interventions"][2];
    BOOST_TEST(s(c["forecast_rule"]) == "run_rate");
    BOOST_TEST(s(c["budget_to_date"]) == "552.00");
    BOOST_TEST(s(c["actual_to_date"]) == "600.00");
    BOOST_TEST(s(c["deviation_to_date"]) == "-48.00");
    BOOST_TEST(s(c["forecast"]) == "1141.00");
    BOOST_TEST(s(c["forecast_deviation"]) == "-91.00");
    BOOST_TEST(s(c["forecast_allocation"]["fk"]) == "571.00");
    BOOST_TEST(s(c["forecast_allocation"]["region"]) == "570.00");
    BOOST_TEST(s(c["months"]["2011-01"]["budget"]) == "134.00");
    // members: the final contribution of 2011; received (fk 60 000, region nothing: 0);
    // forecast cost shares fk 60 000 + 16 250 + 571 = 76 821, region 60 000 + 48 750 + 570
    // = 109 320 (together 186 141, the forecast)
    const auto& m = fu["members"];
    BOOST_TEST(s(m[0]["contribution"]) == "120000.00");
    BOOST_TEST(s(m[0]["received_to_date"]) == "60000.00");
    BOOST_TEST(s(m[1]["received_to_date"]) == "0.00");
    BOOST_TEST(s(m[0]["forecast_cost_share"]) == "76821.00");
    BOOST_TEST(s(m[1]["forecast_cost_share"]) == "109320.00");
    // income: budget to date 6 × 1 000; forecast 6 000 + (12 000 − 6 000) = 12 000
    BOOST_TEST(s(fu["income"][0]["budget"]) == "12000.00");
    BOOST_TEST(s(fu["income"][0]["actual_to_date"]) == "6000.00");
    BOOST_TEST(s(fu["income"][0]["forecast"]) == "12000.00");
    // totals: budget 181 050, to date 60 552 / 65 600, deviation −5 048, forecast 186 141,
    // deviation −5 091; result 240 000 + 12 000 − 186 141 = 65 859; equity 1 000 + 65 859
    // = 66 859 at the end of 2011, + 2012's planned result 240 000 − 180 000 = 126 859.
    const auto& t = fu["totals"];
    BOOST_TEST(s(t["budget"]) == "181050.00");
    BOOST_TEST(s(t["budget_to_date"]) == "60552.00");
    BOOST_TEST(s(t["actual_to_date"]) == "65600.00");
    BOOST_TEST(s(t["deviation_to_date"]) == "-5048.00");
    BOOST_TEST(s(t["forecast"]) == "186141.00");
    BOOST_TEST(s(t["forecast_deviation"]) == "-5091.00");
    BOOST_TEST(s(t["contributions"]) == "240000.00");
    BOOST_TEST(s(t["income_forecast"]) == "12000.00");
    BOOST_TEST(s(t["forecast_result"]) == "65859.00");
    BOOST_TEST(s(t["forecast_equity_end"]["2011"]) == "66859.00");
    BOOST_TEST(s(t["forecast_equity_end"]["2012"]) == "126859.00");
    // history: 2010, every intervention listed
    BOOST_TEST(s(fu["history"]["2010"]["costs"]["a"]) == "0.00");
    BOOST_TEST(s(fu["history"]["2010"]["costs"]["c"]) == "900.00");
    BOOST_TEST(s(fu["history"]["2010"]["total_costs"]) == "900.00");
    // warnings: b and c forecast above budget; forecast equity 66 859 above 20 % of 240 000
    BOOST_TEST(codes_at(r, "/actuals/costs/b") == (Lines{"forecast_above_budget"}), boost::test_tools::per_element());
    BOOST_TEST(codes_at(r, "/actuals/costs/a").empty());
    for (const auto& w : r["warnings"])
        if (s(w["path"]) == "/actuals/costs/c")
            BOOST_TEST(s(w["message"]) == "\"c\" 2011: forecast 1141.00 kr above the budget of 1050.00 kr, difference 91.00 kr (forecast − budget)");
    BOOST_TEST((codes_at(r, "/equity/guideline_percent") ==
                Lines{"equity_above_guideline", "equity_above_guideline", "forecast_equity_above_guideline"}),
               boost::test_tools::per_element());
    // the plan's own figures are unchanged by the actuals
    BOOST_TEST(s(r["totals"]["2011"]["result"]) == "70950.00");
}

BOOST_AUTO_TEST_CASE(keys_of_the_follow_up) {
    const auto r = result_of(plan(R"({"through": "2011-03"})"));
    const auto& fu = r["follow_up"];
    std::vector<std::string> keys;
    for (const auto& [k, v] : fu.items()) keys.push_back(k);
    BOOST_TEST(keys == (Lines{"year", "through", "interventions", "members", "income", "totals", "history"}), boost::test_tools::per_element());
    keys.clear();
    for (const auto& [k, v] : fu["interventions"][0].items()) keys.push_back(k);
    BOOST_TEST(keys == (Lines{"id", "forecast_rule", "budget", "budget_to_date", "actual_to_date", "deviation_to_date", "forecast",
                              "forecast_deviation", "months", "forecast_allocation"}),
               boost::test_tools::per_element());
    // without contributions actuals: no received_to_date; history {} without history years
    BOOST_TEST(!fu["members"][0].contains("received_to_date"));
    BOOST_TEST(fu["history"].is_object());
    BOOST_TEST(fu["history"].empty());
    // nothing booked: actual 0; a is 3 × 10 000 under budget; forecast 0 + (120 000 − 30 000)
    BOOST_TEST(s(fu["interventions"][0]["deviation_to_date"]) == "30000.00");
    BOOST_TEST(s(fu["interventions"][0]["forecast"]) == "90000.00");
}

BOOST_AUTO_TEST_CASE(follow_up_without_income_or_equity) {
    // income [] (and none): follow_up.income is [], income_forecast 0.00; no equity: no
    // forecast_equity_end
    std::string p = R"({"format": "finsam/1", "years": [2011, 2011], "members": [{"id": "fk", "kind": "state"}],
      "shares": {"fk": "100"}, "frame": {"total": "100"},
      "interventions": [{"id": "a", "amounts": {"2011": "100"}}], "actuals": {"through": "2011-01"}})";
    const auto r = result_of(p);
    BOOST_TEST(r["follow_up"]["income"].is_array());
    BOOST_TEST(r["follow_up"]["income"].empty());
    BOOST_TEST(s(r["follow_up"]["totals"]["income_forecast"]) == "0.00");
    BOOST_TEST(!r["follow_up"]["totals"].contains("forecast_equity_end"));
    // budget to date 100 / 12 → 9 (8 r 4: Jan–Apr 9); nothing booked: forecast 0 + (100 − 9)
    // = 91; forecast result 100 − 91 = 9
    BOOST_TEST(s(r["follow_up"]["interventions"][0]["budget_to_date"]) == "9.00");
    BOOST_TEST(s(r["follow_up"]["interventions"][0]["forecast"]) == "91.00");
    BOOST_TEST(s(r["follow_up"]["totals"]["forecast_result"]) == "9.00");
}

BOOST_AUTO_TEST_CASE(closed_year_forecast_is_the_actual) {
    // through December: every rule's forecast is the actual; run_rate on b's 0 budget to date
    // would fail in an open year, here it is no error (14.6.7). a booked as a year key
    // 119 000 is spread by a's profile (even): 119 000 / 12 = 9 916 r 8 → Jan–Aug 9 917.
    // b explicit 70 000 is not used: b's forecast is its actual 0.
    const auto r = result_of(plan(R"({"through": "2011-12", "costs": {"a": {"2011": "119000"}},
        "forecast": {"a": "run_rate", "b": "70000", "c": "budget"}})"));
    const auto& fu = r["follow_up"];
    const auto& a = fu["interventions"][0];
    BOOST_TEST(s(a["forecast_rule"]) == "run_rate");
    BOOST_TEST(s(a["budget_to_date"]) == "120000.00");
    BOOST_TEST(s(a["actual_to_date"]) == "119000.00");
    BOOST_TEST(s(a["forecast"]) == "119000.00");
    BOOST_TEST(s(a["forecast_deviation"]) == "1000.00");
    BOOST_TEST(s(a["months"]["2011-08"]["actual"]) == "9917.00");
    BOOST_TEST(s(a["months"]["2011-09"]["actual"]) == "9916.00");
    BOOST_TEST(s(fu["interventions"][1]["forecast_rule"]) == "explicit");
    BOOST_TEST(s(fu["interventions"][1]["forecast"]) == "0.00");
    // a closed 2011 with an entry is a closed year but not history
    BOOST_TEST(fu["history"].empty());
}

BOOST_AUTO_TEST_CASE(run_rate_with_nothing_budgeted_is_an_error_in_an_open_year) {
    const auto p = problems_of(plan(R"({"through": "2011-06", "forecast": {"b": "run_rate"}})"));
    BOOST_TEST(p == (Lines{"/actuals/forecast/b: \"run_rate\" needs a budget to date, but \"b\" has nothing budgeted in 2011 through month "
                           "6; write \"budget\" or the forecast as an amount"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(run_rate_rounds_to_the_amounts_unit_with_the_mode) {
    // a: budget to date Jan–Mar 30 000, actual 30 001: 30 001 × 120 000 / 30 000 = 120 004 kr
    // exactly; with actual 30 000.01: 120 000.04 → 120 000 (kr); with "amounts": "öre" kept.
    const auto r = result_of(plan(R"({"through": "2011-03", "costs": {"a": {"2011-01": "30000.01"}}, "forecast": {"a": "run_rate"}})"));
    BOOST_TEST(s(r["follow_up"]["interventions"][0]["forecast"]) == "120000.00");
    const auto o = result_of(plan(R"({"through": "2011-03", "costs": {"a": {"2011-01": "30000.01"}}, "forecast": {"a": "run_rate"}})",
                                  R"(, "rounding": {"amounts": "öre"})"));
    BOOST_TEST(s(o["follow_up"]["interventions"][0]["forecast"]) == "120000.04");
    // a half: actual 30 000.125? not whole öre; 7 500.50 through January (budget to date
    // 10 000): 7 500.50 × 12 = 90 006.00 exactly; through February (20 000): 7 500.50 × 6 =
    // 45 003; so take 10 000.05 through January: × 12 = 120 000.60 → 120 001 (half_up,
    // above half) and 2 500.0625 is no amount — a true half: 1 250.0625? Use 5 000.25 through
    // February: × 6 = 30 001.50 → half_up 30 002, half_even 30 002, toward_zero 30 001.
    const auto h = result_of(plan(R"({"through": "2011-02", "costs": {"a": {"2011-01": "5000.25"}}, "forecast": {"a": "run_rate"}})"));
    BOOST_TEST(s(h["follow_up"]["interventions"][0]["forecast"]) == "30002.00");
    const auto z = result_of(plan(R"({"through": "2011-02", "costs": {"a": {"2011-01": "5000.25"}}, "forecast": {"a": "run_rate"}})",
                                  R"(, "rounding": {"mode": "toward_zero"})"));
    BOOST_TEST(s(z["follow_up"]["interventions"][0]["forecast"]) == "30001.00");
    const auto e = result_of(plan(R"({"through": "2011-02", "costs": {"a": {"2011-01": "5000.75"}}, "forecast": {"a": "run_rate"}})",
                                  R"(, "rounding": {"mode": "half_even"})"));
    // 5 000.75 × 6 = 30 004.50 → half_even 30 004
    BOOST_TEST(s(e["follow_up"]["interventions"][0]["forecast"]) == "30004.00");
}

BOOST_AUTO_TEST_CASE(forecast_allocation_frame_part_100_takes_the_whole_forecast) {
    // c (frame part 100, no key) forecast 1 000.50 kr written explicitly: with kr allocation the
    // frame part is the whole 1 000.50: 500 each and the 0.50 rest to fk (12.8). Under a
    // frame part of 99.99 … the rest would be a case part needing a key.
    const auto r = result_of(plan(R"({"through": "2011-06", "forecast": {"c": "1000.50", "b": "1000.50"}})"));
    const auto& c = r["follow_up"]["interventions"][2];
    BOOST_TEST(s(c["forecast_rule"]) == "explicit");
    BOOST_TEST(s(c["forecast_allocation"]["fk"]) == "500.50");
    BOOST_TEST(s(c["forecast_allocation"]["region"]) == "500.00");
    // b (frame part 50, key region): frame round(1 000.50 × 50/100) = round(500.25) = 500 kr,
    // 250 each; case 500.50 to region: fk 250, region 750.50
    const auto& b = r["follow_up"]["interventions"][1];
    BOOST_TEST(s(b["forecast_allocation"]["fk"]) == "250.00");
    BOOST_TEST(s(b["forecast_allocation"]["region"]) == "750.50");
}

BOOST_AUTO_TEST_CASE(forecast_case_part_needs_a_key) {
    // d: frame part 50 without a key, amount 0 (so the plan needs no key), forecast 100:
    // frame 50, case 50 → the case part of the forecast needs a key
    const auto p = problems_of(plan_with(R"({"id": "d", "amounts": {"2011": "0"}, "change": {"uprate": "none"}, "financing": {"frame_part": "50"}})",
                                         R"({"through": "2011-06", "forecast": {"d": "100"}})"));
    BOOST_TEST(p == (Lines{"/interventions/3/financing/key: the case part of the forecast of \"d\" for 2011 (50.00 kr) needs a key; add "
                           "\"financing\": {\"key\": {\"MEMBER\": WEIGHT, …}}"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(warnings_at_the_interventions_path_even_without_an_entry) {
    // e: a refund of −100 (amount negative), nothing booked: actual 0 > −100 → budget_exhausted.
    // Its months are −split(100): 8 r 4, so −9 Jan–Apr, −8 after; budget to date through June
    // −36 − 16 = −52; forecast (budget rule) 0 + (−100 + 52) = −48 > −100 →
    // forecast_above_budget; both at /actuals/costs/e although e has no entry.
    const auto r = result_of(plan_with(R"({"id": "e", "amounts": {"2011": "-100"}, "change": {"uprate": "none"}})", R"({"through": "2011-06"})"));
    const auto& e = r["follow_up"]["interventions"][3];
    BOOST_TEST(s(e["budget_to_date"]) == "-52.00");
    BOOST_TEST(s(e["forecast"]) == "-48.00");
    BOOST_TEST((codes_at(r, "/actuals/costs/e") == Lines{"forecast_above_budget", "budget_exhausted"}), boost::test_tools::per_element());
    for (const auto& w : r["warnings"])
        if (s(w["code"]) == "budget_exhausted")
            BOOST_TEST(s(w["message"]) == "\"e\" 2011: booked 0.00 kr through 2011-06, more than the whole year's budget of -100.00 kr, "
                                          "difference 100.00 kr (actual − budget)");
}

BOOST_AUTO_TEST_CASE(forecast_equity_negative) {
    // a's explicit forecast 320 000; nothing booked, so b 0 + 60 000 and c 0 + (1 050 − 552)
    // = 498: costs 380 498. Income forecast 0 + (12 000 − 6 000) = 6 000. Result 240 000 +
    // 6 000 − 380 498 = −134 498; equity 1 000 − 134 498 = −133 498 (2011), + 2012's 60 000
    // = −73 498. Only F is warned about.
    const auto r = result_of(plan(R"({"through": "2011-06", "forecast": {"a": "320000"}})"));
    BOOST_TEST(s(r["follow_up"]["totals"]["forecast_equity_end"]["2011"]) == "-133498.00");
    BOOST_TEST(s(r["follow_up"]["totals"]["forecast_equity_end"]["2012"]) == "-73498.00");
    std::vector<std::string> msgs;
    for (const auto& w : r["warnings"])
        if (s(w["code"]).rfind("forecast_equity", 0) == 0) msgs.push_back(s(w["code"]) + " " + s(w["path"]) + " " + s(w["message"]));
    BOOST_TEST(msgs == (Lines{"forecast_equity_negative /equity 2011: forecast equity at the year's end is -133498.00 kr, below 0"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_year_key_with_all_zero_weights_goes_to_december) {
    // z: amount 0 with an all-zero profile (no month needed for the budget); booked 500 for
    // the closed 2011: spread to December.
    const auto r = result_of(plan_with(R"({"id": "z", "amounts": {"2011": "0"}, "change": {"uprate": "none"}, "profile": [0,0,0,0,0,0,0,0,0,0,0,0]})",
                                       R"({"through": "2011-12", "costs": {"z": {"2011": "500"}}})"));
    const auto& z = r["follow_up"]["interventions"][3];
    BOOST_TEST(s(z["months"]["2011-11"]["actual"]) == "0.00");
    BOOST_TEST(s(z["months"]["2011-12"]["actual"]) == "500.00");
    BOOST_TEST(s(z["forecast"]) == "500.00");
}

BOOST_AUTO_TEST_CASE(variants_follow_up_too) {
    // a variant with a larger frame: the same actuals, contributions 300 000
    const auto text = plan(through_june, R"(, "variants": {"more": {"frame": {"total": "300000"}}})");
    const Evaluation ev = evaluate_all(load_plan_string(text));
    BOOST_TEST(ev.variants.size() == 1u);
    const Result& v = ev.variants[0].second;
    BOOST_TEST(v.follow_up.has_value());
    BOOST_TEST(v.follow_up->contributions == kr(300000));
    // 300 000 + 12 000 − 186 141 = 125 859
    BOOST_TEST(v.follow_up->forecast_result == kr(125859));
    // by kind: insats a, project b, administration c
    BOOST_TEST(v.follow_up->by_kind.at(InterventionKind::project).forecast == kr(65000));
    BOOST_TEST(v.follow_up->by_kind.at(InterventionKind::administration).budget_to_date == kr(552));
}
