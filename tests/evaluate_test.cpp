// Tests for finsam/evaluate.hpp: every computation of the spec (sections 1–10, 12), with
// small plans whose figures are worked out by hand in the comments.
#define BOOST_TEST_MODULE evaluate
#include <boost/test/unit_test.hpp>

#include "test_util.hpp"

using finsam_test::problems_of;
using finsam_test::result_of;
using Lines = std::vector<std::string>;

namespace {
std::string s(const nlohmann::ordered_json& j) { return j.get<std::string>(); }
}  // namespace

BOOST_AUTO_TEST_SUITE(values)

BOOST_AUTO_TEST_CASE(json_numbers_are_their_decimals) {
    // 0.1 tkr written as a JSON number is exactly 100 kr (as a double it would be
    // 0.1000000000000000055… tkr, not a whole number of öre). 1e3 kr = 1 000 kr.
    const auto r = result_of(R"({"format": "finsam/1", "amount_unit": "tkr", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": 100},
      "interventions": [{"id": "x", "amounts": {"2005": 0.1}}, {"id": "y", "amounts": {"2005": 1e0}}]})");
    BOOST_TEST(s(r["interventions"][0]["amount"]["2005"]) == "100.00");
    // 1e0 tkr = 1 tkr = 1 000 kr; costs 1 100 kr.
    BOOST_TEST(s(r["interventions"][1]["amount"]["2005"]) == "1000.00");
    BOOST_TEST(s(r["totals"]["2005"]["costs"]) == "1100.00");
}

BOOST_AUTO_TEST_CASE(dated_values_take_the_greatest_key_at_or_before) {
    // uprating {"2005": 3, "2007": 2.5}; 1 000 kr known in 2004, rounding kr half_up:
    // 2005: 1 000 × 1.03 = 1 030; 2006 (key 2005, 3 %): 1 030 × 1.03 = 1 060.90 → 1 061;
    // 2007 (2.5 %): 1 061 × 1.025 = 1 087.525 → 1 088; 2008: 1 088 × 1.025 = 1 115.2 → 1 115.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2005, 2008],
      "members": [{"id": "m", "kind": "municipality"}], "shares": {"rule": "law"},
      "uprating": {"m": {"2005": "3", "2007": "2.5"}},
      "interventions": [{"id": "x", "owner": "m", "amounts": {"2004": "1000"}}]})");
    const auto& a = r["interventions"][0]["amount"];
    BOOST_TEST(s(a["2005"]) == "1030.00");
    BOOST_TEST(s(a["2006"]) == "1061.00");
    BOOST_TEST(s(a["2007"]) == "1088.00");
    BOOST_TEST(s(a["2008"]) == "1115.00");
}

BOOST_AUTO_TEST_CASE(dated_value_without_an_applicable_year_is_an_error) {
    const auto p = problems_of(R"({"format": "finsam/1", "years": [2005, 2006],
      "members": [{"id": "m", "kind": "municipality"}], "shares": {"rule": "law"},
      "uprating": {"m": {"2006": "3"}},
      "interventions": [{"id": "x", "owner": "m", "amounts": {"2004": "1000"}}]})");
    BOOST_TEST(p == (Lines{"/uprating/m: no rate for 2005; add a year key ≤ 2005 such as \"2005\""}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(members_and_shares)

BOOST_AUTO_TEST_CASE(partial_year_member_with_explicit_shares) {
    // a 50 %, b 50 % but b only from 2011-07: b's year share is 50 × 6/12 = 25 (no
    // renormalisation). Total 300 kr split 50:25 → 200 / 100. Displayed shares are of the
    // final frame: 200/300 = 66.666667 %, 100/300 = 33.333333 %.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2011, 2012],
      "members": [{"id": "a", "kind": "other"}, {"id": "b", "kind": "other", "from": "2011-07"}],
      "shares": {"a": "50", "b": "50"}, "frame": {"total": 300}, "interventions": []})");
    BOOST_TEST(s(r["members"][0]["contribution"]["2011"]) == "200.00");
    BOOST_TEST(s(r["members"][1]["contribution"]["2011"]) == "100.00");
    BOOST_TEST(s(r["members"][0]["share"]["2011"]) == "66.666667");
    BOOST_TEST(s(r["members"][1]["share"]["2011"]) == "33.333333");
    // 2012: both full years, 150 / 150, 50 % each.
    BOOST_TEST(s(r["members"][1]["contribution"]["2012"]) == "150.00");
    BOOST_TEST(s(r["members"][1]["share"]["2012"]) == "50");
}

