"""Explain and compare: the same derivations and differences as `finsam explain` / `finsam compare`."""

from __future__ import annotations

from decimal import Decimal

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
    assert e.text.startswith("Cost share of Säters kommun (sater) in 2011\n")
    # Fyren: 680 000 (2004) − 205 000 = 475 000 (2005); 475 000 × 1.0225 = 485 687.5 → 485 688 (2006)
    chain = finsam.load(HANINGE).evaluate().explain(2006, intervention="fyren").data["chain"]
    assert [(s["year"], s["amount"]) for s in chain] == [(2004, "680000.00"), (2005, "475000.00"), (2006, "485688.00")]
    assert chain[2]["exact_ore"] == "48568750"  # 485 687.50 kr in öre, before rounding


def test_explain_errors_and_display():
    result = finsam.load(DALARNA).evaluate()
    with pytest.raises(finsam.Error, match="year 1999 is outside the plan's years 2011–2013"):
        result.explain(1999)
    with pytest.raises(finsam.Error, match='no member "sater"'):
        result.explain(2011, member="sater")
    with pytest.raises(finsam.Error, match='no intervention "x"'):
        result.explain(2011, intervention="x")
    e = result.explain(2012)
    assert repr(e) == "<finsam.Explanation 'Frame and totals of 2012 (frame: total)'>"
    assert e._repr_html_().startswith("<pre>Frame and totals of 2012")


def test_compare_equals_the_cli_value_for_value(cli):
    expected = cli.json("compare", str(DALARNA))
    frame = finsam.compare(finsam.load(DALARNA))
    rows = [(v["name"], m["id"], int(y)) for v in expected["variants"] for m in v["members"] for y in m["years"]]
    assert list(frame.index) == rows
    assert list(frame.columns) == [(f, w) for f in ("final_contribution", "cost_share")
                                   for w in ("base", "variant", "difference")]
    for v in expected["variants"]:
        for m in v["members"]:
            for y, figures in m["years"].items():
                for (figure, which), value in frame.loc[(v["name"], m["id"], int(y))].items():
                    assert str(value) == figures[figure][which]


def test_compare_hand_checked():
    diff = finsam.compare(DALARNA)  # a path is loaded
    # state-plus-50: fk 2 730 000 − 1 820 000 = 910 000 more in 2011
    assert diff.loc[("state-plus-50", "fk", 2011), ("final_contribution", "difference")] == Decimal("910000.00")
    # sater-joins 2011: Säter pays 104 088 (0 in the base); Avesta 473 345 − 546 000 = −72 655
    row = diff.loc[("sater-joins", "sater", 2011), "final_contribution"]
    assert row.tolist() == [Decimal("0.00"), Decimal("104088.00"), Decimal("104088.00")]
    assert diff.loc[("sater-joins", "avesta", 2011), ("final_contribution", "difference")] == Decimal("-72655.00")
    # cost share of Avesta 2011: 431 733 − 498 000 = −66 267
    assert diff.loc[("sater-joins", "avesta", 2011), ("cost_share", "difference")] == Decimal("-66267.00")
    # the differences of a year sum to the change of the frame: 0 for sater-joins, 1 820 000 for state-plus-50
    by_variant = diff[("final_contribution", "difference")].groupby(level=["variant", "year"]).sum()
    assert by_variant.loc[("sater-joins", 2012)] == 0
    assert by_variant.loc[("state-plus-50", 2012)] == Decimal("1820000.00")


def test_compare_keeps_plan_order():
    diff = finsam.compare(DALARNA)
    # selecting by a partial key does not warn (the index is lexsorted in plan order) …
    sater = diff.loc["sater-joins", "final_contribution"]
    assert list(dict.fromkeys(sater.index.get_level_values("member"))) == ["fk", "region", "avesta", "hedemora", "sater"]
    # … and reshaping keeps members and variants in plan order, not alphabetical
    wide = diff[("final_contribution", "difference")].unstack("year")
    assert list(wide.index) == [("state-plus-50", m) for m in ("fk", "region", "avesta", "hedemora")] + [
        ("sater-joins", m) for m in ("fk", "region", "avesta", "hedemora", "sater")]


def test_compare_selected_variants_and_units():
    plan = finsam.load(DALARNA)
    one = finsam.compare(plan, variants="sater-joins", unit="öre")
    assert set(one.index.get_level_values("variant")) == {"sater-joins"}
    assert one.loc[("sater-joins", "sater", 2012), ("final_contribution", "variant")] == 20_817_700  # 208 177 kr
    both = finsam.compare(plan, variants=["sater-joins", "state-plus-50"], as_float=True)
    assert list(dict.fromkeys(both.index.get_level_values("variant"))) == ["sater-joins", "state-plus-50"]
    assert both.dtypes.eq("float64").all()
    with pytest.raises(finsam.PlanError) as e:
        finsam.compare(plan, variants=["nope"])
    assert e.value.problems[0].pointer == "/variants"
    none = finsam.compare(HANINGE)
    assert none.empty and list(none.index.names) == ["variant", "member", "year"]
    assert none.columns.nlevels == 2
