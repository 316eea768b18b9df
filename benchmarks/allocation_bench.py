#!/usr/bin/python3
"""The allocation benchmark (issue 17): `make bench` runs it after the sweep's, or

    /usr/bin/python3 benchmarks/allocation_bench.py [--build build] [--forbund 10000] [--repeat 5]

A synthetic finsam-allocation/1 model of N förbund (benchmarks/allocation_workload.py: 1–5
areas each, a 10 % cap that holds about a quarter of them over several rounds) is written to a
scratch file and timed: stage by stage in C++ (build/benchmarks/allocation_bench: best of N),
the command line end to end (`finsam allocate FILE`, best of N, the process included), and the
Python call `finsam.allocate(PATH)` where the build has the package. A measurement, not a test.
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
import allocation_workload  # noqa: E402


def best_of(repeat, f):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--forbund", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "model.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(allocation_workload.large(a.forbund, 1), f, ensure_ascii=False)
        size = os.path.getsize(path)
        print(f"allocation model: {a.forbund} förbund, {size / 1e6:.1f} MB of JSON; best of {a.repeat}")
        out = subprocess.run([os.path.join(a.build, "benchmarks", "allocation_bench"), path, "--repeat", str(a.repeat)],
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            r = json.loads(line)
            print(f"  C++ {r['stage']:<10} {r['seconds'] * 1000:8.1f} ms wall {r['cpu_seconds'] * 1000:8.1f} ms CPU"
                  f"  ({r['forbund']} förbund, {r['rounds']} rounds of the cap)")
        cli = os.path.join(a.build, "finsam")
        t = best_of(a.repeat, lambda: subprocess.run([cli, "allocate", path], check=True, stdout=subprocess.DEVNULL))
        print(f"  finsam allocate FILE (the whole process)  {t * 1000:8.1f} ms")
        python_dir = os.path.join(a.build, "python")
        if os.path.isdir(os.path.join(python_dir, "finsam")):
            sys.path.insert(0, python_dir)
            import finsam
            t = best_of(a.repeat, lambda: finsam.allocate(path))
            print(f"  finsam.allocate(PATH) in Python           {t * 1000:8.1f} ms")
            alloc = finsam.allocate(path)
            t = best_of(a.repeat, lambda: alloc.forbund())
            print(f"  Allocation.forbund() (the DataFrame)      {t * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