BOOST_AUTO_TEST_CASE(law_rule_population_key_with_a_member_joining) {
    // Municipal part 25 %: m1 (3 000 inhabitants) and m2 (1 000) all year, m3 (2 000) from July.
    // Jan–Jun: m1 25·3/4 = 18.75, m2 25·1/4 = 6.25. Jul–Dec: m1 25·3/6 = 12.5, m2 25/6, m3 25·2/6.
    // Year: m1 (6·18.75 + 6·12.5)/12 = 15.625; m2 (37.5 + 25)/12 = 5.208333…; m3 50/12 = 4.166666…
    // 1 000 000 kr: fk 500 000, region 250 000, m1 156 250, m2 52 083.33, m3 41 666.67;
    // floors sum to 999 999; the last krona goes to the largest remainder, m3 (0.67) → 41 667.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2011, 2011],
      "members": [{"id": "fk", "kind": "state"}, {"id": "reg", "kind": "region"},
        {"id": "m1", "kind": "municipality", "population": 3000},
        {"id": "m2", "kind": "municipality", "population": {"2010": "1000"}},
        {"id": "m3", "kind": "municipality", "population": 2000, "from": "2011-07"}],
      "shares": {"rule": "law", "municipal_key": "population"},
      "frame": {"total": "1000000"}, "interventions": []})");
    const auto& m = r["members"];
    BOOST_TEST(s(m[0]["contribution"]["2011"]) == "500000.00");
    BOOST_TEST(s(m[1]["contribution"]["2011"]) == "250000.00");
    BOOST_TEST(s(m[2]["contribution"]["2011"]) == "156250.00");
    BOOST_TEST(s(m[3]["contribution"]["2011"]) == "52083.00");
    BOOST_TEST(s(m[4]["contribution"]["2011"]) == "41667.00");
    // shares of the final frame: 52 083 / 1 000 000 = 5.2083 %, 41 667 → 4.1667 %.
    BOOST_TEST(s(m[3]["share"]["2011"]) == "5.2083");
    BOOST_TEST(s(m[4]["share"]["2011"]) == "4.1667");
}

BOOST_AUTO_TEST_CASE(law_rule_equal_and_percent_keys) {
    // Two regions, equal: 12.5 % each; municipalities by 60/40 of 25 %: 15 % and 10 %.
    // Total 1 000 kr → fk 500, r1 125, r2 125, m1 150, m2 100; kind other gets 0.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2011, 2011],
      "members": [{"id": "fk", "kind": "state"}, {"id": "r1", "kind": "region"}, {"id": "r2", "kind": "region"},
        {"id": "m1", "kind": "municipality"}, {"id": "m2", "kind": "municipality"}, {"id": "o", "kind": "other"}],
      "shares": {"rule": "law", "region_key": "equal", "municipal_key": {"m1": "60", "m2": "40"}},
      "frame": {"total": 1000}, "interventions": []})");
    const char* expected[] = {"500.00", "125.00", "125.00", "150.00", "100.00", "0.00"};
    for (int k = 0; k < 6; ++k) BOOST_TEST(s(r["members"][k]["contribution"]["2011"]) == expected[k]);
}

