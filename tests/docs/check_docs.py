#!/usr/bin/env python3
"""The examples of docs/errors-and-warnings.md are what finsam prints: every quoted warning line
of a plan in tests/docs/ (warnings.json, thousands.json) is on the stderr of `finsam plan PLAN`,
and every quoted table warning ("> **Varning:** …", "> **Warning:** …") is in the Markdown
tables of one of those plans in that language.

Usage: check_docs.py FINSAM SOURCE_DIR
"""

import subprocess
import sys
from pathlib import Path

PLANS = ("tests/docs/warnings.json", "tests/docs/thousands.json")


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
    if checked == 0:
        failures.append("docs/errors-and-warnings.md quotes no example of " + ", ".join(PLANS))
    for f in failures:
        print(f)
    print(f"{checked} examples checked, {len(failures)} wrong")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
