#!/usr/bin/python3
"""Differential test: `finsam plan` against the independent reference evaluator.

    differential.py --finsam BUILD/finsam [--seed S] [--count N] [--features base|all]
                    [--invalid M] [--plans DIR]

Generates N random valid plans with tests/reference/gen_plans.py (deterministic for a seed),
evaluates each with the C++ CLI (`finsam plan FILE --format json`, and `--variant NAME` for
every variant) and with tests/reference/finsam_ref.py in-process, and compares the results
value for value; warnings are compared as sets of (code, path) (spec 12.20). Objects keyed by
data (years, months, quarters, member and intervention ids) must list their keys in the same
order; objects of named fields (a member's `share`, `totals.Y`, `follow_up.totals`, …) may
list them in any order, as JSON objects are unordered.

--features base (the default) compares the plans of sections 1-12 only; --features all adds
income, profiles, actuals, liquidity, checks by kind and merge-by-id variants (sections
13-17), and so compares `income`, `totals.Y.income`, `follow_up` and `liquidity` too; a
comma-separated subset (`income,profiles,actuals,liquidity`) picks some of them.
--invalid M also generates M invalid plans (gen_plans.py --invalid: one mutation each) and
compares the set of error pointers of `finsam plan --format json` (exit status 2) with the
reference's. Exit status 0 when every plan agrees, 1 otherwise (each difference is printed,
then a count of differences by where they are).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REF_DIR = os.path.join(HERE, "..", "reference")
sys.path.insert(0, REF_DIR)
import finsam_ref  # noqa: E402

# Names of the result's fields (sections 10, 13, 14.3, 14.4): an object whose keys are all
# among them is a record, whose key order is free.
FIELD_NAMES = {
    "format", "name", "years", "members", "interventions", "totals", "warnings", "income",
    "follow_up", "liquidity", "id", "share", "contribution", "adjustment", "final_contribution",
    "cost_share", "kind", "amount", "allocation", "costs", "contributions", "result",
    "equity_end", "code", "path", "message", "year", "through", "forecast_rule", "budget",
    "budget_to_date", "actual_to_date", "deviation_to_date", "forecast", "forecast_deviation",
    "months", "forecast_allocation", "received_to_date", "forecast_cost_share",
    "income_forecast", "forecast_result", "forecast_equity_end", "history", "total_costs",
    "quarters", "in", "out", "cash_end", "actual",
}


def normalise(result, ignore=()):
    """The result with warnings as a sorted list of (code, path) pairs (12.20), leaving out
    the codes in `ignore`."""
    out = dict(result)
    out["warnings"] = sorted({(w["code"], w["path"]) for w in result.get("warnings", [])
                              if w["code"] not in ignore})
    return out


def differences(a, b, path=""):
    """Paths where two JSON values differ: a is finsam's, b the reference's."""
    if type(a) is not type(b):
        return [f"{path}: {json.dumps(a, ensure_ascii=False)} vs {json.dumps(b, ensure_ascii=False)}"]
    if isinstance(a, dict):
        out = []
        if set(a) != set(b):
            only_a = [k for k in a if k not in b]
            only_b = [k for k in b if k not in a]
            out.append(f"{path}: keys only in finsam {only_a}, only in the reference {only_b}")
        elif list(a) != list(b) and not set(a) <= FIELD_NAMES:
            out.append(f"{path}: key order {list(a)} vs {list(b)}")
        for k in a:
            if k in b:
                out += differences(a[k], b[k], f"{path}/{k}")
        return out
    if path == "/warnings":
        only_a, only_b = sorted(set(map(tuple, a)) - set(map(tuple, b))), \
            sorted(set(map(tuple, b)) - set(map(tuple, a)))
        return [f"/warnings/{c}: {p} only in {who}" for who, side in
                (("finsam", only_a), ("the reference", only_b)) for c, p in side]
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items vs {len(b)}: "
                    f"{json.dumps(a, ensure_ascii=False)[:300]} vs "
                    f"{json.dumps(b, ensure_ascii=False)[:300]}"]
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += differences(x, y, f"{path}/{i}")
        return out
    return [] if a == b else [f"{path}: {json.dumps(a, ensure_ascii=False)} vs {json.dumps(b, ensure_ascii=False)}"]


def run_cpp(finsam, plan, variant=None):
    cmd = [finsam, "plan", plan, "--format", "json"] + (["--variant", variant] if variant else [])
    p = subprocess.run(cmd, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_plan(finsam, plan, ignore=()):
    """Problems found comparing one valid plan (empty when both agree)."""
    with open(plan, "rb") as f:
        data = f.read()
    try:
        base, variants = finsam_ref.evaluate_all(finsam_ref.load_json_bytes(data))
    except finsam_ref.RefPlanError as e:
        return [f"the reference rejects it: {e.problems[:3]}"]
    problems = []
    for name, expected in [(None, base)] + sorted(variants.items()):
        label = "base" if name is None else f"variant {name}"
        rc, out, err = run_cpp(finsam, plan, name)
        if rc != 0:
            problems.append(f"{label}: finsam exits {rc}: {out.strip()[:500]} {err.strip()[:500]}")
            continue
        got = json.loads(out)
        diffs = differences(normalise(got, ignore),
                            normalise(json.loads(json.dumps(expected)), ignore))
        problems += [f"{label}: {d}" for d in diffs[:10]]
    return problems


def check_invalid(finsam, plan, ignore=()):
    """Problems comparing the error pointers of one invalid plan."""
    try:
        finsam_ref.evaluate_file(plan)
        return ["the reference accepts it"]
    except finsam_ref.RefPlanError as e:
        ref_problems = e.problems
    expected = {p for p, _ in ref_problems}
    rc, out, err = run_cpp(finsam, plan)
    if rc != 2:
        return [f"finsam exits {rc}, not 2: {out.strip()[:300]} {err.strip()[:300]}"]
    try:
        got = {e["path"] for e in json.loads(out)["errors"]}
    except (ValueError, KeyError, TypeError) as e:
        return [f"finsam prints no errors object ({e}): {out[:300]}"]
    if got == expected:
        return []
    base_only = {p for p, m in ref_problems if not m.startswith('variant "')}
    if got == base_only:
        # The reference evaluates every variant also when the base plan is invalid (12.18:
        # "every variant is evaluated whenever the file is"); finsam stops after the base.
        return [f"error pointers: only the reference reports variants of an invalid base plan: "
                f"{sorted(expected - got)}"]
    return [f"error pointers only in finsam {sorted(got - expected)}, "
            f"only in the reference {sorted(expected - got)}"]


def where(problem):
    """A difference's place with indices, ids, years and months folded, for the summary."""
    parts = problem.split(": ")
    place = parts[1] if len(parts) > 1 else parts[0]          # after "base" / "variant NAME"
    if place.startswith("/warnings/"):
        return place + (" only in finsam" if problem.endswith("only in finsam")
                        else " only in the reference")
    place = place.split(" ")[0]
    place = re.sub(r"/\d{4}-(\d{2}|Q\d)", "/MONTH", place)
    return re.sub(r"/\d+", "/N", place)