BOOST_AUTO_TEST_CASE(law_rule_needs_a_key_where_a_kind_has_two_members) {
    const auto p = problems_of(R"({"format": "finsam/1", "years": [2011, 2011],
      "members": [{"id": "fk", "kind": "state"}, {"id": "m1", "kind": "municipality"}, {"id": "m2", "kind": "municipality"}],
      "shares": {"rule": "law"}, "frame": {"total": 1000}, "interventions": []})");
    BOOST_TEST(p == (Lines{"/shares/municipal_key: 2 members of kind municipality are members in 2011; add \"municipal_key\": \"equal\", \"population\" or percentages"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(explicit_shares_must_sum_to_100_and_name_members) {
    const auto p = problems_of(R"({"format": "finsam/1", "years": [2011, 2011],
      "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
      "shares": {"a": "50", "c": "25"}, "interventions": []})");
    BOOST_TEST(p == (Lines{"/shares/c: unknown member \"c\"; members are \"a\" or \"b\""}), boost::test_tools::per_element());
    const auto q = problems_of(R"({"format": "finsam/1", "years": [2011, 2011],
      "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
      "shares": {"a": "50", "b": "49.5"}, "interventions": []})");
    BOOST_TEST(q == (Lines{"/shares: shares sum to 99.5, not 100; adjust them so they sum to exactly 100"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(present_member_without_a_share) {
    // b is a member in 2011 and the frame (cover_costs) needs shares: b must be listed ("0" is fine).
    const auto p = problems_of(R"({"format": "finsam/1", "years": [2011, 2011],
      "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
      "shares": {"a": "100"}, "interventions": []})");
    BOOST_TEST(p == (Lines{"/shares: member \"b\" is a member in 2011 but has no share; add \"b\": \"0\" or its percentage"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(frame)

BOOST_AUTO_TEST_CASE(state_amount_gives_the_total) {
    // Shares 40/35/25; the state pays 1 001 kr: total = 1 001 × 100/40 = 2 502.5 → half_up 2 503;
    // split 1 001.2 / 876.05 / 625.75 → floors 1 001 + 876 + 625 = 2 502, the krona left goes to
    // the largest remainder 0.75 → 1 001 / 876 / 626.
    const std::string plan = R"({"format": "finsam/1", "years": [2011, 2011], "rounding": {"mode": "MODE"},
      "members": [{"id": "fk", "kind": "state"}, {"id": "reg", "kind": "region"}, {"id": "m", "kind": "municipality"}],
      "shares": {"fk": "40", "reg": "35", "m": "25"}, "frame": {"state": 1001}, "interventions": []})";
    auto with = [&](const std::string& mode) {
        std::string p = plan;
        p.replace(p.find("MODE"), 4, mode);
        return result_of(p);
    };
    auto r = with("half_up");
    BOOST_TEST(s(r["members"][0]["contribution"]["2011"]) == "1001.00");
    BOOST_TEST(s(r["members"][1]["contribution"]["2011"]) == "876.00");
    BOOST_TEST(s(r["members"][2]["contribution"]["2011"]) == "626.00");
    // half_even: 2 502.5 → 2 502; quotas 1 000.8 / 875.7 / 625.5; floors 2 500; two kronor to the
    // largest remainders 0.8 (fk) and 0.7 (reg) → 1 001 / 876 / 625.
    r = with("half_even");
    BOOST_TEST(s(r["totals"]["2011"]["contributions"]) == "2502.00");
    BOOST_TEST(s(r["members"][0]["contribution"]["2011"]) == "1001.00");
    BOOST_TEST(s(r["members"][2]["contribution"]["2011"]) == "625.00");
}

BOOST_AUTO_TEST_CASE(member_contributions_as_decided) {
    // {"members": fk 500, reg 300}; m pays 0. Shares 50/25/25 of 800 would give 400/200/200:
    // shares_differ_from_frame at the frame's year entry.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2011, 2011],
      "members": [{"id": "fk", "kind": "state"}, {"id": "reg", "kind": "region"}, {"id": "m", "kind": "municipality"}],
      "shares": {"rule": "law"}, "frame": {"2011": {"members": {"fk": 500, "reg": "300"}}}, "interventions": []})");
    BOOST_TEST(s(r["members"][0]["contribution"]["2011"]) == "500.00");
    BOOST_TEST(s(r["members"][2]["contribution"]["2011"]) == "0.00");
    BOOST_TEST(s(r["members"][0]["share"]["2011"]) == "62.5");  // 500/800
    BOOST_REQUIRE(r["warnings"].size() == 1u);
    BOOST_TEST(s(r["warnings"][0]["code"]) == "shares_differ_from_frame");
    BOOST_TEST(s(r["warnings"][0]["path"]) == "/frame/2011");
}

BOOST_AUTO_TEST_CASE(cover_costs_with_equity_use) {
    // Costs 1 000 kr, equity used 100 → frame 900 split 50/25/25 = 450/225/225. Result
    // 900 − 1 000 = −100; equity 500 → 400 at year end, above 20 % of 900 = 180 → warning.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2011, 2011],
      "members": [{"id": "fk", "kind": "state"}, {"id": "reg", "kind": "region"}, {"id": "m", "kind": "municipality"}],
      "shares": {"rule": "law"}, "equity": {"opening": 500, "use": {"2011": 100}, "guideline_percent": 20},
      "interventions": [{"id": "x", "amounts": {"2011": 1000}}]})");
    BOOST_TEST(s(r["members"][1]["contribution"]["2011"]) == "225.00");
    BOOST_TEST(s(r["totals"]["2011"]["contributions"]) == "900.00");
    BOOST_TEST(s(r["totals"]["2011"]["result"]) == "-100.00");
    BOOST_TEST(s(r["totals"]["2011"]["equity_end"]) == "400.00");
    BOOST_REQUIRE(r["warnings"].size() == 1u);
    BOOST_TEST(s(r["warnings"][0]["code"]) == "equity_above_guideline");
    BOOST_TEST(s(r["warnings"][0]["path"]) == "/equity/guideline_percent");
}

BOOST_AUTO_TEST_CASE(equity_below_zero_warns) {
    // Frame total 900, costs 1 000: result −100, equity 0 → −100.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2011, 2011],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": 100}, "frame": {"total": 900}, "equity": {},
      "interventions": [{"id": "x", "amounts": {"2011": 1000}, "financing": {"frame_part": 100}}]})");
    BOOST_TEST(s(r["totals"]["2011"]["equity_end"]) == "-100.00");
    BOOST_REQUIRE(r["warnings"].size() == 1u);
    BOOST_TEST(s(r["warnings"][0]["code"]) == "equity_negative");
    BOOST_TEST(s(r["warnings"][0]["path"]) == "/equity");
}

