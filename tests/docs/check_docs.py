#!/usr/bin/env python3
"""The examples of docs/errors-and-warnings.md are what finsam prints: every quoted warning line
of tests/docs/warnings.json is on the stderr of `finsam plan`, and every quoted table warning
("> **Varning:** …", "> **Warning:** …") is in its Markdown tables in that language.

Usage: check_docs.py FINSAM SOURCE_DIR
"""

import subprocess
import sys
from pathlib import Path

PLAN = "tests/docs/warnings.json"


def main() -> int:
    finsam, source = sys.argv[1], Path(sys.argv[2])
    doc = (source / "docs" / "errors-and-warnings.md").read_text(encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([finsam, "plan", PLAN, *args], cwd=source, capture_output=True, text=True, check=True)

    stderr = run().stderr.splitlines()
    md = {"Varning": run("--format", "md").stdout.splitlines(),
          "Warning": run("--format", "md", "--lang", "en").stdout.splitlines()}
    failures, checked = [], 0
    for line in doc.splitlines():
        if line.startswith(PLAN + ":"):
            checked += 1
            if line not in stderr:
                failures.append(f"not printed by `finsam plan {PLAN}`:\n  {line}")
        for word, lines in md.items():
            if line.startswith(f"> **{word}:**"):
                checked += 1
                if line not in lines:
                    failures.append(f"not in the tables of `finsam plan {PLAN} --format md`:\n  {line}")
    if checked == 0:
        failures.append("docs/errors-and-warnings.md quotes no example of " + PLAN)
    for f in failures:
        print(f)
    print(f"{checked} examples checked, {len(failures)} wrong")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
