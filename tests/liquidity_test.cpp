// Tests for finsam/liquidity.hpp: cash month by month (spec 14.4, 14.6.9, 14.6.10) — payment
// schedules, income, actual months, the forecast's difference, quarters and the warning —
// with the cash chain worked out by hand in the comments.
#define BOOST_TEST_MODULE liquidity
#include <boost/test/unit_test.hpp>

#include "test_util.hpp"

using namespace finsam;
using finsam_test::problems_of;
using finsam_test::result_of;
using Lines = std::vector<std::string>;

namespace {

std::string s(const nlohmann::ordered_json& j) { return j.get<std::string>(); }

// Frame 120 000 a year: fk 60 000, region 30 000, avesta 30 000. a: 96 000 a year, even
// (8 000 a month). Interest 1 200 in 2011 (100 a month). Payments: fk quarterly (the
// default, 15 000 in months 1, 4, 7, 10), region monthly (2 500), avesta in June and December
// (15 000 each).
std::string plan(const std::string& liquidity, const std::string& extra = "") {
    return R"({"format": "finsam/1", "years": [2011, 2012],
      "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}, {"id": "avesta", "kind": "municipality"}],
      "shares": {"fk": "50", "region": "25", "avesta": "25"}, "frame": {"total": "120000"},
      "interventions": [{"id": "a", "amounts": {"2011": "96000"}, "change": {"uprate": "none"}}],
      "income": [{"id": "ranta", "amounts": {"2011": "1200"}}],
      "liquidity": )" +
           liquidity + extra + "}";
}

const char* const payments = R"({"opening": "1000", "payments": {"region": "monthly", "avesta": {"months": [6, 12]}}})";

struct Cash {
    std::string in, out, end;
};
Cash month(const nlohmann::ordered_json& r, const std::string& key) {
    const auto& m = r["liquidity"]["months"][key];
    return {s(m["in"]), s(m["out"]), s(m["cash_end"])};
}
bool operator==(const Cash& a, const Cash& b) { return a.in == b.in && a.out == b.out && a.end == b.end; }
std::ostream& operator<<(std::ostream& os, const Cash& c) { return os << c.in << "/" << c.out << "/" << c.end; }

}  // namespace

