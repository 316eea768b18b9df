#!/usr/bin/python3
"""docs/tables.md shows the Haninge tables exactly as `finsam plan … --format md` prints them.

    docs_tables.py FINSAM_CLI SOURCE_DIR [--update]

Compares the block between the BEGIN/END markers in docs/tables.md with the command's output;
--update rewrites the block from the output (never edit it by hand).
"""

import subprocess
import sys

BEGIN = "<!-- BEGIN: finsam plan examples/socsam-haninge-2005.json --format md -->\n"
END = "<!-- END: finsam plan -->\n"


def main():
    cli, source = sys.argv[1:3]
    update = "--update" in sys.argv[3:]
    out = subprocess.run([cli, "plan", "examples/socsam-haninge-2005.json", "--format", "md"], cwd=source,
                         check=True, capture_output=True, text=True, timeout=60).stdout
    path = f"{source}/docs/tables.md"
    with open(path, encoding="utf-8") as f:
        readme = f.read()
    if readme.count(BEGIN) != 1 or readme.count(END) != 1:
        print(f"FAILED: docs/tables.md needs one line {BEGIN.strip()} and one {END.strip()}")
        return 1
    head, rest = readme.split(BEGIN)
    shown, tail = rest.split(END)
    block = "\n" + out + "\n"
    if shown == block:
        print("docs/tables.md shows the tables as finsam prints them")
        return 0
    if update:
        with open(path, "w", encoding="utf-8") as f:
            f.write(head + BEGIN + block + END + tail)
        print("docs/tables.md updated")
        return 0
    print("FAILED: the tables in docs/tables.md differ from `finsam plan examples/socsam-haninge-2005.json --format md`; "
          f"run {sys.argv[0]} {cli} {source} --update")
    return 1


if __name__ == "__main__":
    sys.exit(main())
