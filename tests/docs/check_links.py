#!/usr/bin/env python3
"""Every link of README.md, docs/*.md and the folders' README.md files resolves: a relative
link names a file or folder of the source tree, and a `#fragment` a heading of the file it
points to (GitHub's anchors: lower case, punctuation dropped, spaces as hyphens). Links out of
the tree (http, mailto) are not followed. The docs index of README.md links every docs/*.md.

Usage: check_links.py SOURCE_DIR
"""

import re
import sys
from pathlib import Path

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~)")


def anchors(path: Path) -> set[str]:
    """GitHub's heading anchors of a Markdown file (the first of equal headings only)."""
    out, fenced = set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            text = line.lstrip("#").strip().lower()
            out.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    return out


def links(path: Path):
    """(line number, target) of every Markdown link outside code blocks and code spans."""
    fenced = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            for target in LINK.findall(re.sub(r"`[^`]*`", "", line)):
                yield n, target


def main() -> int:
    source = Path(sys.argv[1]).resolve()
    docs = [source / "README.md", *sorted((source / "docs").glob("*.md")),
            *sorted(p for p in source.glob("*/**/README.md") if "build" not in p.relative_to(source).parts[0])]
    failures, checked = [], 0
    for doc in docs:
        for n, target in links(doc):
            if re.match(r"^[a-z]+:", target):
                continue
            checked += 1
            file, _, fragment = target.partition("#")
            dest = (doc.parent / file).resolve() if file else doc
            where = f"{doc.relative_to(source)}:{n}: {target}"
            if not dest.exists():
                failures.append(f"{where}: no such file")
            elif fragment and dest.suffix == ".md" and fragment not in anchors(dest):
                failures.append(f"{where}: no heading #{fragment} in {dest.relative_to(source)}")
    readme = (source / "README.md").read_text(encoding="utf-8")
    for page in sorted((source / "docs").glob("*.md")):
        if f"(docs/{page.name})" not in readme:
            failures.append(f"README.md: docs/{page.name} is not linked from the front page")
    for f in failures:
        print(f)
    print(f"{checked} links in {len(docs)} files checked, {len(failures)} wrong")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
