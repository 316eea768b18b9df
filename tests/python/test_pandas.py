"""Everyday pandas on finsam's DataFrames: the ``money`` dtype (int64 öre inside, Decimal kronor
outside) works with plot, describe, sum, round, comparisons, to_excel and to_csv, and stays exact.

Figures are Södra Dalarna's (examples/README.md): costs 3 470 000 / 3 602 500 / 3 625 563 kr,
contributions 3 640 000 kr a year, results 170 000 / 37 500 / 14 437 kr, equity at the end
170 000 / 207 500 / 221 937 kr.
"""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pandas as pd
import pytest

import finsam
from conftest import DALARNA, HANINGE


@pytest.fixture(scope="module")
def totals() -> pd.DataFrame:
    return finsam.load(DALARNA).evaluate().totals()


def test_the_dtype(totals):
    assert [str(d) for d in totals.dtypes] == ["money[kr]"] * 4
    assert isinstance(totals.dtypes["costs"], finsam.MoneyDtype)
    assert pd.api.types.is_numeric_dtype(totals["costs"])
    assert totals.select_dtypes("number").columns.tolist() == ["costs", "contributions", "result", "equity_end"]
    # a value taken out is the exact Decimal of the result JSON
    value = totals.loc[2012, "costs"]
    assert isinstance(value, Decimal) and str(value) == "3602500.00"
    # the öre inside
    assert totals["costs"].array.ore.tolist() == [347000000, 360250000, 362556300]
    assert "3602500.00" in repr(totals)


def test_sum_is_exact(totals):
    # 3 470 000 + 3 602 500 + 3 625 563 = 10 698 063 kr
    assert totals["costs"].sum() == Decimal("10698063.00")
    assert totals.sum()["result"] == Decimal("221937.00")  # 170 000 + 37 500 + 14 437
    # ten times 0.10 kr is 1.00 kr exactly (as floats it would be 0.9999999999999999)
    dimes = pd.Series(finsam.MoneyArray._from_sequence(["0.10"] * 10))
    assert dimes.sum() == Decimal("1.00") and sum(0.10 for _ in range(10)) != 1.0
    # across members (a row): exact with numeric_only=True in pandas 1.5 (docs/python.md)
    final = finsam.load(DALARNA).evaluate().contributions()["final"]
    assert final.sum(axis=1, numeric_only=True).tolist() == [Decimal("3640000.00")] * 3
    assert final.T.sum().tolist() == [Decimal("3640000.00")] * 3
    assert totals["costs"].cumsum().tolist() == [Decimal("3470000.00"), Decimal("7072500.00"), Decimal("10698063.00")]
    by_year = finsam.load(DALARNA).evaluate().allocation().groupby(level="year").sum()
    assert by_year.loc[2011].tolist() == [Decimal(x) for x in ("1660000.00", "980000.00", "498000.00", "332000.00")]


def test_describe_is_numeric(totals):
    d = totals.describe()
    assert list(d.index) == ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
    costs = d["costs"]
    assert costs["count"] == 3
    assert costs["mean"] == 3566021.0  # 10 698 063 / 3
    assert costs["min"] == 3470000.0 and costs["max"] == 3625563.0
    # quartiles by linear interpolation: 25 % between 3 470 000 and 3 602 500 at one half
    assert costs["25%"] == 3536250.0 and costs["50%"] == 3602500.0
    # 75 %: 3 602 500 + (3 625 563 − 3 602 500) / 2 = 3 614 031.5
    assert costs["75%"] == 3614031.5
    # the sample standard deviation of the results 170 000, 37 500, 14 437 (mean 73 979):
    # √((96 021² + 36 479² + 59 542²) / 2)
    assert costs["std"] == pytest.approx(((96021**2 + 36479**2 + 59542**2) / 2) ** 0.5)


def test_round_to_thousands(totals):
    rounded = totals.round(-3)
    assert [str(d) for d in rounded.dtypes] == ["money[kr]"] * 4  # still money
    # 3 602 500 → 3 603 000 (half away from zero), 3 625 563 → 3 626 000, 37 500 → 38 000, 14 437 → 14 000
    assert rounded["costs"].tolist() == [Decimal("3470000.00"), Decimal("3603000.00"), Decimal("3626000.00")]
    assert rounded["result"].tolist() == [Decimal("170000.00"), Decimal("38000.00"), Decimal("14000.00")]
    assert (-totals["result"]).round(-3).tolist()[1] == Decimal("-38000.00")
    # in tkr, round(0) is whole tkr; round(2) of kronor changes nothing
    tkr = finsam.load(DALARNA).evaluate().totals(unit="tkr")
    assert tkr["equity_end"].round(0).tolist() == [Decimal(170), Decimal(208), Decimal(222)]
    assert totals.round(2).equals(totals)


def test_comparisons(totals):
    above = totals["costs"] > Decimal("3500000")
    assert above.tolist() == [False, True, True] and str(above.dtype) == "boolean"
    assert (totals["contributions"] == 3640000).all()
    assert (totals["costs"] <= totals["contributions"]).all()
    assert (totals["result"] > 37499.99).tolist() == [True, True, False]  # a float compared exactly
    assert totals.loc[totals["result"] < Decimal("50000")].index.tolist() == [2012, 2013]
    assert totals.sort_values("result")["result"].tolist()[0] == Decimal("14437.00")
    assert totals["result"].max() == Decimal("170000.00") and totals["result"].idxmin() == 2013


