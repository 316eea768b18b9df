#!/usr/bin/env python3
"""The examples of docs/errors-and-warnings.md are what finsam prints: every quoted warning line
of a plan in docs/examples/ (warnings.json, thousands.json, warnings-forecast.json: the
same plan as warnings.json with a forecast equity above the guideline, which one follow-up year
cannot show beside a negative one) is on the stderr of `finsam plan PLAN`,
every quoted table warning ("> **Varning:** …", "> **Warning:** …") is in the Markdown tables of
one of those plans in that language, and every quoted problem
`tests/bad_inputs/CASE.json:POINTER: message` is a line of that case's .expected. Every warning
code of include/finsam/warning.hpp has its own section (### `code`) and is printed by one of
those plans, so each section can quote it.

Usage: check_docs.py FINSAM SOURCE_DIR
"""

import re
import subprocess
import sys
from pathlib import Path

PLANS = ("docs/examples/warnings.json", "docs/examples/thousands.json",
         "docs/examples/warnings-forecast.json")


def main() -> int:
    finsam, source = sys.argv[1], Path(sys.argv[2])
    doc = (source / "docs" / "errors-and-warnings.md").read_text(encoding="utf-8")

    def run(plan: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([finsam, "plan", plan, *args], cwd=source, capture_output=True, text=True, check=True)

    stderr = {plan: run(plan).stderr.splitlines() for plan in PLANS}
    md = {"Varning": [line for plan in PLANS for line in run(plan, "--format", "md").stdout.splitlines()],
          "Warning": [line for plan in PLANS for line in run(plan, "--format", "md", "--lang", "en").stdout.splitlines()]}
    failures, checked = [], 0
    for line in doc.splitlines():
        for plan in PLANS:
            if line.startswith(plan + ":"):
                checked += 1
                if line not in stderr[plan]:
                    failures.append(f"not printed by `finsam plan {plan}`:\n  {line}")
        for word, lines in md.items():
            if line.startswith(f"> **{word}:**"):
                checked += 1
                if line not in lines:
                    failures.append(f"not in the tables of `finsam plan PLAN --format md` of {', '.join(PLANS)}:\n  {line}")
    catalogue = re.compile(r"^tests/bad_inputs/(\w+)\.json:([^:]*): (.*)$")
    errors = 0
    for line in doc.splitlines():
        m = catalogue.match(line)
        if not m:
            continue
        errors += 1
        case, pointer, message = m.groups()
        expected = (source / "tests" / "bad_inputs" / f"{case}.expected").read_text(encoding="utf-8").splitlines()
        if f"{pointer}\t{message}" not in expected:
            failures.append(f"not a line of tests/bad_inputs/{case}.expected:\n  {line}")
    checked += errors
    if errors < 10:
        failures.append("docs/errors-and-warnings.md quotes fewer than 10 problems of the catalogue")
    codes = re.findall(r'case WarningCode::\w+: return "(\w+)";',
                       (source / "include" / "finsam" / "warning.hpp").read_text(encoding="utf-8"))
    printed = "\n".join(line for plan in PLANS for line in stderr[plan])
    for code in codes:
        checked += 1
        if f"### `{code}`" not in doc.splitlines():
            failures.append(f"docs/errors-and-warnings.md has no section ### `{code}`")
        if f"[{code}]" not in printed:
            failures.append(f"no plan of {', '.join(PLANS)} prints the warning {code}")
    if not codes:
        failures.append("no warning code found in include/finsam/warning.hpp (code_name)")
    if checked == 0:
        failures.append("docs/errors-and-warnings.md quotes no example of " + ", ".join(PLANS))
    for f in failures:
        print(f)
    print(f"{checked} examples checked, {len(failures)} wrong")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
