"""Budget tables: the core's table model (report.hpp) as Table objects, equal to the CLI's output."""

from __future__ import annotations

import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

import finsam
from conftest import DALARNA, EXAMPLE_RUNS, HANINGE

RUNS = [(p, v, unit, lang) for p, v in EXAMPLE_RUNS for unit, lang in (("tkr", "sv"), ("kr", "en"))] + [
    (HANINGE, None, "mnkr", "sv")]


def cli_args(path, variant, unit, lang, fmt):
    return ["plan", str(path), "--format", fmt, "--unit", unit, "--lang", lang, *(["--variant", variant] if variant else [])]


@pytest.mark.parametrize("path,variant,unit,lang", RUNS,
                         ids=[f"{p.stem}:{v or 'base'}:{u}:{lang}" for p, v, u, lang in RUNS])
def test_markdown_and_html_equal_the_cli(cli, path, variant, unit, lang):
    tables = finsam.load(path).evaluate(variant).tables(unit=unit, lang=lang)
    rc, md, _ = cli.run(*cli_args(path, variant, unit, lang, "md"))
    assert rc == 0 and tables.to_markdown() == md
    rc, page, _ = cli.run(*cli_args(path, variant, unit, lang, "html"))
    assert rc == 0 and tables.to_html() == page


def test_ids_are_the_cli_csv_file_names(cli, tmp_path: Path):
    rc, _, _ = cli.run("plan", str(HANINGE), "--format", "csv", "-o", str(tmp_path / "csv"))
    assert rc == 0
    names = sorted(os.listdir(tmp_path / "csv"), key=lambda n: int(n.split("-", 1)[0]))
    tables = finsam.load(HANINGE).evaluate().tables()
    assert [f"{i + 1}-{t}.csv" for i, t in enumerate(tables.ids)] == names
    assert [t.id for t in tables] == tables.ids and len(tables) == len(names)


def test_financing_table_hand_checked():
    table = finsam.load(DALARNA).evaluate().table("financing")
    assert table.title == "Finansiering (tkr)"
    assert table.columns[0] == finsam.Column("Huvudman", "label")
    frame = table.to_frame()
    # 3 640 000 kr × 50/25/15/10 % = 1 820 / 910 / 546 / 364 tkr; Summa 3 640 tkr
    assert frame["Budget 2011"].tolist() == [Decimal(1820), Decimal(910), Decimal(546), Decimal(364), Decimal(3640)]
    assert frame.loc["Summa", "Andel"] == Decimal("100.0")
    assert frame.index.name == "Huvudman" and table.row_kinds[-1] == "summa"


def test_shown_figures_add_up_and_exact_ones_are_kept():
    table = finsam.load(DALARNA).evaluate().table("result")
    shown = table.to_frame()
    exact = table.to_frame(exact=True)
    # 2012: 3 640 000 − 3 602 500 = 37 500 kr = 37.5 tkr exactly; the result shows 38 (its
    # ordinary rounding) and the costs 3 640 − 38 = 3 602 (3 602.5 rounded down) so that it adds up
    assert exact.loc["Årets resultat", "Plan 2012"] == Decimal("37.5")
    assert shown.loc["Årets resultat", "Plan 2012"] == Decimal(38)
    assert shown.loc["Kostnader", "Plan 2012"] == Decimal(3602)
    for year in ("Budget 2011", "Plan 2012", "Plan 2013"):
        assert shown.loc["Bidrag från huvudmännen", year] - shown.loc["Kostnader", year] == shown.loc["Årets resultat", year]
    assert "Kostnader, Plan 2012: 3 602,5 tkr" in table.footnotes[0]  # the moved cell's exact value
    # percent cells: exact Fractions on request
    financing = finsam.load(DALARNA).evaluate("sater-joins").table("financing").to_frame(exact=True)
    sater_share = financing.loc["Säters kommun", "Andel 2011"]
    assert isinstance(sater_share, Fraction)
    assert sater_share == Fraction(104088 * 100, 3640000)  # 100 × 104 088 / 3 640 000 ≈ 2.86 %


