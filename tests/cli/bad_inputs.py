#!/usr/bin/python3
"""Run cases of the bad-input catalogue (tests/bad_inputs/) through the `finsam` CLI.

    bad_inputs.py --finsam BUILD/finsam CASE.json...      check the cases
    bad_inputs.py --catalogue DIR                         check the catalogue: every NAME.json has its
                                                          NAME.expected and the reverse, ≥ 60 cases
    bad_inputs.py --reference CASE.json...                compare the pointers with the reference
                                                          evaluator tests/reference/finsam_ref.py
    bad_inputs.py --finsam BUILD/finsam --update CASE.json...
                                                          rewrite their .expected files from
                                                          the CLI's output (read every changed
                                                          message before committing it)
    bad_inputs.py --command allocate ...                  the same for the catalogue of
                                                          allocation files (tests/bad_inputs_allocation/):
                                                          `finsam allocate` in place of `finsam plan`

For each case NAME.json with NAME.expected (lines `POINTER<TAB>MESSAGE`, as the CLI prints
them after `FILE:`; lines starting with `#` are comments):
  * `finsam validate NAME.json` exits 2 and prints exactly `NAME.json:POINTER: MESSAGE` lines,
  * `finsam plan NAME.json [ARGS]` does the same,
  * `finsam plan NAME.json [ARGS] --format json` exits 2 and prints {"errors": [...]} with the
    same (path, message) pairs in the same order,
and none of them writes to stderr (with --command allocate, `finsam allocate` takes the place of
`finsam plan`). ARGS are the lines of NAME.args if it exists; such a case's
plan is valid and only the request is not (an unknown --variant), so there `validate` must
exit 0 and print nothing. Exit status 0 when every case passes, 1 otherwise.

A case NAME.json with NAME.warnings instead of NAME.expected is a plan finsam accepts but must
warn about (lines `POINTER<TAB>CODE<TAB>MESSAGE`, the base plan's warnings then each variant's
that the base does not have, with POINTER written `(variant NAME)POINTER` for those):
  * `finsam validate NAME.json` exits 0, prints nothing on stdout and exactly those warnings on
    stderr, as `NAME.json:POINTER: warning: MESSAGE [CODE]` (variants:
    `NAME.json (variant V):POINTER: …`), in the order of the file,
  * `finsam plan NAME.json --format json` exits 0 and its result's warnings are the base plan's
    (code, path, message) triples (as a set, spec 12.20).

With --reference, each case is read by the independent reference evaluator instead; where its
set of pointers differs from NAME.expected's, NAME.expected must explain the decision in a
comment line starting with "# Reference" or "# The reference". A warnings case must be accepted
by the reference with the same (code, path) pairs.
"""
import argparse
import json
import os
import subprocess
import sys

TIMEOUT = 60  # seconds per run; a case that takes longer has hung


def expected_of(case):
    """(path, message) pairs of NAME.expected (NAME.json's, or any other case file's)."""
    with open(os.path.splitext(case)[0] + ".expected", encoding="utf-8") as f:
        lines = f.read().splitlines()
    pairs = []
    for n, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        if "\t" not in line:
            raise ValueError(f"{case[:-5]}.expected:{n}: no TAB between pointer and message")
        pointer, message = line.split("\t", 1)
        pairs.append((pointer, message))
    return pairs


def warnings_of(case):
    """(pointer, code, message) triples of NAME.warnings, or None when the case has none."""
    path = case[:-5] + ".warnings"
    if not os.path.exists(path):
        return None
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f.read().splitlines(), 1):
            if line.startswith("#") or not line:
                continue
            parts = line.split("\t", 2)
            if len(parts) != 3:
                raise ValueError(f"{path}:{n}: expected POINTER<TAB>CODE<TAB>MESSAGE")
            out.append(tuple(parts))
    return out


def warning_line(case, pointer, code, message):
    """How the CLI prints a warning of `case`: the base plan's, or a variant's ("(variant V)/…")."""
    if pointer.startswith("(variant "):
        variant, _, rest = pointer.partition(")")
        return f"{case} {variant}):{rest}: warning: {message} [{code}]"
    return f"{case}:{pointer}: warning: {message} [{code}]"


def check_warnings(finsam, case, expected):
    """Failures of a warnings case: valid, and exactly these warnings."""
    failures = []
    if not expected:
        failures.append("the .warnings file is empty: a warnings case must have at least one warning")
    lines = [warning_line(case, *w) for w in expected]
    rc, out, err = run([finsam, "validate", case])
    if rc != 0 or out:
        failures.append(f"validate exits {rc} with {out[:500]!r}: expected 0 and nothing on stdout")
    if err.splitlines() != lines:
        failures.append("validate warns\n    " + "\n    ".join(err.splitlines()) + "\n  expected\n    " + "\n    ".join(lines))
    rc, out, err = run([finsam, "plan", case, "--format", "json"])
    if rc != 0:
        failures.append(f"plan --format json exits {rc}, not 0")
    else:
        got = {(w["path"], w["code"], w["message"]) for w in json.loads(out)["warnings"]}
        base = {w for w in expected if not w[0].startswith("(variant ")}
        if got != base:
            failures.append(f"the result's warnings are {sorted(got)}, expected {sorted(base)}")
    return failures