BOOST_AUTO_TEST_CASE(adjustments_give_the_final_frame) {
    // Total 1 000 split 50/25/25 = 500/250/250; the region's adjustment −150 → final 500/100/250,
    // sum 850. An 850 kr intervention (frame part 100) is split 500:100:250 → 500/100/250.
    // Shares shown: 500/850 = 58.8235294… → 58.823529; 100/850 → 11.764706; 250/850 → 29.411765.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2005, 2005],
      "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}, {"id": "m", "kind": "municipality"}],
      "shares": {"rule": "law"}, "frame": {"total": 1000},
      "adjustments": [{"year": 2005, "member": "region", "amount": "-100", "note": "first"},
                      {"year": 2005, "member": "region", "amount": "-50"}],
      "interventions": [{"id": "x", "amounts": {"2005": 850}}]})");
    const auto& reg = r["members"][1];
    BOOST_TEST(s(reg["contribution"]["2005"]) == "250.00");
    BOOST_TEST(s(reg["adjustment"]["2005"]) == "-150.00");
    BOOST_TEST(s(reg["final_contribution"]["2005"]) == "100.00");
    BOOST_TEST(s(reg["cost_share"]["2005"]) == "100.00");
    BOOST_TEST(s(r["members"][0]["share"]["2005"]) == "58.823529");
    BOOST_TEST(s(reg["share"]["2005"]) == "11.764706");
    BOOST_TEST(s(r["members"][2]["share"]["2005"]) == "29.411765");
    BOOST_TEST(s(r["totals"]["2005"]["contributions"]) == "850.00");
    BOOST_TEST(s(r["totals"]["2005"]["result"]) == "0.00");
}

BOOST_AUTO_TEST_CASE(negative_final_contribution_is_an_error_where_a_frame_part_is_split) {
    const auto p = problems_of(R"({"format": "finsam/1", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
      "shares": {"a": "50", "b": "50"}, "frame": {"total": 1000},
      "adjustments": [{"year": 2005, "member": "b", "amount": "-600"}],
      "interventions": [{"id": "x", "amounts": {"2005": 400}}]})");
    BOOST_TEST(p == (Lines{"/frame: 2005 has a negative final contribution (b -100.00 kr), so the frame part of \"x\" (400.00 kr) cannot be split in proportion to it; correct the frame or the adjustments of 2005"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(interventions)

BOOST_AUTO_TEST_CASE(change_rules_from_the_haninge_plan) {
    // Fyren: 680 000 kr in 2004; 2005 {"uprate": "none", "delta": "-205"} → 475 000 kr;
    // 2006 owners region 1.5 % and haninge 3 %, weights 1:1 → 2.25 %: 475 000 × 1.0225 =
    // 485 687.5 → half_up 485 688.
    // Rygg&Nacke: 684 000, weights region 2, haninge 1: (2·1.5 + 3)/3 = 2 % → 697 680.
    // Långtidssjukskrivna: 1 615 000 × 600/400 × 1.03 = 2 495 175 (volume 400 → 600 cases).
    // Pot frozen: 1 500 000 stays.
    const auto r = result_of(R"({"format": "finsam/1", "amount_unit": "tkr", "years": [2005, 2006],
      "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}, {"id": "haninge", "kind": "municipality"}],
      "shares": {"rule": "law"}, "uprating": {"fk": "3", "region": "1.5", "haninge": "3"},
      "interventions": [
        {"id": "fyren", "owner": {"region": "1", "haninge": "1"}, "amounts": {"2004": "680"},
         "change": {"2005": {"uprate": "none", "delta": "-205"}, "2006": {"uprate": "owner"}}},
        {"id": "rygg", "owner": {"region": "2", "haninge": "1"}, "amounts": {"2005": "684"}},
        {"id": "ltss", "owner": "fk", "amounts": {"2005": "1615"}, "change": {"2006": {"volume": "600/400"}}},
        {"id": "pott", "amounts": {"2005": "1500"}, "change": {"uprate": "none"}}]})");
    const auto& iv = r["interventions"];
    BOOST_TEST(s(iv[0]["amount"]["2005"]) == "475000.00");
    BOOST_TEST(s(iv[0]["amount"]["2006"]) == "485688.00");
    BOOST_TEST(s(iv[1]["amount"]["2006"]) == "697680.00");
    BOOST_TEST(s(iv[2]["amount"]["2006"]) == "2495175.00");
    BOOST_TEST(s(iv[3]["amount"]["2006"]) == "1500000.00");
}

BOOST_AUTO_TEST_CASE(percent_and_negative_rates_rounding_to_tkr) {
    // 1 234 567 kr × (1 − 2.5/100) = 1 203 702.825 kr → tkr half_up 1 204 000; then +10 % →
    // 1 324 400 → tkr 1 324 000 (toward_zero would give 1 203 000 and 1 323 000).
    const std::string plan = R"({"format": "finsam/1", "years": [2005, 2007], "rounding": {"amounts": "tkr", "mode": "MODE"},
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"},
      "interventions": [{"id": "x", "amounts": {"2005": "1234567"},
        "change": {"2006": {"uprate": "-2.5"}, "2007": {"uprate": 10}}}]})";
    auto with = [&](const std::string& mode) {
        std::string p = plan;
        p.replace(p.find("MODE"), 4, mode);
        return result_of(p)["interventions"][0]["amount"];
    };
    auto a = with("half_up");
    BOOST_TEST(s(a["2006"]) == "1204000.00");
    BOOST_TEST(s(a["2007"]) == "1324000.00");
    a = with("toward_zero");
    // 1 203 702.825 → 1 203 000; × 1.1 = 1 323 300 → 1 323 000.
    BOOST_TEST(s(a["2006"]) == "1203000.00");
    BOOST_TEST(s(a["2007"]) == "1323000.00");
}