BOOST_AUTO_TEST_CASE(the_plan_month_by_month) {
    // Jan: in 15 000 + 2 500 + 100 = 17 600, out 8 000: 1 000 + 9 600 = 10 600
    // Feb: in 2 600: 5 200; Mar: −200 (below the minimum 0); Apr: + 9 600 = 9 400; May 4 000;
    // Jun: in 2 500 + 15 000 + 100: 13 600; Jul 23 200; Aug 17 800; Sep 12 400; Oct 22 000;
    // Nov 16 600; Dec 26 200 (= 1 000 + 121 200 − 96 000).
    const auto r = result_of(plan(payments));
    BOOST_TEST(month(r, "2011-01") == (Cash{"17600.00", "8000.00", "10600.00"}));
    BOOST_TEST(month(r, "2011-03") == (Cash{"2600.00", "8000.00", "-200.00"}));
    BOOST_TEST(month(r, "2011-06") == (Cash{"17600.00", "8000.00", "13600.00"}));
    BOOST_TEST(month(r, "2011-12") == (Cash{"17600.00", "8000.00", "26200.00"}));
    // quarters: Q1 in 17 600 + 2 × 2 600 = 22 800, out 24 000, cash at the end of March
    const auto& q1 = r["liquidity"]["quarters"]["2011-Q1"];
    BOOST_TEST(s(q1["in"]) == "22800.00");
    BOOST_TEST(s(q1["out"]) == "24000.00");
    BOOST_TEST(s(q1["cash_end"]) == "-200.00");
    BOOST_TEST(r["liquidity"]["months"].size() == 24u);
    BOOST_TEST(r["liquidity"]["quarters"].size() == 8u);
    // 2012 without income: + 24 000 over the year, never below 0: one warning, for 2011
    BOOST_TEST(month(r, "2012-12").end == "50200.00");
    std::vector<std::string> w;
    for (const auto& x : r["warnings"]) w.push_back(s(x["code"]) + " " + s(x["path"]) + " " + s(x["message"]));
    BOOST_TEST(w == (Lines{"cash_below_minimum /liquidity 2011: cash at the end of 2011-03 is -200.00 kr, below the minimum of 0.00 kr; "
                           "the lowest balance of the year is -200.00 kr (2011-03)"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_minimum_is_strict) {
    // March ends at −200: not below a minimum of −200, below one of −199.99
    const auto r = result_of(plan(R"({"opening": "1000", "minimum": "-200", "payments": {"region": "monthly", "avesta": {"months": [6, 12]}}})"));
    BOOST_TEST(r["warnings"].empty());
    const auto q = result_of(plan(R"({"opening": "1000", "minimum": "-199.99", "payments": {"region": "monthly", "avesta": {"months": [6, 12]}}})"));
    BOOST_TEST(q["warnings"].size() == 1u);
}

BOOST_AUTO_TEST_CASE(schedules_named_dated_and_split) {
    // fk half-yearly: 30 000 in January and July; avesta from 2012 yearly: 30 000 in January;
    // region {"months": [2, 5, 8]}: 10 000 each. Jan 2011: 30 000 + 0 + 0 + 100 in.
    // 2012 Jan: fk 30 000 + avesta 30 000 (no income in 2012) = 60 000.
    const auto r = result_of(plan(R"({"opening": "0", "payments": {"fk": "half_yearly", "region": {"months": [2, 5, 8]},
                                      "avesta": {"2011": {"months": [6, 12]}, "2012": "yearly"}}})"));
    BOOST_TEST(month(r, "2011-01").in == "30100.00");
    BOOST_TEST(month(r, "2011-02").in == "10100.00");
    BOOST_TEST(month(r, "2012-01").in == "60000.00");
    BOOST_TEST(month(r, "2012-12").in == "0.00");
    // a share that is not whole units: 100 001 kr over 4 months → 25 001 in January, 25 000 after
    // (largest remainder, ties to the earlier month)
    const Result l = evaluate(load_plan_string(plan(R"({"opening": "0"})", R"(, "adjustments": [{"year": 2011, "member": "fk", "amount": "40001"}])")));
    BOOST_TEST(l.liquidity->months[0][0].payments[0] == kr(25001));
    BOOST_TEST(l.liquidity->months[0][3].payments[0] == kr(25000));
}

BOOST_AUTO_TEST_CASE(closed_months_use_the_actuals) {
    // through February: region paid 5 000 in January, fk and avesta nothing (fk is late);
    // a booked 7 000 and 9 000. Jan: 1 000 + 5 000 − 7 000 = −1 000; Feb: −10 000.
    // From March: a's explicit forecast 100 000: D = 100 000 − 16 000 − (96 000 − 16 000)
    // = 4 000 over March–December (even: 400 a month): out 8 400; in the plan's 2 500 + 100
    // (fk's 15 000 in April). Mar: −10 000 + 2 600 − 8 400 = −15 800. The year's outflow is
    // 16 000 + 10 × 8 400 = 100 000, the forecast.
    const auto r = result_of(plan(payments, R"(, "actuals": {"through": "2011-02",
        "costs": {"a": {"2011-01": "7000", "2011-02": "9000"}}, "contributions": {"region": {"2011-01": "5000"}},
        "forecast": {"a": "100000"}})"));
    BOOST_TEST(month(r, "2011-01") == (Cash{"5000.00", "7000.00", "-1000.00"}));
    BOOST_TEST(month(r, "2011-02") == (Cash{"0.00", "9000.00", "-10000.00"}));
    BOOST_TEST(month(r, "2011-03") == (Cash{"2600.00", "8400.00", "-15800.00"}));
    const auto& q = r["liquidity"]["quarters"];
    const std::int64_t out_ore = [&] {
        std::int64_t o = 0;
        for (int k = 1; k <= 4; ++k) o += Money::parse(s(q["2011-Q" + std::to_string(k)]["out"]), Unit::kr).ore();
        return o;
    }();
    BOOST_TEST(out_ore == kr(100000).ore());
    const Result res = evaluate(load_plan_string(plan(payments, R"(, "actuals": {"through": "2011-02",
        "costs": {"a": {"2011-01": "7000"}}, "forecast": {"a": "100000"}})")));
    // without contributions actuals the closed months take the planned payments (15 000 +
    // 2 500) and the income booked (none); D = 100 000 − 7 000 − 80 000 = 13 000: 1 300 a
    // month from March
    const auto& jan = res.liquidity->months[0][0];
    BOOST_TEST((jan.source == CashSource::actual));
    BOOST_TEST(!jan.payments_actual);
    BOOST_TEST(jan.in == kr(17500));
    BOOST_TEST((res.liquidity->months[0][2].source == CashSource::forecast));
    BOOST_TEST(res.liquidity->months[0][2].forecast_part.at(0) == kr(1300));
    BOOST_TEST((res.liquidity->months[1][0].source == CashSource::plan));
}

BOOST_AUTO_TEST_CASE(a_closed_plan_year_uses_its_actuals_only_with_an_entry) {
    // through 2012-02. 2011 has an entry (a's whole year 90 000, spread evenly: 7 500 a
    // month; avesta's 30 000 by its schedule: June and December): contributions are given, so
    // fk and region paid nothing in 2011; interest booked nothing. Jan 2011: 1 000 − 7 500.
    const auto r = result_of(plan(payments, R"(, "actuals": {"through": "2012-02",
        "costs": {"a": {"2011": "90000"}}, "contributions": {"avesta": {"2011": "30000"}}})"));
    BOOST_TEST(month(r, "2011-01") == (Cash{"0.00", "7500.00", "-6500.00"}));
    BOOST_TEST(month(r, "2011-06") == (Cash{"15000.00", "7500.00", "-29000.00"}));
    // without an entry in 2011 the year follows the plan (Jan 10 600 as planned)
    const auto p = result_of(plan(payments, R"(, "actuals": {"through": "2012-02", "costs": {"a": {"2012-01": "1"}}})"));
    BOOST_TEST(month(p, "2011-01") == (Cash{"17600.00", "8000.00", "10600.00"}));
    // 2012 January: planned payments (no contributions actuals): 17 500 in, 1 out
    BOOST_TEST(month(p, "2012-01") == (Cash{"17500.00", "1.00", "43699.00"}));
}

BOOST_AUTO_TEST_CASE(liquidity_problems) {
    BOOST_TEST(problems_of(plan(R"({"opening": "0", "payments": {"fk": {"months": [0, 12, 12, "3"]}, "kommun": "monthly",
                                    "region": "weekly", "avesta": {"months": []}}, "minimun": "0"})")) ==
                   (Lines{"/liquidity/minimun: unknown key \"minimun\"; did you mean \"minimum\"?",
                          "/liquidity/payments/fk/months/0: must be a month written as a JSON integer 1–12 (1 is January), not 0",
                          "/liquidity/payments/fk/months/2: month 12 is listed twice; list each payment month once",
                          "/liquidity/payments/fk/months/3: must be a month written as a JSON integer 1–12 (1 is January), not a string",
                          "/liquidity/payments/kommun: unknown member \"kommun\"; the members are \"fk\", \"region\" or \"avesta\"",
                          "/liquidity/payments/region: unknown payment schedule \"weekly\"; write \"monthly\", \"quarterly\", \"half_yearly\", "
                          "\"yearly\" or {\"months\": [3, 9]}",
                          "/liquidity/payments/avesta/months: is empty; write at least one payment month, such as [3, 9]"}),
               boost::test_tools::per_element());
    // a dated schedule without a key for 2011, needed for fk's 60 000
    BOOST_TEST(problems_of(plan(R"({"opening": "0", "payments": {"fk": {"2012": "monthly"}}})")) ==
                   (Lines{"/liquidity/payments/fk: no payment schedule for 2011, needed to split the 60000.00 kr of \"fk\" over its payment "
                          "months; add a year key ≤ 2011 such as \"2011\": \"quarterly\""}),
               boost::test_tools::per_element());
    // {} is not dated (14.6.10): a schedule without months
    BOOST_TEST(problems_of(plan(R"({"opening": "0", "payments": {"fk": {}}})")) ==
                   (Lines{"/liquidity/payments/fk/months: missing; write the payment months, such as [3, 9]"}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan(R"({"minimum": "0"})")) ==
                   (Lines{"/liquidity/opening: missing; write the cash at the start of the first plan year, such as \"350000\""}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cash_beyond_the_range) {
    const auto p = problems_of(plan(R"({"opening": "92233720368547758.07"})"));
    BOOST_TEST(p.size() == 1u);
    BOOST_TEST(p.at(0).rfind("/liquidity: the cash of 2011 would be beyond ±(2^63 − 1) öre", 0) == 0u);
}