def args_of(case):
    path = case[:-5] + ".args"
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return [a for a in f.read().splitlines() if a]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def text_pairs(case, out):
    """Parse `FILE:POINTER: MESSAGE` lines; pointers in the catalogue never contain ': '."""
    pairs, bad = [], []
    for line in out.splitlines():
        if not line.startswith(case + ":"):
            bad.append(line)
            continue
        rest = line[len(case) + 1:]
        pointer, sep, message = rest.partition(": ")
        pairs.append((pointer, message) if sep else (rest, ""))
    return pairs, bad


def declares_allocation(case):
    """Whether the case's root says "format": "finsam-allocation/1" (how `finsam validate` tells
    an allocation file from a plan)."""
    try:
        with open(case, encoding="utf-8") as f:
            root = json.load(f)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(root, dict) and root.get("format") == "finsam-allocation/1"


def check(finsam, case, command="plan"):
    """Failures of one case (empty when it passes); `command` is what runs it besides validate
    (for allocation files, validate runs where the file declares its format)."""
    warnings = warnings_of(case)
    if warnings is not None:
        return check_warnings(finsam, case, warnings)
    failures = []
    expected = expected_of(case)
    if not expected:
        failures.append("the .expected file is empty: a bad input must have at least one problem")
    extra = args_of(case)
    lines = [f"{case}:{p}: {m}" for p, m in expected]

    rc, out, err = run([finsam, "validate", case])
    if command == "allocate" and not declares_allocation(case):
        pass  # validate reads it as a plan, as it should
    elif extra is None:
        if rc != 2:
            failures.append(f"validate exits {rc}, not 2")
        if out.splitlines() != lines:
            failures.append("validate prints\n    " + "\n    ".join(out.splitlines()) +
                            "\n  expected\n    " + "\n    ".join(lines))
    elif rc != 0 or out:
        failures.append(f"validate exits {rc} (the plan itself is valid: expected 0 and no output): {out[:500]}")
    if err:
        failures.append(f"validate writes to stderr: {err[:500]}")

    rc, out, err = run([finsam, command, case] + (extra or []))
    if rc != 2:
        failures.append(f"{command} exits {rc}, not 2")
    if out.splitlines() != lines:
        failures.append(f"{command} prints\n    " + "\n    ".join(out.splitlines()) +
                        "\n  expected\n    " + "\n    ".join(lines))
    if err:
        failures.append(f"{command} writes to stderr: {err[:500]}")

    rc, out, err = run([finsam, command, case] + (extra or []) + ["--format", "json"])
    if rc != 2:
        failures.append(f"{command} --format json exits {rc}, not 2")
    try:
        got = [(e["path"], e["message"]) for e in json.loads(out)["errors"]]
        if got != expected:
            failures.append(f"{command} --format json gives {got}, expected {expected}")
    except (ValueError, KeyError, TypeError) as e:
        failures.append(f"{command} --format json prints no errors object ({e}): {out[:500]}")
    if err:
        failures.append(f"{command} --format json writes to stderr: {err[:500]}")
    return failures


def update_warnings(finsam, case):
    rc, _, err = run([finsam, "validate", case])
    triples = []
    for line in err.splitlines():
        head, sep, rest = line.partition(": warning: ")
        message, _, code = rest.rpartition(" [")
        pointer = head[len(case) + 1:] if head.startswith(case + ":") else "(variant " + head[len(case) + len(" (variant "):].replace("):", ")", 1)
        triples.append((pointer, code.rstrip("]"), message))
    if rc != 0 or not triples:
        print(f"{case}: finsam exits {rc} with {len(triples)} warnings; not updated")
        return False
    comments = []
    with open(case[:-5] + ".warnings", encoding="utf-8") as f:
        comments = [line for line in f if line.startswith("#")]
    with open(case[:-5] + ".warnings", "w", encoding="utf-8") as f:
        f.writelines(comments)
        f.writelines(f"{p}\t{c}\t{m}\n" for p, c, m in triples)
    return True


def update(finsam, case, command="plan"):
    if warnings_of(case) is not None:
        return update_warnings(finsam, case)
    extra = args_of(case)
    rc, out, _ = run([finsam, command, case] + (extra or []) + ["--format", "json"])
    errors = json.loads(out)["errors"] if out.strip() else []
    if rc != 2 or not errors:
        print(f"{case}: finsam exits {rc} with {len(errors)} problems; not updated")
        return False
    for e in errors:
        if "\t" in e["path"] or "\n" in e["path"] + e["message"]:
            print(f"{case}: a pointer or message holds a TAB or line break; not updated")
            return False
    comments = []
    if os.path.exists(case[:-5] + ".expected"):
        with open(case[:-5] + ".expected", encoding="utf-8") as f:
            comments = [line for line in f if line.startswith("#")]
    with open(case[:-5] + ".expected", "w", encoding="utf-8") as f:
        f.writelines(comments)
        f.writelines(f"{e['path']}\t{e['message']}\n" for e in errors)
    return True