def generate(args, out, invalid=False):
    cmd = [sys.executable, os.path.join(REF_DIR, "gen_plans.py"), "--seed", str(args.seed),
           "--count", str(args.invalid if invalid else args.count), "--out", out,
           "--features", "all" if invalid and args.features == "base" else args.features]
    if invalid:
        cmd.append("--invalid")
    subprocess.run(cmd, check=True)
    return sorted(os.path.join(out, f) for f in os.listdir(out) if f.endswith(".json"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--finsam", required=True, help="the finsam binary to test")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--features", default="base",
                    help="which generated plans: sections 1-12 (base), 1-17 (all), or a "
                         "comma-separated subset of gen_plans.py's features (income, profiles, "
                         "actuals, liquidity, kind-checks, by-id, bom); the invalid plans use "
                         "the same features (all with base)")
    ap.add_argument("--invalid", type=int, default=0, metavar="M",
                    help="also compare the error pointers of M generated invalid plans")
    ap.add_argument("--plans", help="compare the plans in this directory instead of generating them")
    ap.add_argument("--ignore-warning", action="append", default=[], metavar="CODE",
                    help="leave this warning code out of the comparison (a stopgap while one "
                         "side does not have it yet)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="finsam-diff-") as tmp:
        if args.plans:
            plans = sorted(os.path.join(args.plans, f) for f in os.listdir(args.plans)
                           if f.endswith(".json"))
        else:
            os.makedirs(os.path.join(tmp, "valid"))
            plans = generate(args, os.path.join(tmp, "valid")) if args.count else []
        invalid = []
        if args.invalid:
            os.makedirs(os.path.join(tmp, "invalid"))
            invalid = generate(args, os.path.join(tmp, "invalid"), invalid=True)
        failed = 0
        summary = collections.Counter()
        for plan, check in [(p, check_plan) for p in plans] + [(p, check_invalid) for p in invalid]:
            problems = check(args.finsam, plan, set(args.ignore_warning))
            if problems:
                failed += 1
                kind = "invalid " if check is check_invalid else ""
                print(f"{kind}{os.path.basename(plan)}: differs")
                for p in problems:
                    print(f"  {p}")
                summary.update({where(p) if check is check_plan else
                                "error pointers (variants of an invalid base plan)"
                                if "variants of an invalid base" in p else "error pointers"
                                for p in problems})
        total = len(plans) + len(invalid)
        print(f"{total - failed} of {total} plans agree"
              + (f" ({len(invalid)} of them invalid)" if invalid else ""))
        if summary:
            print("plans with a difference, by place:")
            for place, n in summary.most_common():
                print(f"  {n:5d}  {place}")
        return 1 if failed or not total else 0


if __name__ == "__main__":
    sys.exit(main())