def test_arithmetic_stays_exact(totals):
    result = totals["contributions"] - totals["costs"]
    assert result.equals(totals["result"])
    assert (totals["costs"] * 2).tolist()[1] == Decimal("7205000.00")
    assert (totals["costs"] + Decimal("0.01")).tolist()[0] == Decimal("3470000.01")
    assert totals["result"].diff().tolist()[1:] == [Decimal("-132500.00"), Decimal("-23063.00")]
    with pytest.raises(TypeError, match="multiplied by integers only"):
        totals["costs"] * 1.5
    with pytest.raises(TypeError, match="binary float"):
        totals["costs"] + 0.1
    with pytest.raises(TypeError, match="divided by a number is not exact"):
        totals["costs"] / 3
    # a ratio of amounts is an exact Fraction: 3 470 000 / 3 640 000 = 347/364
    assert (totals["costs"] / totals["contributions"]).tolist()[0] == Fraction(347, 364)
    with pytest.raises(OverflowError):
        pd.Series(finsam.MoneyArray._from_sequence(["92233720368547758.07"])) * 2


def test_units_and_floats():
    r = finsam.load(DALARNA).evaluate()
    tkr = r.totals(unit="tkr")
    assert str(tkr.dtypes["costs"]) == "money[tkr]"
    assert tkr.loc[2013, "costs"] == Decimal("3625.563")
    assert r.totals().astype("money[tkr]").equals(tkr)
    floats = r.totals().astype(float)
    assert floats.dtypes.eq("float64").all() and floats.loc[2012, "result"] == 37500.0
    assert r.totals(as_float=True).equals(floats)
    assert r.totals(unit="öre").dtypes.eq("int64").all()


def test_plot(totals):
    ax = totals.plot()
    assert len(ax.lines) == 4
    assert list(ax.lines[0].get_ydata()) == [3470000.0, 3602500.0, 3625563.0]
    ax = finsam.load(DALARNA).evaluate().contributions()["final"].plot.bar(stacked=True)
    assert len(ax.containers) == 4  # one per member


def test_to_excel_writes_numbers(totals, tmp_path):
    path = tmp_path / "totals.xlsx"
    totals.to_excel(path)
    ws = openpyxl.load_workbook(path).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["year", "costs", "contributions", "result", "equity_end"]
    assert rows[2] == [2012, 3602500, 3640000, 37500, 207500]
    assert all(isinstance(v, (int, float)) for row in rows[1:] for v in row)  # numbers, not text: SUM adds them
    # öre survive as the nearest double: 3 625 563 kr; Haninge's allocations with öre parts
    haninge = finsam.load(HANINGE).evaluate().allocation()
    haninge.to_excel(tmp_path / "alloc.xlsx")
    cells = [c.value for row in openpyxl.load_workbook(tmp_path / "alloc.xlsx").active.iter_rows(min_row=2, min_col=3)
             for c in row]
    assert all(isinstance(v, (int, float)) for v in cells)


def test_to_csv_is_exact_text(totals):
    text = totals.to_csv()
    assert text.splitlines()[2] == "2012,3602500.00,3640000.00,37500.00,207500.00"
    back = pd.read_csv(io.StringIO(text), index_col=0, dtype=str)
    for column in totals.columns:
        again = finsam.MoneyArray._from_sequence_of_strings(back[column].tolist())
        assert list(again) == totals[column].tolist()


def test_reshaping_and_missing_values():
    r = finsam.load(DALARNA).evaluate()
    alloc = r.allocation()
    wide = alloc.stack().unstack("year")
    assert str(wide.dtypes[2011]) == "money[kr]"
    both = pd.concat([r.totals(), r.totals()])
    assert len(both) == 6 and str(both.dtypes["costs"]) == "money[kr]"
    s = pd.Series(finsam.MoneyArray._from_sequence(["1.50", None, 2]))
    assert s.isna().tolist() == [False, True, False]
    assert s.sum() == Decimal("3.50") and str(s.iloc[1]) == "<NA>"
    assert "<NA>" in repr(s)
    assert s.fillna(Decimal(0)).tolist() == [Decimal("1.50"), Decimal("0.00"), Decimal("2.00")]
    assert s.value_counts().tolist() == [1, 1]


def test_table_frames_are_money_too():
    table = finsam.load(DALARNA).evaluate().table("result")
    shown = table.to_frame()
    assert str(shown.dtypes["Budget 2011"]) == "money[tkr]"
    # every Summa adds up in the shown figures: contributions − costs = result
    assert (shown.loc["Bidrag från huvudmännen"] - shown.loc["Kostnader"]).equals(shown.loc["Årets resultat"])
    assert shown.sum()["Plan 2012"] == Decimal(3640 + 3602 + 38 + 170 + 208)
    # 3 602 tkr to tens of tkr: 3 600
    assert shown.round(-1).loc["Kostnader", "Plan 2012"] == Decimal(3600)
