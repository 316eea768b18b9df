"""Tests of `finsam actuals PLAN --sie BOOKS.se [--through YYYY-MM] [-o FILE]` and of
`finsam plan|explain|compare PLAN --sie BOOKS.se` (spec section 15), and of the example books
examples/books/sodra-dalarna-2011.se against the follow-up example plan.

Run by ctest as: /usr/bin/python3 test_actuals.py FINSAM_BINARY SOURCE_DIR
Only the standard library is used, so the same script runs against the sanitizer build. The
books are tests/sie/*.se (written the way exporters write them, see its README) and their plan
tests/sie/plan.json; every figure below is worked out by hand from those files.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

FINSAM = None
SRC = None


def run(*args):
    p = subprocess.run([FINSAM, *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def sie(name):
    return os.path.join(SRC, "tests", "sie", name)


PLAN = None


class Actuals(unittest.TestCase):
    def test_visma_cp437_crlf(self):
        code, out, err = run("actuals", PLAN, "--sie", sie("visma_cp437_crlf.se"))
        self.assertEqual(code, 0, err)
        # through #OMFATTN 20110831. shp: 85 000 (7010 with 6 "101": the first rule, before
        # KANS). kansli: 12 000 in June 2010 (history), 12 500 in January, and in March 6420
        # 30 000 + the #RTRANS 5 000 once (its #TRANS copy is not counted, the #BTRANS 3 000
        # counts nothing) = 35 000. fk: 455 000 credit on 3010. September is left out.
        self.assertEqual(json.loads(out), {
            "through": "2011-08",
            "costs": {"shp": {"2011-01": "85000.00"},
                      "kansli": {"2010-06": "12000.00", "2011-01": "12500.00", "2011-03": "35000.00"}},
            "contributions": {"fk": {"2011-02": "455000.00"}}})
        self.assertEqual(err.splitlines(), [
            sie("visma_cp437_crlf.se") + ":43: warning: 1 row on cost account 6570 {} that no accounting rule takes: "
            "1.85 kr as booked (debit positive); add a rule to /accounting/costs where it belongs to the plan [unmapped_costs]",
            sie("visma_cp437_crlf.se") + ":62: warning: 2 rows dated after 2011-08 (the month read through) are left out, "
            "the last of 2011-09; they count in a later follow-up [rows_after_through]"])

    def test_examples_of_the_docs(self):
        # the warning lines docs/errors-and-warnings.md quotes are printed as they stand
        with open(os.path.join(SRC, "docs", "errors-and-warnings.md"), encoding="utf-8") as f:
            quoted = [line.rstrip("\n") for line in f if line.startswith("tests/sie/")]
        self.assertTrue(quoted)
        for books in sorted({line.split(":", 1)[0] for line in quoted}):
            p = subprocess.run([FINSAM, "actuals", "tests/sie/plan.json", "--sie", books], cwd=SRC, capture_output=True,
                               timeout=120)
            printed = p.stderr.decode("utf-8").splitlines()
            for line in quoted:
                if line.startswith(books + ":"):
                    self.assertIn(line, printed)

    def test_through_reads_on(self):
        code, out, err = run("actuals", PLAN, "--sie", sie("visma_cp437_crlf.se"), "--through", "2011-09")
        self.assertEqual(code, 0, err)
        # voucher A 6 of 5 September: 12 500 to kansli (5010 with 1 "KANS")
        self.assertEqual(json.loads(out)["costs"]["kansli"]["2011-09"], "12500.00")
        self.assertNotIn("rows_after_through", err)

    def test_utf8_that_says_pc8(self):
        code, out, err = run("actuals", PLAN, "--sie", sie("fortnox_utf8_pc8.se"))
        self.assertEqual((code, err), (0, ""))
        # a credit on a cost account is a negative cost: −250.50 (a refund in April)
        self.assertEqual(json.loads(out), {
            "through": "2011-12",
            "costs": {"kansli": {"2011-04": "-250.50"}},
            "contributions": {"region": {"2011-05": "227500.00"}, "avesta": {"2011-06": "136500.00"}}})

    def test_period_balances_only(self):
        code, out, err = run("actuals", PLAN, "--sie", sie("psaldo_type3.se"))
        self.assertEqual(code, 0, err)
        # 7010 {6 "101"} → shp; 5010 {1 "KANS"} → kansli; 6420 {} → kansli (a rule without an
        # object takes the total); 3010 {} → fk. The totals of 5010 and 7010 are fully taken by
        # their objects (12 500 − 12 500 = 0, 85 000 − 85 000 = 0): no warning; 6570 is not.
        self.assertEqual(json.loads(out), {
            "through": "2011-06",
            "costs": {"shp": {"2011-01": "85000.00"}, "kansli": {"2011-01": "12500.00", "2011-03": "30000.00"}},
            "contributions": {"fk": {"2011-02": "455000.00"}}})
        self.assertEqual([line.rsplit("[", 1)[1] for line in err.splitlines()], ["unmapped_costs]", "rows_after_through]"])
        self.assertIn(":13: warning: 1 period balance on cost account 6570 {}", err)

    def test_output_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "actuals.json")
            code, out, err = run("actuals", PLAN, "--sie", sie("fortnox_utf8_pc8.se"), "-o", path)
            self.assertEqual((code, out), (0, ""))
            with open(path, encoding="utf-8") as f:
                self.assertEqual(json.load(f)["through"], "2011-12")

    def test_problems_of_the_books(self):
        bad = os.path.join(SRC, "tests", "bad_sie", "every_problem_listed.se")
        code, out, err = run("actuals", PLAN, "--sie", bad)
        self.assertEqual(code, 2)
        self.assertEqual([line.split(": ", 1)[0] for line in out.splitlines()],
                         [bad + ":8", bad + ":11", bad + ":16", bad + ":19"])
        self.assertEqual(err, "")

    def test_problems_of_the_plan(self):
        with tempfile.TemporaryDirectory() as d:
            plan = os.path.join(d, "plan.json")
            with open(PLAN, encoding="utf-8") as f:
                p = json.load(f)
            p["accounting"]["costs"][0]["to"] = "shpp"
            with open(plan, "w", encoding="utf-8") as f:
                json.dump(p, f)
            code, out, err = run("actuals", plan, "--sie", sie("fortnox_utf8_pc8.se"))
            self.assertEqual(code, 2)
            self.assertEqual(out, plan + ':/accounting/costs/0/to: unknown intervention "shpp"; did you mean "shp"?\n')
            del p["accounting"]
            with open(plan, "w", encoding="utf-8") as f:
                json.dump(p, f)
            code, out, err = run("actuals", plan, "--sie", sie("fortnox_utf8_pc8.se"))
            self.assertEqual(code, 2)
            self.assertTrue(out.startswith(plan + ":/accounting: missing; write an accounting block"), out)

    def test_no_month_to_read_through(self):
        with tempfile.TemporaryDirectory() as d:
            books = os.path.join(d, "books.se")
            with open(books, "wb") as f:
                f.write(b"#VER A 1 20110115\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -1\n}\n")
            code, out, err = run("actuals", PLAN, "--sie", books)
            self.assertEqual(code, 2)
            self.assertEqual(out, books + ": the file has no #OMFATTN to say which month its books are closed through; "
                                          "give the month (--through YYYY-MM, or through= in Python)\n")
            code, out, err = run("actuals", PLAN, "--sie", books, "--through", "2012-01")
            self.assertEqual(code, 2)
            self.assertIn("through 2012-01 is outside the plan's year 2011", err)

    def test_missing_books(self):
        code, out, err = run("actuals", PLAN, "--sie", "/nonexistent/books.se")
        self.assertEqual(code, 2)
        self.assertEqual(out, "/nonexistent/books.se: cannot open the file: No such file or directory\n")

    def test_usage(self):
        for args in (["actuals", PLAN], ["actuals", PLAN, "--sie", sie("psaldo_type3.se"), "--through", "2011-13"],
                     ["actuals", PLAN, "--sie", sie("psaldo_type3.se"), "--through", "201106"],
                     ["actuals", PLAN, "--sie", sie("psaldo_type3.se"), "--variant", "x"], ["actuals"]):
            with self.subTest(args):
                code, out, err = run(*args)
                self.assertEqual(code, 2)
                self.assertIn("usage:", err)
        self.assertIn("--through must be a month written YYYY-MM", run("actuals", PLAN, "--sie", "x", "--through", "2011-13")[2])


def write_plan(d, doc, name="plan.json"):
    path = os.path.join(d, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return path


class PlanWithBooks(unittest.TestCase):
    """`finsam plan PLAN --sie BOOKS.se`: the books' actuals in place of the plan's own."""

    def setUp(self):
        with open(PLAN, encoding="utf-8") as f:
            self.doc = json.load(f)
        # the plan's own actuals: other figures, an earlier month, a forecast rule
        self.doc["actuals"] = {"through": "2011-02", "costs": {"shp": {"2011-01": "1"}, "kansli": {"2011-02": "2"}},
                               "contributions": {"fk": {"2011-01": "3"}}, "forecast": {"shp": "run_rate"}}

    def test_the_books_replace_the_plans_actuals(self):
        with tempfile.TemporaryDirectory() as d:
            plan = write_plan(d, self.doc)
            code, out, err = run("plan", plan, "--sie", sie("visma_cp437_crlf.se"))
        self.assertEqual(code, 0, err)
        f = json.loads(out)["follow_up"]
        # through #OMFATTN 2011-08. Even profiles: shp 1 380 000 / 12 = 115 000 a month, 8 months
        # = 920 000 to date; kansli 900 000 / 12 = 75 000, to date 600 000.
        # shp: booked 85 000; the plan's run_rate rule is kept: 85 000 × 1 380 000 / 920 000 = 127 500.
        # kansli: booked 12 500 + 35 000 = 47 500; rule "budget": 47 500 + (900 000 − 600 000) = 347 500.
        self.assertEqual((f["year"], f["through"]), (2011, "2011-08"))
        got = {i["id"]: (i["forecast_rule"], i["budget_to_date"], i["actual_to_date"], i["forecast"]) for i in f["interventions"]}
        self.assertEqual(got, {"shp": ("run_rate", "920000.00", "85000.00", "127500.00"),
                               "kansli": ("budget", "600000.00", "47500.00", "347500.00")})
        # the books' 2010 row (kansli 12 000 in June 2010) is history
        self.assertEqual(f["history"], {"2010": {"costs": {"shp": "0.00", "kansli": "12000.00"}, "total_costs": "12000.00"}})
        # fk paid 455 000 in February (credit on 3010); the plan's own 3 is gone
        self.assertEqual({m["id"]: m.get("received_to_date") for m in f["members"]},
                         {"fk": "455000.00", "region": "0.00", "avesta": "0.00"})
        # the books' warnings come first, then the result's
        lines = err.splitlines()
        self.assertTrue(lines[0].startswith(sie("visma_cp437_crlf.se") + ":43: warning: "), err)
        self.assertTrue(lines[1].endswith("[rows_after_through]"), err)

    def test_as_the_actuals_command_put_into_the_plan(self):
        # `plan --sie` is `actuals` pasted into the plan (forecast rules kept): same output, every format
        with tempfile.TemporaryDirectory() as d:
            plan = write_plan(d, self.doc)
            code, out, err = run("actuals", plan, "--sie", sie("visma_cp437_crlf.se"))
            self.assertEqual(code, 0, err)
            pasted = copy.deepcopy(self.doc)
            pasted["actuals"] = dict(json.loads(out), forecast=self.doc["actuals"]["forecast"])
            pasted_path = write_plan(d, pasted, "pasted.json")
            for fmt in (["--format", "json"], ["--format", "md"], ["--format", "html", "--lang", "en"],
                        ["--format", "csv", "--unit", "kr"]):
                with self.subTest(fmt):
                    a = run("plan", plan, "--sie", sie("visma_cp437_crlf.se"), *fmt)
                    b = run("plan", pasted_path, *fmt)
                    self.assertEqual((a[0], a[1]), (b[0], b[1]))
            a = run("compare", plan, "--sie", sie("visma_cp437_crlf.se"))
            b = run("compare", pasted_path)
            self.assertEqual((a[0], a[1]), (b[0], b[1]))

    def test_explain_with_books(self):
        with tempfile.TemporaryDirectory() as d:
            plan = write_plan(d, self.doc)
            code, out, err = run("explain", plan, "--sie", sie("visma_cp437_crlf.se"), "--forecast", "shp", "--format", "json")
        self.assertEqual(code, 0, err)
        self.assertIn("127500.00", out)

    def test_a_kind_the_accounting_block_does_not_map_is_kept(self):
        del self.doc["accounting"]["contributions"]
        self.doc["actuals"]["contributions"] = {"fk": {"2011-02": "400000"}}
        with tempfile.TemporaryDirectory() as d:
            plan = write_plan(d, self.doc)
            code, out, err = run("plan", plan, "--sie", sie("visma_cp437_crlf.se"))
            self.assertEqual(code, 0, err)
            members = json.loads(out)["follow_up"]["members"]
            self.assertEqual(members[0]["received_to_date"], "400000.00")  # the plan's own, typed by hand
            # a kept month after the books' through is an error the books cause, at its pointer
            self.doc["actuals"]["through"] = "2011-12"
            self.doc["actuals"]["contributions"] = {"fk": {"2011-10": "400000"}}
            plan = write_plan(d, self.doc)
            code, out, err = run("plan", plan, "--sie", sie("visma_cp437_crlf.se"))
            self.assertEqual(code, 2)
            self.assertTrue(out.startswith(plan + ":/actuals/contributions/fk/2011-10: with the actuals of the books: "), out)

    def test_problems_and_usage(self):
        bad = os.path.join(SRC, "tests", "bad_sie", "every_problem_listed.se")
        code, out, err = run("plan", PLAN, "--sie", bad, "--format", "md")
        self.assertEqual(code, 2)
        self.assertEqual([line.split(": ", 1)[0] for line in out.splitlines()],
                         [bad + ":8", bad + ":11", bad + ":16", bad + ":19"])
        for args in (["plan", PLAN, "--through", "2011-08"], ["validate", PLAN, "--sie", sie("psaldo_type3.se")],
                     ["plan", PLAN, "--sie", sie("psaldo_type3.se"), "--through", "2011-13"]):
            with self.subTest(args):
                code, out, err = run(*args)
                self.assertEqual(code, 2)
                self.assertIn("usage:", err)
        self.assertIn("option --through applies with --sie", run("plan", PLAN, "--through", "2011-08")[2])


EXAMPLE = None
EXAMPLE_BOOKS = None


class ExampleBooks(unittest.TestCase):
    """examples/books/sodra-dalarna-2011.se: the books whose actuals are the follow-up example's."""

    def test_the_books_give_the_plans_actuals(self):
        from decimal import Decimal
        code, out, err = run("actuals", EXAMPLE, "--sie", EXAMPLE_BOOKS)
        self.assertEqual((code, err), (0, ""))  # every row mapped, none after August
        with open(EXAMPLE, encoding="utf-8") as f:
            own = json.load(f)["actuals"]
        booked = json.loads(out)

        def exact(block):  # amounts as exact decimals ("74210" in the plan, "74210.00" from the books)
            return {k: {i: [(m, Decimal(a)) for m, a in months.items()] for i, months in v.items()}
                    if isinstance(v, dict) else v for k, v in block.items() if k != "forecast"}

        self.assertEqual(exact(booked), exact(own))
        self.assertEqual(list(booked), ["through", "costs", "contributions", "income"])

    def test_evaluated_with_the_books_as_the_plan_itself(self):
        for fmt in ([], ["--format", "md"], ["--format", "csv", "--unit", "kr"], ["--format", "html", "--lang", "en"]):
            with self.subTest(fmt):
                a = run("plan", EXAMPLE, *fmt)
                b = run("plan", EXAMPLE, "--sie", EXAMPLE_BOOKS, *fmt)
                self.assertEqual(a[0], 0, a[2])
                self.assertEqual((a[0], a[1], a[2]), (b[0], b[1], b[2]))


if __name__ == "__main__":
    FINSAM, SRC = sys.argv[1], sys.argv[2]
    PLAN = sie("plan.json")
    EXAMPLE = os.path.join(SRC, "examples", "sodra-dalarna-2011-uppfoljning.json")
    EXAMPLE_BOOKS = os.path.join(SRC, "examples", "books", "sodra-dalarna-2011.se")
    unittest.main(argv=[sys.argv[0], "-v"])
