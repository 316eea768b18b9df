#!/usr/bin/python3
"""Hand-checked cases for the reference evaluator: /usr/bin/python3 tests/reference/selftest.py

Not named test_*.py on purpose: it is a check of the reference itself, run by hand."""

import json
import os
import sys
import unittest
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finsam_ref as ref                      # noqa: E402


def plan(**extra):
    doc = {"format": "finsam/1", "years": [2005, 2005],
           "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"},
                       {"id": "avesta", "kind": "municipality"},
                       {"id": "hedemora", "kind": "municipality"}]}
    doc.update(extra)
    return doc


def contributions(result, year="2005"):
    return [m["contribution"][year] for m in result["members"]]


class LargestRemainder(unittest.TestCase):
    def test_section7(self):
        # 100 kr at öre over three equal shares: 3333 öre each, 1 left, ties -> first listed.
        self.assertEqual(ref.largest_remainder(10000, [1, 1, 1], 1), [3334, 3333, 3333])
        # Negative amounts: -split(-P).
        self.assertEqual(ref.largest_remainder(-10000, [1, 1, 1], 1), [-3334, -3333, -3333])
        # Zero weights get nothing, even on ties.
        self.assertEqual(ref.largest_remainder(10000, [0, 1, 1, 1], 100), [0, 3400, 3300, 3300])
        with self.assertRaises(ref.ZeroWeights):
            ref.largest_remainder(1, [0, 0], 100)

    def test_sub_unit_rest_12_8(self):
        # 100.50 kr in kr over three equal: 100 kr -> 34, 33, 33 (member 0 took the left unit);
        # the 0.50 goes to the next in the same order, member 1.
        self.assertEqual(ref.largest_remainder(10050, [1, 1, 1], 100), [3400, 3350, 3300])
        # Less than one unit: all remainders tie at 0, the first positive weight gets it.
        self.assertEqual(ref.largest_remainder(50, [0, 1, 3], 100), [0, 50, 0])


class Rounding(unittest.TestCase):
    def test_modes(self):
        r = ref.round_to_unit
        self.assertEqual([r(250, 100, m) for m in ref.MODES], [300, 200, 200])
        self.assertEqual([r(-250, 100, m) for m in ref.MODES], [-300, -200, -200])
        self.assertEqual([r(350, 100, m) for m in ref.MODES], [400, 400, 300])
        self.assertEqual(r(Fraction(-299), 100, "toward_zero"), -200)
        self.assertEqual(r(149_999, 100_000, "half_up"), 100_000)

    def test_share_display(self):
        self.assertEqual(ref.format_percent6(Fraction(100, 3)), "33.333333")
        self.assertEqual(ref.format_percent6(Fraction(200, 3)), "66.666667")
        self.assertEqual(ref.format_percent6(Fraction(15)), "15")
        self.assertEqual(ref.format_percent6(Fraction(-1, 10 ** 8)), "0")