def check_reference(case):
    """Failures of one case against the reference evaluator's pointers."""
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "..", "reference"))
    import finsam_ref
    warnings = warnings_of(case)
    if warnings is not None:
        try:
            with open(case, "rb") as f:
                base, variants = finsam_ref.evaluate_all(finsam_ref.load_json_bytes(f.read()))
        except finsam_ref.RefPlanError as e:
            return [f"the reference evaluator refuses it: {e.problems[:3]}"]
        # the base plan's warnings are the same (code, path) pairs; each variant warning listed is
        # among the variant's (the reference's messages differ, so which are new is finsam's to say)
        got = {(w["path"], w["code"]) for w in base["warnings"]}
        want = {(p, c) for p, c, _ in warnings if not p.startswith("(variant ")}
        failures = [] if got == want else [f"the reference warns {sorted(got)}, expected {sorted(want)}"]
        for p, c, _ in warnings:
            if p.startswith("(variant "):
                name, _, path = p[len("(variant "):].partition(")")
                if (path, c) not in {(w["path"], w["code"]) for w in variants.get(name, {"warnings": []})["warnings"]}:
                    failures.append(f"the reference's variant {name} does not warn {c} at {path}")
        return failures
    with open(case[:-5] + ".expected", encoding="utf-8") as f:
        if any(line.startswith(("# Reference", "# The reference")) for line in f):
            return []  # a documented decision: any difference is explained (and the reference may be slow)
    extra = args_of(case) or []
    variant = extra[extra.index("--variant") + 1] if "--variant" in extra else None
    try:
        finsam_ref.evaluate_file(case, variant)
        ref = None
    except finsam_ref.RefPlanError as e:
        ref = {p for p, _ in e.problems}
    if ref == {p for p, _ in expected_of(case)}:
        return []
    if ref is None:
        return ["the reference evaluator accepts it and .expected does not say why"]
    return [f"pointers differ from the reference's {sorted(ref)} and .expected does not say why"]


def check_catalogue(directory, ext=".json", minimum=60, companions=(".args",), needed=()):
    """Every case NAME+ext has its NAME.expected and the reverse, companion files (NAME.args)
    have their case, the files `needed` are there, and there are at least `minimum` cases."""
    names = os.listdir(directory)
    cases = {n[:-len(ext)] for n in names if n.endswith(ext) and n not in needed}
    expected = {n[:-9] for n in names if n.endswith(".expected")}
    warned = {n[:-9] for n in names if n.endswith(".warnings")}
    failures = [f"{c}{ext} has no {c}.expected (or {c}.warnings)" for c in sorted(cases - expected - warned)]
    failures += [f"{c} has both .expected and .warnings" for c in sorted(expected & warned)]
    failures += [f"{c}.expected has no {c}{ext}" for c in sorted(expected - cases)]
    failures += [f"{c}.warnings has no {c}{ext}" for c in sorted(warned - cases)]
    for companion in companions:
        extra = {n[:-len(companion)] for n in names if n.endswith(companion)}
        failures += [f"{c}{companion} has no {c}{ext}" for c in sorted(extra - cases)]
    failures += [f"{n} is missing" for n in needed if n not in names]
    if len(cases) < minimum:
        failures.append(f"only {len(cases)} cases; the catalogue keeps at least {minimum}")
    for f in failures:
        print(f"FAIL {f}")
    print(f"{len(cases)} cases")
    return 1 if failures else 0


def run_cases(cases, check_one, update_one=None):
    """Check each case (or rewrite its .expected with `update_one`), printing ok or FAIL with
    the failures; the exit status: 0 when every case passes, 1 otherwise."""
    failed = 0
    for case in cases:
        if update_one:
            failed += not update_one(case)
            continue
        try:
            failures = check_one(case)
        except (OSError, ValueError, subprocess.TimeoutExpired) as e:
            failures = [str(e)]
        if failures:
            failed += 1
            print(f"FAIL {case}")
            for f in failures:
                print("  " + f)
        else:
            print(f"ok   {case}")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--finsam")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--reference", action="store_true")
    ap.add_argument("--catalogue", metavar="DIR")
    ap.add_argument("--minimum", type=int, default=60, help="with --catalogue: the fewest cases it keeps")
    ap.add_argument("--command", default="plan", choices=["plan", "allocate"],
                    help="what runs each case besides `finsam validate`: plan (tests/bad_inputs/) or "
                         "allocate (tests/bad_inputs_allocation/)")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    if a.catalogue:
        return check_catalogue(a.catalogue, minimum=a.minimum)
    if not a.reference and not a.finsam:
        ap.error("--finsam is needed")
    return run_cases(a.cases, (lambda c: check_reference(c)) if a.reference else (lambda c: check(a.finsam, c, a.command)),
                     (lambda c: update(a.finsam, c, a.command)) if a.update else None)


if __name__ == "__main__":
    sys.exit(main())
