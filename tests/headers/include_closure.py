#!/usr/bin/env python3
"""The include closure of finsam's public headers, as the compiler sees it (`CXX -M`).

- No public header but finsam/nlohmann.hpp pulls in <nlohmann/json.hpp> (finsam.hpp, plan.hpp
  and evaluate.hpp among them): a program includes finsam without nlohmann.
- No public header pulls in libxlsxwriter's <xlsxwriter.h> (finsam::xlsx keeps it in its .cpp).
- report.hpp (the budget tables) does not pull in plan.hpp, evaluate.hpp or json.hpp: the
  tables are built from the Result alone.

Usage: include_closure.py CXX INCLUDE_DIR [EXTRA_INCLUDE_DIRS separated by |]
"""

import subprocess
import sys
from pathlib import Path

MUST_NOT = {
    "report.hpp": ["finsam/plan.hpp", "finsam/evaluate.hpp", "finsam/json.hpp"],
    "result.hpp": ["finsam/plan.hpp", "finsam/json.hpp"],
}


def closure(cxx: str, header: Path, includes: list) -> list:
    """The files `header` includes, directly or not (paths as the compiler found them)."""
    out = subprocess.run([cxx, "-std=c++20", "-M", "-w", *includes, "-x", "c++", str(header)],
                         capture_output=True, text=True, check=True).stdout
    files = out.replace("\\\n", " ").split(":", 1)[1].split()
    return [f for f in files if Path(f).resolve() != header.resolve()]


def main() -> int:
    cxx, include_dir = sys.argv[1], Path(sys.argv[2])
    extra = [d for d in (sys.argv[3].split("|") if len(sys.argv) > 3 else []) if d]
    includes = [f"-I{include_dir}"] + [f"-I{d}" for d in extra]
    headers = sorted((include_dir / "finsam").glob("*.hpp"))
    failures = []
    for h in headers:
        files = closure(cxx, h, includes)
        has = lambda name: any(f.endswith("/" + name) for f in files)  # noqa: E731
        if h.name == "nlohmann.hpp":
            if not has("nlohmann/json.hpp"):
                failures.append("nlohmann.hpp: does not include nlohmann/json.hpp (is this test looking right?)")
            continue
        if has("nlohmann/json.hpp"):
            failures.append(f"{h.name}: includes nlohmann/json.hpp")
        if has("xlsxwriter.h"):
            failures.append(f"{h.name}: includes xlsxwriter.h")
        for name in MUST_NOT.get(h.name, []):
            if has(name):
                failures.append(f"{h.name}: includes {name}")
        print(f"{h.name}: {len(files)} files")
    for f in failures:
        print("FAIL", f)
    if len(headers) < 10 or "finsam.hpp" not in [h.name for h in headers]:
        failures.append("the public headers were not found in " + str(include_dir))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
