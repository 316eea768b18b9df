"""Tests of `finsam actuals PLAN --sie BOOKS.se [--through YYYY-MM] [-o FILE]` (spec section 15).

Run by ctest as: /usr/bin/python3 test_actuals.py FINSAM_BINARY SOURCE_DIR
Only the standard library is used, so the same script runs against the sanitizer build. The
books are tests/sie/*.se (written the way exporters write them, see its README) and their plan
tests/sie/plan.json; every figure below is worked out by hand from those files.
"""
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


if __name__ == "__main__":
    FINSAM, SRC = sys.argv[1], sys.argv[2]
    PLAN = sie("plan.json")
    unittest.main(argv=[sys.argv[0], "-v"])
