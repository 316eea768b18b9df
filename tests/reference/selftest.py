#!/usr/bin/python3
"""Hand-checked cases for the reference evaluator: /usr/bin/python3 tests/reference/selftest.py

Not named test_*.py on purpose: it is a check of the reference itself, run by hand."""

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


if __name__ == "__main__":
    unittest.main()
