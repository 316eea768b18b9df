"""Tests of the `finsam` command line (spec sections 10, 11; issue 3).

Run by ctest as: /usr/bin/python3 test_cli.py FINSAM_BINARY SOURCE_DIR
Only the standard library is used, so the same script runs against the sanitizer build.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

FINSAM = None
SRC = None


def run(*args, stdin=None):
    p = subprocess.run([FINSAM, *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def example(name):
    return os.path.join(SRC, "examples", name)


class Plan(unittest.TestCase):
    def test_haninge_json(self):
        code, out, err = run("plan", example("socsam-haninge-2005.json"))
        self.assertEqual(code, 0, err)
        r = json.loads(out)
        self.assertEqual(r["format"], "finsam-result/1")
        self.assertEqual(r["years"], [2005, 2006, 2007])
        # 24 981 tkr of insatser + 2 659 tkr administration = 27 640 000.00 kr
        self.assertEqual(r["totals"]["2005"]["costs"], "27640000.00")
        # warning on stderr and in the result, exit status still 0
        self.assertIn("/checks/2005/costs/insats: warning:", err)
        self.assertEqual([(w["code"], w["path"]) for w in r["warnings"]],
                         [("stated_total_mismatch", "/checks/2005/costs/insats")])

    def test_format_json_is_the_default(self):
        a = run("plan", example("sodra-dalarna-2011.json"))
        b = run("plan", example("sodra-dalarna-2011.json"), "--format", "json")
        self.assertEqual(a, b)

    def test_variant(self):
        code, out, err = run("plan", example("sodra-dalarna-2011.json"), "--variant", "state-plus-50")
        self.assertEqual(code, 0, err)
        # {"state": 2 730 000} with the state's share 50 % → total 5 460 000
        self.assertEqual(json.loads(out)["totals"]["2011"]["contributions"], "5460000.00")

    def test_unknown_variant(self):
        code, out, err = run("plan", example("sodra-dalarna-2011.json"), "--variant", "nope")
        self.assertEqual(code, 2)
        self.assertEqual(out, example("sodra-dalarna-2011.json") +
                         ':/variants: no variant "nope"; the variants are \"state-plus-50\", \"sater-joins\"\n')


class Validate(unittest.TestCase):
    def write(self, text, binary=False):
        f = tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False)
        f.write(text if binary else text.encode("utf-8"))
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_valid_plan_prints_nothing(self):
        code, out, err = run("validate", example("sodra-dalarna-2011.json"))
        self.assertEqual((code, out), (0, ""))

    def test_every_problem_one_a_line(self):
        path = self.write('{"format": "finsam/1", "years": [2005, 2005], "members": [{"id": "a", "kind": "state", "x": 1}],'
                          ' "shares": {"a": "90"}}')
        code, out, err = run("validate", path)
        self.assertEqual(code, 2)
        self.assertEqual(out.splitlines(), [
            path + ':/members/0/x: unknown key "x"; expected "id", "name", "kind", "population", "from" or "to"',
            path + ":/shares: shares sum to 90, not 100; adjust them so they sum to exactly 100",
        ])

    def test_errors_as_json(self):
        path = self.write('{"format": "finsam/1"}')
        code, out, err = run("plan", path, "--format", "json")
        self.assertEqual(code, 2)
        self.assertEqual(json.loads(out), {"errors": [
            {"path": "/years", "message": 'missing; write "years": [FIRST, LAST], such as [2005, 2007]'},
            {"path": "/members", "message": "missing; write a non-empty array of members"}]})

    def test_nothing_crashes(self):
        cases = {
            "truncated": b'{"format": "finsam/1", "years": [20',
            "empty": b"",
            "wrong types": b'{"format": 1, "years": "x", "members": {}, "shares": [], "frame": 5, "interventions": {}}',
            "huge numbers": b'{"format": "finsam/1", "years": [2005, 2005], "members": [{"id": "a", "kind": "other"}],'
                            b' "shares": {"a": 1e400}, "frame": {"total": 99999999999999999999999999999999999}}',
            "deep nesting": b"[" * 200000 + b"]" * 200000,
            "invalid utf-8": b'{"format": "finsam/1", "name": "\xc3\x28", "years": [2005, 2005]}',
            "lone surrogate": b'{"format": "finsam/1", "name": "\\udc00"}',
            "binary": bytes(range(256)),
            "nan": b'{"format": "finsam/1", "years": [NaN, 2005]}',
        }
        for name, data in cases.items():
            with self.subTest(name):
                path = self.write(data, binary=True)
                for cmd in ("validate", "plan"):
                    code, out, err = run(cmd, path)
                    self.assertEqual(code, 2, (name, cmd, out, err))
                    self.assertTrue(out.startswith(path + ":"), (name, out))

    def test_overflowing_chain(self):
        # 9·10^16 kr doubled each year passes 2^63 − 1 öre ≈ 9.22·10^16 kr in 2006.
        path = self.write('{"format": "finsam/1", "years": [2005, 2006], "members": [{"id": "a", "kind": "other"}],'
                          ' "shares": {"a": 100}, "frame": {"total": 0},'
                          ' "interventions": [{"id": "x", "amounts": {"2005": "90000000000000000"}, "change": {"uprate": 100}}]}')
        code, out, err = run("plan", path)
        self.assertEqual(code, 2)
        self.assertIn(':/interventions/0/change: the amount of "x" in 2006 would be beyond ±(2^63 − 1) öre', out)

    def test_missing_file(self):
        code, out, err = run("validate", "/nonexistent/plan.json")
        self.assertEqual(code, 2)
        self.assertEqual(out, "/nonexistent/plan.json:: cannot read the file\n")


class Explain(unittest.TestCase):
    def test_member_cost_share(self):
        code, out, err = run("explain", example("socsam-haninge-2005.json"), "--year", "2005", "--member", "fk", "--lang", "en")
        self.assertEqual(code, 0, err)
        self.assertIn("Cost share of Försäkringskassan (fk) in 2005", out)
        # Nya Vyer: 20 % of 785 000 = 157 000 split by the final frame → fk half: 78 500
        self.assertIn("Nya Vyer (nya-vyer): amount 785000.00 kr; frame part 20 % = 157000.00 kr, case part 628000.00 kr", out)
        self.assertIn("cost share = Σ parts = 7907600.00 kr", out)

    def test_intervention_chain(self):
        code, out, err = run("explain", example("socsam-haninge-2005.json"), "--year", "2006", "--intervention", "fyren",
                             "--lang", "en")
        self.assertEqual(code, 0, err)
        lines = out.splitlines()
        self.assertEqual(lines[0], "Amount of Fyren (fyren) in 2006")
        self.assertEqual(lines[1], "  2004: known amount 680000.00 kr")
        # 680 000 − 205 000 = 475 000; then × (1 + 2.25/100) = 485 687.5 → 485 688
        self.assertTrue(lines[2].startswith("  2005: 680000.00 kr × 1 × (1 + 0/100) + -205000.00 kr = 475000 kr"), lines[2])
        self.assertTrue(lines[3].startswith("  2006: 475000.00 kr × 1 × (1 + 2.25/100) + 0.00 kr = 485687.5 kr → rounded to kr (half_up): 485688.00 kr"), lines[3])

    def test_swedish_by_default(self):
        # the same derivation as test_intervention_chain, in Swedish with Swedish numbers
        code, out, err = run("explain", example("socsam-haninge-2005.json"), "--year", "2006", "--intervention", "fyren")
        self.assertEqual(code, 0, err)
        lines = out.splitlines()
        self.assertEqual(lines[0], "Belopp för Fyren (fyren) 2006")
        self.assertEqual(lines[1], "  2004: känt belopp 680 000,00 kr")
        self.assertTrue(lines[3].startswith("  2006: 475 000,00 kr × 1 × (1 + 2,25/100) + 0,00 kr = 485 687,5 kr → "
                                            "avrundat till kr (half_up): 485 688,00 kr   [uppräkning: ägare (region 1,5 % ×1, "
                                            "haninge 3 % ×1); regel /interventions/4/change/2006]"), lines[3])
        code, out, err = run("explain", example("socsam-haninge-2005.json"), "--year", "2005", "--member", "fk")
        self.assertIn("Kostnadsandel för Försäkringskassan (fk) 2005", out)
        # 20 % of 785 000 = 157 000 split by the final frame: fk's half 78 500
        self.assertIn("Nya Vyer (nya-vyer): belopp 785 000,00 kr; ramdel 20 % = 157 000,00 kr, särskild del 628 000,00 kr", out)
        self.assertIn("kostnadsandel = Σ delar = 7 907 600,00 kr", out)
        code, out, err = run("explain", example("socsam-haninge-2005.json"), "--year", "2005", "--lang", "fi")
        self.assertEqual(code, 2)
        self.assertIn("--lang must be sv or en", err)

    def test_unknown_ids_get_did_you_mean(self):
        dalarna = example("sodra-dalarna-2011.json")
        code, out, err = run("explain", dalarna, "--year", "2011", "--member", "Avesta")
        self.assertEqual(code, 2)
        self.assertEqual(err, 'finsam explain: no member "Avesta"; did you mean "avesta"?\n')
        code, out, err = run("explain", dalarna, "--year", "2011", "--intervention", "sammanhangsplaster")
        self.assertEqual(err, 'finsam explain: no intervention "sammanhangsplaster"; did you mean "sammanhangsplatser"?\n')
        code, out, err = run("explain", dalarna, "--year", "2011", "--member", "grums")
        self.assertEqual(err, 'finsam explain: no member "grums"; members are "fk", "region", "avesta" or "hedemora"\n')
        code, out, err = run("plan", dalarna, "--variant", "State-plus-50")
        self.assertEqual(code, 2)
        self.assertEqual(out, f'{dalarna}:/variants: no variant "State-plus-50"; did you mean "state-plus-50"? '
                              'The variants are "state-plus-50", "sater-joins"\n')
        code, out, err = run("compare", dalarna, "--variant", "sater_joins")
        self.assertEqual(code, 2)
        self.assertIn('did you mean "sater-joins"?', out)

    def test_explain_json(self):
        code, out, err = run("explain", example("socsam-haninge-2005.json"), "--year", "2005", "--member", "region", "--format", "json")
        self.assertEqual(code, 0, err)
        d = json.loads(out)
        self.assertEqual(d["cost_share"], "10368000.00")
        self.assertEqual(sum(int(i["part"].replace(".", "")) for i in d["interventions"]), 1036800000)

    def test_bad_year(self):
        code, out, err = run("explain", example("socsam-haninge-2005.json"), "--year", "1999")
        self.assertEqual(code, 2)
        self.assertIn("outside the plan's years 2005–2007", err)


class Compare(unittest.TestCase):
    def test_variants_differences(self):
        code, out, err = run("compare", example("sodra-dalarna-2011.json"), "--format", "json")
        self.assertEqual(code, 0, err)
        d = json.loads(out)
        self.assertEqual([v["name"] for v in d["variants"]], ["state-plus-50", "sater-joins"])
        fk = d["variants"][0]["members"][0]
        # base 1 820 000 → variant 2 730 000: +910 000
        self.assertEqual(fk["years"]["2011"]["final_contribution"],
                         {"base": "1820000.00", "variant": "2730000.00", "difference": "910000.00"})
        sater = d["variants"][1]["members"][4]
        self.assertEqual(sater["id"], "sater")
        self.assertEqual(sater["years"]["2011"]["final_contribution"]["difference"], "104088.00")

    def test_json_totals_and_names(self):
        code, out, err = run("compare", example("sodra-dalarna-2011.json"), "--format", "json", "--variant", "state-plus-50")
        self.assertEqual(code, 0, err)
        d = json.loads(out)
        (v,) = d["variants"]
        self.assertEqual(v["members"][2]["name"], "Avesta kommun")
        # 2011: the state pays 2 730 000 = 50 %, so the frame is 5 460 000 (base 3 640 000);
        # costs 3 470 000 + the stödteam's 1 500 000 = 4 970 000; result 490 000 against 170 000
        t = v["totals"]["2011"]
        self.assertEqual(t["contributions"], {"base": "3640000.00", "variant": "5460000.00", "difference": "1820000.00"})
        self.assertEqual(t["costs"], {"base": "3470000.00", "variant": "4970000.00", "difference": "1500000.00"})
        self.assertEqual(t["result"], {"base": "170000.00", "variant": "490000.00", "difference": "320000.00"})
        self.assertEqual(t["equity_end"], {"base": "170000.00", "variant": "490000.00", "difference": "320000.00"})

    def test_other_income(self):
        # tests/report/plans/income-scenario.json: ESF-rådet pays 30 600 kr (2020) and 30 400 kr
        # (2021); the scenario drops 2021's. 2021: result 400 000 + 30 400 − 380 000 = 50 400
        # against 400 000 + 0 − 380 000 = 20 000; equity 50 600 + 50 400 = 101 000 against 70 600
        plan = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report", "plans", "income-scenario.json")
        code, out, err = run("compare", plan, "--format", "json")
        self.assertEqual(code, 0, err)
        t = json.loads(out)["variants"][0]["totals"]["2021"]
        self.assertEqual(list(t), ["costs", "contributions", "income", "result", "equity_end"])
        self.assertEqual(t["income"], {"base": "30400.00", "variant": "0.00", "difference": "-30400.00"})
        self.assertEqual(t["result"], {"base": "50400.00", "variant": "20000.00", "difference": "-30400.00"})
        self.assertEqual(t["equity_end"], {"base": "101000.00", "variant": "70600.00", "difference": "-30400.00"})
        # a plan without income has no income figure
        code, out, err = run("compare", example("sodra-dalarna-2011.json"), "--format", "json")
        self.assertNotIn("income", json.loads(out)["variants"][0]["totals"]["2011"])
        # the tables: tkr, 30,4 → 30; result 50,4 → 50 = 400 + 30 − 380; the scenario 20
        code, out, err = run("compare", plan)
        self.assertEqual(code, 0, err)
        self.assertIn("| Övriga intäkter | 30 | 0 | −30 |\n| **Årets resultat** | **50** | **20** | **−30** |", out)
        code, out, err = run("compare", plan, "--lang", "en", "--format", "html")
        self.assertEqual(code, 0, err)
        self.assertIn("<td>Other income</td>", out)

    def test_tables_swedish_by_default(self):
        code, out, err = run("compare", example("sodra-dalarna-2011.json"))
        self.assertEqual(code, 0, err)
        self.assertTrue(out.startswith("**Södra Dalarnas samordningsförbund**: scenarier jämförda med grundplanen 2011–2013, "
                                       "belopp i tkr.\n"), out[:200])
        # a table per variant and year: 2 variants × 3 years
        self.assertEqual(out.count("\n### Tabell "), 6)
        self.assertIn("### Tabell 4. Scenario: sater-joins jämfört med grundplanen, budget 2011 (tkr)", out)
        # names, not ids; Säter joins in July 2011: 104 088 kr ≈ 104 tkr of the frame
        self.assertIn("| Säters kommun | 0 | 104 | 104 |", out)
        self.assertIn("| **Årets resultat** | **170** | **490** | **320** |", out)
        code, out, err = run("compare", example("sodra-dalarna-2011.json"), "--lang", "en", "--unit", "kr", "--variant", "sater-joins")
        self.assertEqual(code, 0, err)
        self.assertIn("| Item | Base plan | Scenario | Difference |", out)
        self.assertIn("| Säters kommun | 0 | 104,088 | 104,088 |", out)

    def test_every_table_format(self):
        with tempfile.TemporaryDirectory() as d:
            for fmt, target in (("html", "c.html"), ("xlsx", "c.xlsx"), ("csv", "csv")):
                code, out, err = run("compare", example("sodra-dalarna-2011.json"), "--format", fmt, "-o", os.path.join(d, target))
                self.assertEqual(code, 0, err)
            with open(os.path.join(d, "c.html"), encoding="utf-8") as f:
                page = f.read()
            self.assertIn("<title>Södra Dalarnas samordningsförbund &ndash; scenarier jämförda med grundplanen 2011&ndash;2013</title>", page)
            self.assertEqual(sorted(os.listdir(os.path.join(d, "csv")))[:2],
                             ["1-compare-state-plus-50-2011.csv", "2-compare-state-plus-50-2012.csv"])
            self.assertTrue(os.path.getsize(os.path.join(d, "c.xlsx")) > 1000)


class Allocate(unittest.TestCase):
    """`finsam allocate`, and validate/explain of a finsam-allocation/1 file (spec 18); the
    figures are worked out in examples/README.md, section 5."""

    FILE = property(lambda self: example("statens-fordelning-2016.json"))

    def test_result_json(self):
        code, out, err = run("allocate", self.FILE)
        self.assertEqual((code, err), (0, ""))
        r = json.loads(out)
        self.assertEqual((r["format"], r["year"], r["total"]), ("finsam-allocation-result/1", 2016, "48000000.00"))
        self.assertEqual(list(r), ["format", "year", "total", "forbund"])
        by_id = {f["id"]: f for f in r["forbund"]}
        # ostersund-krokom: capped in round 2 at 4 280 000 × 0.9 = 3 852 000, −428 000 = −10 %
        self.assertEqual(by_id["ostersund-krokom"],
                         {"id": "ostersund-krokom", "name": "Samordningsförbundet Östersund–Krokom", "allocation": "3852000.00",
                          "previous": "4280000.00", "change": "-428000.00", "change_percent": "-10", "capped": True,
                          "implied_frame": "7704000.00"})
        # the allocations sum to the total to the krona
        self.assertEqual(sum(int(f["allocation"][:-3]) for f in r["forbund"]), 48000000)
        self.assertEqual(run("allocate", self.FILE, "--format", "json")[1], out)

    def test_validate_and_explain(self):
        self.assertEqual(run("validate", self.FILE), (0, "", ""))
        code, out, err = run("explain", self.FILE, "--forbund", "gavle")
        self.assertEqual(code, 0, err)
        self.assertTrue(out.startswith("Samordningsförbundet Gävle (gavle): statens fördelning 2016\n"), out)
        # 400 000 + 34 428 000 × 0.1205 / 0.8 = 5 585 717.50; the tie of halves went to two listed before it
        self.assertIn("exakt 5 585 717,50 kr → 5 585 717 kr = 5 585 717 kr", out)
        code, out, _ = run("explain", self.FILE, "--forbund", "gavle", "--lang", "en", "--format", "json")
        self.assertEqual(code, 0)
        data = json.loads(out)
        self.assertEqual((data["exact"], data["allocation"], len(data["rounds"])), ("5585717.50", "5585717.00", 3))
        code, out, err = run("explain", self.FILE, "--forbund", "nope")
        self.assertEqual((code, out), (2, ""))
        self.assertIn('finsam explain: no förbund "nope"', err)

    def test_tables(self):
        code, out, err = run("allocate", self.FILE, "--format", "md", "--unit", "mnkr", "--lang", "en")
        self.assertEqual(code, 0, err)
        self.assertIn("### Table 1. The state's distribution 2016 (mnkr)", out)
        self.assertIn("| **Total** | **75.0%** | **25.0%** | **100.0%** | **45.5** | **48.0** |", out)

    def test_errors(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "a.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump({"format": "finsam-allocation/1", "year": 2016, "total": "1000000", "base": "600000",
                           "forbund": [{"id": "a", "support": "1", "population": 1},
                                       {"id": "b", "support": "1", "population": 1, "previus": "1"}]}, f)
            code, out, err = run("allocate", path)
            self.assertEqual((code, err), (2, ""))
            self.assertEqual(out, path + ':/forbund/1/previus: unknown key "previus"; did you mean "previous"?\n')
            code, out, _ = run("allocate", path, "--format", "json")
            self.assertEqual(json.loads(out)["errors"][0]["path"], "/forbund/1/previus")
            # the computation's errors: 2 × 600 000 > 1 000 000
            with open(path, "w", encoding="utf-8") as f:
                json.dump({"format": "finsam-allocation/1", "year": 2016, "total": "1000000", "base": "600000",
                           "forbund": [{"id": "a", "support": "1", "population": 1}, {"id": "b", "support": "1", "population": 1}]}, f)
            code, out, _ = run("validate", path)
            self.assertEqual(code, 2)
            self.assertTrue(out.startswith(path + ":/base: the base of 600000.00 kr for each of the 2 förbund is 1200000.00 kr"))

    def test_usage(self):
        for args in (["allocate"], ["allocate", self.FILE, "--variant", "x"], ["allocate", self.FILE, "--unit", "tkr"],
                     ["allocate", self.FILE, "--format", "xlsx"], ["allocate", self.FILE, "--format", "pdf"],
                     ["explain", self.FILE, "--forbund", "gavle", "--year", "2016"]):
            with self.subTest(args):
                code, out, err = run(*args)
                self.assertEqual((code, out), (2, ""))
                self.assertIn("usage:", err)

    def test_the_other_format(self):
        # a file that declares the other format is a usage error that names the command to use
        plan = example("sodra-dalarna-2011.json")
        for args, said in ((["allocate", plan], "is a finsam/1 plan: use 'finsam plan'"),
                           (["explain", plan, "--forbund", "avesta"], "is a finsam/1 plan: explain its figures with --year Y"),
                           (["plan", self.FILE], "is a finsam-allocation/1 model: use 'finsam allocate'"),
                           (["compare", self.FILE], "is a finsam-allocation/1 model: use 'finsam allocate'"),
                           (["explain", self.FILE, "--year", "2016"], "is a finsam-allocation/1 model: explain one förbund with --forbund ID")):
            with self.subTest(args):
                code, out, err = run(*args)
                self.assertEqual((code, out), (2, ""))
                self.assertIn(said, err)


class Usage(unittest.TestCase):
    def test_usage_errors_exit_2(self):
        for args in ([], ["frobnicate", "x"], ["plan"], ["plan", "x", "--bogus"], ["explain", example("socsam-haninge-2005.json")]):
            with self.subTest(args):
                code, out, err = run(*args)
                self.assertEqual(code, 2)
                self.assertIn("usage:", err)

    def test_misspelt_options_and_values_get_did_you_mean(self):
        dalarna = example("sodra-dalarna-2011.json")
        for args, said in [
                (["plan", dalarna, "--varaint", "x"], 'unknown option --varaint; did you mean "--variant"?'),
                (["plan", dalarna, "--fromat=md"], 'unknown option --fromat; did you mean "--format"?'),
                (["explain", dalarna, "--year", "2011", "--Member", "avesta"], 'unknown option --Member; did you mean "--member"?'),
                (["--verison"], 'unknown option --verison; did you mean "--version"?'),
                (["plna", dalarna], "unknown command 'plna'; did you mean \"plan\"?"),
                (["plan", dalarna, "--format", "mdd"],
                 "unknown format 'mdd' (plan writes json, md, html, csv or xlsx); did you mean \"md\"?"),
                (["plan", dalarna, "--format", "md", "--unit", "tkt"], '--unit must be kr, tkr or mnkr; did you mean "tkr"?'),
                (["compare", dalarna, "--lang", "SV"], '--lang must be sv or en; did you mean "sv"?'),
                (["plan", dalarna, "--bogus"], "unknown option --bogus\n")]:
            with self.subTest(args):
                code, out, err = run(*args)
                self.assertEqual(code, 2)
                self.assertTrue(err.startswith("finsam: " + said), err)
                self.assertIn("usage:", err)

    def test_help_and_version(self):
        self.assertEqual(run("--help")[0], 0)
        self.assertEqual(run("-h"), run("--help"))
        code, out, err = run("--version")
        self.assertEqual(code, 0)
        self.assertTrue(out.startswith("finsam "))


if __name__ == "__main__":
    FINSAM, SRC = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