def test_variant_tables_and_units():
    sater = finsam.load(DALARNA).evaluate("sater-joins")
    distribution = sater.table("distribution", unit="kr", lang="en")
    assert distribution.title == "Distribution per member, budget 2011 (kr)"
    frame = distribution.to_frame()
    # Säter's cost share 2011: 94 937 kr (examples/README.md 3)
    assert frame.loc["Total", "Säters kommun"] == Decimal(94937)
    mnkr = finsam.load(HANINGE).evaluate().table("financing", unit="mnkr")
    # fk 2005: 13 820 000 kr = 13.8 mnkr with one decimal
    assert mnkr.to_frame().iloc[0]["Budget 2005"] == Decimal("13.8")
    assert finsam.load(HANINGE).evaluate().table("financing", unit="mnkr", decimals=2).to_frame().iloc[0]["Budget 2005"] == \
        Decimal("13.82")


def test_html_for_notebooks(tmp_path: Path):
    table = finsam.load(DALARNA).evaluate().table("costs")
    html = table._repr_html_()
    assert html.startswith('<div class="finsam-tables">') and html.endswith("</div>")
    assert "<html" not in html and "<body" not in html and '<section id="costs">' in html
    assert '<td class="num">2 300</td>' in html
    assert "<!DOCTYPE html>" in table.to_html()
    everything = finsam.load(DALARNA).evaluate().tables()._repr_html_()
    assert everything.count("<section") == 5
    assert repr(table) == "<finsam.Table 'costs': Kostnader per insats (tkr)>"


def test_markdown_of_one_table():
    md = finsam.load(DALARNA).evaluate().table("distribution").to_markdown()
    assert md.startswith("**Södra Dalarnas samordningsförbund**: budgettabeller 2011–2013, belopp i tkr.\n\n"
                         "### Tabell 1. Fördelning per huvudman, budget 2011 (tkr)\n")
    # 2011: fk 1 150 + 60 + 0 + 450 = 1 660 tkr (README 2.3 cost_share 1 660 000 kr)
    assert "| **Summa** | **1 660** | **980** | **498** | **332** | **3 470** |" in md


def test_excel(cli, tmp_path: Path):
    result = finsam.load(HANINGE).evaluate()
    one = tmp_path / "financing.xlsx"
    result.table("financing").to_excel(one)
    book = openpyxl.load_workbook(one)
    (sheet,) = book.worksheets
    assert sheet.title == "1 Finansiering" and sheet["A1"].value == "Tabell 1. Finansiering (tkr)"
    # fk 2005: 13 820 000 kr = 13 820 tkr, stored as a number; the Summa row is a formula
    assert [c.value for c in sheet[3]] == ["Försäkringskassan", 0.5, 13820, 14125, 14437]
    assert sheet["C6"].value == "=SUM(C3:C5)"
    every = tmp_path / "all.xlsx"
    result.tables().to_excel(every)
    rc, _, _ = cli.run("plan", str(HANINGE), "--format", "xlsx", "-o", str(tmp_path / "cli.xlsx"))
    assert rc == 0
    ours, theirs = openpyxl.load_workbook(every), openpyxl.load_workbook(tmp_path / "cli.xlsx")
    assert ours.sheetnames == theirs.sheetnames
    for a, b in zip(ours.worksheets, theirs.worksheets):
        assert [[c.value for c in row] for row in a.iter_rows()] == [[c.value for c in row] for row in b.iter_rows()]


def test_errors():
    result = finsam.load(DALARNA).evaluate()
    with pytest.raises(KeyError, match="no table 'final_frame'; the tables are financing, costs"):
        result.table("final_frame")  # only with adjustments
    with pytest.raises(ValueError, match="unknown table unit 'öre'"):
        result.tables(unit="öre")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        result.tables(lang="de")
    with pytest.raises(finsam.Error, match="at most 5 decimals in tkr"):
        result.tables(decimals=6)  # 1 tkr = 100 000 öre: 0.00001 tkr is the smallest step
    with pytest.raises(ValueError, match="decimals must be None"):
        result.tables(decimals=-1)
    tables = result.tables()
    assert tables[-1].id == "items-sammanhangsplatser"
    with pytest.raises(IndexError):
        tables[5]
