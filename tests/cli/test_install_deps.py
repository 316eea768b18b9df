"""scripts/install-deps.sh waits for another apt/dpkg run instead of failing (issue 14).

Run by ctest as: /usr/bin/python3 test_install_deps.py SOURCE_DIR
The script runs against fake `dpkg-query`, `apt-get` and `sudo` earlier in PATH: nothing is
installed. The fake apt-get answers "Could not get lock" as many times as the test says, then
succeeds, and logs every call.
"""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

SRC = None

FAKE_DPKG_QUERY = """#!/bin/sh
# every package is installed except finsam-test-missing
for last; do :; done
if [ "$last" = "finsam-test-missing" ]; then exit 1; fi
printf 'install ok installed'
"""

FAKE_APT_GET = """#!/bin/sh
# locked for the first $LOCKED calls (a counter file), then succeeds; logs its arguments
n=$(cat "$FAKE_DIR/count" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$FAKE_DIR/count"
echo "$*" >> "$FAKE_DIR/log"
if [ -n "$FAIL" ]; then echo "E: Unable to locate package finsam-test-missing" >&2; exit 100; fi
if [ "$n" -le "$LOCKED" ]; then
  echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2
  exit 100
fi
exit 0
"""

FAKE_SUDO = """#!/bin/sh
exec "$@"
"""


class InstallDeps(unittest.TestCase):
    def run_script(self, locked, wait="600", fail=False):
        with tempfile.TemporaryDirectory() as d:
            for name, body in (("dpkg-query", FAKE_DPKG_QUERY), ("apt-get", FAKE_APT_GET), ("sudo", FAKE_SUDO)):
                path = os.path.join(d, name)
                with open(path, "w") as f:
                    f.write(textwrap.dedent(body))
                os.chmod(path, 0o755)
            env = dict(os.environ, PATH=d + os.pathsep + os.environ["PATH"], FAKE_DIR=d, LOCKED=str(locked),
                       FINSAM_APT_WAIT=wait, FINSAM_APT_RETRY="0.2", FAIL="1" if fail else "")
            p = subprocess.run(["bash", os.path.join(SRC, "scripts", "install-deps.sh"), "finsam-test-missing"],
                               capture_output=True, text=True, timeout=120, env=env)
            log = open(os.path.join(d, "log")).read().splitlines() if os.path.exists(os.path.join(d, "log")) else []
            return p, log

    def test_nothing_missing_runs_no_apt(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "dpkg-query"), "w") as f:
                f.write("#!/bin/sh\nprintf 'install ok installed'\n")
            os.chmod(os.path.join(d, "dpkg-query"), 0o755)
            env = dict(os.environ, PATH=d + os.pathsep + os.environ["PATH"])
            p = subprocess.run(["bash", os.path.join(SRC, "scripts", "install-deps.sh")], capture_output=True,
                               text=True, timeout=60, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, "")

    def test_waits_for_the_lock(self):
        # locked twice (the lists' lock during update), then update and install succeed
        p, log = self.run_script(locked=2)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.count("waiting for another apt/dpkg run to finish"), 2, p.stdout)
        self.assertEqual(len(log), 4, log)  # update ×3, install ×1
        self.assertTrue(all("DPkg::Lock::Timeout=600" in line for line in log), log)
        self.assertIn("update", log[2])
        self.assertIn("install -y -qq --no-install-recommends finsam-test-missing", log[3])

    def test_gives_up_after_the_wait(self):
        p, log = self.run_script(locked=10_000, wait="1")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("still locked by another run after 1 s", p.stderr)
        self.assertTrue(all("update" in line for line in log), log)  # never got to install

    def test_other_failures_are_not_retried(self):
        p, log = self.run_script(locked=0, fail=True)
        self.assertEqual(p.returncode, 100)
        self.assertIn("Unable to locate package", p.stderr)
        self.assertEqual(len(log), 1, log)
        self.assertNotIn("waiting", p.stdout)


if __name__ == "__main__":
    SRC = sys.argv.pop(1)
    unittest.main()
