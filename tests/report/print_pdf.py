#!/usr/bin/python3
"""Print the HTML budget tables to PDF with headless Chromium and read the paper back.

    print_pdf.py FINSAM_CLI SOURCE_DIR WORK_DIR

For both examples, a variant of one (its "Scenario: NAME" label) and a generated plan with 10
members with long names, 5 years and 40 interventions (so that tables run over several
pages), `finsam plan --format html` is printed with `chromium --headless --print-to-pdf`, as
"Save as PDF" would, and read back with poppler-utils:

- `pdfinfo`: every page is A4 (portrait or landscape);
- `pdftotext -raw`: every member name, every year heading, and every Summa row the HTML shows
  (its label and figures in order) are on the paper; every page with rows of a long table shows
  its header row;
- `pdftotext -bbox`: no word lies beyond the page's edges (no column is cut off).

Exit 0: all checks passed; 1: a check failed; 77: Chromium is not installed (ctest reports
the test as skipped; `scripts/install-deps.sh chromium` installs it, as .ci/run does).
poppler-utils is a required test package (scripts/install-deps.sh installs it).
"""

import html.parser
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402  (tests/report/chromium.py)

LONG_NAMES = [
    "Försäkringskassan (med Arbetsförmedlingen)", "Region Stockholm, Hälso- och sjukvårdsförvaltningen",
    "Upplands Väsby kommun", "Sollentuna kommun", "Sigtuna kommun", "Vallentuna kommun",
    "Österåkers kommun", "Norrtälje kommun", "Danderyds kommun", "Täby kommun"]


def wide_plan():
    """10 members with long names, 5 years, 40 interventions (owner keys spread over members)."""
    ids = ["fk", "region"] + [f"kommun{i}" for i in range(8)]
    kinds = ["state", "region"] + ["municipality"] * 8
    members = [{"id": i, "name": n, "kind": k, "population": {"2020": 10000 + 1234 * j}}
               for j, (i, n, k) in enumerate(zip(ids, LONG_NAMES, kinds))]
    interventions = [
        {"id": f"insats{j}", "name": f"Insats {j + 1}: arbetslivsinriktad rehabilitering i samverkan",
         "amounts": {"2020": str(100000 + 37777 * j)}, "change": {"uprate": "2.5"},
         "financing": {"frame_part": "20", "key": {ids[j % 10]: "1", ids[(j + 3) % 10]: "2"}}}
        for j in range(40)]
    return {"format": "finsam/1", "name": "Samordningsförbundet med tio huvudmän", "years": [2020, 2024],
            "members": members, "shares": {"rule": "law", "municipal_key": "population"},
            "frame": {"2020": {"total": "30000000"}}, "interventions": interventions,
            "equity": {"opening": "500000"}}


class Shown(html.parser.HTMLParser):
    """What the HTML page shows: header rows and the cells of every Summa row, per table."""

    def __init__(self):
        super().__init__()
        self.tables = []   # [{"headers": [...], "summa": [[cell, ...], ...]}]
        self.row = None
        self.cell = None
        self.in_head = False
        self.summa = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"headers": [], "summa": []})
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row = []
            self.summa = a.get("class") == "summa"
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.in_head:
                self.tables[-1]["headers"] = self.row
            elif self.summa:
                self.tables[-1]["summa"].append(self.row)
            self.row = None
        elif tag == "thead":
            self.in_head = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def squeeze(text):
    """Text without any whitespace (lines wrap and headers break inside words on paper)."""
    return re.sub(r"\s+", "", text.replace("\u00ad", ""))