class Values(unittest.TestCase):
    def test_amounts(self):
        self.assertEqual(ref.read_amount(ref.Num("1.5e3"), "", 100), 150000)
        self.assertEqual(ref.read_amount("-205", "", 100_000), -20_500_000)
        self.assertEqual(ref.read_amount("0.00000001", "", 100_000_000), 1)
        for bad in ("+1", "1e3", " 1", "1,5", "1.", ".5"):
            with self.assertRaises(ref.Fail):
                ref.read_amount(bad, "", 100)
        with self.assertRaises(ref.Fail):
            ref.read_amount("0.001", "", 100)               # not whole öre
        with self.assertRaises(ref.Fail):
            ref.read_amount(ref.Num("1e401"), "", 100)      # exponent beyond 400
        with self.assertRaises(ref.Fail):
            ref.read_amount(str(2 ** 63 // 100 + 1), "", 100)   # beyond 2^63 - 1 öre

    def test_factor(self):
        self.assertEqual(ref.read_factor("600/400", ""), Fraction(3, 2))
        with self.assertRaises(ref.Fail):
            ref.read_percent("600/400", "")
        with self.assertRaises(ref.Fail):
            ref.read_factor("1/0", "")

    def test_json(self):
        for text in (b'{"a":1,"a":2}', b"[NaN]", b'"\\udc00"', b"\xff", b"[" * 5000, b"[1,]"):
            with self.assertRaises(ref.RefPlanError) as cm:
                ref.load_json_bytes(text)
            self.assertEqual(cm.exception.problems[0][0], "")


class Plans(unittest.TestCase):
    def test_total_over_shares(self):
        # 3 640 000 kr over 50/25/15/10.
        r = ref.evaluate_obj(plan(shares={"fk": "50", "region": "25", "avesta": "15",
                                          "hedemora": "10"}, frame={"total": 3640000}))
        self.assertEqual(contributions(r), ["1820000.00", "910000.00", "546000.00", "364000.00"])
        self.assertEqual([m["share"]["2005"] for m in r["members"]], ["50", "25", "15", "10"])

    def test_equal_thirds(self):
        doc = {"format": "finsam/1", "years": [2005, 2005], "rounding": {"allocation": "öre"},
               "members": [{"id": x, "kind": "municipality"} for x in "abc"],
               "shares": {"rule": "law", "municipal_key": "equal"}, "frame": {"total": "100"}}
        r = ref.evaluate_obj(doc)
        self.assertEqual(contributions(r), ["33.34", "33.33", "33.33"])
        doc["rounding"] = {}
        doc["frame"] = {"total": 1000}
        r = ref.evaluate_obj(doc)
        # 12.15: shares after rounding: 334/333/333 of 1000.
        self.assertEqual([m["share"]["2005"] for m in r["members"]], ["33.4", "33.3", "33.3"])

    def test_fyren_chain(self):
        # 680 tkr in 2004, -205 tkr without uprating in 2005, then owner rate 1.5 %:
        # 475 000; 475 000 * 1.015 = 482 125 kr.
        doc = plan(amount_unit="tkr", years=[2005, 2006],
                   shares={"fk": "50", "region": "25", "avesta": "15", "hedemora": "10"},
                   uprating={"region": "1.5"},
                   interventions=[{"id": "fyren", "owner": "region", "amounts": {"2004": "680"},
                                   "change": {"2005": {"uprate": "none", "delta": "-205"},
                                              "2006": {"uprate": "owner"}}}])
        r = ref.evaluate_obj(doc)
        self.assertEqual(r["interventions"][0]["amount"], {"2005": "475000.00",
                                                           "2006": "482125.00"})
        # cover_costs: contributions equal costs; allocation in proportion to the frame.
        self.assertEqual(r["totals"]["2006"]["contributions"], "482125.00")
        self.assertEqual(r["interventions"][0]["allocation"]["2006"],
                         {"fk": "241063.00", "region": "120531.00", "avesta": "72319.00",
                          "hedemora": "48212.00"})

    def test_partial_year_law(self):
        # avesta joins in July: Jan-Jun hedemora has the whole municipal 25 %, Jul-Dec equal.
        doc = plan(shares={"rule": "law", "municipal_key": "equal"}, frame={"total": 1200})
        doc["members"][2]["from"] = "2005-07"
        r = ref.evaluate_obj(doc)
        # hedemora: (6*25 + 6*12.5)/12 = 18.75 %; avesta 6.25 %.
        self.assertEqual(contributions(r), ["600.00", "300.00", "75.00", "225.00"])

    def test_partial_year_explicit_no_renormalisation(self):
        doc = plan(shares={"fk": "50", "region": "25", "avesta": "15", "hedemora": "10"},
                   frame={"total": 1000})
        doc["members"][3]["to"] = "2005-06"
        r = ref.evaluate_obj(doc)
        # shares 50/25/15/5 sum to 95: 1000 * 50/95 = 526.3, ...
        self.assertEqual(contributions(r), ["526.00", "263.00", "158.00", "53.00"])

    def test_state_frame(self):
        # 12.7: 1 000 000 * 100 / 50 = 2 000 000 in total.
        r = ref.evaluate_obj(plan(shares={"rule": "law", "municipal_key": "equal"},
                                  frame={"state": 1000000}))
        self.assertEqual(contributions(r), ["1000000.00", "500000.00", "250000.00", "250000.00"])

    def test_frame_part_and_key(self):
        doc = plan(shares={"fk": "50", "region": "25", "avesta": "15", "hedemora": "10"},
                   frame={"total": 1000},
                   interventions=[{"id": "x", "amounts": {"2005": 100},
                                   "financing": {"frame_part": "20",
                                                 "key": {"region": "1", "avesta": "1",
                                                         "hedemora": "1"}}}])
        r = ref.evaluate_obj(doc)
        # frame 20 kr -> 10/5/3/2; case 80 kr over 3 equal -> 27/27/26.
        self.assertEqual(r["interventions"][0]["allocation"]["2005"],
                         {"fk": "10.00", "region": "32.00", "avesta": "30.00", "hedemora": "28.00"})

    def test_errors(self):
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(plan(shares={"fk": "50", "region": "25", "avesta": "15"},
                                  frame={"total": 1}))
        self.assertEqual(cm.exception.problems, [("/shares", "shares sum to 90, not 100")])
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(plan(frame={"total": 1}, sharez={}))
        self.assertEqual(cm.exception.problems[0], ("/sharez", 'unknown key "sharez"'))
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(plan(shares={"fk": "100", "region": "0", "avesta": "0",
                                          "hedemora": "0"}, frame={"total": 1},
                                  interventions=[{"id": "x", "amounts": {"2004": 1}}]))
        self.assertEqual(cm.exception.problems, [("/interventions/0/owner",
                                                  "uprating 2005 by owner needs an owner")])


# ---------------------------------------------------------------------------------------------
# 12.21-12.24
# ---------------------------------------------------------------------------------------------

class ExactReadings21to24(unittest.TestCase):
    def test_bom_is_ignored(self):
        text = json.dumps(plan(shares={"fk": "50", "region": "25", "avesta": "15",
                                       "hedemora": "10"}, frame={"total": 100})).encode()
        r = ref.evaluate_bytes(b"\xef\xbb\xbf" + text)
        self.assertEqual(contributions(r), ["50.00", "25.00", "15.00", "10.00"])

    def test_signed_fractions(self):
        # 12.23: "-1/-2" is 1/2: 1000 × 1/2 = 500; "1/-2" as an owner weight is -1/2 < 0.
        doc = plan(shares={"fk": "100", "region": "0", "avesta": "0", "hedemora": "0"},
                   frame={"total": 1},
                   interventions=[{"id": "x", "amounts": {"2004": 1000},
                                   "change": {"uprate": "none", "volume": "-1/-2"}}])
        r = ref.evaluate_obj(doc)
        self.assertEqual(r["interventions"][0]["amount"]["2005"], "500.00")
        doc["interventions"][0]["change"]["volume"] = "-1/0"
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(doc)
        self.assertEqual([p for p, _ in cm.exception.problems],
                         ["/interventions/0/change/volume"])

    def test_long_population(self):
        # "0000000000000021583" is 21 583: two equal populations share the municipal 25 %.
        doc = plan(shares={"rule": "law", "municipal_key": "population"}, frame={"total": 1000})
        doc["members"][2]["population"] = "0000000000000021583"
        doc["members"][3]["population"] = 21583
        r = ref.evaluate_obj(doc)
        self.assertEqual(contributions(r), ["500.00", "250.00", "125.00", "125.00"])

    def test_single_member_key_needs_no_population(self):
        # 12.22: one municipality present: municipal_key population is not used.
        doc = plan(shares={"rule": "law", "municipal_key": "population"}, frame={"total": 1000})
        del doc["members"][3]
        r = ref.evaluate_obj(doc)
        self.assertEqual(contributions(r), ["500.00", "250.00", "250.00"])

    def test_members_frame_without_applicable_shares(self):
        # 12.22: hedemora has no share, so the members frame is not compared: no warning.
        doc = plan(shares={"fk": "50", "region": "25", "avesta": "25"},
                   frame={"members": {"fk": 10, "region": 20}})
        r = ref.evaluate_obj(doc)
        self.assertEqual(r["warnings"], [])

    def test_empty_equity_and_item_without_amounts(self):
        # 12.21: "equity": {} gives equity_end (opening 0 + result); an item without amounts.
        doc = plan(shares={"fk": "50", "region": "25", "avesta": "15", "hedemora": "10"},
                   frame={"total": 1000}, equity={},
                   interventions=[{"id": "x", "amounts": {"2005": 400},
                                   "items": [{"name": "utan belopp"}]}])
        r = ref.evaluate_obj(doc)
        # result = 1000 − 400 = 600 = equity_end.
        self.assertEqual(r["totals"]["2005"], {"costs": "400.00", "contributions": "1000.00",
                                               "result": "600.00", "equity_end": "600.00"})

    def test_equity_not_computed_without_equity(self):
        # 12.24: 6e16 kr a year is within 2^63 − 1 öre (about 9.22e16 kr); two years of it as
        # equity would not be.  Without `equity` the plan is valid; with it, /equity fails.
        doc = plan(years=[2005, 2006],
                   shares={"fk": "50", "region": "25", "avesta": "15", "hedemora": "10"},
                   frame={"total": "60000000000000000"})
        r = ref.evaluate_obj(doc)
        self.assertNotIn("equity_end", r["totals"]["2006"])
        doc["equity"] = {}
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(doc)
        self.assertEqual({p for p, _ in cm.exception.problems}, {"/equity"})


# ---------------------------------------------------------------------------------------------
# Part two: sections 13, 14, 16, 17
# ---------------------------------------------------------------------------------------------

SHARES = {"fk": "50", "region": "25", "avesta": "15", "hedemora": "10"}


class Income(unittest.TestCase):
    def test_cover_costs_result_and_checks(self):
        doc = plan(shares=SHARES,
                   interventions=[{"id": "x", "amounts": {"2005": 1000}}],
                   income=[{"id": "esf", "amounts": {"2005": "100", "2004": "7"}}],
                   equity={"opening": 500, "use": 50},
                   checks={"2005": {"income": "90", "costs": {"insats": "1000", "project": "1"}}})
        r = ref.evaluate_obj(doc)
        # cover_costs: 1000 − 100 − 50 = 850 by 50/25/15/10 = 425, 212.5, 127.5, 85; the
        # left krona goes to the first of the tied remainders (region).
        self.assertEqual(contributions(r), ["425.00", "213.00", "127.00", "85.00"])
        # result = 850 + 100 − 1000 = −50; equity 500 − 50 = 450.
        self.assertEqual(r["totals"]["2005"], {"costs": "1000.00", "contributions": "850.00",
                                               "income": "100.00", "result": "-50.00",
                                               "equity_end": "450.00"})
        self.assertEqual(r["income"], [{"id": "esf", "name": "esf",
                                        "amount": {"2005": "100.00"}}])
        # income stated 90 against 100; project stated 1 against 0; insats agrees.
        self.assertEqual(warnings(r), {("stated_total_mismatch", "/checks/2005/income"),
                                       ("stated_total_mismatch", "/checks/2005/costs/project")})

    def test_income_check_without_income(self):
        # 14.6.2: income is 0 without income lines; no totals.income, no top-level income.
        doc = plan(shares=SHARES, frame={"total": 10}, checks={"2005": {"income": "0"}})
        r = ref.evaluate_obj(doc)
        self.assertNotIn("income", r)
        self.assertNotIn("income", r["totals"]["2005"])
        self.assertEqual(r["warnings"], [])
        doc["income"] = []
        r = ref.evaluate_obj(doc)
        self.assertEqual(r["income"], [])
        self.assertEqual(r["totals"]["2005"]["income"], "0.00")


class Months(unittest.TestCase):
    def test_sub_unit_rest_over_months(self):
        # 100.50 kr evenly: 100 units / 12 = 8 rem 4 -> Jan-Apr 9; the 0.50 to May.
        self.assertEqual(ref.largest_remainder(10050, [1] * 12, 100),
                         [900] * 4 + [850] + [800] * 7)

    def test_items_with_own_profiles(self):
        # Item 1: 600 kr on Jan-Jun (100 each); item 2: 120 kr by the intervention's profile
        # [0,0,1,...,1] (10 months: 12 each).  March = 100 + 12 = 112; December = 0 + 12.
        doc = plan(shares=SHARES, frame={"total": 1000}, actuals={"through": "2005-03"},
                   interventions=[{"id": "x", "profile": [0, 0] + [1] * 10, "items": [
                       {"amounts": {"2005": 600}, "profile": ["1"] * 6 + ["0"] * 6},
                       {"amounts": {"2005": 120}}]}])
        r = ref.evaluate_obj(doc)
        months = r["follow_up"]["interventions"][0]["months"]
        self.assertEqual([months[f"2005-{m:02d}"]["budget"] for m in range(1, 13)],
                         ["100.00", "100.00", "112.00", "112.00", "112.00", "112.00",
                          "12.00", "12.00", "12.00", "12.00", "12.00", "12.00"])
        # budget to date through March: 100 + 100 + 112.
        self.assertEqual(r["follow_up"]["interventions"][0]["budget_to_date"], "312.00")

    def test_profile_errors(self):
        # All-zero weights for a non-zero amount: at the profile (here the top-level one);
        # a dated profile without a key ≤ Y: at that profile, no fallback to the top level.
        doc = plan(shares=SHARES, frame={"total": 1000}, profile=[0] * 12,
                   interventions=[{"id": "x", "amounts": {"2005": 10}},
                                  {"id": "y", "amounts": {"2005": 10},
                                   "profile": {"2006": "even"}},
                                  {"id": "z", "amounts": {"2005": 0}}])
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(doc)
        self.assertEqual([p for p, _ in cm.exception.problems],
                         ["/profile", "/interventions/1/profile"])


def warnings(result):
    return {(w["code"], w["path"]) for w in result["warnings"]}


def follow_up_plan():
    """Two years, T = April 2011: see FollowUp for the figures."""
    return {
        "format": "finsam/1", "years": [2011, 2012],
        "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"},
                    {"id": "avesta", "kind": "municipality"}],
        "shares": {"fk": "50", "region": "25", "avesta": "25"},
        "interventions": [
            {"id": "shp", "amounts": {"2011": 1200, "2012": 1200}, "profile": "even"},
            {"id": "kansli", "kind": "administration", "amounts": {"2011": 600, "2012": 600},
             "profile": [2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1]},
            {"id": "proj", "kind": "project", "amounts": {"2011": 300, "2012": 0},
             "financing": {"frame_part": "20", "key": {"region": 1, "avesta": 1}}}],
        "equity": {"opening": "-300", "guideline_percent": "10"},
        "actuals": {"through": "2011-04",
                    "costs": {"shp": {"2011-01": 90, "2011-02": 110, "2011-03": "130.50",
                                      "2011-04": 95, "2010": 1000},
                              "kansli": {"2010-12": "50", "2010-06": 25}},
                    "contributions": {"fk": {"2011-01": "262.5"}},
                    "forecast": {"shp": "run_rate", "proj": "350.25"}},
        "liquidity": {"opening": "100", "payments": {"fk": "monthly",
                                                      "avesta": {"months": [12, 6]}}},
    }


