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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402  (tests/report/chromium.py)

WIDTH, HEIGHT = 1200, 2400


def screenshot(chromium_path, html, png):
    chromium.render(chromium_path, html, png, "--hide-scrollbars", f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}")


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
    chromium_path = chromium.find()
    if not chromium_path:
        return chromium.skipped("the HTML tables were not rendered")
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
        screenshot(chromium_path, html, png)
        check_png(png, warn)
    return 0


if __name__ == "__main__":
    chromium.run_main(main)
