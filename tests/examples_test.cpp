// The two examples from the source documents, evaluated end to end; the figures are worked
// out by hand in examples/README.md (the arithmetic is repeated briefly here).
#define BOOST_TEST_MODULE examples
#include <boost/test/unit_test.hpp>

#include <finsam/finsam.hpp>

using namespace finsam;

namespace {
const std::string dir = std::string(FINSAM_SOURCE_DIR) + "/examples/";
std::string kr_of(const std::vector<Money>& v, std::size_t i) { return v[i].to_kr_string(); }
const InterventionResult& iv(const Result& r, const std::string& id) {
    for (const auto& x : r.interventions)
        if (x.id == id) return x;
    throw std::runtime_error("no intervention " + id);
}
}  // namespace

BOOST_AUTO_TEST_CASE(socsam_haninge_2005) {
    const Plan plan = load_plan_file(dir + "socsam-haninge-2005.json");
    const Result r = evaluate(plan);
    // Costs 2005: the insats rows 785 + 7 064 + 3 113 + 684 + 475 + 5 880 + 1 500 + 2 670 +
    // 1 615 + 360 + 550 + 285 = 24 981 tkr, plus administration 2 659 tkr = 27 640 tkr.
    BOOST_TEST(r.totals[0].costs.to_kr_string() == "27640000.00");
    // Law rule, frame covers costs: fk 50 % = 13 820 000; region and Haninge 25 % = 6 910 000.
    BOOST_TEST(kr_of(r.members[0].contribution, 0) == "13820000.00");
    BOOST_TEST(kr_of(r.members[1].contribution, 0) == "6910000.00");
    BOOST_TEST(kr_of(r.members[2].contribution, 0) == "6910000.00");
    // Fyren: 680 − 205 = 475 tkr in 2005; 2006: 475 000 × (1 + (1.5 + 3)/2 %) = 485 687.5 → 485 688;
    // 2007: 485 688 × 1.0225 = 496 615.98 → 496 616.
    BOOST_TEST(kr_of(iv(r, "fyren").amount, 0) == "475000.00");
    BOOST_TEST(kr_of(iv(r, "fyren").amount, 1) == "485688.00");
    BOOST_TEST(kr_of(iv(r, "fyren").amount, 2) == "496616.00");
    // Nya Vyer, owner Haninge 3 %: 785 000 × 1.03 = 808 550; × 1.03 = 832 806.5 → 832 807.
    BOOST_TEST(kr_of(iv(r, "nya-vyer").amount, 1) == "808550.00");
    BOOST_TEST(kr_of(iv(r, "nya-vyer").amount, 2) == "832807.00");
    // Training plan: items 10 + 50 + 20 + 75 + 10 + 20 + 100 = 285 tkr.
    BOOST_TEST(kr_of(iv(r, "utbildning").amount, 0) == "285000.00");
    // 20/80 of Nya Vyer 2005: frame 20 % = 157 000 by 50/25/25 → 78 500 / 39 250 / 39 250; the
    // case part 628 000 all to Haninge (key haninge 100).
    BOOST_TEST(iv(r, "nya-vyer").allocation[0][0].to_kr_string() == "78500.00");
    BOOST_TEST(iv(r, "nya-vyer").allocation[0][2].to_kr_string() == "667250.00");
    // Cost shares 2005 (examples/README.md): 7 907 600 + 10 368 000 + 9 364 400 = 27 640 000.
    BOOST_TEST(kr_of(r.members[0].cost_share, 0) == "7907600.00");
    BOOST_TEST(kr_of(r.members[1].cost_share, 0) == "10368000.00");
    BOOST_TEST(kr_of(r.members[2].cost_share, 0) == "9364400.00");
    // 2007: 28 874 982 split 50/25/25 = 14 437 491 / 7 218 745.5 / 7 218 745.5: floors leave one
    // krona, the tie goes to the region (listed first).
    BOOST_TEST(kr_of(r.members[1].contribution, 2) == "7218746.00");
    BOOST_TEST(kr_of(r.members[2].contribution, 2) == "7218745.00");
    // The published Summa 25 001 tkr is the insatser's (spec 17): their rows add up to 24 981 tkr,
    // a difference of 20 tkr (README 1.6).
    BOOST_REQUIRE(r.warnings.size() == 1u);
    BOOST_TEST(r.warnings[0].code == "stated_total_mismatch");
    BOOST_TEST(r.warnings[0].path == "/checks/2005/costs/insats");
    BOOST_TEST(r.warnings[0].message ==
               "2005 costs of kind insats: stated 25001000.00 kr, computed 24981000.00 kr, difference 20000.00 kr (stated − computed)");
}