class FollowUp(unittest.TestCase):
    def setUp(self):
        self.r = ref.evaluate_obj(follow_up_plan())
        self.fu = self.r["follow_up"]

    def test_interventions(self):
        ivs = {row["id"]: row for row in self.fu["interventions"]}
        # shp: 100 a month, budget to date 400; actual 90 + 110 + 130.50 + 95 = 425.50;
        # run_rate 425.50 × 1200 / 400 = 1276.50 -> kr half_up 1277.
        shp = {k: v for k, v in ivs["shp"].items() if k not in ("months", "forecast_allocation")}
        self.assertEqual(shp, {"id": "shp", "forecast_rule": "run_rate", "budget": "1200.00",
                               "budget_to_date": "400.00", "actual_to_date": "425.50",
                               "deviation_to_date": "-25.50", "forecast": "1277.00",
                               "forecast_deviation": "-77.00"})
        # kansli: 600 × 2/12 = 100 in Jan-Apr: budget to date 400; nothing booked;
        # budget rule: 0 + (600 − 400) = 200.
        self.assertEqual((ivs["kansli"]["forecast_rule"], ivs["kansli"]["forecast"],
                          ivs["kansli"]["forecast_deviation"]), ("budget", "200.00", "400.00"))
        # proj: 25 a month, 100 to date; the explicit forecast 350.25.
        self.assertEqual((ivs["proj"]["forecast_rule"], ivs["proj"]["budget_to_date"],
                          ivs["proj"]["forecast"], ivs["proj"]["forecast_deviation"]),
                         ("explicit", "100.00", "350.25", "-50.25"))
        self.assertEqual(ivs["shp"]["months"]["2011-03"], {"budget": "100.00", "actual": "130.50"})
        self.assertEqual(ivs["shp"]["months"]["2011-05"], {"budget": "100.00", "actual": "0.00"})
        self.assertEqual(len(ivs["shp"]["months"]), 12)

    def test_forecast_allocation(self):
        ivs = {row["id"]: row for row in self.fu["interventions"]}
        # Final frame 2011: 2100 by 50/25/25 = 1050/525/525 (2:1:1).
        # shp 1277 (frame part 100): 638.5, 319.25, 319.25 -> 638/319/319 + 1 to fk.
        self.assertEqual(ivs["shp"]["forecast_allocation"],
                         {"fk": "639.00", "region": "319.00", "avesta": "319.00"})
        # proj 350.25 at 20 %: frame round(70.05) = 70 -> 35, 17.5, 17.5 -> 35/18/17 (tie to
        # region); case 280.25 by region 1 : avesta 1 -> 140/140 and the 0.25 to region.
        self.assertEqual(ivs["proj"]["forecast_allocation"],
                         {"fk": "35.00", "region": "158.25", "avesta": "157.00"})
        # members: fk 639 + 100 + 35; region 319 + 50 + 158.25; avesta 319 + 50 + 157.
        self.assertEqual(self.fu["members"], [
            {"id": "fk", "contribution": "1050.00", "received_to_date": "262.50",
             "forecast_cost_share": "774.00"},
            {"id": "region", "contribution": "525.00", "received_to_date": "0.00",
             "forecast_cost_share": "527.25"},
            {"id": "avesta", "contribution": "525.00", "received_to_date": "0.00",
             "forecast_cost_share": "526.00"}])

    def test_totals_history_warnings(self):
        # forecast 1277 + 200 + 350.25 = 1827.25; result 2100 + 0 − 1827.25 = 272.75;
        # equity −300 (planned results are 0) + 272.75 = −27.25, then + 0 in 2012.
        self.assertEqual(self.fu["totals"], {
            "budget": "2100.00", "budget_to_date": "900.00", "actual_to_date": "425.50",
            "deviation_to_date": "474.50", "forecast": "1827.25",
            "forecast_deviation": "272.75", "contributions": "2100.00",
            "income_forecast": "0.00", "forecast_result": "272.75",
            "forecast_equity_end": {"2011": "-27.25", "2012": "-27.25"}})
        self.assertEqual(self.fu["history"], {"2010": {
            "costs": {"shp": "1000.00", "kansli": "75.00", "proj": "0.00"},
            "total_costs": "1075.00"}})
        self.assertEqual(self.fu["income"], [])
        self.assertEqual(warnings(self.r), {
            ("forecast_above_budget", "/actuals/costs/shp"),       # 1277 > 1200
            ("forecast_above_budget", "/actuals/costs/proj"),      # 350.25 > 300
            ("forecast_equity_negative", "/equity"),               # −27.25
            ("equity_negative", "/equity"),                        # −300 both years
            ("cash_below_minimum", "/liquidity")})

    def test_liquidity(self):
        months = self.r["liquidity"]["months"]
        cash = {k: v["cash_end"] for k, v in months.items()}
        # Jan-Apr booked: in fk 262.50 in January; out 90, 110, 130.50, 95:
        # 100 + 262.50 − 90 = 272.50; − 110 = 162.50; − 130.50 = 32; − 95 = −63.
        self.assertEqual([cash[f"2011-{m:02d}"] for m in range(1, 5)],
                         ["272.50", "162.50", "32.00", "-63.00"])
        # May-Dec planned: fk 1050 monthly (88 Jan-Jun, 87 Jul-Dec), region 525 quarterly
        # (132, 131, 131, 131), avesta 525 in June and December (263, 262).
        # Out: shp 100 + D 51.50 (1277 − 425.50 − 800) over May-Dec: 7,7,7,6.50,6,6,6,6;
        # kansli 0 in May-Aug, 50 after (D = 0); proj 25 + D 150.25 (350.25 − 0 − 200):
        # 19 May-Oct, 18.25 Nov, 18 Dec.
        self.assertEqual(months["2011-05"], {"in": "88.00", "out": "151.00", "cash_end": "-126.00"})
        self.assertEqual(months["2011-08"], {"in": "87.00", "out": "150.50", "cash_end": "77.50"})
        self.assertEqual(months["2011-11"], {"in": "87.00", "out": "199.25", "cash_end": "-129.75"})
        self.assertEqual(months["2011-12"], {"in": "349.00", "out": "199.00", "cash_end": "20.25"})
        self.assertEqual(self.r["liquidity"]["quarters"]["2011-Q4"],
                         {"in": "654.00", "out": "598.25", "cash_end": "20.25"})
        # 2012 follows the plan: in = out = 1800 over the year.  In 75 (fk) a month, region
        # 113/113/112/112 in Jan/Apr/Jul/Oct, avesta 225 in Jun and Dec; out 200 in Jan-Apr
        # (shp 100 + kansli 100), 100 in May-Aug, 150 in Sep-Dec.  January: 20.25 + 188 − 200
        # = 8.25; February: 8.25 + 75 − 200 = −116.75; ... May: −253.75 + 75 − 100 = −278.75.
        self.assertEqual(cash["2012-02"], "-116.75")
        self.assertEqual(cash["2012-05"], "-278.75")
        self.assertEqual(cash["2012-12"], "20.25")
        self.assertEqual(len(months), 24)
        below = [w["message"] for w in self.r["warnings"] if w["code"] == "cash_below_minimum"]
        self.assertEqual(len(below), 2)
        self.assertIn("2011-04", below[0])
        self.assertIn("-129.75", below[0])

    def test_minimum_is_strict(self):
        doc = follow_up_plan()
        # The lowest balances: −129.75 (2011-11) and −278.75 (2012-05); strictly below only.
        doc["liquidity"]["minimum"] = "-278.75"
        r = ref.evaluate_obj(doc)
        self.assertEqual([w["message"] for w in r["warnings"] if w["code"] == "cash_below_minimum"],
                         [])
        doc["liquidity"]["minimum"] = "-278.74"
        r = ref.evaluate_obj(doc)
        self.assertEqual([w["message"] for w in r["warnings"] if w["code"] == "cash_below_minimum"],
                         ["cash falls below the minimum -278.74 in 2012-05; the lowest balance "
                          "of 2012 is -278.75"])