BOOST_AUTO_TEST_CASE(active_range) {
    // Active 2005–2006 in a 2005–2007 plan: 2007 is 0 and not carried forward; a known 2007
    // amount outside the range is ignored.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2005, 2007],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"},
      "interventions": [{"id": "x", "amounts": {"2005": 100, "2007": 999}, "change": {"uprate": "10"},
                         "active": {"from": 2005, "to": 2006}}]})");
    BOOST_TEST(s(r["interventions"][0]["amount"]["2006"]) == "110.00");
    BOOST_TEST(s(r["interventions"][0]["amount"]["2007"]) == "0.00");
}

BOOST_AUTO_TEST_CASE(a_chain_needs_active_years_back_to_a_known_amount) {
    // Active from 2006 but the only known amount is 2005 (outside active, ignored): no amount.
    const auto p = problems_of(R"({"format": "finsam/1", "years": [2005, 2007],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"},
      "interventions": [{"id": "x", "amounts": {"2005": 100}, "change": {"uprate": "none"}, "active": {"from": 2006}}]})");
    BOOST_TEST(p == (Lines{"/interventions/0/amounts: no amount for 2006: the first active year needs a known amount, or an unbroken chain of active years back to one; add \"amounts\": {\"2006\": AMOUNT}"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(years_before_the_first_are_computed_only_when_needed) {
    // 2013 is known, so the 2011 item amount needs no chain to 2013: the owner's missing rate
    // for 2012 is not needed and not an error. 2013: items 10 + 5 = 15 kr (spec 12.11).
    const auto r = result_of(R"({"format": "finsam/1", "years": [2013, 2013],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"},
      "interventions": [{"id": "x", "owner": "a",
        "items": [{"amounts": {"2011": 7, "2013": 10}}, {"amounts": {"2013": 5}}]}]})");
    BOOST_TEST(s(r["interventions"][0]["amount"]["2013"]) == "15.00");
}

BOOST_AUTO_TEST_CASE(owner_without_a_rate) {
    const auto p = problems_of(R"({"format": "finsam/1", "years": [2005, 2006],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"},
      "interventions": [{"id": "x", "owner": "a", "amounts": {"2005": 100}}]})");
    BOOST_TEST(p == (Lines{"/interventions/0/owner: owner \"a\" has no uprating rate; add \"uprating\": {\"a\": PERCENT}"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(items_are_a_bottom_up_budget) {
    // Training plan items 10 + 50 + 20 + 75 + 10 + 20 + 100 = 285 tkr (shared/domain/000);
    // a stated amount of 280 differs: items_sum_mismatch; a check of 285 agrees.
    const auto r = result_of(R"({"format": "finsam/1", "amount_unit": "tkr", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"},
      "interventions": [{"id": "utb", "amounts": {"2005": "280"}, "checks": {"2005": "285"},
        "items": [{"name": "MI", "amounts": {"2005": "10"}}, {"name": "PSM", "amounts": {"2005": 50}},
                  {"amounts": {"2005": "20"}}, {"amounts": {"2005": "75"}}, {"amounts": {"2005": "10"}},
                  {"amounts": {"2005": "20"}}, {"name": "Avslut", "amounts": {"2005": "100"}}]}]})");
    BOOST_TEST(s(r["interventions"][0]["amount"]["2005"]) == "285000.00");
    BOOST_REQUIRE(r["warnings"].size() == 1u);
    BOOST_TEST(s(r["warnings"][0]["code"]) == "items_sum_mismatch");
    BOOST_TEST(s(r["warnings"][0]["path"]) == "/interventions/0/amounts/2005");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(financing)

BOOST_AUTO_TEST_CASE(twenty_eighty) {
    // 1 000 kr, frame part 20 %: 200 split by the final frame 50/25/25 → 100/50/50; the case
    // part 800 by the key region 1 : haninge 1 → 0/400/400. fk 100, region 450, haninge 450.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2005, 2005],
      "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}, {"id": "haninge", "kind": "municipality"}],
      "shares": {"rule": "law"}, "frame": {"total": 4000}, "financing": {"frame_part": "20"},
      "interventions": [{"id": "x", "amounts": {"2005": 1000}, "financing": {"key": {"region": "1", "haninge": "1"}}}]})");
    const auto& a = r["interventions"][0]["allocation"]["2005"];
    BOOST_TEST(s(a["fk"]) == "100.00");
    BOOST_TEST(s(a["region"]) == "450.00");
    BOOST_TEST(s(a["haninge"]) == "450.00");
    BOOST_TEST(s(r["members"][1]["cost_share"]["2005"]) == "450.00");
}

