"""Headless Chromium for the tests of the HTML page (render_html.py, print_pdf.py): finding it,
running it on a page with a profile of its own, and the way these scripts exit.

Exit status of a script run through run_main(): 0 all checks passed, 1 a check failed (an
AssertionError, printed as FAILED: …), 77 Chromium is not installed (ctest reports the test as
skipped; `scripts/install-deps.sh chromium` installs it, as .ci/run does).
"""

import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def find():
    """The Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def skipped(what):
    """The message and exit status of a run without Chromium."""
    print(f"SKIPPED: Chromium is not installed, so {what}. "
          "Install it with `scripts/install-deps.sh chromium` (.ci/run does).")
    return SKIP


def render(chromium, page, output, *options):
    """Run headless Chromium on the file `page` with `options` (--screenshot=…, --print-to-pdf=…)
    in a fresh profile; AssertionError unless it succeeds and writes `output`."""
    with tempfile.TemporaryDirectory(prefix="finsam-chromium-") as profile:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}", *options, "file://" + os.path.abspath(page)]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if p.returncode != 0 or not os.path.exists(output):
        raise AssertionError(f"chromium failed ({p.returncode}):\n{p.stderr[-2000:]}")


def run_main(main):
    """sys.exit with main()'s status, or 1 with the message of a failed check."""
    try:
        sys.exit(main())
    except AssertionError as e:
        print(f"FAILED: {e}")
        sys.exit(1)
