#!/usr/bin/python3
"""Differential test: `finsam plan` against the independent reference evaluator.

    differential.py --finsam BUILD/finsam [--seed S] [--count N] [--plans DIR]

Generates N random valid plans with tests/reference/gen_plans.py (deterministic for a seed),
evaluates each with the C++ CLI (`finsam plan FILE --format json`, and `--variant NAME` for
every variant) and with tests/reference/finsam_ref.py in-process, and compares the results
value for value; warnings are compared as sets of (code, path) (spec 12.20). Exit status 0
when every plan agrees, 1 otherwise (each difference is printed).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REF_DIR = os.path.join(HERE, "..", "reference")
sys.path.insert(0, REF_DIR)
import finsam_ref  # noqa: E402


def normalise(result):
    """The result with warnings as a sorted list of (code, path) pairs (12.20)."""
    out = dict(result)
    out["warnings"] = sorted({(w["code"], w["path"]) for w in result.get("warnings", [])})
    return out


def differences(a, b, path=""):
    """Paths where two JSON values differ (first few only)."""
    if type(a) is not type(b):
        return [f"{path}: {json.dumps(a, ensure_ascii=False)} vs {json.dumps(b, ensure_ascii=False)}"]
    if isinstance(a, dict):
        out = []
        if list(a) != list(b):
            out.append(f"{path}: keys {list(a)} vs {list(b)}")
        for k in a:
            if k in b:
                out += differences(a[k], b[k], f"{path}/{k}")
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items vs {len(b)}"]
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += differences(x, y, f"{path}/{i}")
        return out
    return [] if a == b else [f"{path}: {json.dumps(a, ensure_ascii=False)} vs {json.dumps(b, ensure_ascii=False)}"]


def run_cpp(finsam, plan, variant=None):
    cmd = [finsam, "plan", plan, "--format", "json"] + (["--variant", variant] if variant else [])
    p = subprocess.run(cmd, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_plan(finsam, plan):
    """Problems found comparing one plan (empty when both agree)."""
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
        diffs = differences(normalise(got), normalise(json.loads(json.dumps(expected))))
        problems += [f"{label}: {d}" for d in diffs[:10]]
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--finsam", required=True, help="the finsam binary to test")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--plans", help="compare the plans in this directory instead of generating them")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="finsam-diff-") as tmp:
        plan_dir = args.plans
        if not plan_dir:
            plan_dir = tmp
            subprocess.run([sys.executable, os.path.join(REF_DIR, "gen_plans.py"), "--seed", str(args.seed),
                            "--count", str(args.count), "--out", plan_dir], check=True)
        plans = sorted(os.path.join(plan_dir, f) for f in os.listdir(plan_dir) if f.endswith(".json"))
        failed = 0
        for plan in plans:
            problems = check_plan(args.finsam, plan)
            if problems:
                failed += 1
                print(f"{os.path.basename(plan)}: differs")
                for p in problems:
                    print(f"  {p}")
        print(f"{len(plans) - failed} of {len(plans)} plans agree")
        return 1 if failed or not plans else 0


if __name__ == "__main__":
    sys.exit(main())
