"""The year after the plan in Python: Result.follow_up(), monthly(), liquidity(), income(),
totals with income, the follow-up explanations and plots (spec 13, 14). The plan is the one of
tests/followup_test.cpp, whose figures are worked out by hand there; here they are checked
again through the DataFrames and against `finsam plan --format json`."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest

import finsam

PLAN = {
    "format": "finsam/1", "name": "Test", "years": [2011, 2012],
    "members": [{"id": "fk", "name": "Försäkringskassan", "kind": "state"}, {"id": "region", "name": "Regionen", "kind": "region"}],
    "shares": {"fk": "50", "region": "50"}, "frame": {"total": "240000"},
    "interventions": [
        {"id": "a", "name": "Arbete", "amounts": {"2011": "120000"}, "change": {"uprate": "none"}},
        {"id": "b", "name": "Boende", "kind": "project", "amounts": {"2011": "60000"}, "change": {"uprate": "none"},
         "profile": [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], "financing": {"frame_part": "50", "key": {"region": "1"}}},
        {"id": "c", "name": "Kansli", "kind": "administration", "active": {"to": 2011},
         "items": [{"name": "x", "amounts": {"2011": "1000"}},
                   {"name": "y", "amounts": {"2011": "50"}, "profile": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}]}],
    "income": [{"id": "esf", "name": "ESF", "amounts": {"2011": "12000"}}],
    "equity": {"opening": "1000", "guideline_percent": "20"},
    "actuals": {"through": "2011-06",
                "costs": {"a": {f"2011-0{m}": "10000" for m in range(1, 7)}, "b": {"2011-06": "5000"},
                          "c": {**{f"2011-0{m}": "100" for m in range(1, 7)}, "2010": "900"}},
                "contributions": {"fk": {"2011-01": "30000", "2011-04": "30000"}},
                "income": {"esf": {"2011-03": "6000"}},
                "forecast": {"c": "run_rate"}},
    "liquidity": {"opening": "5000", "minimum": "1000", "payments": {"region": "monthly"}},
}

D = Decimal


@pytest.fixture(scope="module")
def result():
    return finsam.load(PLAN).evaluate()


def test_follow_up_per_intervention(result):
    fu = result.follow_up()
    assert (fu.year, fu.through, fu.through_month) == (2011, "2011-06", 6)
    iv = fu.interventions
    assert list(iv.index) == ["a", "b", "c"]
    assert list(iv["kind"]) == ["insats", "project", "administration"]
    assert list(iv["forecast_rule"]) == ["budget", "budget", "run_rate"]
    # c: 600 × 1 050 / 552 = 1 141.30… → 1 141; used 600 / 1 050 = 400/7 %
    assert iv.loc["c", "budget_to_date"] == D("552.00")
    assert iv.loc["c", "forecast"] == D("1141.00")
    assert iv.loc["c", "forecast_deviation"] == D("-91.00")
    assert iv.loc["c", "used_percent"] == Fraction(400, 7)
    assert iv.loc["b", "deviation_to_date"] == D("-5000.00")
    assert fu.allocation.loc["b", "region"] == D("48750.00")
    assert fu.allocation.loc["c"].tolist() == [D("571.00"), D("570.00")]
    # every figure equals the CLI's result JSON
    for i in result.to_dict()["follow_up"]["interventions"]:
        for figure in ("budget", "budget_to_date", "actual_to_date", "deviation_to_date", "forecast", "forecast_deviation"):
            assert iv.loc[i["id"], figure] == D(i[figure])


def test_follow_up_members_income_totals(result):
    fu = result.follow_up()
    assert fu.members.loc["fk"].tolist() == [D("120000.00"), D("60000.00"), D("76821.00")]
    assert list(fu.members.columns) == ["contribution", "received_to_date", "forecast_cost_share"]
    assert fu.income.loc["esf"].tolist() == [D("12000.00"), D("6000.00"), D("12000.00")]
    assert list(fu.totals.index) == ["insats", "project", "administration", "total"]
    assert fu.totals.loc["total", "forecast"] == D("186141.00")
    # the kinds add up to the total, figure by figure
    for figure in fu.totals.columns:
        assert sum(fu.totals.loc[["insats", "project", "administration"], figure]) == fu.totals.loc["total", figure]
    assert fu.result["forecast_result"] == D("65859.00")
    assert fu.forecast_equity_end.to_dict() == {2011: D("66859.00"), 2012: D("126859.00")}
    assert fu.history.loc["c", 2010] == D("900.00")
    assert fu.history.loc["total", 2010] == D("900.00")


def test_units_and_floats(result):
    assert result.follow_up(unit="öre").interventions.loc["c", "forecast"] == 114100
    assert result.follow_up(unit="tkr").interventions.loc["c", "forecast"] == D("1.141")
    assert result.follow_up(as_float=True).interventions.loc["c", "forecast"] == 1141.0


def test_monthly(result):
    m = result.monthly()
    assert m.loc[("c", 2011, 1)].tolist() == [D("134.00"), D("100.00")]
    assert m.loc[("c", 2011, 7), "actual"] is pd.NA  # a month not yet booked: missing
    assert m.loc[("a", 2012, 3), "actual"] is pd.NA
    # the twelve months of every year sum to the year's amount
    costs = result.costs()
    for (iid, year), rows in m.groupby(level=["intervention", "year"], sort=False):
        assert sum(rows["budget"]) == costs.loc[iid, year]
    assert len(m) == 3 * 2 * 12


def test_liquidity(result):
    liq = result.liquidity()
    assert liq.opening == D("5000.00") and liq.minimum == D("1000.00")
    assert liq.months.loc[(2011, 1)].tolist() == [D("30000.00"), D("10100.00"), D("24900.00"), "actual"]
    assert liq.months.loc[(2011, 7), "source"] == "forecast"
    assert liq.months.loc[(2012, 7), "source"] == "plan"
    assert liq.quarters.loc[(2011, 1)].tolist() == [D("36000.00"), D("30300.00"), D("10700.00")]
    assert liq.below_minimum.empty
    # 2011 out is the forecast: 186 141
    assert sum(liq.months.loc[2011, "out"]) == D("186141.00")


def test_follow_up_frames_have_the_money_dtype(result):
    # every amount column of the follow-up's frames is exact money (int64 öre), as totals()
    fu, liq, m = result.follow_up(), result.liquidity(), result.monthly()
    frames = [fu.interventions[["budget", "budget_to_date", "actual_to_date", "deviation_to_date", "forecast",
                                "forecast_deviation"]], fu.allocation, fu.members, fu.income, fu.totals, fu.history,
              m, liq.months[["in", "out", "cash_end"]], liq.quarters]
    for frame in frames:
        assert {str(t) for t in frame.dtypes} == {"money[kr]"}, frame
    assert str(fu.result.dtype) == "money[kr]" and str(fu.forecast_equity_end.dtype) == "money[kr]"
    assert str(result.liquidity(unit="tkr").months["cash_end"].dtype) == "money[tkr]"
    assert str(m.loc["b"]["budget"].dtype) == "money[kr]"
    assert str(result.monthly(unit="öre")["actual"].dtype) == "Int64"  # öre: integers, missing as <NA>
    assert fu.interventions["used_percent"].dtype == object  # an exact Fraction, not money
    # b in 2011: 60 000 by the profile [0 × 6, 1 × 6]: nothing January–June, 10 000 a month after;
    # booked 5 000 in June, the months after June not yet booked (missing)
    b = m.loc[("b", 2011)]
    assert b["budget"].sum() == D("60000.00")
    assert b["actual"].sum() == D("5000.00")  # the six booked months; the missing ones are skipped
    d = b.describe()
    assert d.loc["count"].tolist() == [12, 6]
    # budget: mean 60 000 / 12 = 5 000; the median of six 0 and six 10 000 is 5 000; the
    # quartiles by linear interpolation at 0.25 × 11 = 2.75 (0 and 0) and 8.25 (10 000, 10 000)
    assert d["budget"].tolist()[1:] == pytest.approx([5000.0, (12 * 5000**2 / 11) ** 0.5, 0.0, 0.0, 5000.0, 10000.0, 10000.0])
    assert d.loc["max", "actual"] == 5000.0
    ax = b["budget"].plot()
    assert list(ax.lines[0].get_ydata()) == [0.0] * 6 + [10000.0] * 6
    # the quarters' out of 2011 add up to the year's forecast 186 141 kr, exactly
    assert liq.quarters.loc[2011, "out"].sum() == D("186141.00")


def test_income_and_totals(result):
    assert result.income().loc["esf"].tolist() == [D("12000.00"), D("0.00")]
    t = result.totals()
    assert list(t.columns) == ["costs", "contributions", "income", "result", "equity_end"]
    assert t.loc[2011, "result"] == D("70950.00")


def test_without_the_blocks():
    plain = finsam.load({"format": "finsam/1", "years": [2011, 2011], "members": [{"id": "fk", "kind": "state"}],
                         "shares": {"fk": "100"}, "interventions": [{"id": "a", "amounts": {"2011": "1"}}]}).evaluate()
    for call in (plain.follow_up, plain.monthly, plain.liquidity):
        with pytest.raises(finsam.Error):
            call()
    assert list(plain.totals().columns) == ["costs", "contributions", "result"]
    assert plain.income().empty


def test_explanations(result, cli, tmp_path):
    e = result.explain(forecast="c")
    assert e.text.startswith("Prognos 2011 för Kansli (c), uppföljning t.o.m. juni\n")
    assert e.data["exact_kr"] == "26250/23"
    assert result.explain(forecast="c", lang="en").text.startswith("Forecast 2011 of Kansli (c)")
    m = result.explain(2011, intervention="c", month=1)
    assert m.data["budget"] == "134.00" and m.data["actual"] == "100.00"
    c = result.explain(2011, month=7, lang="en")
    assert c.text.startswith("Cash July 2011 (the plan and the forecast)")
    # the CLI prints the same
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(PLAN), encoding="utf-8")
    rc, out, _ = cli.run("explain", str(path), "--forecast", "c")
    assert rc == 0 and out == e.text
    rc, out, _ = cli.run("explain", str(path), "--year", "2011", "--month", "7", "--lang", "en", "--format", "json")
    assert rc == 0 and json.loads(out) == c.data
    with pytest.raises(finsam.Error):
        result.explain(2011, month=13)
    with pytest.raises(ValueError):
        result.explain(2011, forecast="c")


def test_plots(result):
    fig = result.plot("follow_up")
    (ax,) = fig.axes
    assert ax.get_title().endswith("Uppföljning 2011 t.o.m. juni: alla insatser")
    lines = {line.get_label(): line for line in ax.get_lines()}
    budget = lines["budget, ackumulerad"].get_ydata()
    assert list(budget)[-1] == 181050.0  # the year's budget
    assert list(lines["utfall, ackumulerat"].get_ydata()) == [10100.0, 20200.0, 30300.0, 40400.0, 50500.0, 65600.0]
    forecast = [line for label, line in lines.items() if label.startswith("prognos")][0]
    assert list(forecast.get_ydata())[0] == 65600.0 and abs(list(forecast.get_ydata())[-1] - 186141.0) < 1e-6
    one = result.plot("follow_up", intervention="b", lang="en")
    assert one.axes[0].get_title().endswith("Follow-up 2011 through June: Boende")
    liq = result.plot("liquidity")
    ax = liq.axes[0]
    assert ax.get_title().endswith("Likviditet: kassa vid månadens slut")
    cash = [line for line in ax.get_lines() if line.get_label() == "kassa"][0]
    assert len(cash.get_ydata()) == 24 and cash.get_ydata()[0] == 24900.0
    with pytest.raises(ValueError):
        result.plot("follow_up", intervention="nope")
