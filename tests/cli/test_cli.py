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
        self.assertIn("/checks/2005/costs: warning:", err)
        self.assertEqual([(w["code"], w["path"]) for w in r["warnings"]],
                         [("stated_total_mismatch", "/checks/2005/costs")])

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
        code, out, err = run("explain", example("socsam-haninge-2005.json"), "--year", "2005", "--member", "fk")
        self.assertEqual(code, 0, err)
        self.assertIn("Cost share of Försäkringskassan (fk) in 2005", out)
        # Nya Vyer: 20 % of 785 000 = 157 000 split by the final frame → fk half: 78 500
        self.assertIn("Nya Vyer (nya-vyer): amount 785000.00 kr; frame part 20 % = 157000.00 kr, case part 628000.00 kr", out)
        self.assertIn("cost share = Σ parts = 7907600.00 kr", out)

    def test_intervention_chain(self):
        code, out, err = run("explain", example("socsam-haninge-2005.json"), "--year", "2006", "--intervention", "fyren")
        self.assertEqual(code, 0, err)
        lines = out.splitlines()
        self.assertEqual(lines[0], "Amount of Fyren (fyren) in 2006")
        self.assertEqual(lines[1], "  2004: known amount 680000.00 kr")
        # 680 000 − 205 000 = 475 000; then × (1 + 2.25/100) = 485 687.5 → 485 688
        self.assertTrue(lines[2].startswith("  2005: 680000.00 kr × 1 × (1 + 0/100) + -205000.00 kr = 475000 kr"), lines[2])
        self.assertTrue(lines[3].startswith("  2006: 475000.00 kr × 1 × (1 + 2.25/100) + 0.00 kr = 485687.5 kr → rounded to kr (half_up): 485688.00 kr"), lines[3])

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

    def test_text(self):
        code, out, err = run("compare", example("sodra-dalarna-2011.json"))
        self.assertEqual(code, 0, err)
        self.assertIn('Variant "sater-joins" against the base plan', out)


class Allocate(unittest.TestCase):
    """`finsam allocate`, and validate/explain of a finsam-allocation/1 file (spec 18); the
    figures are worked out in examples/README.md, section 4."""

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

    def test_help_and_version(self):
        self.assertEqual(run("--help")[0], 0)
        code, out, err = run("--version")
        self.assertEqual(code, 0)
        self.assertTrue(out.startswith("finsam "))


if __name__ == "__main__":
    FINSAM, SRC = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
