// Tests for the follow-up explanations of finsam/explain.hpp (explain_forecast, explain_month,
// explain_cash): the arithmetic written out, in Swedish (default) and English, and the same
// steps as data. The plan is tests/followup_test.cpp's, whose figures are worked out there.
#define BOOST_TEST_MODULE explain_followup
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "test_util.hpp"

using namespace finsam;
using Lines = std::vector<std::string>;

namespace {

const char* const plan_text = R"({
  "format": "finsam/1", "name": "Test", "years": [2011, 2012],
  "members": [{"id": "fk", "name": "Försäkringskassan", "kind": "state"}, {"id": "region", "name": "Regionen", "kind": "region"}],
  "shares": {"fk": "50", "region": "50"}, "frame": {"total": "240000"},
  "interventions": [
    {"id": "a", "name": "Arbete", "amounts": {"2011": "120000"}, "change": {"uprate": "none"}},
    {"id": "b", "name": "Boende", "kind": "project", "amounts": {"2011": "60000"}, "change": {"uprate": "none"},
     "profile": [0,0,0,0,0,0,1,1,1,1,1,1], "financing": {"frame_part": "50", "key": {"region": "1"}}},
    {"id": "c", "name": "Kansli", "kind": "administration", "items": [{"name": "x", "amounts": {"2011": "1000"}},
        {"name": "y", "amounts": {"2011": "50"}, "profile": [1,0,0,0,0,0,0,0,0,0,0,0]}], "active": {"to": 2011}}],
  "income": [{"id": "esf", "name": "ESF", "amounts": {"2011": "12000"}}],
  "actuals": {"through": "2011-06",
    "costs": {"a": {"2011-01": "10000", "2011-02": "10000", "2011-03": "10000", "2011-04": "10000", "2011-05": "10000", "2011-06": "10000"},
              "b": {"2011-06": "5000"},
              "c": {"2011-01": "100", "2011-02": "100", "2011-03": "100", "2011-04": "100", "2011-05": "100", "2011-06": "100"}},
    "contributions": {"fk": {"2011-01": "30000", "2011-04": "30000"}},
    "income": {"esf": {"2011-03": "6000"}},
    "forecast": {"c": "run_rate", "a": "118000"}},
  "liquidity": {"opening": "5000", "minimum": "1000", "payments": {"region": "monthly"}}})";

const Result& result() {
    static const Result r = evaluate(load_plan_string(plan_text));
    return r;
}

Lines lines(const std::string& text) {
    Lines out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

std::string s(const nlohmann::ordered_json& j) { return j.get<std::string>(); }

nlohmann::ordered_json data(const Explanation& e) { return nlohmann::ordered_json::parse(e.json); }

}  // namespace

BOOST_AUTO_TEST_CASE(a_run_rate_forecast) {
    // c: 600 × 1 050 / 552 = 1 141.304 3… → 1 141 kr; frame part 100: 1 141 by 120 000 : 120 000
    // = 570.5 each → 570 whole each, the unit left over to fk (tie: listed first)
    const Explanation e = explain_forecast(result(), "c");
    BOOST_TEST(lines(e.text) ==
                   (Lines{"Prognos 2011 för Kansli (c), uppföljning t.o.m. juni",
                          "  budget 1 050,00 kr, budget t.o.m. juni 552,00 kr, utfall t.o.m. juni 600,00 kr",
                          "  regel \"run_rate\" (utfallstakt): utfall t.o.m. × budget / budget t.o.m. = 600,00 × 1 050,00 / 552,00 ≈ 1 141,3043 kr "
                          "→ avrundat till kr (half_up): 1 141,00 kr",
                          "  avvikelse mot budget = budget − prognos = 1 050,00 − 1 141,00 = −91,00 kr",
                          "Fördelning av prognosen 1 141,00 kr",
                          "  ramdel 100 % (hela prognosen) = 1 141,00 kr, ärendedel 0,00 kr",
                          "  Försäkringskassan (fk)",
                          "    ramdel (efter slutliga bidrag): 1 141,00 kr × 120 000 / 240 000 = 570,5 kr → 570 hela + 1 efter största rest = 571,00 kr",
                          "    ärendedel (efter nyckeln): 0,00 kr",
                          "    → 571,00 kr",
                          "  Regionen (region)",
                          "    ramdel (efter slutliga bidrag): 1 141,00 kr × 120 000 / 240 000 = 570,5 kr → 570 hela = 570,00 kr",
                          "    ärendedel (efter nyckeln): 0,00 kr",
                          "    → 570,00 kr"}),
               boost::test_tools::per_element());
    BOOST_TEST(s(data(e)["rule"]) == "run_rate");
    BOOST_TEST(s(data(e)["exact_kr"]) == "26250/23");  // 600 × 1 050 / 552 = 630 000 / 552 = 26 250 / 23
    BOOST_TEST(s(data(e)["allocation"][0]["part"]) == "571.00");
    BOOST_TEST(data(e)["allocation"][0]["frame"]["extra_unit"].get<bool>());
}