def check_pdf(name, page_text, pdf, expect_names, expect_scenario, expect_repeated_header):
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", pdf], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"^Page\s+\d+ size:\s+(.*)$", info, re.M)
    assert sizes, f"{name}: pdfinfo shows no pages:\n{info}"
    for s in sizes:
        assert s.endswith("(A4)"), f"{name}: a page is not A4: {s}"
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = squeeze(text)
    shown = Shown()
    shown.feed(page_text)
    assert shown.tables, f"{name}: no tables in the HTML"
    for member in expect_names:
        assert squeeze(member) in flat, f"{name}: the member {member!r} is not on the paper"
    checked = 0
    for t in shown.tables:
        for h in t["headers"]:
            if re.fullmatch(r"(Budget|Plan) \d{4}", h):
                assert squeeze(h) in flat, f"{name}: the year heading {h!r} is not on the paper"
        for row in t["summa"]:
            cells = squeeze("".join(row))
            assert cells in flat, f"{name}: the Summa row {row} is not on the paper"
            checked += 1
    assert checked >= 4, f"{name}: only {checked} Summa rows checked"
    if expect_scenario:
        assert squeeze(f"Scenario: {expect_scenario}") in flat, f"{name}: no 'Scenario: {expect_scenario}' on paper"
    if expect_repeated_header:
        # every page with rows of the long tables (Kostnader per insats, Fördelning per huvudman:
        # their rows are "Insats N: …") shows one of their header rows
        heads = [squeeze("".join(t["headers"])) for t in shown.tables[1:3]]
        pages_with_rows = 0
        for page in range(1, len(sizes) + 1):
            text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(page), "-l", str(page), pdf, "-"],
                                  capture_output=True, text=True, check=True).stdout
            # a row starts a line with its label; a footnote names rows too, with "tkr" figures
            if any(re.match(r"Insats \d+:", line) and "tkr" not in line for line in text.splitlines()):
                pages_with_rows += 1
                assert any(h in squeeze(text) for h in heads), f"{name}: page {page} has table rows but no header row"
        assert pages_with_rows >= 3, f"{name}: the long tables run over {pages_with_rows} pages"
    # no word beyond a page's edges
    bbox = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
    assert len(pages) == len(sizes)
    words = 0
    for width, height, body in pages:
        for x0, y0, x1, y1, w in re.findall(
                r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', body):
            words += 1
            assert float(x0) >= 0 and float(x1) <= float(width) + 0.5, f"{name}: {w!r} is cut off at x={x1} > {width}"
            assert float(y0) >= 0 and float(y1) <= float(height) + 0.5, f"{name}: {w!r} is cut off at y={y1}"
    print(f"{name}: {len(sizes)} A4 pages ({', '.join(sorted(set(sizes)))}), {words} words, "
          f"{len(expect_names)} members, {checked} Summa rows on paper")
    return len(sizes)


def main():
    cli, source, work = sys.argv[1:4]
    chromium_path = chromium.find()
    if not chromium_path:
        return chromium.skipped("the HTML tables were not printed to PDF")
    for tool in ("pdftotext", "pdfinfo"):
        assert shutil.which(tool), f"{tool} is missing: install poppler-utils (scripts/install-deps.sh does)"
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    wide = os.path.join(work, "wide.json")
    with open(wide, "w", encoding="utf-8") as f:
        json.dump(wide_plan(), f, ensure_ascii=False)
    dalarna = os.path.join(source, "examples", "sodra-dalarna-2011.json")
    cases = [
        ("haninge", os.path.join(source, "examples", "socsam-haninge-2005.json"), []),
        ("dalarna", dalarna, []),
        ("dalarna-state-plus-50", dalarna, ["--variant", "state-plus-50"]),
        ("dalarna-en-kr", dalarna, ["--lang", "en", "--unit", "kr"]),
        ("wide", wide, []),
    ]
    for name, plan, extra in cases:
        page = os.path.join(work, name + ".html")
        subprocess.run([cli, "plan", plan, "--format", "html", "-o", page, *extra], check=True,
                       capture_output=True, timeout=60)
        with open(page, encoding="utf-8") as f:
            page_text = f.read()
        with open(plan, encoding="utf-8") as f:
            doc = json.load(f)
        names = [m.get("name", m["id"]) for m in doc["members"]]
        if name == "dalarna-state-plus-50":
            scenario = "state-plus-50"
        else:
            scenario = None
        pdf = os.path.join(work, name + ".pdf")
        chromium.render(chromium_path, page, pdf, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
        pages = check_pdf(name, page_text, pdf, names, scenario, expect_repeated_header=name == "wide")
        if name == "wide":
            assert pages >= 3, f"wide: {pages} pages; the tables should run over several"
            assert all(n in names for n in LONG_NAMES)
    return 0


if __name__ == "__main__":
    chromium.run_main(main)