class ClosedYear(unittest.TestCase):
    def test_year_keys_and_closed_forecast(self):
        doc = {"format": "finsam/1", "years": [2011, 2011],
               "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}],
               "shares": {"fk": "50", "region": "50"},
               "interventions": [
                   {"id": "shp", "amounts": {"2011": 1200}},
                   {"id": "idle", "amounts": {"2010": 100}, "active": {"to": 2010},
                    "profile": [0] * 12}],
               "actuals": {"through": "2011-12",
                           "costs": {"shp": {"2011": "1150"}, "idle": {"2011": "30"}},
                           "contributions": {"fk": {"2011": "1000"}},
                           "forecast": {"shp": "2000", "idle": "run_rate"}},
               "liquidity": {"opening": 0, "payments": {"fk": "half_yearly"}}}
        r = ref.evaluate_obj(doc)
        ivs = {row["id"]: row for row in r["follow_up"]["interventions"]}
        # 14.6.7: T = 12, the forecast is the actual (1150), whatever the rule written.
        self.assertEqual((ivs["shp"]["forecast_rule"], ivs["shp"]["forecast"]),
                         ("explicit", "1150.00"))
        # The year key spread evenly: 1150 / 12 = 95 rem 10 -> Jan-Oct 96, Nov-Dec 95.
        self.assertEqual(ivs["shp"]["months"]["2011-10"]["actual"], "96.00")
        self.assertEqual(ivs["shp"]["months"]["2011-11"]["actual"], "95.00")
        # idle: inactive (budget 0, twelve zero budgets, no error for its zero profile);
        # run_rate with nothing budgeted is no error when T = 12; the 30 goes to December.
        self.assertEqual((ivs["idle"]["budget"], ivs["idle"]["forecast"]), ("0.00", "30.00"))
        self.assertEqual(ivs["idle"]["months"]["2011-12"]["actual"], "30.00")
        self.assertEqual(warnings(r), {("budget_exhausted", "/actuals/costs/idle"),
                                       ("forecast_above_budget", "/actuals/costs/idle"),
                                       ("cash_below_minimum", "/liquidity")})    # −180 < 0
        # Liquidity: every month booked; fk's 1000 received by its half-yearly schedule:
        # 500 in January and July; region paid nothing (contributions given).
        months = r["liquidity"]["months"]
        self.assertEqual(months["2011-01"], {"in": "500.00", "out": "96.00", "cash_end": "404.00"})
        self.assertEqual(months["2011-12"]["out"], "125.00")        # 95 + 30
        # 1000 in − 1180 out.
        self.assertEqual(months["2011-12"]["cash_end"], "-180.00")