BOOST_AUTO_TEST_CASE(frame_part_100_of_an_ore_amount_leaves_a_case_part) {
    // 100.50 kr at frame part 100 with kr allocation: frame amount = round(100.50) = 101 kr
    // (half_up), case amount = −0.50 kr, which needs a key (spec 12.9).
    const std::string base = R"({"format": "finsam/1", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
      "shares": {"a": "50", "b": "50"}, "frame": {"total": 1000},
      "interventions": [{"id": "x", "amounts": {"2005": "100.50"}KEY}]})";
    std::string no_key = base;
    no_key.replace(no_key.find("KEY"), 3, "");
    BOOST_TEST(problems_of(no_key) ==
                   (Lines{"/interventions/0/financing/key: the case part of \"x\" in 2005 (-0.50 kr) needs a key; add \"financing\": {\"key\": {\"MEMBER\": WEIGHT, …}}"}),
               boost::test_tools::per_element());
    std::string with_key = base;
    with_key.replace(with_key.find("KEY"), 3, R"(, "financing": {"key": {"b": 1}})");
    // frame 101 kr by 500:500 → 51/50 (tie to a); case −0.50 all to b: a 51.00, b 49.50.
    const auto r = result_of(with_key);
    BOOST_TEST(s(r["interventions"][0]["allocation"]["2005"]["a"]) == "51.00");
    BOOST_TEST(s(r["interventions"][0]["allocation"]["2005"]["b"]) == "49.50");
}

BOOST_AUTO_TEST_CASE(sub_unit_rest_of_a_frame) {
    // Spec 12.8: a total of 11.75 kr over 40/30/30 in whole kronor: 11 whole kr → quotas 4.4,
    // 3.3, 3.3; floors 4 + 3 + 3 = 10; the krona left goes to a (remainder 0.4); the 0.75 kr
    // rest goes to the next in that order, b (0.3, tie with c, b listed first): 5 / 3.75 / 3.
    const auto r = result_of(R"({"format": "finsam/1", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}, {"id": "b", "kind": "other"}, {"id": "c", "kind": "other"}],
      "shares": {"a": "40", "b": "30", "c": "30"}, "frame": {"total": "11.75"}, "interventions": []})");
    BOOST_TEST(s(r["members"][0]["contribution"]["2005"]) == "5.00");
    BOOST_TEST(s(r["members"][1]["contribution"]["2005"]) == "3.75");
    BOOST_TEST(s(r["members"][2]["contribution"]["2005"]) == "3.00");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(result_and_checks)

BOOST_AUTO_TEST_CASE(share_display_of_an_equal_third) {
    // 1 000 kr over 1/1/1 in kr → 334/333/333; shares 33.4 / 33.3 / 33.3 (spec 12.15).
    const auto r = result_of(R"({"format": "finsam/1", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}, {"id": "b", "kind": "other"}, {"id": "c", "kind": "other"}],
      "shares": {"a": "50", "b": "25", "c": "25"},
      "frame": {"members": {"a": 334, "b": 333, "c": 333}}, "interventions": []})");
    BOOST_TEST(s(r["members"][0]["share"]["2005"]) == "33.4");
    BOOST_TEST(s(r["members"][1]["share"]["2005"]) == "33.3");
    BOOST_TEST(s(r["format"]) == "finsam-result/1");
    BOOST_TEST(s(r["name"]) == "");
}

