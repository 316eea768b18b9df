#!/usr/bin/python3
"""Render the HTML budget tables in headless Chromium and check the screenshot is not blank.

    render_html.py FINSAM_CLI SOURCE_DIR WORK_DIR

Exit 0: both examples rendered to PNG pages with text, table rules and (Haninge) the
warning box; 1: a check failed; 77: Chromium is not installed (ctest reports the test as
skipped; `scripts/install-deps.sh chromium` installs it, as .ci/run does).
"""

import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
WIDTH, HEIGHT = 1200, 2400


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(chromium, html, png, profile):
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
           f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}", "file://" + os.path.abspath(html)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if p.returncode != 0 or not os.path.exists(png):
        raise AssertionError(f"chromium failed ({p.returncode}):\n{p.stderr[-2000:]}")


def check_png(png, expect_warning):
    from PIL import Image
    img = Image.open(png).convert("RGB")
    assert img.size == (WIDTH, HEIGHT), f"{png}: size {img.size}"
    pixels = list(img.getdata())
    total = len(pixels)
    dark = sum(1 for r, g, b in pixels if r + g + b < 3 * 100)            # text and rules
    white = sum(1 for r, g, b in pixels if r > 245 and g > 245 and b > 245)
    colours = len(set(pixels))
    # the warning box: background #fff4e5, border #d97706
    warning = sum(1 for r, g, b in pixels if abs(r - 0xff) < 4 and abs(g - 0xf4) < 4 and abs(b - 0xe5) < 4)
    print(f"{os.path.basename(png)}: {dark} dark pixels, {white} white, {colours} colours, {warning} warning-box pixels")
    assert dark > 5000, f"{png}: almost no text ({dark} dark pixels): blank page?"
    assert white > total // 3, f"{png}: not a white page ({white} white pixels of {total})"
    assert colours > 20, f"{png}: only {colours} colours: not rendered text"
    if expect_warning:
        assert warning > 2000, f"{png}: no warning box ({warning} pixels)"


def main():
    cli, source, work = sys.argv[1:4]
    chromium = find_chromium()
    if not chromium:
        print("SKIPPED: Chromium is not installed, so the HTML tables were not rendered. "
              "Install it with `scripts/install-deps.sh chromium` (.ci/run does).")
        return SKIP
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for name, plan, warn in (("haninge", "socsam-haninge-2005.json", True), ("dalarna", "sodra-dalarna-2011.json", False)):
        html = os.path.join(work, name + ".html")
        subprocess.run([cli, "plan", os.path.join(source, "examples", plan), "--format", "html", "-o", html],
                       check=True, capture_output=True, timeout=60)
        with open(html, encoding="utf-8") as f:
            page = f.read()
        assert "<script" not in page and "http://" not in page and "https://" not in page, "the page must be standalone"
        png = os.path.join(work, name + ".png")
        with tempfile.TemporaryDirectory(prefix="finsam-chromium-") as profile:
            screenshot(chromium, html, png, profile)
        check_png(png, warn)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print(f"FAILED: {e}")
        sys.exit(1)
