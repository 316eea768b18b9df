#!/usr/bin/env python3
"""The outputs quoted in README.md and docs/*.md are what the programs print today.

A fenced block right after one of these comments is checked:

    <!-- output of: COMMAND -->      stdout of COMMAND (a shell command run in the source tree,
                                     with this build's `finsam` first on PATH)
    <!-- output of the python above -->  stdout of the ```python block before it, run with this
                                     build's Python package
    <!-- same as: PATH -->           the file PATH of the source tree, exactly
    <!-- part of: PATH -->           every line of the block is a line of PATH (code shown from it)

Usage: check_outputs.py FINSAM_CLI SOURCE_DIR PYTHONPATH
"""

import os
import re
import subprocess
import sys
from pathlib import Path

MARKER = re.compile(r"^<!-- (output of: (?P<cmd>.+?)|output of the python above|same as: (?P<same>\S+)|part of: (?P<part>\S+)) -->$")


def blocks(lines, start):
    """The fenced block starting at or after line `start`: (first line index, its lines)."""
    i = start
    while not lines[i].startswith("```"):
        i += 1
    j = i + 1
    while not lines[j].startswith("```"):
        j += 1
    return i, lines[i + 1:j]


def previous_python(lines, before):
    i = before - 1
    while not lines[i].startswith("```python"):
        i -= 1
    j = i + 1
    while not lines[j].startswith("```"):
        j += 1
    return "\n".join(lines[i + 1:j]) + "\n"


def main() -> int:
    finsam, source, pythonpath = Path(sys.argv[1]).resolve(), Path(sys.argv[2]), sys.argv[3]
    env = dict(os.environ, PATH=f"{finsam.parent}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONPATH=pythonpath,
               PYTHONDONTWRITEBYTECODE="1")
    failures, checked = [], 0
    for doc in [source / "README.md", *sorted((source / "docs").glob("*.md"))]:
        lines = doc.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines):
            m = MARKER.match(line)
            if not m:
                continue
            checked += 1
            at, shown = blocks(lines, n + 1)
            where = f"{doc.relative_to(source)}:{at + 1}"
            if m.group("cmd"):
                got = subprocess.run(m.group("cmd"), shell=True, cwd=source, env=env, capture_output=True, text=True).stdout
                want = "\n".join(shown) + "\n"
            elif m.group("same"):
                got = (source / m.group("same")).read_text(encoding="utf-8")
                want = "\n".join(shown) + "\n"
            elif m.group("part"):
                text = (source / m.group("part")).read_text(encoding="utf-8").splitlines()
                missing = [s for s in shown if s.strip() and s not in text]
                if missing:
                    failures.append(f"{where}: not lines of {m.group('part')}: {missing}")
                continue
            else:
                got = subprocess.run(["/usr/bin/python3", "-"], input=previous_python(lines, n), cwd=source, env=env,
                                     capture_output=True, text=True).stdout
                want = "\n".join(shown) + "\n"
            if got != want:
                failures.append(f"{where}: the block differs from what is printed now:\n--- shown\n{want}--- printed\n{got}")
    for f in failures:
        print(f)
    print(f"{checked} quoted outputs checked, {len(failures)} wrong")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