BOOST_AUTO_TEST_CASE(zero_frame_shows_zero_shares) {
    const auto r = result_of(R"({"format": "finsam/1", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"}, "interventions": []})");
    BOOST_TEST(s(r["members"][0]["share"]["2005"]) == "0");
    BOOST_TEST(!r["totals"]["2005"].contains("equity_end"));
}

BOOST_AUTO_TEST_CASE(key_order_of_the_result) {
    const auto r = result_of(R"({"format": "finsam/1", "name": "N", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"}, "equity": {"opening": 5},
      "interventions": [{"id": "x", "amounts": {"2005": 7}}]})");
    std::vector<std::string> top, member, iv, totals;
    for (const auto& [k, v] : r.items()) top.push_back(k);
    for (const auto& [k, v] : r["members"][0].items()) member.push_back(k);
    for (const auto& [k, v] : r["interventions"][0].items()) iv.push_back(k);
    for (const auto& [k, v] : r["totals"]["2005"].items()) totals.push_back(k);
    BOOST_TEST(top == (Lines{"format", "name", "years", "members", "interventions", "totals", "warnings"}), boost::test_tools::per_element());
    BOOST_TEST(member == (Lines{"id", "name", "share", "contribution", "adjustment", "final_contribution", "cost_share"}),
               boost::test_tools::per_element());
    BOOST_TEST(iv == (Lines{"id", "name", "kind", "amount", "allocation"}), boost::test_tools::per_element());
    BOOST_TEST(totals == (Lines{"costs", "contributions", "result", "equity_end"}), boost::test_tools::per_element());
    // name defaults to the id; equity 5 + (7 − 7) = 5.
    BOOST_TEST(s(r["members"][0]["name"]) == "a");
    BOOST_TEST(s(r["totals"]["2005"]["equity_end"]) == "5.00");
}

BOOST_AUTO_TEST_CASE(stated_totals) {
    // Stated costs 25 001, computed 24 981 (the Haninge table's rows): difference 20.
    const auto r = result_of(R"({"format": "finsam/1", "amount_unit": "tkr", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"},
      "checks": {"2005": {"costs": "25001", "contributions": "24981"}},
      "interventions": [{"id": "x", "amounts": {"2005": "24981"}}]})");
    BOOST_REQUIRE(r["warnings"].size() == 1u);
    BOOST_TEST(s(r["warnings"][0]["code"]) == "stated_total_mismatch");
    BOOST_TEST(s(r["warnings"][0]["path"]) == "/checks/2005/costs");
    BOOST_TEST(s(r["warnings"][0]["message"]) ==
               "2005 costs: stated 25001000.00 kr, computed 24981000.00 kr, difference 20000.00 kr (stated − computed)");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(variants)

BOOST_AUTO_TEST_CASE(merge_patch_variant) {
    // Base: 1 000 kr uprated by the region's 1.5 % → 1 015 in 2006; variant region 3 % → 1 030.
    const auto plan = finsam::load_plan_string(R"({"format": "finsam/1", "years": [2005, 2006],
      "members": [{"id": "region", "kind": "region"}], "shares": {"rule": "law"}, "uprating": {"region": "1.5"},
      "interventions": [{"id": "x", "owner": "region", "amounts": {"2005": 1000}}],
      "variants": {"high": {"uprating": {"region": "3"}}}})");
    const auto ev = finsam::evaluate_all(plan);
    BOOST_TEST(ev.base.interventions[0].amount[1].to_kr_string() == "1015.00");
    BOOST_REQUIRE(ev.find("high") != nullptr);
    BOOST_TEST(ev.find("high")->interventions[0].amount[1].to_kr_string() == "1030.00");
}

