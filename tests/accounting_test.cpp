// Tests for finsam/accounting.hpp (the plan's `accounting` block, read with the plan) and
// finsam/sie_actuals.hpp (SIE rows mapped into the `actuals` block of spec 14.2).
#define BOOST_TEST_MODULE accounting
#include <boost/test/unit_test.hpp>

#include <finsam/sie_actuals.hpp>

#include "test_util.hpp"

using finsam_test::problems_of;
using Lines = std::vector<std::string>;

namespace {

std::string plan_with(const std::string& accounting, const std::string& unit = "kr") {
    return R"({"format": "finsam/1", "amount_unit": ")" + unit + R"(", "years": [2011, 2012],
      "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}],
      "shares": {"fk": "50", "region": "50"},
      "interventions": [{"id": "shp", "amounts": {"2011": "1000"}, "change": {"uprate": "none"}},
                        {"id": "kansli", "amounts": {"2011": "500"}, "change": {"uprate": "none"}}],
      "accounting": )" + accounting + "}";
}

const std::string rules = R"({
  "costs": [{"accounts": "4000-7999", "dimension": 1, "object": "SHP", "to": "shp"},
            {"accounts": ["5010", "6000-6999"], "to": "kansli"},
            {"accounts": "4000-7999", "dimension": 6, "object": "101", "to": "shp"}],
  "contributions": [{"accounts": "3010", "to": "fk"}, {"accounts": "3020", "to": "region"}]})";

// Lines 1-2 header; the line of each row is in the comment beside it.
const std::string books =
    "#FNAMN \"Förbundet\"\n#OMFATTN 20110831\n"
    "#VER A 1 20110115\n{\n"                // 3-4
    "#TRANS 5010 {1 \"SHP\" 6 \"101\"} 1000\n"  // 5: rule 0 (SHP) → shp
    "#TRANS 5010 {} 200\n"                  // 6: rule 1 → kansli
    "#TRANS 6110 {6 \"101\"} 300\n"         // 7: rules 1 and 2 match; the first, kansli, takes it
    "#TRANS 7010 {6 \"101\"} 50\n"          // 8: rule 2 → shp
    "#TRANS 1930 {} -1550\n}\n"             // 9-10
    "#VER A 2 20110301\n{\n"                // 11-12
    "#TRANS 3010 {} -455000\n"              // 13: fk, credit 455 000 is +455 000
    "#TRANS 3020 {} -100\n"                 // 14: region +100
    "#TRANS 1930 {} 455100\n}\n"            // 15-16
    "#VER A 3 20110210\n{\n"                // 17-18
    "#TRANS 5010 {} 99.99 20110131\n"       // 19: a January invoice on a February voucher → kansli 2011-01
    "#TRANS 1930 {} -99.99\n}\n"            // 20-21
    "#VER A 4 20101215\n{\n"                // 22-23
    "#TRANS 5010 {} 700\n"                  // 24: the year before the plan: history
    "#TRANS 1930 {} -700\n}\n"              // 25-26
    "#VER A 5 20110905\n{\n"                // 27-28
    "#TRANS 5010 {} 5\n"                    // 29: after #OMFATTN's month
    "#TRANS 1930 {} -5\n}\n"                // 30-31
    "#VER A 6 20110420\n{\n"                // 32-33
    "#TRANS 7010 {1 \"X\"} 25\n"            // 34: no rule takes object X
    "#TRANS 7010 {1 \"X\"} 15\n"            // 35
    "#TRANS 3900 {} -40\n}\n";              // 36: no rule for 3900

finsam::BookedActuals mapped(const std::string& plan, const std::string& sie, std::optional<finsam::YearMonth> through = {}) {
    return finsam::read_actuals(finsam::load_plan_string(plan), std::string_view(sie), "books.se", through);
}

/// The actuals JSON, compact (for comparing in one line).
std::string json_of(const finsam::BookedActuals& a, finsam::Unit unit = finsam::Unit::kr) {
    return finsam::dump(finsam::parse_json(finsam::actuals_json(a, unit)));
}

