#!/usr/bin/python3
"""Every error the command line prints names its file and a JSON pointer (spec 11, 12.23).

    pointer_lines.py --finsam BUILD/finsam SOURCE_DIR [--corpus DIR ...] [--mutants N] [--seed S]

Feeds the fuzz corpus through `finsam validate FILE` and `finsam plan FILE --format json` (`finsam
allocate` for a file that declares the allocation format): the seeds `make fuzz` starts from (the
examples, the bad-input catalogue without its slow too_large_* cases, the catalogue of bad
allocation files, the exact-reading cases of tests/readings/), any corpus directories given
(such as build-fuzz/corpus after a fuzzing run), and N mutants of each JSON seed in which one
value is replaced by an edge case (fractions with signs and zero denominators, huge and
zero-padded numbers, exponents beyond 400, wrong types, bad months). For every input:

  * the exit status is 0 or 2, within the time limit;
  * on status 2, every line on stdout is `FILE:POINTER: message` with POINTER "" or "/…", and
    the JSON form is {"errors": [{"path": "" or "/…", "message": non-empty}, …]};
  * nothing on stderr but warnings (`FILE:POINTER: warning: …`, a variant's `FILE (variant NAME):POINTER:
    warning: …`): never a bare `finsam: …`
    message, which is what an exception escaping without a pointer looks like.

Exit status 0 when every input passes, 1 otherwise (each failure printed with its input).
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

TIMEOUT = 120

# edge values: strings and raw JSON number text (written as "@raw:TEXT")
EDGES = ["-1/-2", "1/-2", "1/-0", "-0/5", "0/0", "3//4", "-", "", "-0", "+1", "1,5", " 1", "1e3",
         "0000000000000021583", "9" * 30, "-" + "9" * 30, "1." + "0" * 30 + "1", "2011-13", "2011-07",
         "@raw:1e400", "@raw:1e401", "@raw:-1e-401", "@raw:" + "9" * 40, "@raw:0.000000001",
         "@raw:1.5", "@raw:-1", "@raw:0", "@raw:9999", "@raw:10000", None, True, [], {}, {"2011": "x"}]


def leaves(node, path=()):
    """Every (path, value) of a JSON tree, containers included (not the root)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield path + (k,), v
            yield from leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield path + (i,), v
            yield from leaves(v, path + (i,))


def replaced(doc, path, value):
    doc = json.loads(json.dumps(doc))
    node = doc
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    return doc


def mutants(seed_files, n, rng):
    for f in seed_files:
        try:  # numbers as "@raw:TEXT", so they are written back exactly as they were
            with open(f, encoding="utf-8") as fh:
                doc = json.load(fh, parse_float=lambda s: "@raw:" + s, parse_int=lambda s: "@raw:" + s)
        except (ValueError, UnicodeDecodeError, RecursionError):
            continue
        if not isinstance(doc, dict):
            continue
        paths = [p for p, _ in leaves(doc)]
        for _ in range(min(n, len(paths))):
            p = rng.choice(paths)
            yield f"{os.path.basename(f)}{''.join('/' + str(k) for k in p)}", replaced(doc, p, rng.choice(EDGES))


def dumps_raw(doc):
    """JSON text in which "@raw:TEXT" strings are the number TEXT."""
    text = json.dumps(doc)  # ASCII: a lone surrogate of a seed stays an escape, as it was written
    out, i = [], 0
    while True:
        j = text.find('"@raw:', i)
        if j < 0:
            break
        k = text.index('"', j + 1)
        out.append(text[i:j])
        out.append(text[j + 6:k])
        i = k + 1
    out.append(text[i:])
    return "".join(out)


def command_for(path):
    """`allocate` for a file that declares "format": "finsam-allocation/1", else `plan`."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return "plan"
    return "allocate" if isinstance(doc, dict) and doc.get("format") == "finsam-allocation/1" else "plan"


def check(finsam, path, label):
    """Problems of one input, as text ("" when it passes)."""
    bad = []
    command = command_for(path)
    try:
        v = subprocess.run([finsam, "validate", path], capture_output=True, timeout=TIMEOUT)
        j = subprocess.run([finsam, command, path, "--format", "json"], capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"{label}: no answer within {TIMEOUT} s"
    for name, p in (("validate", v), (command + " --format json", j)):
        if p.returncode not in (0, 2):
            bad.append(f"{name} exit status {p.returncode}")
        for line in p.stderr.decode("utf-8", "replace").splitlines():
            if not ((line.startswith(path + ":") or line.startswith(path + " (variant ")) and ": warning: " in line):
                bad.append(f"{name} stderr: {line[:200]}")
    if v.returncode == 2:
        for line in v.stdout.decode("utf-8", "replace").splitlines():
            rest = line[len(path) + 1:] if line.startswith(path + ":") else None
            if rest is None or not (rest.startswith(": ") or (rest.startswith("/") and ": " in rest)):
                bad.append(f"validate line without FILE:POINTER: {line[:200]}")
    if j.returncode == 2:
        try:
            errors = json.loads(j.stdout)["errors"]
            for e in errors:
                if not isinstance(e.get("path"), str) or (e["path"] and not e["path"].startswith("/")) or not e.get("message"):
                    bad.append(f"json error without a pointer or message: {e}")
            if not errors:
                bad.append("exit 2 with no errors")
        except (ValueError, KeyError, TypeError) as ex:
            bad.append(f"--format json output is not {{\"errors\": …}}: {ex}")
    if v.returncode != j.returncode and not (v.returncode == 0 and j.returncode == 2):
        bad.append(f"validate exits {v.returncode}, {command} {j.returncode}")
    return "" if not bad else label + ":\n    " + "\n    ".join(bad)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--finsam", required=True)
    ap.add_argument("source")
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("--mutants", type=int, default=6)
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args()
    src = a.source
    seeds = sorted(os.path.join(src, "examples", f) for f in os.listdir(os.path.join(src, "examples")) if f.endswith(".json"))
    cat = os.path.join(src, "tests", "bad_inputs")
    seeds += sorted(os.path.join(cat, f) for f in os.listdir(cat) if f.endswith(".json") and not f.startswith("too_large_"))
    cat = os.path.join(src, "tests", "bad_inputs_allocation")
    seeds += sorted(os.path.join(cat, f) for f in os.listdir(cat) if f.endswith(".json"))
    corpus = [os.path.join(d, f) for d in a.corpus for f in sorted(os.listdir(d))]
    sys.path.insert(0, os.path.join(src, "tests", "readings"))
    from cases import CASES
    failures, count = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        readings = []
        for c in CASES:
            readings.append(os.path.join(tmp, "reading_" + c["name"] + ".json"))
            with open(readings[-1], "w", encoding="utf-8") as f:
                json.dump(c["plan"], f, ensure_ascii=False)
        for f in seeds + corpus + readings:
            count += 1
            failures.append(check(a.finsam, f, f))
        rng = random.Random(a.seed)
        for i, (label, doc) in enumerate(mutants(seeds + readings, a.mutants, rng)):
            path = os.path.join(tmp, f"mutant_{i}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(dumps_raw(doc))
            count += 1
            r = check(a.finsam, path, f"mutant {label}")
            if r:
                with open(path, encoding="utf-8") as f:
                    r += "\n    input: " + f.read()[:2000]
            failures.append(r)
    failures = [f for f in failures if f]
    for f in failures:
        print("FAIL " + f)
    print(f"{count} inputs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
