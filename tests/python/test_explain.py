"""Explain and compare: the same derivations and differences as `finsam explain` / `finsam compare`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import finsam
from conftest import DALARNA, HANINGE

CASES = [  # (plan, variant, year, member, intervention)
    (DALARNA, None, 2011, None, None),
    (DALARNA, None, 2013, "fk", None),
    (DALARNA, "sater-joins", 2011, "sater", None),
    (DALARNA, "sater-joins", 2013, None, "vt-administration"),
    (DALARNA, "state-plus-50", 2013, "hedemora", "stodteam"),
    (HANINGE, None, 2006, None, "fyren"),
    (HANINGE, None, 2005, "region", None),
]


def cli_args(path, variant, year, member, intervention):
    args = ["explain", str(path), "--year", str(year)]
    if member:
        args += ["--member", member]
    if intervention:
        args += ["--intervention", intervention]
    if variant:
        args += ["--variant", variant]
    return args


@pytest.mark.parametrize("path,variant,year,member,intervention", CASES,
                         ids=[f"{c[0].stem}:{c[1] or 'base'}:{c[2]}:{c[3]}:{c[4]}" for c in CASES])
def test_explain_equals_the_cli(cli, path, variant, year, member, intervention):
    e = finsam.load(path).evaluate(variant).explain(year, member=member, intervention=intervention)
    assert e.data == cli.json(*cli_args(path, variant, year, member, intervention))
    rc, out, _ = cli.run(*cli_args(path, variant, year, member, intervention))
    assert rc == 0 and e.text == out
    assert str(e) == e.text


def test_explain_hand_checked():
    sater = finsam.load(DALARNA).evaluate("sater-joins")
    e = sater.explain(2011, member="sater")
    # README 3: Säter's cost share 2011 is 94 937 kr; its final contribution 104 088 kr
    assert e.data["cost_share"] == "94937.00"
    assert e.data["final_contribution"] == "104088.00"
    assert e.text.startswith("Kostnadsandel för Säters kommun (sater) 2011\n"
                             "  slutligt bidrag 104 088,00 kr av 3 640 000,00 kr (andel 2,85956 %)\n")
    english = sater.explain(2011, member="sater", lang="en")
    assert english.text.startswith("Cost share of Säters kommun (sater) in 2011\n")
    assert english.data == e.data
    # Fyren: 680 000 (2004) − 205 000 = 475 000 (2005); 475 000 × 1.0225 = 485 687.5 → 485 688 (2006)
    chain = finsam.load(HANINGE).evaluate().explain(2006, intervention="fyren").data["chain"]
    assert [(s["year"], s["amount"]) for s in chain] == [(2004, "680000.00"), (2005, "475000.00"), (2006, "485688.00")]
    assert chain[2]["exact_ore"] == "48568750"  # 485 687.50 kr in öre, before rounding


def test_explain_errors_and_display():
    result = finsam.load(DALARNA).evaluate()
    with pytest.raises(finsam.Error, match="year 1999 is outside the plan's years 2011–2013"):
        result.explain(1999)
    with pytest.raises(finsam.Error, match='no member "sater"; members are "fk", "region", "avesta" or "hedemora"'):
        result.explain(2011, member="sater")
    with pytest.raises(finsam.Error, match='no member "Avesta"; did you mean "avesta"'):
        result.explain(2011, member="Avesta")
    with pytest.raises(finsam.Error, match='no intervention "x"'):
        result.explain(2011, intervention="x")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        result.explain(2011, lang="de")
    e = result.explain(2012)
    assert repr(e) == "<finsam.Explanation 'Ram och summor 2012 (ram: total)'>"
    assert e._repr_html_().startswith("<pre>Ram och summor 2012")
    assert result.explain(2012, lang="en").text.startswith("Frame and totals of 2012 (frame: total)")


def test_compare_equals_the_cli_value_for_value(cli):
    expected = cli.json("compare", str(DALARNA), "--format", "json")
    frame = finsam.compare(finsam.load(DALARNA))
    assert list(frame.columns) == ["base", "variant", "difference"]
    assert all(str(d) == "money[kr]" for d in frame.dtypes)
    rows = []
    for v in expected["variants"]:
        for y, totals in v["totals"].items():
            for f in ("costs", "contributions", "result", "equity_end"):
                rows.append(((v["name"], int(y), f, ""), totals[f]))
            for f in ("final_contribution", "cost_share"):
                rows += [((v["name"], int(y), f, m["name"]), m["years"][y][f]) for m in v["members"]]
    assert list(frame.index) == [key for key, _ in rows]
    for key, figures in rows:
        for which in ("base", "variant", "difference"):
            assert str(frame.loc[key, which]) == figures[which]


def test_compare_hand_checked():
    diff = finsam.compare(DALARNA)  # a path is loaded
    # state-plus-50: the state pays 2 730 000 = 50 %, so the frame is 5 460 000 (base 3 640 000);
    # Försäkringskassan 2 730 000 − 1 820 000 = 910 000 more in 2011
    assert diff.loc[("state-plus-50", 2011, "contributions", ""), "variant"] == Decimal("5460000.00")
    assert diff.loc[("state-plus-50", 2011, "final_contribution", "Försäkringskassan (med Arbetsförmedlingen)"),
                    "difference"] == Decimal("910000.00")
    # costs 3 470 000 + the stödteam's 1 500 000 (added by id) = 4 970 000; result 490 000 − 170 000
    assert diff.loc[("state-plus-50", 2011, "costs", ""), "difference"] == Decimal("1500000.00")
    assert diff.loc[("state-plus-50", 2011, "result", ""), "difference"] == Decimal("320000.00")
    # sater-joins 2011: Säter pays 104 088 (0 in the base); Avesta 473 345 − 546 000 = −72 655
    row = diff.loc[("sater-joins", 2011, "final_contribution", "Säters kommun")]
    assert row.tolist() == [Decimal("0.00"), Decimal("104088.00"), Decimal("104088.00")]
    assert diff.loc[("sater-joins", 2011, "final_contribution", "Avesta kommun"), "difference"] == Decimal("-72655.00")
    # cost share of Avesta 2011: 431 733 − 498 000 = −66 267
    assert diff.loc[("sater-joins", 2011, "cost_share", "Avesta kommun"), "difference"] == Decimal("-66267.00")
    # the members' differences of a year sum to the change of the frame: 0 for sater-joins, 1 820 000 for state-plus-50
    members = diff.xs("final_contribution", level="figure")["difference"].groupby(level=["variant", "year"]).sum()
    assert members.loc[("sater-joins", 2012)] == 0
    assert members.loc[("state-plus-50", 2012)] == Decimal("1820000.00")


def test_compare_with_other_income():
    # tests/report/plans/income-scenario.json: ESF-rådet pays 30 600 kr (2020) and 30 400 kr
    # (2021); the scenario drops 2021's: result 400 000 + 0 − 380 000 = 20 000 against 50 400
    path = Path(__file__).resolve().parents[1] / "report" / "plans" / "income-scenario.json"
    diff = finsam.compare(path)
    assert diff.loc[("esf-ends", 2021, "income", "")].tolist() == [Decimal("30400.00"), Decimal("0.00"), Decimal("-30400.00")]
    assert diff.loc[("esf-ends", 2020, "income", ""), "difference"] == 0
    assert diff.loc[("esf-ends", 2021, "result", ""), "variant"] == Decimal("20000.00")
    assert list(dict.fromkeys(diff.index.get_level_values("figure"))) == [
        "costs", "contributions", "income", "result", "equity_end", "final_contribution", "cost_share"]
    # the table in tkr: 30,4 → 30, and the result 50 = 400 + 30 − 380 against 20
    frame = finsam.load(path).comparison()[1].to_frame()
    assert frame.loc["Övriga intäkter"].tolist() == [Decimal(30), Decimal(0), Decimal(-30)]
    assert frame.loc["Årets resultat"].tolist() == [Decimal(50), Decimal(20), Decimal(-30)]
    en = finsam.load(path).comparison(lang="en")[1].to_frame()
    assert en.loc["Other income", "Difference"] == Decimal(-30)
    # a plan without income: no income figure
    assert "income" not in set(finsam.compare(DALARNA).index.get_level_values("figure"))


def test_compare_keeps_plan_order():
    diff = finsam.compare(DALARNA)
    # selecting by a partial key does not warn (the index is lexsorted in plan order) …
    sater = diff.loc[("sater-joins", 2011, "final_contribution")]
    assert list(sater.index) == ["Försäkringskassan (med Arbetsförmedlingen)", "Landstinget Dalarna", "Avesta kommun",
                                 "Hedemora kommun", "Säters kommun"]
    # … and reshaping keeps variants and figures in plan order, not alphabetical
    wide = diff["difference"].unstack("year")
    assert list(dict.fromkeys(wide.index.get_level_values("variant"))) == ["state-plus-50", "sater-joins"]
    assert list(dict.fromkeys(wide.index.get_level_values("figure"))) == [
        "costs", "contributions", "result", "equity_end", "final_contribution", "cost_share"]


def test_compare_selected_variants_and_units():
    plan = finsam.load(DALARNA)
    one = finsam.compare(plan, variants="sater-joins", unit="öre")
    assert set(one.index.get_level_values("variant")) == {"sater-joins"}
    assert one.loc[("sater-joins", 2012, "final_contribution", "Säters kommun"), "variant"] == 20_817_700  # 208 177 kr
    both = finsam.compare(plan, variants=["sater-joins", "state-plus-50"], as_float=True)
    assert list(dict.fromkeys(both.index.get_level_values("variant"))) == ["sater-joins", "state-plus-50"]
    assert both.dtypes.eq("float64").all()
    tkr = finsam.compare(plan, variants="state-plus-50", unit="tkr")
    assert tkr.loc[("state-plus-50", 2012, "result", ""), "base"] == Decimal("37.5")
    with pytest.raises(finsam.PlanError) as e:
        finsam.compare(plan, variants=["nope"])
    assert e.value.problems[0].pointer == "/variants"
    none = finsam.compare(HANINGE)
    assert none.empty and list(none.index.names) == ["variant", "year", "figure", "member"]
    assert list(none.columns) == ["base", "variant", "difference"]


def test_comparison_tables_equal_the_cli(cli):
    plan = finsam.load(DALARNA)
    tables = plan.comparison()
    rc, md, _ = cli.run("compare", str(DALARNA))
    assert rc == 0 and tables.to_markdown() == md
    rc, page, _ = cli.run("compare", str(DALARNA), "--format", "html", "--lang", "en", "--unit", "kr",
                          "--variant", "sater-joins")
    assert rc == 0 and plan.comparison("sater-joins", unit="kr", lang="en").to_html() == page
    first = tables[0]
    assert first.id == "compare-state-plus-50-2011"
    assert first.title == "Scenario: state-plus-50 jämfört med grundplanen, budget 2011 (tkr)"
    frame = first.to_frame()
    assert frame.loc["Årets resultat"].tolist() == [Decimal(170), Decimal(490), Decimal(320)]
    assert str(frame.dtypes["Grundplan"]) == "money[tkr]"
    with pytest.raises(finsam.PlanError):
        plan.comparison("nope")