Lines warnings_of(const finsam::BookedActuals& a) {
    Lines out;
    for (const auto& w : a.warnings) out.push_back(std::to_string(w.line) + " " + w.code + ": " + w.message);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(block_is_read_with_the_plan) {
    const finsam::Plan p = finsam::load_plan_string(plan_with(rules));
    BOOST_REQUIRE(p.accounting.has_value());
    const auto& costs = *p.accounting->costs;
    BOOST_TEST(costs.size() == 3u);
    BOOST_TEST((costs[1].accounts == std::vector<finsam::AccountRange>{{5010, 5010}, {6000, 6999}}));
    BOOST_TEST(!costs[1].dimension.has_value());
    BOOST_TEST(*costs[2].dimension == 6);
    BOOST_TEST(costs[2].object == "101");
    BOOST_TEST(costs[2].path == "/accounting/costs/2");
    BOOST_TEST(!p.accounting->income.has_value());
    BOOST_TEST(problems_of(plan_with(rules)).empty());
}

BOOST_AUTO_TEST_CASE(block_problems_at_their_pointers) {
    BOOST_TEST(problems_of(plan_with(R"({"costs": [{"accounts": "4000-7999", "to": "shpp"}], "contributions": [{"accounts": "3010", "to": "kommun"}]})")) ==
                   (Lines{"/accounting/costs/0/to: unknown intervention \"shpp\"; did you mean \"shp\"?",
                          "/accounting/contributions/0/to: unknown member \"kommun\"; members are \"fk\" or \"region\""}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan_with(R"({"costs": [{"accounts": ["7999-4000", "40O0", 4010, "1-2-3"], "to": "shp"}]})")) ==
                   (Lines{"/accounting/costs/0/accounts/0: range \"7999-4000\" runs backwards; write the lower account first, \"4000-7999\"",
                          "/accounting/costs/0/accounts/1: \"40O0\" is not an account or a range of accounts; write the account's digits "
                          "such as \"6420\", or a range such as \"4000-7999\"",
                          "/accounting/costs/0/accounts/2: must be an account such as \"6420\" or a range such as \"4000-7999\", not a number",
                          "/accounting/costs/0/accounts/3: \"1-2-3\" is not an account or a range of accounts; write the account's digits "
                          "such as \"6420\", or a range such as \"4000-7999\""}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan_with(R"({"costs": [{"accounts": [], "dimension": 1, "to": "shp"}, {"accounts": "5010", "object": "K1", "to": "shp"},
                                                   {"accounts": "5010", "dimension": "1", "object": "", "to": "shp"}]})")) ==
                   (Lines{"/accounting/costs/0/accounts: must list at least one account or range, such as [\"6420\", \"4000-4999\"]",
                          "/accounting/costs/0/object: missing; a rule with a dimension takes the rows with one object of it: write its id, "
                          "such as \"object\": \"101\"",
                          "/accounting/costs/1/dimension: missing; an object belongs to a dimension: write it, such as \"dimension\": 1 "
                          "(kostnadsställe) or 6 (projekt)",
                          "/accounting/costs/2/dimension: must be a dimension number of the books, such as 1 (kostnadsställe) or 6 "
                          "(projekt), not a string",
                          "/accounting/costs/2/object: must not be empty; write the object's id as the books write it, such as \"101\""}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan_with(R"({"cost": [], "income": [{"accounts": "3900", "to": "esf", "konto": 1}]})")) ==
                   (Lines{"/accounting/cost: unknown key \"cost\"; did you mean \"costs\"?",
                          "/accounting/income/0/konto: unknown key \"konto\"; expected \"accounts\", \"dimension\", \"object\" or \"to\"",
                          "/accounting/income/0/to: unknown income line \"esf\"; the plan has no income lines: write them under \"income\" "
                          "(spec 13)"}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of(plan_with(R"({"costs": {"accounts": "4000"}, "contributions": [{"to": 3}]})")) ==
                   (Lines{"/accounting/costs: must be an array of rules such as [{\"accounts\": \"4000-7999\", \"to\": \"ID\"}], not an object",
                          "/accounting/contributions/0/accounts: missing; write an account such as \"6420\", a range such as "
                          "\"4000-7999\", or a list of them",
                          "/accounting/contributions/0/to: must be the id of the member whose payments these are, not a number"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rows_mapped_by_the_first_rule) {
    const auto a = mapped(plan_with(rules), books);
    // shp 2011-01: 1000 (line 5) + 50 (line 8) = 1050; kansli 2011-01: 200 + 300 + 99.99 = 599.99;
    // kansli 2010-12 (history): 700; fk 2011-03: 455 000; region: 100. Through #OMFATTN: 2011-08.
    BOOST_TEST(json_of(a) ==
               R"({"through":"2011-08","costs":{"shp":{"2011-01":"1050.00"},"kansli":{"2010-12":"700.00","2011-01":"599.99"}},)"
               R"("contributions":{"fk":{"2011-03":"455000.00"},"region":{"2011-03":"100.00"}}})");
    BOOST_TEST(warnings_of(a) ==
                   (Lines{"36 unmapped_income: 1 row on income account 3900 {} that no accounting rule takes: -40.00 kr as booked (debit "
                          "positive); add a rule to /accounting/contributions or /accounting/income where it belongs to the plan",
                          "34 unmapped_costs: 2 rows on cost account 7010 {1 \"X\"} that no accounting rule takes: 40.00 kr as booked "
                          "(debit positive); add a rule to /accounting/costs where they belong to the plan",
                          "29 rows_after_through: 2 rows dated after 2011-08 (the month read through) are left out, the last of 2011-09; "
                          "they count in a later follow-up"}),
               boost::test_tools::per_element());
    BOOST_TEST(a.warnings[1].sum == finsam::kr(40));
    BOOST_TEST(a.warnings[1].objects == "{1 \"X\"}");
    BOOST_TEST(a.summary.company == "Förbundet");
    BOOST_TEST(!a.from_period_balances);
}

BOOST_AUTO_TEST_CASE(through_given_reads_on) {
    // --through 2011-12 takes in voucher A 5 (line 29): kansli 2011-09 = 5
    const auto a = mapped(plan_with(rules), books, finsam::YearMonth{2011, 12});
    BOOST_TEST(a.through.month == 12);
    BOOST_TEST(a.costs->at(1).months.at({2011, 9}) == finsam::kr(5));
    BOOST_TEST(a.warnings.size() == 2u);  // no rows after through
    // --through 2011-01 leaves out March (3 rows from line 13), February (line 20), September (2)
    // and April (3): 3 + 1 + 2 + 3 = 9 rows, the first at line 13
    const auto jan = mapped(plan_with(rules), books, finsam::YearMonth{2011, 1});
    BOOST_TEST(json_of(jan) == R"({"through":"2011-01","costs":{"shp":{"2011-01":"1050.00"},"kansli":{"2010-12":"700.00","2011-01":"599.99"}},)"
                               R"("contributions":{}})");
    BOOST_TEST(warnings_of(jan).back() ==
               "13 rows_after_through: 9 rows dated after 2011-01 (the month read through) are left out, the last of 2011-09; they count "
               "in a later follow-up");
}

BOOST_AUTO_TEST_CASE(through_problems) {
    const std::string no_extent = "#VER A 1 20110115\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -1\n}\n";
    try {
        mapped(plan_with(rules), no_extent);
        BOOST_FAIL("no error");
    } catch (const finsam::SieError& e) {
        BOOST_TEST(e.problems().size() == 1u);
        BOOST_TEST(e.problems()[0].line == 0u);
        BOOST_TEST(e.problems()[0].message ==
                   "the file has no #OMFATTN to say which month its books are closed through; give the month (--through YYYY-MM, "
                   "or through= in Python)");
    }
    try {
        mapped(plan_with(rules), "#OMFATTN 20131231\n" + no_extent);
        BOOST_FAIL("no error");
    } catch (const finsam::SieError& e) {
        BOOST_TEST(e.problems()[0].line == 1u);
        BOOST_TEST(e.problems()[0].message ==
                   "#OMFATTN 2013-12-31 is outside the plan's years 2011–2012; give the month to read through (--through YYYY-MM, or "
                   "through= in Python)");
    }
    BOOST_CHECK_EXCEPTION(mapped(plan_with(rules), no_extent, finsam::YearMonth{2010, 12}), finsam::Error, [](const finsam::Error& e) {
        return std::string(e.what()) == "through 2010-12 is outside the plan's years 2011–2012; the month read through must be in a plan year";
    });
    // a plan without an accounting block
    const std::string plain = R"({"format": "finsam/1", "years": [2011, 2011], "members": [{"id": "fk", "kind": "state"}], "shares": {"fk": "100"}})";
    BOOST_CHECK_EXCEPTION(finsam::read_actuals(finsam::load_plan_string(plain), std::string_view(no_extent), "books.se"), finsam::PlanError,
                          [](const finsam::PlanError& e) { return e.problems().at(0).path == "/accounting"; });
    // problems of the file come first, before the month is looked for
    BOOST_CHECK_EXCEPTION(mapped(plan_with(rules), "#TRANS\n"), finsam::SieError,
                          [](const finsam::SieError& e) { return e.problems().at(0).line == 1u; });
}

BOOST_AUTO_TEST_CASE(amounts_in_the_plans_unit) {
    // a tkr plan: 1050 kr is 1.05000 tkr, every öre decimal written (never three decimals, which
    // a tkr plan reads as a possible thousands separator)
    const auto a = mapped(plan_with(rules, "tkr"), books);
    BOOST_TEST(json_of(a, finsam::Unit::tkr) ==
               R"({"through":"2011-08","costs":{"shp":{"2011-01":"1.05000"},"kansli":{"2010-12":"0.70000","2011-01":"0.59999"}},)"
               R"("contributions":{"fk":{"2011-03":"455.00000"},"region":{"2011-03":"0.10000"}}})");
    BOOST_TEST(finsam::amount_in_unit(finsam::Money::from_ore(-5), finsam::Unit::mnkr) == "-0.00000005");
    BOOST_TEST(finsam::amount_in_unit(finsam::Money::from_ore(-5), finsam::Unit::kr) == "-0.05");
}

BOOST_AUTO_TEST_CASE(period_balances_without_vouchers) {
    const std::string acc = R"({"costs": [{"accounts": "5010", "dimension": 1, "object": "SHP", "to": "shp"},
                                          {"accounts": "6000-6999", "to": "kansli"}]})";
    const std::string psaldo = "#SIETYP 3\n"
                               "#PSALDO 0 201101 5010 {} 1500.00\n"           // 2: the account's total: no rule without object covers 5010
                               "#PSALDO 0 201101 5010 {1 \"SHP\"} 1000.00\n"  // 3: shp
                               "#PSALDO 0 201101 5010 {1 \"KANS\"} 500.00\n"  // 4: no rule; part of line 2's total
                               "#PSALDO 0 201101 6110 {} 300.00\n"            // 5: kansli (a rule without object takes the total)
                               "#PSALDO 0 201101 6110 {1 \"SHP\"} 300.00\n"   // 6: not taken: the total of 6110 is
                               "#PSALDO 0 201102 7010 {1 \"KANS\"} 80.00\n"   // 7: no rule, no total of 7010 in February
                               "#PSALDO -1 201012 6110 {} 40.00\n";           // 8: history: kansli 2010-12
    const auto a = mapped(plan_with(acc), psaldo, finsam::YearMonth{2011, 12});
    BOOST_TEST(a.from_period_balances);
    BOOST_TEST(json_of(a) == R"({"through":"2011-12","costs":{"shp":{"2011-01":"1000.00"},"kansli":{"2010-12":"40.00","2011-01":"300.00"}}})");
    // 5010 in January: the total 1500 less the object rows taken (1000) is not accounted for: 500
    BOOST_TEST(warnings_of(a) ==
                   (Lines{"2 unmapped_costs: 1 period balance on cost account 5010 {} that no accounting rule takes: 500.00 kr as booked "
                          "(debit positive), the account's total less its objects that rules take; add a rule to /accounting/costs where "
                          "it belongs to the plan",
                          "7 unmapped_costs: 1 period balance on cost account 7010 {1 \"KANS\"} that no accounting rule takes: 80.00 kr as "
                          "booked (debit positive); add a rule to /accounting/costs where it belongs to the plan"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(period_balances_are_not_read_beside_vouchers) {
    // a type 4 file has both: the vouchers are the books, the #PSALDO rows only their sums
    const auto a = mapped(plan_with(rules), "#PSALDO 0 201101 5010 {} 999.00\n" + books);
    BOOST_TEST(!a.from_period_balances);
    BOOST_TEST(a.costs->at(1).months.at({2011, 1}) == finsam::Money::from_ore(59999));
}

BOOST_AUTO_TEST_CASE(with_actuals_replaces_the_kinds_the_books_map) {
    // the plan's own actuals: other costs, a forecast rule, income it types by hand (the rules
    // map costs and contributions only), and a variant
    std::string text = plan_with(rules);
    text.pop_back();
    text += R"(, "income": [{"id": "esf", "amounts": {"2011": "300"}}],
      "actuals": {"through": "2011-02", "costs": {"shp": {"2011-01": "1"}, "kansli": {"2010": "9"}},
                  "income": {"esf": {"2011-02": "150"}}, "forecast": {"shp": "run_rate"}},
      "variants": {"more": {"shares": {"fk": "60", "region": "40"}}}})";
    const finsam::Plan plan = finsam::load_plan_string(text);
    const finsam::BookedActuals booked = mapped(text, books);
    const finsam::Node doc = finsam::with_actuals(finsam::parse_json(text), booked, plan.amount_unit);
    // through, costs and contributions are the books' (rows_mapped_by_the_first_rule has the
    // figures); the plan's forecast and income stay, in their places; the kansli's 2010 year key is gone
    BOOST_TEST(finsam::dump(*doc.find("actuals")) ==
               R"({"through":"2011-08","costs":{"shp":{"2011-01":"1050.00"},"kansli":{"2010-12":"700.00","2011-01":"599.99"}},)"
               R"("income":{"esf":{"2011-02":"150"}},"forecast":{"shp":"run_rate"},)"
               R"("contributions":{"fk":{"2011-03":"455000.00"},"region":{"2011-03":"100.00"}}})");
    // the Plan overload: the same document read again, variants kept
    const finsam::Plan followed = finsam::with_actuals(plan, booked);
    BOOST_TEST(followed.actuals->through.month == 8);
    BOOST_TEST(followed.variants.size() == 1u);
    BOOST_TEST(finsam::dump(*followed.source.find("actuals")) == finsam::dump(*doc.find("actuals")));
    BOOST_TEST(finsam::variant_plan(followed, "more").actuals->through.month == 8);
    // a plan without actuals gains the block
    const finsam::Node bare = finsam::with_actuals(finsam::parse_json(plan_with(rules)), booked, finsam::Unit::kr);
    BOOST_TEST(finsam::dump(*bare.find("actuals")) == json_of(booked));
}

BOOST_AUTO_TEST_CASE(with_actuals_problems_name_the_books) {
    // the plan types its contributions (no contribution rules) through December; the books are
    // read through August, so its October payment lies after the month read through
    std::string text = plan_with(R"({"costs": [{"accounts": "5010", "to": "kansli"}]})");
    text.pop_back();
    text += R"(, "actuals": {"through": "2011-12", "contributions": {"fk": {"2011-10": "455000"}}}})";
    const finsam::Plan plan = finsam::load_plan_string(text);
    const finsam::BookedActuals booked = mapped(text, books);
    try {
        (void)finsam::with_actuals(plan, booked);
        BOOST_FAIL("the October payment after the books' through is no problem");
    } catch (const finsam::PlanError& e) {
        BOOST_REQUIRE(e.problems().size() == 1u);
        BOOST_TEST(e.problems()[0].path == "/actuals/contributions/fk/2011-10");
        BOOST_TEST(e.problems()[0].message.rfind("with the actuals of the books: ", 0) == 0u, e.problems()[0].message);
    }
}
