"""The budget tables read back: CSV with the csv module, XLSX with openpyxl (Debian
python3-openpyxl). Every Summa equals the sum of its rows as read, for both examples, a plan
with adjustments, variants, every unit and language, 40 random plans from
tests/reference/gen_plans.py and the allocation example's tables (`finsam allocate`). The workbooks also match the text dumps in tests/golden/.

Run by ctest (report.readback) with FINSAM_CLI set to the finsam executable;
FINSAM_UPDATE_GOLDEN=1 rewrites the XLSX dumps.
"""

import os
import random
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import tables_check as tc  # noqa: E402

CLI = os.environ.get("FINSAM_CLI", os.path.join(SOURCE, "build", "finsam"))
GOLDEN = os.path.join(SOURCE, "tests", "golden")
PLANS = {
    "haninge": os.path.join(SOURCE, "examples", "socsam-haninge-2005.json"),
    "dalarna": os.path.join(SOURCE, "examples", "sodra-dalarna-2011.json"),
    "adjusted": os.path.join(HERE, "plans", "adjusted.json"),
    "uppfoljning": os.path.join(SOURCE, "examples", "sodra-dalarna-2011-uppfoljning.json"),
}
DECIMALS = {"kr": 0, "tkr": 0, "mnkr": 1}


def finsam(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, f"finsam {' '.join(args)}: exit {p.returncode}\n{p.stdout}\n{p.stderr}"
    return p.stdout


def csv_tables(plan, tmp_path, lang, unit, extra=()):
    out = tmp_path / f"csv-{lang}-{unit}"
    finsam("plan", plan, "--format", "csv", "--lang", lang, "--unit", unit, "-o", str(out), *extra)
    files = sorted(os.listdir(out))
    assert files, "no CSV files written"
    return [str(out / f) for f in files]


@pytest.mark.parametrize("name", sorted(PLANS))
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("unit", ["kr", "tkr", "mnkr"])
def test_csv_sums(name, lang, unit, tmp_path):
    files = csv_tables(PLANS[name], tmp_path, lang, unit)
    kinds = [os.path.basename(f).split("-", 1)[1] for f in files]
    assert kinds[:4] == ["financing.csv", "costs.csv", "distribution.csv", "result.csv"]
    assert ("final-frame.csv" in kinds) == (name == "adjusted")
    assert ("followup.csv" in kinds and "liquidity.csv" in kinds and "liquidity-quarters.csv" in kinds) == (name == "uppfoljning")
    assert sum(tc.check_csv_table(f, lang, unit) for f in files) > 10


def test_csv_warnings_follow_their_table(tmp_path):
    # Haninge's published 25 001 tkr for the insatser: 25 001 − 24 981 = 20 tkr, under Kostnader per insats
    files = csv_tables(PLANS["haninge"], tmp_path, "sv", "tkr")
    _, _, notes = tc.read_csv([f for f in files if f.endswith("costs.csv")][0], "sv")
    assert any(n.startswith("Varning: Kostnaderna för insatser 2005: angivet 25 001 tkr") and "/checks/2005/costs/insats" in n
               for n in notes), notes
    for f in files:
        if not f.endswith("costs.csv"):
            assert not any(n.startswith("Varning") for n in tc.read_csv(f, "sv")[2]), f


@pytest.mark.parametrize("variant", ["state-plus-50", "sater-joins"])
def test_csv_sums_of_variants(variant, tmp_path):
    files = csv_tables(PLANS["dalarna"], tmp_path, "sv", "tkr", ("--variant", variant))
    for f in files:
        # a variant's files say so: scenario-state-plus-50-1-financing.csv, …
        assert os.path.basename(f).startswith(f"scenario-{variant}-"), f
        tc.check_csv_table(f, "sv", "tkr")
    assert len(files) == 5


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("unit", ["kr", "tkr", "mnkr"])
def test_comparison_adds_up(lang, unit, tmp_path):
    # `finsam compare`: every table as CSV and as a workbook, sums and differences read back
    out = tmp_path / "csv"
    finsam("compare", PLANS["dalarna"], "--format", "csv", "--lang", lang, "--unit", unit, "-o", str(out))
    files = sorted(os.listdir(out), key=lambda n: int(n.split("-", 1)[0]))
    assert len(files) == 6  # 2 variants × 3 years
    assert sum(tc.check_csv_table(str(out / f), lang, unit) for f in files) >= 6 * 18
    path = str(tmp_path / "c.xlsx")
    finsam("compare", PLANS["dalarna"], "--format", "xlsx", "--lang", lang, "--unit", unit, "-o", path)
    assert tc.check_xlsx(path, DECIMALS[unit], lang) > 6 * 10


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_comparison_with_other_income_adds_up(lang, tmp_path):
    # a plan with other income: each table has an income row, and the result is
    # contributions + income − costs in the CSV and as a workbook formula
    plan = os.path.join(HERE, "plans", "income-scenario.json")
    out = tmp_path / "csv"
    finsam("compare", plan, "--format", "csv", "--lang", lang, "-o", str(out))
    files = sorted(os.listdir(out), key=lambda n: int(n.split("-", 1)[0]))
    assert len(files) == 2  # 1 variant × 2 years
    word = "Övriga intäkter" if lang == "sv" else "Other income"
    for f in files:
        assert word in (out / f).read_text(encoding="utf-8")
        assert tc.check_csv_table(str(out / f), lang, "tkr") > 0
    path = str(tmp_path / "c.xlsx")
    finsam("compare", plan, "--format", "xlsx", "--lang", lang, "-o", path)
    assert tc.check_xlsx(path, 0, lang) > 2 * 5


def test_xlsx_of_a_variant_says_so(tmp_path):
    # the workbook's title and every sheet's heading name the scenario
    import openpyxl
    path = str(tmp_path / "v.xlsx")
    finsam("plan", PLANS["dalarna"], "--variant", "state-plus-50", "--format", "xlsx", "-o", path)
    wb = openpyxl.load_workbook(path)
    assert wb.properties.title == "Södra Dalarnas samordningsförbund – Scenario: state-plus-50 – budgettabeller"
    assert [ws["A1"].value for ws in wb.worksheets][:2] == [
        "Tabell 1. Finansiering (tkr) – Scenario: state-plus-50",
        "Tabell 2. Kostnader per insats (tkr) – Scenario: state-plus-50"]
    assert all(ws["A1"].value.endswith("– Scenario: state-plus-50") for ws in wb.worksheets)
    assert tc.check_xlsx(path) > 10


ALLOCATION = os.path.join(SOURCE, "examples", "statens-fordelning-2016.json")


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("unit", ["kr", "tkr", "mnkr"])
def test_allocation_tables_read_back(lang, unit, tmp_path):
    # finsam allocate: the two tables as CSV add up row by row and column by column, and the
    # workbook's formulas give the values it shows
    out = tmp_path / "csv"
    finsam("allocate", ALLOCATION, "--format", "csv", "--lang", lang, "--unit", unit, "-o", str(out))
    files = sorted(str(out / f) for f in os.listdir(out))
    assert [os.path.basename(f) for f in files] == ["1-allocation.csv", "2-implied-frame.csv"]
    # Table 1: 6 Summas + 13 rows' weight = its parts + 11 rows' change (12 förbund, one without a
    # previous year); Table 2: 4 Summas + 13 rows' frame = its parts: 30 + 17
    assert sum(tc.check_csv_table(f, lang, unit) for f in files) == 47
    path = str(tmp_path / "t.xlsx")
    finsam("allocate", ALLOCATION, "--format", "xlsx", "--lang", lang, "--unit", unit, "-o", path)
    assert tc.check_xlsx(path, DECIMALS[unit], lang) > 40


@pytest.mark.parametrize("name", sorted(PLANS))
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("unit", ["kr", "tkr", "mnkr"])
def test_xlsx_formulas(name, lang, unit, tmp_path):
    path = str(tmp_path / "t.xlsx")
    finsam("plan", PLANS[name], "--format", "xlsx", "--lang", lang, "--unit", unit, "-o", path)
    assert tc.check_xlsx(path, DECIMALS[unit], lang) > 10


@pytest.mark.parametrize("name", ["haninge", "dalarna", "uppfoljning"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_xlsx_golden(name, lang, tmp_path):
    path = str(tmp_path / "t.xlsx")
    finsam("plan", PLANS[name], "--format", "xlsx", "--lang", lang, "-o", path)
    dump = tc.dump_xlsx(path)
    golden = os.path.join(GOLDEN, f"{name}.{lang}.xlsx.txt")
    if os.environ.get("FINSAM_UPDATE_GOLDEN"):
        with open(golden, "w", encoding="utf-8") as f:
            f.write(dump)
    with open(golden, encoding="utf-8") as f:
        assert dump == f.read(), f"{golden} differs (FINSAM_UPDATE_GOLDEN=1 rewrites it)"


def test_xlsx_matches_csv(tmp_path):
    # The workbook stores the numbers the CSV shows: Haninge in tkr, sheet by sheet.
    import openpyxl
    path = str(tmp_path / "t.xlsx")
    finsam("plan", PLANS["haninge"], "--format", "xlsx", "--lang", "en", "-o", path)
    wb = openpyxl.load_workbook(path, data_only=True)
    files = csv_tables(PLANS["haninge"], tmp_path, "en", "tkr")
    assert len(files) == len(wb.worksheets)
    for f, ws in zip(files, wb.worksheets):
        _, rows, _ = tc.read_csv(f, "en")
        for r, row in enumerate(rows):
            for c, text in enumerate(row[1:], start=2):
                cell = ws.cell(row=r + 3, column=c).value
                if text == "":
                    assert cell is None, f"{ws.title} row {r + 3} col {c}"
                elif ws.cell(row=2, column=c).value.startswith(("Share", "Change")):
                    assert abs(cell * 100 - float(text)) < 1e-9
                else:
                    assert cell == float(text), f"{ws.title} row {r + 3} col {c}: {cell} vs {text}"


def random_plans(tmp_path, count=40, seed=4711):
    out = tmp_path / "random"
    subprocess.run([sys.executable, os.path.join(SOURCE, "tests", "reference", "gen_plans.py"),
                    "--seed", str(seed), "--count", str(count), "--out", str(out)],
                   check=True, capture_output=True, timeout=300)
    return sorted(str(out / f) for f in os.listdir(out))


def test_random_plans_add_up(tmp_path):
    rng = random.Random(11)
    plans = random_plans(tmp_path)
    assert len(plans) == 40
    checked = 0
    for i, plan in enumerate(plans):
        lang, unit = rng.choice(["sv", "en"]), rng.choice(["kr", "tkr", "mnkr"])
        sub = tmp_path / f"p{i}"
        sub.mkdir()
        for f in csv_tables(plan, sub, lang, unit):
            checked += tc.check_csv_table(f, lang, unit)
        path = str(sub / "t.xlsx")
        finsam("plan", plan, "--format", "xlsx", "--lang", lang, "--unit", unit, "-o", path)
        checked += tc.check_xlsx(path, DECIMALS[unit], lang)
    assert checked > 40 * 10
