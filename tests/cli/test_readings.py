"""The exact readings 12.21–12.24 and the defects of issue 13 through the command line.

Run by ctest as: /usr/bin/python3 test_readings.py FINSAM_BINARY SOURCE_DIR (stdlib only, so
the sanitizer build runs it too). The cases, with their hand arithmetic, are in
tests/readings/cases.py; tests/python/test_readings.py runs the same through Python.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

FINSAM = None
CASES = []


def run_plan(plan):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "plan.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(plan, f, ensure_ascii=False)
        text = subprocess.run([FINSAM, "plan", path], capture_output=True, timeout=120)
        js = subprocess.run([FINSAM, "plan", path, "--format", "json"], capture_output=True, timeout=120)
        return path, text, js


class Readings(unittest.TestCase):
    def test_cases(self):
        for case in CASES:
            with self.subTest(case["name"]):
                path, text, js = run_plan(case["plan"])
                if "errors" in case:
                    self.assertEqual(text.returncode, 2)
                    self.assertEqual(text.stderr, b"")
                    expected = "".join(f"{path}:{p}: {m}\n" for p, m in case["errors"])
                    self.assertEqual(text.stdout.decode("utf-8"), expected)
                    self.assertEqual(js.returncode, 2)
                    self.assertEqual([(e["path"], e["message"]) for e in json.loads(js.stdout)["errors"]],
                                     [tuple(e) for e in case["errors"]])
                else:
                    self.assertEqual(js.returncode, 0, js.stdout.decode("utf-8", "replace"))
                    case["check"](json.loads(js.stdout))


if __name__ == "__main__":
    FINSAM, src = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.path.join(src, "tests", "readings"))
    from cases import CASES  # noqa: E402
    unittest.main(argv=[sys.argv[0], "-v"])