BOOST_AUTO_TEST_CASE(invalid_variants) {
    const auto p = problems_of(R"({"format": "finsam/1", "years": [2005, 2006],
      "members": [{"id": "region", "kind": "region"}], "shares": {"rule": "law"},
      "interventions": [],
      "variants": {"bad": {"shares": {"region": "90"}}, "nested": {"variants": {}}}})");
    BOOST_TEST(p == (Lines{"/variants/nested/variants: variant \"nested\": a patch may not add variants; remove \"variants\" from it and write each variant at the top level"}), boost::test_tools::per_element());
    const auto q = problems_of(R"({"format": "finsam/1", "years": [2005, 2006],
      "members": [{"id": "region", "kind": "region"}], "shares": {"rule": "law"},
      "interventions": [], "variants": {"bad": {"shares": {"rule": null, "region": "90"}}}})");
    BOOST_TEST(q == (Lines{"/shares: variant \"bad\": shares sum to 90, not 100; adjust them so they sum to exactly 100"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stated_costs_by_kind) {
    // Spec 17: a published Summa of one kind. Insatser 20 000 + 4 981 = 24 981 tkr against 25 001:
    // 20 tkr at /checks/2005/costs/insats; administration 2 659 as stated: no warning; projects:
    // none, so 0 against 5 tkr: −5 ... stated − computed = 5 tkr.
    const auto r = result_of(R"({"format": "finsam/1", "amount_unit": "tkr", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"},
      "checks": {"2005": {"costs": {"insats": "25001", "administration": "2659", "project": "5"}}},
      "interventions": [{"id": "x", "amounts": {"2005": "20000"}}, {"id": "y", "amounts": {"2005": "4981"}},
                        {"id": "adm", "kind": "administration", "amounts": {"2005": "2659"}}]})");
    BOOST_REQUIRE(r["warnings"].size() == 2u);
    BOOST_TEST(s(r["warnings"][0]["path"]) == "/checks/2005/costs/insats");
    BOOST_TEST(s(r["warnings"][0]["message"]) ==
               "2005 costs of kind insats: stated 25001000.00 kr, computed 24981000.00 kr, difference 20000.00 kr (stated − computed)");
    BOOST_TEST(s(r["warnings"][1]["path"]) == "/checks/2005/costs/project");
    BOOST_TEST(s(r["warnings"][1]["message"]) ==
               "2005 costs of kind project: stated 5000.00 kr, computed 0.00 kr, difference 5000.00 kr (stated − computed)");
}

BOOST_AUTO_TEST_CASE(possible_thousands_separator) {
    // Spec 17, 14.6.3: an amount written as a string -?DIGITS.DDD in a tkr or mnkr plan, never a
    // JSON number, never in a kr plan. "7.064" tkr is read as 7 064 kr; "7064" would be 7 064 tkr.
    const char* plan = R"({"format": "finsam/1", "amount_unit": "tkr", "years": [2005, 2005],
      "rounding": {"allocation": "öre"}, "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"},
      "interventions": [{"id": "x", "amounts": {"2005": "7.064"}}, {"id": "y", "amounts": {"2005": 3.200}},
                        {"id": "z", "amounts": {"2005": "1.5"}}, {"id": "w", "amounts": {"2005": "-0.250"}}]})";
    const auto r = result_of(plan);
    BOOST_REQUIRE(r["warnings"].size() == 2u);
    BOOST_TEST(s(r["warnings"][0]["code"]) == "possible_thousands_separator");
    BOOST_TEST(s(r["warnings"][0]["path"]) == "/interventions/0/amounts/2005");
    BOOST_TEST(s(r["warnings"][0]["message"]) ==
               "\"7.064\" is 7.064 tkr (7064.00 kr); if 7064 tkr was meant, write \"7064\" (in a plan a point is a decimal point, never a "
               "thousands separator)");
    // −0,250 tkr = −250 kr; with the point as a thousands separator −250 tkr, written "-250"
    BOOST_TEST(s(r["warnings"][1]["path"]) == "/interventions/3/amounts/2005");
    BOOST_TEST(s(r["warnings"][1]["message"]).find("if -250 tkr was meant, write \"-250\"") != std::string::npos);
    const finsam::Plan p = finsam::load_plan_string(plan);
    BOOST_REQUIRE(p.warnings.size() == 2u);
    BOOST_TEST((p.warnings[0].subject == finsam::WarningSubject::intervention));
    BOOST_TEST((p.warnings[0].intervention == std::optional<std::size_t>(0)));
    BOOST_TEST((p.warnings[0].year == std::optional<int>(2005)));
    BOOST_TEST(*p.warnings[0].written == "7.064");
    BOOST_TEST(p.warnings[0].stated->ore() == 706400);   // 7,064 tkr = 7 064 kr
    BOOST_TEST(p.warnings[0].meant->ore() == 706400000);  // 7 064 tkr
    // in a kr plan "7.064" is not whole öre (an error); "7.060" kr is 7,06 kr, and amounts in kr never warn
    std::string kr = plan;
    kr.replace(kr.find("\"tkr\""), 5, "\"kr\"");
    kr.replace(kr.find("7.064"), 5, "7.060");
    kr.replace(kr.find("-0.250"), 6, "-0.25");
    BOOST_TEST(result_of(kr)["warnings"].empty());
}

BOOST_AUTO_TEST_SUITE_END()