BOOST_AUTO_TEST_CASE(sodra_dalarna_2011) {
    const Plan plan = load_plan_file(dir + "sodra-dalarna-2011.json");
    const Evaluation ev = evaluate_all(plan);
    const Result& base = ev.base;
    // 3 640 000 kr by 50/25/15/10: 1 820 000 / 910 000 / 546 000 / 364 000 every year.
    const char* expected[] = {"1820000.00", "910000.00", "546000.00", "364000.00"};
    for (std::size_t k = 0; k < 4; ++k)
        for (std::size_t y = 0; y < 3; ++y) BOOST_TEST(kr_of(base.members[k].final_contribution, y) == expected[k]);
    // Equity: 3 640 000 − 3 470 000 = 170 000 at the end of 2011 (examples/README.md).
    BOOST_TEST(base.totals[0].equity_end.to_kr_string() == "170000.00");
    // The state raises its part by 50 %: {"state": 2 730 000} → total 2 730 000 × 100/50 = 5 460 000.
    const Result* plus = ev.find("state-plus-50");
    BOOST_REQUIRE(plus != nullptr);
    BOOST_TEST(plus->totals[0].contributions.to_kr_string() == "5460000.00");
    BOOST_TEST(kr_of(plus->members[2].final_contribution, 0) == "819000.00");  // 15 % of 5 460 000
    // Säter joins from 2011-07, law rule with populations Avesta 21 583, Hedemora 15 164, Säter
    // 10 900: Säter's 2011 share = 6/12 × 25 × 10 900/47 647 = 2.859… % → 104 088 kr of 3 640 000.
    const Result* sater = ev.find("sater-joins");
    BOOST_REQUIRE(sater != nullptr);
    BOOST_REQUIRE(sater->members.size() == 5u);
    BOOST_TEST(kr_of(sater->members[4].final_contribution, 0) == "104088.00");
    BOOST_TEST(kr_of(sater->members[2].final_contribution, 0) == "473345.00");
    BOOST_TEST(kr_of(sater->members[3].final_contribution, 0) == "332567.00");
    // Full year 2012: Säter 25 × 10 900/47 647 % = 5.719148 % → 208 177 kr.
    BOOST_TEST(kr_of(sater->members[4].final_contribution, 1) == "208177.00");
}

