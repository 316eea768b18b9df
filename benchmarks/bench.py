#!/usr/bin/python3
"""The sweep benchmark (issue 6), all in one run: `make bench`, or

    /usr/bin/python3 benchmarks/bench.py [--build build] [--scenarios 10000] [--repeat 7]
                                         [--decimal-scenarios 50] [--json FILE]

Reference workload (benchmarks/workload.py): 10 000 scenarios × 10 years × 20 interventions ×
5 members = 10^7 allocation cells, frame part 20 %, amounts and allocation in öre, half_even.

1. the C++ sweep (build/benchmarks/sweep_bench): the plain scalar kernel on 1 thread, the AVX2
   kernel on 1 and 2 threads, each through sweep() (which validates the plan by evaluating
   scenario 0 first) and through a prepared finsam::Sweep (validated once); best of N runs;
2. the Python call finsam.sweep (when the build has the finsam package, <build>/python): µs
   added per call on a one-scenario batch and % added on the full batch, against the C++ call
   on a prepared finsam::Sweep (the binding keeps each plan prepared);
3. pure Python with decimal.Decimal (benchmarks/baselines.py) on a subset of the scenarios,
   extrapolated to the full workload (labelled so), and checked against the exact figures;
4. numpy float64, vectorised over the scenarios, on the full workload: cells/s and how many of
   its results differ from the exact ones.

Times are wall-clock, best of N; the CPU time of the best run is shown too, because on a busy
machine the wall-clock time of a single thread includes time spent waiting for a core.

5. the follow-up (issue 15, build/benchmarks/followup_bench, workload.followup_plan): a plan
   with 50 interventions, 5 years and 12 months of actuals, evaluated with its monthly budgets,
   follow-up and liquidity, against the same plan's own figures alone (the target: under
   10 ms in release). `--followup-only` runs just this part (`make bench-followup`).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import baselines  # noqa: E402
import workload  # noqa: E402


def run_cpp(exe, plan_path, rates_path, scenarios, repeat, out=None, only=None):
    cmd = [exe, plan_path, rates_path, str(scenarios), "--repeat", str(repeat)]
    if out:
        cmd += ["--out", out]
    if only:
        cmd += ["--only", only]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return {r["name"]: r for r in map(json.loads, res.stdout.splitlines())}


def python_call(plan_path, rates, repeat):
    """What finsam.sweep (threads=1) adds to the C++ sweep, measured in one process, or None.

    The binding times the C++ sweep itself (stats["seconds"]; the plan's prepared Sweep is
    cached, so that is the prepared run), so the same call gives both its wall time and its C++
    time: noise between two processes or two runs cannot enter the difference. The binding's
    share (argument checks, the numpy arrays, the GIL, the cache) is the best (wall − C++) of
    _core.sweep calls; the Python wrapper's share (finsam.sweep around _core.sweep) is the
    difference of the best times of the two on a one-scenario batch."""
    try:
        import finsam
        from finsam import _core
    except ImportError:
        return None
    if not hasattr(finsam, "sweep"):
        return None
    plan = finsam.load(plan_path)
    tiny = rates[:1].copy()
    finsam.sweep(plan, tiny, threads=1)  # prepares the plan once

    def core_calls(r, n):
        """(best wall, best C++ seconds, best wall − C++ seconds) of n _core.sweep calls."""
        best_wall = best_cpp = best_added = float("inf")
        for _ in range(n):
            t = time.perf_counter()
            _, _, info = _core.sweep(plan._core, r, 1)
            wall = time.perf_counter() - t
            best_wall, best_cpp = min(best_wall, wall), min(best_cpp, info["seconds"])
            best_added = min(best_added, wall - info["seconds"])
        return best_wall, best_cpp, best_added

    n_tiny = max(2000, 300 * repeat)
    tiny_wall, tiny_cpp, tiny_binding = core_calls(tiny, n_tiny)
    tiny_api = min(_timed(lambda: finsam.sweep(plan, tiny, threads=1)) for _ in range(n_tiny))
    wrapper = max(0.0, tiny_api - tiny_wall)  # finsam.sweep's Python around _core.sweep
    full_wall, full_cpp, full_binding = core_calls(rates, 2 * repeat + 1)
    full_api = min(_timed(lambda: finsam.sweep(plan, rates, threads=1)) for _ in range(2 * repeat + 1))
    return {"tiny_seconds": tiny_api, "tiny_cpp_seconds": tiny_cpp, "tiny_added_seconds": tiny_binding + wrapper,
            "full_seconds": full_api, "full_cpp_seconds": full_cpp, "full_added_seconds": full_binding + wrapper,
            "result": finsam.sweep(plan, rates, threads=1)}


def followup(build, repeat):
    """Time the follow-up workload with build/benchmarks/followup_bench; print and return it."""
    exe = os.path.join(build, "benchmarks", "followup_bench")
    if not os.path.exists(exe):
        sys.exit(f"bench: {exe} not found; build first (make build)")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "followup.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(workload.followup_plan(), f, ensure_ascii=False)
        res = subprocess.run([exe, path, "--repeat", str(max(20, 3 * repeat))], check=True, capture_output=True, text=True)
    r = {x["name"]: x for x in map(json.loads, res.stdout.splitlines())}
    ev, plain = r["evaluate_followup"], r["evaluate_plain"]
    print(f"\nFollow-up (issue 15): {ev['interventions']} interventions × {ev['years']} years × {ev['members']} members, "
          f"12 months of actuals (F = the second year, through June), {ev['budget_months']} budget months, liquidity; "
          f"best of {ev['repeat']}")
    print(f"  evaluate() with months, follow-up and liquidity  {ev['seconds'] * 1e3:8.2f} ms  (target < 10 ms: "
          f"{'met' if ev['seconds'] < 0.010 else 'NOT MET'})")
    print(f"  evaluate() of the plan's own figures alone       {plain['seconds'] * 1e3:8.2f} ms  "
          f"(the follow-up adds {(ev['seconds'] - plain['seconds']) * 1e3:.2f} ms)")
    print(f"  reading the plan (JSON text → Plan)              {r['read']['seconds'] * 1e3:8.2f} ms")
    print(f"  the result JSON of it                            {r['result_json']['seconds'] * 1e3:8.2f} ms")
    return r


def _timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--scenarios", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--decimal-scenarios", type=int, default=50)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--followup-only", action="store_true", help="only the follow-up benchmark (5.)")
    args = ap.parse_args()
    if args.followup_only:
        report = {"followup": followup(args.build, args.repeat)}
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(report, f, indent=1, default=float)
        return
    import numpy as np
    sys.path.insert(0, os.path.join(os.path.abspath(args.build), "python"))  # the package of this build

    exe = os.path.join(args.build, "benchmarks", "sweep_bench")
    if not os.path.exists(exe):
        sys.exit(f"bench: {exe} not found; build first (make build)")
    S = args.scenarios
    plan = workload.reference_plan()
    work = baselines.Workload(plan)
    nm, ny, ni = len(work.ids), len(work.years), len(work.ivs)
    cells = S * ny * ni * nm
    rates = workload.reference_rates(S, nm, ny)
    report = {"scenarios": S, "years": ny, "interventions": ni, "members": nm, "cells": cells,
              "cpus": os.cpu_count(), "load_average": os.getloadavg()[0]}

    with tempfile.TemporaryDirectory() as tmp:
        plan_path = os.path.join(tmp, "plan.json")
        rates_path = os.path.join(tmp, "rates.bin")
        exact_path = os.path.join(tmp, "exact.bin")
        with open(plan_path, "w", encoding="utf-8") as f:
            json.dump(plan, f, ensure_ascii=False)
        rates.tofile(rates_path)

        print(f"finsam sweep benchmark: {S} scenarios × {ny} years × {ni} interventions × {nm} members "
              f"= {cells:,} cells; frame part 20 %, öre, half_even; rates −1 % … 5 %")
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start\n")

        # 1. C++
        cpp = run_cpp(exe, plan_path, rates_path, S, args.repeat, out=exact_path)
        raw = np.fromfile(exact_path, dtype=np.int64)
        exact_cs = raw[:S * ny * nm].reshape(S, ny, nm)
        exact_costs = raw[S * ny * nm:].reshape(S, ny)
        report["cpp"] = cpp
        base = cpp["cpp_1thread"]

        # 2. the Python call
        py = python_call(plan_path, rates, args.repeat)
        if py is not None:
            same = (np.array_equal(py["result"]["cost_share"], exact_cs) and np.array_equal(py["result"]["costs"], exact_costs))
            report["python"] = {
                "tiny_call_us": py["tiny_seconds"] * 1e6, "tiny_cpp_us": py["tiny_cpp_seconds"] * 1e6,
                "overhead_us": py["tiny_added_seconds"] * 1e6,
                "full_seconds": py["full_seconds"], "full_cpp_seconds": py["full_cpp_seconds"],
                "full_added_ms": py["full_added_seconds"] * 1e3,
                "overhead_percent": 100 * py["full_added_seconds"] / py["full_cpp_seconds"], "equal": same}

        # 3. Decimal on a subset
        D = min(args.decimal_scenarios, S)
        t = time.perf_counter()
        dcs, dcosts = baselines.decimal_sweep(work, rates[:D].tolist(), D)
        t = time.perf_counter() - t
        report["decimal"] = {"scenarios": D, "seconds": t, "extrapolated_seconds": t * S / D,
                             "cells_per_s": D * ny * ni * nm / t,
                             "equal": bool(np.array_equal(np.array(dcs), exact_cs[:D]) and np.array_equal(np.array(dcosts), exact_costs[:D]))}

        # 4. numpy float64 on everything
        t = time.perf_counter()
        ncs, ncosts = baselines.numpy_sweep(work, rates)
        t = time.perf_counter() - t
        report["numpy"] = {"seconds": t, "cells_per_s": cells / t,
                           "cost_share_differ": int((ncs != exact_cs).sum()), "cost_share_cells": int(exact_cs.size),
                           "costs_differ": int((ncosts != exact_costs).sum()), "costs_cells": int(exact_costs.size),
                           "scenarios_differ": int(((ncs != exact_cs).any(axis=(1, 2)) | (ncosts != exact_costs).any(axis=1)).sum()),
                           "max_abs_diff_ore": int(np.abs(ncs - exact_cs).max())}

    # the report
    def row(name, seconds, cps, note=""):
        print(f"  {name:<44} {seconds * 1e3:>10.1f} ms  {cps:>12.3e} cells/s  {note}")

    print("C++ finsam::sweep (exact), best of", args.repeat)
    for key, label in [("cpp_scalar_1thread", "scalar kernel, 1 thread"), ("cpp_1thread", "AVX2 kernel, 1 thread"),
                       ("cpp_2threads", "AVX2 kernel, 2 threads"), ("prepared_1thread", "prepared Sweep, 1 thread"),
                       ("prepared_2threads", "prepared Sweep, 2 threads")]:
        r = cpp[key]
        row(label, r["seconds"], r["cells_per_s"], f"(CPU time {r['cpu_seconds'] * 1e3:.1f} ms: "
                                                   f"{cells / r['cpu_seconds']:.3e} cells per CPU-second)")
    print(f"  2 threads / 1 thread (wall clock): {base['seconds'] / cpp['cpp_2threads']['seconds']:.2f}× through sweep() "
          f"(its exact evaluation of scenario 0 runs on one thread), "
          f"{cpp['prepared_1thread']['seconds'] / cpp['prepared_2threads']['seconds']:.2f}× prepared"
          f"; AVX2 / scalar kernel: {cpp['cpp_scalar_1thread']['seconds'] / base['seconds']:.1f}×")
    if "python" in report:
        p = report["python"]
        print("\nPython finsam.sweep (threads=1; the binding keeps each plan prepared and times its C++ sweep: "
              "wall − C++ of the same calls)")
        print(f"  one-scenario call: {p['tiny_call_us']:.1f} µs, its C++ sweep {p['tiny_cpp_us']:.1f} µs: "
              f"Python adds {p['overhead_us']:.1f} µs per call")
        print(f"  full batch: {p['full_seconds'] * 1e3:.1f} ms, its C++ sweep {p['full_cpp_seconds'] * 1e3:.1f} ms: "
              f"Python adds {p['full_added_ms']:.3f} ms = {p['overhead_percent']:.2f} %; "
              f"same figures as C++: {'yes' if p['equal'] else 'NO'}")
    else:
        print("\nPython finsam.sweep: not measured (the finsam package with sweep is not importable)")
    d, n = report["decimal"], report["numpy"]
    print(f"\nBaselines")
    row(f"pure Python decimal.Decimal ({d['scenarios']} scenarios)", d["seconds"], d["cells_per_s"],
        f"exact: {'yes' if d['equal'] else 'NO'}")
    print(f"  {'  extrapolated to ' + str(S) + ' scenarios':<44} {d['extrapolated_seconds']:>10.1f} s")
    row("numpy float64 (all scenarios)", n["seconds"], n["cells_per_s"])
    print(f"  numpy float64 results that differ from the exact ones: {n['cost_share_differ']:,} of "
          f"{n['cost_share_cells']:,} cost shares ({100 * n['cost_share_differ'] / n['cost_share_cells']:.2f} %), "
          f"{n['costs_differ']:,} of {n['costs_cells']:,} yearly costs; {n['scenarios_differ']:,} of {S:,} scenarios "
          f"have a wrong figure; largest difference {n['max_abs_diff_ore']} öre")
    prep = cpp["prepared_1thread"]
    print(f"\nRatios, C++ AVX2 on 1 thread through sweep() / a prepared Sweep: "
          f"{base['cells_per_s'] / d['cells_per_s']:,.0f}× / {prep['cells_per_s'] / d['cells_per_s']:,.0f}× Decimal (extrapolated), "
          f"{base['cells_per_s'] / n['cells_per_s']:,.0f}× / {prep['cells_per_s'] / n['cells_per_s']:,.0f}× numpy float64")
    report["followup"] = followup(args.build, args.repeat)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1, default=float)


if __name__ == "__main__":
    main()