class ActualsErrors(unittest.TestCase):
    def test_keys(self):
        doc = plan(years=[2010, 2011], shares=SHARES, frame={"total": 100},
                   interventions=[{"id": "x", "amounts": {"2010": 1, "2011": 1}}],
                   actuals={"through": "2011-06",
                            "costs": {"x": {"2011-07": 1, "2011": 2, "2012": 3, "2010": 4,
                                            "2010-05": 5, "2011-13": 6, "2009": 7},
                                      "nope": {}},
                            "forecast": {"x": "prognos"}})
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(doc)
        # after through; not closed; after F; not a month; both forms; unknown id; bad rule.
        self.assertEqual({p for p, _ in cm.exception.problems}, {
            "/actuals/costs/x/2011-07", "/actuals/costs/x/2011", "/actuals/costs/x/2012",
            "/actuals/costs/x/2011-13", "/actuals/costs/x/2010", "/actuals/costs/nope",
            "/actuals/forecast/x"})

    def test_follow_up_year_and_run_rate(self):
        doc = plan(shares=SHARES, frame={"total": 100},
                   interventions=[{"id": "x", "amounts": {"2005": 120},
                                   "profile": [0, 0, 0] + [1] * 9}],
                   actuals={"through": "2006-01"})
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(doc)
        self.assertEqual([p for p, _ in cm.exception.problems], ["/actuals/through"])
        # Nothing budgeted in Jan-Mar: run_rate cannot scale the actual.
        doc["actuals"] = {"through": "2005-03", "forecast": {"x": "run_rate"}}
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(doc)
        self.assertEqual([p for p, _ in cm.exception.problems], ["/actuals/forecast/x"])

    def test_payment_schedules(self):
        doc = plan(shares=SHARES, frame={"total": 100},
                   liquidity={"opening": 0, "payments": {
                       "fk": {"months": [3, 13, 3]}, "region": {"2006": "monthly"},
                       "avesta": {"months": []}, "hedemora": "weekly"}})
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(doc)
        # month 13 and the repeated 3 at their elements; an empty list; an unknown word.
        self.assertEqual([p for p, _ in cm.exception.problems], [
            "/liquidity/payments/fk/months/1", "/liquidity/payments/fk/months/2",
            "/liquidity/payments/avesta/months", "/liquidity/payments/hedemora"])
        # region's dated schedule has no key ≤ 2005: an error only where it must split money.
        doc["liquidity"]["payments"] = {"region": {"2006": "monthly"}}
        with self.assertRaises(ref.RefPlanError) as cm:
            ref.evaluate_obj(doc)
        self.assertEqual([p for p, _ in cm.exception.problems], ["/liquidity/payments/region"])