// examples/README.md section 4: the Södra Dalarna plan followed up through August 2011.
BOOST_AUTO_TEST_CASE(sodra_dalarna_follow_up) {
    const Plan plan = load_plan_file(dir + "sodra-dalarna-2011-uppfoljning.json");
    const Result r = evaluate(plan);
    // 4: the plan's own figures with the income
    BOOST_TEST(r.totals[0].income == kr(306000));
    BOOST_TEST(r.totals[0].result == kr(476000));
    BOOST_TEST(r.totals[1].result == kr(43500));
    BOOST_TEST(r.totals[2].equity_end == kr(539937));
    // 4.1 monthly budgets
    const auto& admin = iv(r, "vt-administration").months[0].months;
    BOOST_TEST(admin[0] == kr(78261));
    BOOST_TEST(admin[6] == kr(39130));
    BOOST_TEST(admin[10] == kr(78261));
    BOOST_TEST(admin[11] == kr(78260));
    const auto& shp = iv(r, "sammanhangsplatser").months[0].months;
    BOOST_TEST(shp[2] == kr(115000));
    BOOST_TEST(shp[3] == kr(115000 + 102223));
    BOOST_TEST(shp[5] == kr(115000 + 102222));
    BOOST_TEST((iv(r, "nya-insatser").months[0].months == Months{}));
    // 4.2 the follow-up
    const FollowUp& fu = *r.follow_up;
    BOOST_TEST(fu.year == 2011);
    BOOST_TEST(fu.through_month == 8);
    struct Row {
        const char* id;
        std::int64_t btd, atd, forecast;
    };
    const Row rows[] = {{"vt-administration", 586957, 583605, 896648},
                        {"sammanhangsplatser", 1431112, 1202000, 1931785},
                        {"kvinnors-ohalsa", 150000, 83500, 120000},
                        {"sociala-foretag", 60000, 67400, 127400},
                        {"nya-insatser", 0, 0, 0}};
    for (std::size_t i = 0; i < 5; ++i) {
        BOOST_TEST_CONTEXT(rows[i].id) {
            BOOST_TEST(fu.interventions[i].id == rows[i].id);
            BOOST_TEST(fu.interventions[i].figures.budget_to_date == kr(rows[i].btd));
            BOOST_TEST(fu.interventions[i].figures.actual_to_date == kr(rows[i].atd));
            BOOST_TEST(fu.interventions[i].figures.forecast == kr(rows[i].forecast));
        }
    }
    BOOST_TEST(fu.totals.budget_to_date == kr(2228069));
    BOOST_TEST(fu.totals.actual_to_date == kr(1936505));
    BOOST_TEST(fu.totals.deviation_to_date == kr(291564));
    BOOST_TEST(fu.totals.forecast == kr(3075833));
    BOOST_TEST(fu.totals.forecast_deviation == kr(394167));
    BOOST_TEST((fu.interventions[1].forecast_allocation == std::vector<Money>{kr(965893), kr(482946), kr(289768), kr(193178)}));
    BOOST_TEST((fu.interventions[0].forecast_allocation == std::vector<Money>{kr(448324), kr(224162), kr(134497), kr(89665)}));
    const std::int64_t shares[] = {1477917, 858958, 443375, 295583}, received[] = {1365000, 682500, 409500, 182000};
    for (std::size_t k = 0; k < 4; ++k) {
        BOOST_TEST(fu.members[k].forecast_cost_share == kr(shares[k]));
        BOOST_TEST(*fu.members[k].received_to_date == kr(received[k]));
    }
    BOOST_TEST(fu.income[0].forecast == kr(250000));
    BOOST_TEST(fu.income[1].forecast == kr(4900));
    BOOST_TEST(fu.income_forecast == kr(254900));
    BOOST_TEST(fu.forecast_result == kr(819067));
    BOOST_TEST((fu.forecast_equity_end == std::vector<std::pair<int, Money>>{{2011, kr(819067)}, {2012, kr(862567)}, {2013, kr(883004)}}));
    BOOST_TEST(fu.history().size() == 1u);
    BOOST_TEST(fu.history()[0]->total_costs == kr(957750));
    // 4.3 liquidity
    const auto& m = r.liquidity->months[0];
    BOOST_TEST(m[0].in == kr(819000));
    BOOST_TEST(m[0].cash_end == kr(692390));
    BOOST_TEST(m[2].cash_end == kr(271755));
    BOOST_TEST(m[8].out == kr(275707));
    BOOST_TEST(m[8].forecast_part[1] == kr(-34776));
    BOOST_TEST(m[11].forecast_part[2] == kr(36500));  // kvinnors-ohalsa's D in December
    BOOST_TEST(m[11].out == kr(312207));
    BOOST_TEST(m[11].cash_end == kr(788067));
    // the warnings of 4.2 and 4.3
    std::vector<std::string> codes;
    for (const auto& w : r.warnings) codes.push_back(std::string(code_name(w.code)) + " " + w.path);
    BOOST_TEST(codes == (std::vector<std::string>{"forecast_above_budget /actuals/costs/sociala-foretag",
                                                  "forecast_equity_above_guideline /equity/guideline_percent",
                                                  "cash_below_minimum /liquidity"}),
               boost::test_tools::per_element());
}
