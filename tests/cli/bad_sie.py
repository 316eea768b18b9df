#!/usr/bin/python3
"""Run cases of the bad-SIE catalogue (tests/bad_sie/, format in its README) through `finsam actuals`.

    bad_sie.py --finsam BUILD/finsam CASE.se...            check the cases
    bad_sie.py --catalogue DIR                             check the catalogue: every NAME.se has its
                                                           NAME.expected and the reverse, ≥ 30 cases
    bad_sie.py --finsam BUILD/finsam --update CASE.se...   rewrite their .expected files from the
                                                           CLI's output (read every changed message
                                                           before committing it)

For each case NAME.se with NAME.expected (lines `LINE<TAB>MESSAGE`), `finsam actuals plan.json
--sie NAME.se --through 2011-12` (plan.json beside the cases) exits 2 and prints exactly
`NAME.se:LINE: MESSAGE` lines on stdout, and nothing on stderr. Exit status 0 when every case
passes, 1 otherwise. The catalogue's format and the runs are those of tests/cli/bad_inputs.py.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bad_inputs import check_catalogue, expected_of, run, run_cases, text_pairs  # noqa: E402  (one catalogue format)

MIN_CASES = 30


def command(finsam, case):
    plan = os.path.join(os.path.dirname(os.path.abspath(case)), "plan.json")
    return [finsam, "actuals", plan, "--sie", case, "--through", "2011-12"]


def check(finsam, case):
    """Failures of one case (empty when it passes)."""
    failures = []
    expected = expected_of(case)
    if not expected:
        failures.append("the .expected file is empty: a bad SIE file must have at least one problem")
    rc, out, err = run(command(finsam, case))
    if rc != 2:
        failures.append(f"finsam actuals exits {rc}, not 2")
    got, stray = text_pairs(case, out)
    if stray or got != expected:
        failures.append("finsam actuals prints\n    " + "\n    ".join(out.splitlines()) + "\n  expected\n    " +
                        "\n    ".join(f"{case}:{n}: {m}" for n, m in expected))
    if err:
        failures.append(f"finsam actuals writes to stderr: {err[:500]}")
    return failures


def update(finsam, case):
    rc, out, _ = run(command(finsam, case))
    pairs, stray = text_pairs(case, out)
    if rc != 2 or not pairs or stray:
        print(f"{case}: finsam exits {rc} with {len(pairs)} problems; not updated")
        return False
    expected = os.path.splitext(case)[0] + ".expected"
    comments = []
    if os.path.exists(expected):
        with open(expected, encoding="utf-8") as f:
            comments = [line for line in f if line.startswith("#")]
    with open(expected, "w", encoding="utf-8") as f:
        f.writelines(comments)
        f.writelines(f"{n}\t{m}\n" for n, m in pairs)
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--finsam")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--catalogue", metavar="DIR")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    if a.catalogue:
        return check_catalogue(a.catalogue, ext=".se", minimum=MIN_CASES, companions=(), needed=("plan.json",))
    if not a.finsam:
        ap.error("--finsam is needed")
    return run_cases(a.cases, lambda c: check(a.finsam, c), (lambda c: update(a.finsam, c)) if a.update else None)


if __name__ == "__main__":
    sys.exit(main())