class Variants(unittest.TestCase):
    def test_merge_by_id(self):
        base = {"interventions": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
                "members": [{"id": "fk", "kind": "state"}]}
        patch = {"interventions": {"b": {"name": "B2"}, "c": {"amounts": {"2005": 1}},
                                   "a": None, "zz": None},
                 "members": [{"id": "region", "kind": "region"}]}
        self.assertEqual(ref.merge_variant(base, patch), {
            "interventions": [{"id": "b", "name": "B2"}, {"id": "c", "amounts": {"2005": 1}}],
            "members": [{"id": "region", "kind": "region"}]})        # an array replaces

    def test_variant_adds_an_intervention(self):
        doc = plan(shares=SHARES, frame={"total": 1000},
                   interventions=[{"id": "a", "amounts": {"2005": 100}}],
                   variants={"more": {"interventions": {"b": {"amounts": {"2005": 50}}}}})
        r = ref.evaluate_obj(doc, "more")
        self.assertEqual([(iv["id"], iv["amount"]["2005"]) for iv in r["interventions"]],
                         [("a", "100.00"), ("b", "50.00")])


class Thousands(unittest.TestCase):
    def test_three_decimals_in_tkr(self):
        # "7.064" tkr is 7 064 kr, possibly meant as 7 064 tkr; a JSON number is never warned.
        doc = plan(amount_unit="tkr", shares=SHARES, frame={"total": "7.064"},
                   interventions=[{"id": "a", "amounts": {"2005": 7.064}},
                                  {"id": "b", "amounts": {"2005": "7.06"}}])
        r = ref.evaluate_obj(doc)
        self.assertEqual(r["totals"]["2005"]["contributions"], "7064.00")
        self.assertEqual(warnings(r), {("possible_thousands_separator", "/frame/total")})
        doc["amount_unit"] = "mnkr"
        doc["frame"] = {"total": "0.500"}
        r = ref.evaluate_obj(doc)
        self.assertEqual(warnings(r), {("possible_thousands_separator", "/frame/total")})


if __name__ == "__main__":
    unittest.main()
