"""Result: DataFrames, units and the result JSON, value for value against `finsam plan`."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest

import finsam
from conftest import DALARNA, EXAMPLE_RUNS, HANINGE

RUN_IDS = [f"{p.stem}:{v or 'base'}" for p, v in EXAMPLE_RUNS]


def display_percent(q: Fraction) -> str:
    """Spec 12.15: half away from zero to six decimals, trailing zeros dropped."""
    micro = abs(q) * 1_000_000
    whole = int(micro)
    if micro - whole >= Fraction(1, 2):
        whole += 1
    text = f"{whole // 1_000_000}.{whole % 1_000_000:06d}".rstrip("0").rstrip(".")
    return "-" + text if q < 0 and text != "0" else text


@pytest.mark.parametrize("path,variant", EXAMPLE_RUNS, ids=RUN_IDS)
def test_to_dict_equals_the_cli_json(cli, path, variant):
    result = finsam.load(path).evaluate(variant)
    expected = cli.plan(path, variant)
    assert result.to_dict() == expected
    assert json.loads(result.to_json()) == expected


@pytest.mark.parametrize("path,variant", EXAMPLE_RUNS, ids=RUN_IDS)
def test_frames_equal_the_cli_json_value_for_value(cli, path, variant):
    expected = cli.plan(path, variant)
    result = finsam.load(path).evaluate(variant)
    years = expected["years"]
    assert result.years == years
    member_ids = [m["id"] for m in expected["members"]]
    assert [m.id for m in result.members] == member_ids
    assert [(m.id, m.name) for m in result.members] == [(m["id"], m["name"]) for m in expected["members"]]

    contributions = result.contributions()
    cost_shares = result.cost_shares()
    shares = result.shares()
    assert list(contributions.index) == years
    assert list(contributions.columns) == [(f, m) for f in ("preliminary", "adjustment", "final") for m in member_ids]
    assert list(cost_shares.columns) == member_ids and list(shares.columns) == member_ids
    for m in expected["members"]:
        for y in years:
            # str(Decimal) must be the CLI's text itself: exact, two decimals
            assert str(contributions.loc[y, ("preliminary", m["id"])]) == m["contribution"][str(y)]
            assert str(contributions.loc[y, ("adjustment", m["id"])]) == m["adjustment"][str(y)]
            assert str(contributions.loc[y, ("final", m["id"])]) == m["final_contribution"][str(y)]
            assert str(cost_shares.loc[y, m["id"]]) == m["cost_share"][str(y)]
            assert display_percent(shares.loc[y, m["id"]]) == m["share"][str(y)]

    costs = result.costs()
    allocation = result.allocation()
    assert list(costs.index) == [i["id"] for i in expected["interventions"]]
    assert list(costs.columns) == years
    assert list(allocation.index) == [(i["id"], y) for i in expected["interventions"] for y in years]
    assert list(allocation.columns) == member_ids
    for iv in expected["interventions"]:
        for y in years:
            assert str(costs.loc[iv["id"], y]) == iv["amount"][str(y)]
            for mid in member_ids:
                assert str(allocation.loc[(iv["id"], y), mid]) == iv["allocation"][str(y)][mid]

    totals = result.totals()
    assert list(totals.index) == years
    assert list(totals.columns) == list(expected["totals"][str(years[0])])
    for y in years:
        for key, text in expected["totals"][str(y)].items():
            assert str(totals.loc[y, key]) == text

    assert [tuple(w) for w in result.warnings] == [(w["code"], w["path"], w["message"]) for w in expected["warnings"]]


def test_hand_checked_figures_of_sodra_dalarna():
    plan = finsam.load(DALARNA)
    base = plan.evaluate()
    final = base.contributions()["final"]
    # examples/README.md 2.3: frame total 3 640 000 split 50/25/15/10 %:
    # 1 820 000 / 910 000 / 546 000 / 364 000 every year
    assert final.loc[2011].tolist() == [Decimal("1820000.00"), Decimal("910000.00"),
                                        Decimal("546000.00"), Decimal("364000.00")]
    totals = base.totals()
    # costs 2011 = 900 000 + 2 300 000 + 150 000 + 120 000 = 3 470 000; result 3 640 000 − 3 470 000 = 170 000
    assert totals.loc[2011, "costs"] == Decimal("3470000.00")
    assert totals.loc[2011, "result"] == Decimal("170000.00")
    # equity 170 000 + 37 500 + 14 437 = 221 937 at the end of 2013
    assert totals.loc[2013, "equity_end"] == Decimal("221937.00")

    # state-plus-50: state pays 1.5 × 1 820 000 = 2 730 000, total = 2 730 000 × 100/50 = 5 460 000
    s50 = plan.evaluate("state-plus-50")
    assert s50.totals().loc[2011, "contributions"] == Decimal("5460000.00")
    assert s50.contributions()["final"].loc[2011, "fk"] == Decimal("2730000.00")
    # stodteam 2013 = round(1 537 500 × 1.025) = round(1 575 937.5) = 1 575 938 (half up)
    assert s50.costs().loc["stodteam", 2013] == Decimal("1575938.00")

    # sater-joins 2011: 36 400 × 136 250/47 647 = 104 088.4001 → 104 088 (the one kr left goes to avesta)
    sater = plan.evaluate("sater-joins")
    final = sater.contributions()["final"]
    assert final.loc[2011, "sater"] == Decimal("104088.00")
    assert final.loc[2011, "avesta"] == Decimal("473345.00")
    # exact year share of Säter 2011: (0 + 272 500/47 647)/2 = 136 250/47 647 percent
    assert sater.shares().loc[2011, "sater"] != Fraction(136250, 47647)  # shown share is of the final frame:
    assert sater.shares().loc[2011, "sater"] == Fraction(104088 * 100, 3640000)  # 100 × 104 088 / 3 640 000
    # vt-administration 2013 split 945 563 by 1 820 000 : 910 000 : 412 209 : 289 614 : 208 177
    # → 472 781 / 236 391 / 107 080 / 75 233 / 54 078 (README 2.5)
    assert sater.allocation().loc[("vt-administration", 2013)].tolist() == [
        Decimal(x) for x in ("472781.00", "236391.00", "107080.00", "75233.00", "54078.00")]


def test_hand_checked_figures_of_haninge():
    result = finsam.load(HANINGE).evaluate()
    # README 1.3: 24 981 000 (insatser) + 2 659 000 (administration) = 27 640 000
    assert result.totals().loc[2005, "costs"] == Decimal("27640000.00")
    # Fyren 2005 = 680 000 − 205 000 = 475 000; 2006 = round(475 000 × 1.0225) = round(485 687.5) = 485 688
    assert result.costs().loc["fyren", [2005, 2006]].tolist() == [Decimal("475000.00"), Decimal("485688.00")]
    # Kuratorer 2005: frame 1 412 800 split 2:1:1 → 706 400 / 353 200 / 353 200, case 5 651 200 → region
    assert result.allocation().loc[("kuratorer-vc", 2005)].tolist() == [
        Decimal("706400.00"), Decimal("6004400.00"), Decimal("353200.00")]
    # README 1.6: the insatser's published Summa 25 001 000 − computed 24 981 000 = 20 000
    (warning,) = result.warnings
    assert (warning.code, warning.path) == ("stated_total_mismatch", "/checks/2005/costs/insats")
    assert "difference 20000.00 kr" in warning.message


def test_frames_keep_plan_order():
    result = finsam.load(HANINGE).evaluate()
    allocation = result.allocation()
    # a partial key selects without a PerformanceWarning (pytest turns warnings into errors)
    fyren = allocation.loc["fyren"]
    assert list(fyren.index) == [2005, 2006, 2007]
    # Fyren 2005: frame 95 000 split 2:1:1, case 380 000 split 50/50 region/haninge
    assert fyren.loc[2005].tolist() == [Decimal("47500.00"), Decimal("213750.00"), Decimal("213750.00")]
    ids = [i.id for i in result.interventions]
    assert list(allocation.unstack("year").index) == ids  # not alphabetical
    contributions = result.contributions()
    assert list(contributions.stack("member").index.get_level_values("member"))[:3] == ["fk", "region", "haninge"]


def test_units_and_floats():
    result = finsam.load(DALARNA).evaluate()
    # fk 2011: 1 820 000 kr = 182 000 000 öre = 1 820 tkr = 1.82 mnkr
    assert result.contributions(unit="öre")["final"].loc[2011, "fk"] == 182_000_000
    assert result.contributions(unit="ore")["final"].loc[2011, "fk"] == 182_000_000
    assert str(result.contributions(unit="tkr")["final"].loc[2011, "fk"]) == "1820"
    assert str(result.contributions(unit="mnkr")["final"].loc[2011, "fk"]) == "1.82"
    # vt-administration 2012 = 900 000 × 1.025 = 922 500 kr = 922.5 tkr
    assert str(result.costs(unit="tkr").loc["vt-administration", 2012]) == "922.5"
    assert result.costs(as_float=True).loc["vt-administration", 2012] == 922500.0
    assert result.totals(unit="tkr", as_float=True).loc[2013, "costs"] == 3625.563

    exact = result.totals()
    assert all(isinstance(v, Decimal) for v in exact.to_numpy().ravel())
    ore = result.allocation(unit="öre")
    assert all(dtype == "int64" for dtype in ore.dtypes)
    floats = result.contributions(as_float=True)
    assert all(dtype == "float64" for dtype in floats.dtypes)
    with pytest.raises(ValueError, match="unknown unit 'sek'"):
        result.costs(unit="sek")


def test_allocation_rows_add_up_to_the_amounts():
    # spec 6: the parts of every (intervention, year) sum exactly to its amount
    for path, variant in EXAMPLE_RUNS:
        result = finsam.load(path).evaluate(variant)
        allocation = result.allocation(unit="öre")
        costs = result.costs(unit="öre")
        for (iid, year), row in allocation.iterrows():
            assert row.sum() == costs.loc[iid, year]
        # and the cost shares are the column sums of the allocations
        assert (allocation.groupby(level="year").sum() == result.cost_shares(unit="öre")).all().all()


def test_frames_of_a_result_without_interventions():
    plan = finsam.load({"format": "finsam/1", "years": [2020, 2021],
                        "members": [{"id": "fk", "kind": "state"}, {"id": "kommun", "kind": "municipality"}],
                        "shares": {"fk": "60", "kommun": "40"}, "frame": {"total": 1000}})
    result = plan.evaluate()
    assert result.costs().shape == (0, 2)
    assert result.allocation().shape == (0, 2)
    # 1 000 kr split 60/40 → 600 / 400; no costs, so the result is 1 000
    assert result.contributions()["final"].loc[2020].tolist() == [Decimal("600.00"), Decimal("400.00")]
    assert result.totals().loc[2021].tolist() == [Decimal("0.00"), Decimal("1000.00"), Decimal("1000.00")]
    assert list(result.totals().columns) == ["costs", "contributions", "result"]  # no equity given


def test_result_identity_and_repr():
    plan = finsam.load(DALARNA)
    result = plan.evaluate("sater-joins")
    assert result.variant == "sater-joins" and plan.evaluate().variant is None
    assert result.name == "Södra Dalarnas samordningsförbund"
    assert result.plan == plan
    assert result == plan.evaluate("sater-joins") and result != plan.evaluate()
    assert [m.id for m in result.members] == ["fk", "region", "avesta", "hedemora", "sater"]
    assert result.members[4] == finsam.Member("sater", "Säters kommun", "municipality")
    assert result.interventions[2].kind == "project"
    assert repr(result) == "<finsam.Result 'Södra Dalarnas samordningsförbund – Scenario: sater-joins' 2011–2013, 0 warnings>"
    page = result._repr_html_()
    assert "Scenario: sater-joins" in page and "<table" in page and "3470000.00" in page
    with pytest.raises(TypeError):
        finsam.Result(plan)  # made only by Plan.evaluate
    assert isinstance(result.contributions(), pd.DataFrame)