BOOST_AUTO_TEST_CASE(budget_and_explicit_forecasts_in_english) {
    // b, rule budget: 5 000 + (60 000 − 0) = 65 000; frame part 50 %: 32 500 (16 250 each by
    // the final frame), case 32 500 to region by the key
    const Explanation b = explain_forecast(result(), "b", Lang::en);
    const Lines l = lines(b.text);
    BOOST_TEST(l.at(2) == "  rule \"budget\": booked to date + (budget − budget to date) = 5000.00 + (60000.00 − 0.00) = 65000.00 kr");
    BOOST_TEST(l.at(5) == "  frame part 50 % = 32500.00 kr, case part 32500.00 kr");
    BOOST_TEST(s(data(b)["allocation"][1]["case"]["part"]) == "32500.00");
    BOOST_TEST(s(data(b)["allocation"][1]["part"]) == "48750.00");
    // a, an amount: 118 000, deviation 2 000
    const Explanation a = explain_forecast(result(), "a", Lang::en);
    BOOST_TEST(lines(a.text).at(2) == "  an amount written in the plan: 118000.00 kr");
    BOOST_TEST(s(data(a)["forecast_deviation"]) == "2000.00");
    BOOST_CHECK_THROW(explain_forecast(result(), "nope"), Error);
}

BOOST_AUTO_TEST_CASE(a_month_of_a_budget) {
    // c in January: x 1 000 even: 1 000 / 12 = 83.333… → 83 + 1 (Jan–Apr take the 4 units
    // left over); y 50 all in January: 134; booked 100
    const Explanation e = explain_month(result(), "c", 2011, 1);
    BOOST_TEST(lines(e.text) ==
                   (Lines{"Budget för Kansli (c), januari 2011",
                          "  delpost \"x\" 1 000,00 kr fördelat efter profilen \"even\" (standard)",
                          "    januari: 1 000,00 kr × 1 / 12 ≈ 83,3333 kr → 83 hela + 1 efter största rest = 84,00 kr",
                          "  delpost \"y\" 50,00 kr fördelat efter profilen [1; 0; 0; 0; 0; 0; 0; 0; 0; 0; 0; 0] (/interventions/2/items/1/profile)",
                          "    januari: 50,00 kr × 1 / 1 = 50 kr → 50 hela = 50,00 kr",
                          "  månadens budget 134,00 kr (årets månader summerar till 1 050,00 kr)",
                          "  utfall 100,00 kr"}),
               boost::test_tools::per_element());
    BOOST_TEST(s(data(e)["budget"]) == "134.00");
    BOOST_TEST(s(data(e)["actual"]) == "100.00");
    BOOST_TEST(s(data(e)["splits"][0]["split"]["quota_units"]) == "250/3");
    // b in July 2012 (not the follow-up year): 60 000 over six months, 10 000
    const Explanation b = explain_month(result(), "b", 2012, 7, Lang::en);
    BOOST_TEST(lines(b.text).at(2) == "    July: 60000.00 kr × 1 / 6 = 10000 kr → 10000 whole = 10000.00 kr");
    BOOST_TEST(!data(b).contains("actual"));
    // c is not active in 2012
    BOOST_TEST(lines(explain_month(result(), "c", 2012, 3).text).at(1) == "  inte aktiv 2012: 0,00 kr");
    BOOST_CHECK_THROW(explain_month(result(), "c", 2011, 13), Error);
    BOOST_CHECK_THROW(explain_month(result(), "c", 2013, 1), Error);
}

BOOST_AUTO_TEST_CASE(a_month_of_cash) {
    // July 2011, after June (through): fk 120 000 / 4 = 30 000, region 10 000 a month, ESF
    // 12 000 / 12 = 1 000: in 41 000. Out: a 10 000 + D; a's D = 118 000 − 60 000 − 60 000
    // = −2 000 over July–December (even): −333.33 → −334 in July; b 10 000; c 83 + 8.
    const Explanation e = explain_cash(result(), 2011, 7);
    const Lines l = lines(e.text);
    BOOST_TEST(l.at(0) == "Kassa juli 2011 (budget och prognos)");
    BOOST_TEST(l.at(1) == "  kassa vid föregående månads slut 5 400,00 kr");
    BOOST_TEST(l.at(3) == "    Försäkringskassan (fk) 30 000,00 kr enligt betalningsplanen");
    BOOST_TEST(l.at(8) == "    Arbete (a) 9 666,00 kr = budget 10 000,00 kr + prognosens skillnad −334,00 kr");
    // Swedish numbers (issue 14): spaces between thousands, a decimal comma, a minus sign; the
    // JSON keeps the result JSON's "41000.00"
    BOOST_TEST(l.at(6) == "    summa in 41 000,00 kr");
    BOOST_TEST(s(data(e)["source"]) == "forecast");
    BOOST_TEST(s(data(e)["in"]["total"]) == "41000.00");
    BOOST_TEST(s(data(e)["out"]["costs"]["c"]) == "91.00");
    // February, a closed month: fk and region paid nothing, nothing booked on ESF
    const Explanation f = explain_cash(result(), 2011, 2, Lang::en);
    BOOST_TEST(lines(f.text).at(0) == "Cash February 2011 (booked)");
    BOOST_TEST(s(data(f)["cash_end"]) == "14800.00");
    BOOST_TEST(!data(f)["below_minimum"].get<bool>());
    // January 2011 starts from the opening cash
    BOOST_TEST(lines(explain_cash(result(), 2011, 1).text).at(1) == "  ingående kassa 5 000,00 kr");
}

BOOST_AUTO_TEST_CASE(without_the_blocks) {
    const Result plain = evaluate(load_plan_string(R"({"format": "finsam/1", "years": [2011, 2011], "members": [{"id": "fk", "kind": "state"}],
      "shares": {"fk": "100"}, "interventions": [{"id": "a", "amounts": {"2011": "1"}}]})"));
    BOOST_CHECK_THROW(explain_forecast(plain, "a"), Error);
    BOOST_CHECK_THROW(explain_month(plain, "a", 2011, 1), Error);
    BOOST_CHECK_THROW(explain_cash(plain, 2011, 1), Error);
}
