#!/usr/bin/python3
"""The SIE reader benchmark (issue 16), all in one run: `make bench`, or

    /usr/bin/python3 benchmarks/sie_bench.py [--build build] [--rows 1000000] [--repeat 5] [--json FILE]

1. writes a SIE 4 file of --rows #TRANS rows the way an exporter writes one (CP437, CRLF,
   vouchers of four rows: three cost rows with objects in dimensions 1 and 6, one bank row),
   and one of a quarter of the rows, into a temporary directory;
2. the C++ reader (build/benchmarks/sie_bench: finsam::read_sie_file with a visitor that sums
   the rows) on both files: rows per second (best of --repeat) and peak resident memory, which
   must not grow with the file;
3. the C++ reader and mapping (finsam::read_actuals with tests/sie/plan.json: the figures of
   `finsam actuals`) on the large file;
4. a straightforward Python reader of the same file in the same run (a regular expression for
   the fields, Decimal amounts, streaming line by line), in a process of its own for its memory.

Times are wall-clock; the CPU time of the best run is shown too (on a busy machine a single
thread's wall-clock time includes time spent waiting for a core).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def write_books(path, rows, seed=1):
    """A SIE 4 file with `rows` #TRANS rows in vouchers of up to four; its rows sum to 0."""
    rng = random.Random(seed)
    accounts = [4010, 5010, 5410, 6110, 6420, 7010]
    with open(path, "wb") as f:
        f.write('#FLAGGA 0\r\n#PROGRAM "finsam sie_bench" 1\r\n#FORMAT PC8\r\n#GEN 20120115\r\n#SIETYP 4\r\n'
                '#FNAMN "Södra Dalarnas samordningsförbund"\r\n#RAR 0 20110101 20111231\r\n#OMFATTN 20111231\r\n'
                .encode("cp437"))
        written, voucher = 0, 0
        out = []
        while written < rows:
            voucher += 1
            k = min(4, rows - written)
            day = f"2011{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            out.append(f'#VER A {voucher} {day} "Leverantörsfaktura {voucher}" {day}\r\n{{\r\n')
            cents = [rng.randint(1, 10**7) for _ in range(k - 1)]
            for c in cents:
                out.append(f'\t#TRANS {rng.choice(accounts)} {{1 "K{rng.randint(1, 9)}" 6 "{rng.randint(100, 120)}"}} '
                           f'{c // 100}.{c % 100:02d} "" "Faktura" 0\r\n')
            s = sum(cents)
            out.append(f'\t#TRANS 1930 {{}} {"-" if s else ""}{s // 100}.{s % 100:02d}\r\n}}\r\n')
            written += k
            if len(out) > 10000:
                f.write("".join(out).encode("cp437"))
                out = []
        f.write("".join(out).encode("cp437"))


PYTHON_READER = r'''
import re, sys, time
from decimal import Decimal
FIELD = re.compile(r'"(?:\\"|[^"])*"|\{[^}]*\}|\S+')
t = time.perf_counter(); c = time.process_time()
rows, total = 0, Decimal(0)
with open(sys.argv[1], encoding="cp437", newline="") as f:
    for line in f:
        line = line.strip()
        if line.startswith("#TRANS"):
            fields = FIELD.findall(line)
            total += Decimal(fields[3])
            rows += 1
wall, cpu = time.perf_counter() - t, time.process_time() - c
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
print(rows, total, wall, cpu, hwm)
'''


def run_cpp(exe, path, repeat, plan=None):
    cmd = [exe, path, "--repeat", str(repeat)] + (["--plan", plan] if plan else [])
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def run_python(path):
    out = subprocess.run([sys.executable, "-c", PYTHON_READER, path], check=True, capture_output=True, text=True).stdout.split()
    rows, total, wall, cpu, rss = int(out[0]), out[1], float(out[2]), float(out[3]), int(out[4])
    return {"rows": rows, "sum": total, "seconds": wall, "cpu_seconds": cpu, "rows_per_second": rows / wall,
            "peak_rss_kib": rss}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    a = ap.parse_args()
    exe = os.path.join(a.build, "benchmarks", "sie_bench")
    plan = os.path.join(ROOT, "tests", "sie", "plan.json")
    with tempfile.TemporaryDirectory() as d:
        big, small = os.path.join(d, "big.se"), os.path.join(d, "small.se")
        t = time.perf_counter()
        write_books(big, a.rows)
        write_books(small, a.rows // 4)
        print(f"SIE files: {a.rows:,} #TRANS rows ({os.path.getsize(big) / 1e6:.1f} MB) and {a.rows // 4:,} "
              f"({os.path.getsize(small) / 1e6:.1f} MB), written in {time.perf_counter() - t:.1f} s")
        figures = {
            "cpp_reader": run_cpp(exe, big, a.repeat),
            "cpp_reader_quarter": run_cpp(exe, small, a.repeat),
            "cpp_reader_and_mapping": run_cpp(exe, big, a.repeat, plan),
            "python_reader": run_python(big),
        }
    if figures["cpp_reader"]["rows"] != figures["python_reader"]["rows"]:
        sys.exit(f"the readers disagree: {figures['cpp_reader']['rows']} and {figures['python_reader']['rows']} rows")
    print(f"{'reader':48} {'rows/s':>11} {'rows/cpu s':>11} {'wall s':>7} {'cpu s':>7} {'peak RSS':>10}")
    for name, label in [("cpp_reader", f"C++ read_sie_file, {a.rows:,} rows"),
                        ("cpp_reader_quarter", f"C++ read_sie_file, {a.rows // 4:,} rows"),
                        ("cpp_reader_and_mapping", f"C++ read_actuals (reader + mapping), {a.rows:,}"),
                        ("python_reader", f"Python (re + Decimal), {a.rows:,} rows")]:
        f = figures[name]
        print(f"{label:48} {f['rows_per_second']:>11,.0f} {f['rows'] / f['cpu_seconds']:>11,.0f} {f['seconds']:>7.3f} "
              f"{f['cpu_seconds']:>7.3f} {f['peak_rss_kib'] / 1024:>6.1f} MiB")
    ratio = figures["cpp_reader"]["rows_per_second"] / figures["python_reader"]["rows_per_second"]
    growth = figures["cpp_reader"]["peak_rss_kib"] - figures["cpp_reader_quarter"]["peak_rss_kib"]
    print(f"C++ reader / Python reader: {ratio:.0f}×; peak memory of 4× the rows: {growth:+d} KiB")
    wall = figures["cpp_reader"]["rows_per_second"]
    cpu = figures["cpp_reader"]["rows"] / figures["cpp_reader"]["cpu_seconds"]
    print(f"target ≥ 2 000 000 rows/s on one core: {'met' if wall >= 2e6 else 'NOT met'} by wall-clock time "
          f"({wall:,.0f}), {'met' if cpu >= 2e6 else 'NOT met'} by CPU time ({cpu:,.0f})")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2)


if __name__ == "__main__":
    main()
