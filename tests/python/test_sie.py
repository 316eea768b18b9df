"""finsam.read_sie and finsam.read_actuals (spec section 15): the books of tests/sie/ (written
the way exporters write them, see its README), the CP437 table, and the bad-SIE catalogue
tests/bad_sie/ through Python (the CLI side is tests/cli/bad_sie.py)."""

from __future__ import annotations

import datetime
import json
import pickle
import sys
import warnings
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import finsam
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "cli"))
import bad_inputs as cli_runner  # noqa: E402  (one reader of the catalogue format)

BOOKS = ROOT / "tests" / "sie"
PLAN = BOOKS / "plan.json"
BAD = sorted((ROOT / "tests" / "bad_sie").glob("*.se"))


@pytest.fixture(scope="module")
def visma() -> pd.DataFrame:
    return finsam.read_sie(BOOKS / "visma_cp437_crlf.se")


def test_columns_and_attrs(visma):
    assert list(visma.columns) == ["series", "number", "date", "account", "objects", "amount", "text",
                                   "voucher_text", "month", "line", "added"]
    # 7 vouchers of 2 rows, and A 4 with 4: two #TRANS, two #RTRANS (their copies and the
    # #BTRANS are no rows) = 16
    assert len(visma) == 16
    assert visma.attrs == {
        "company": "Södra Dalarnas samordningsförbund",
        "fiscal_years": {0: (datetime.date(2011, 1, 1), datetime.date(2011, 12, 31)),
                         -1: (datetime.date(2010, 1, 1), datetime.date(2010, 12, 31))},
        "extent": datetime.date(2011, 8, 31),
        "program": "Visma Administration",
        "format": "PC8",
        "sie_type": "4",
        "encoding": "CP437",
        "rows": "transactions",
    }
    assert str(visma["date"].dtype) == "datetime64[ns]"


def test_rows_exact(visma):
    # every voucher balances, so the rows sum to exactly 0 (Decimal, no float near an amount)
    assert all(isinstance(a, Decimal) for a in visma["amount"])
    assert sum(visma["amount"]) == 0
    row = visma[visma["line"] == 32].iloc[0]  # #TRANS 7010 {1 "KANS" 6 "101"} 85000.00
    assert (row["series"], row["number"], row["account"], row["amount"]) == ("A", "2", "7010", Decimal("85000.00"))
    assert row["objects"] == ((1, "KANS"), (6, "101"))
    assert dict(row["objects"])[6] == "101"
    assert row["voucher_text"] == "Lön januari, Sammanhangsplats Avesta"  # ö was 0x94
    fee = visma[visma["account"] == "6570"].iloc[0]  # a January fee on a voucher of 7 February
    assert (fee["date"], fee["month"]) == (pd.Timestamp("2011-01-31"), "2011-01")
    bank = visma[visma["account"] == "1920"].iloc[0]  # #TRANS 1920 {} -1.85 "" "" 0
    assert (bank["amount"], bank["text"], bank["date"]) == (Decimal("-1.85"), "", pd.Timestamp("2011-02-07"))
    assert visma["added"].sum() == 2
    assert list(visma.loc[visma["added"], "amount"]) == [Decimal("5000.00"), Decimal("-5000.00")]


def test_units():
    ore = finsam.read_sie(BOOKS / "fortnox_utf8_pc8.se", unit="öre")
    assert list(ore["amount"]) == [-25050, 25050, -22750000, 22750000, -13650000, 13650000]
    as_float = finsam.read_sie(BOOKS / "fortnox_utf8_pc8.se", as_float=True)
    assert as_float["amount"].dtype == float
    tkr = finsam.read_sie(BOOKS / "fortnox_utf8_pc8.se", unit="tkr")
    assert tkr["amount"].iloc[0] == Decimal("-0.2505")


def test_utf8_that_says_pc8():
    df = finsam.read_sie(BOOKS / "fortnox_utf8_pc8.se")
    assert df.attrs["encoding"] == "UTF-8"
    assert df.attrs["format"] == "PC8"
    assert df["voucher_text"].iloc[0] == "Återbetalning från Hälsokällan"
    assert df["objects"].iloc[0] == ((1, "KANS"),)


def test_period_balances():
    df = finsam.read_sie(BOOKS / "psaldo_type3.se")
    assert df.attrs["rows"] == "period_balances"
    assert len(df) == 9
    assert df["date"].isna().all()
    assert df["series"].isna().all()
    assert list(df["month"][:3]) == ["2011-01", "2011-01", "2011-01"]
    assert df["objects"].iloc[1] == ((1, "KANS"),)


def test_cp437_table(tmp_path):
    # the hand-written table of the reader against Python's own cp437 codec, all 128 entries
    upper = bytes(range(0x80, 0x100))
    path = tmp_path / "all.se"
    path.write_bytes(b'#FNAMN "' + upper + b'"\n')
    assert finsam.read_sie(path).attrs["company"] == upper.decode("cp437")


def test_dates_beyond_pandas_nanoseconds(tmp_path):
    path = tmp_path / "far.se"
    path.write_bytes(b"#VER A 1 29991231\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -1\n}\n")
    df = finsam.read_sie(path)
    assert df["date"].iloc[0] == datetime.date(2999, 12, 31)


@pytest.mark.parametrize("case", BAD, ids=[c.stem for c in BAD])
def test_bad_sie_catalogue(case):
    expected = [(int(n), m) for n, m in cli_runner.expected_of(str(case))]
    with pytest.raises(finsam.SieError) as err:
        finsam.read_sie(case)
    assert [(p.line, p.message) for p in err.value.problems] == expected
    assert err.value.source == str(case)
    assert isinstance(err.value, ValueError) and isinstance(err.value, finsam.Error)
    first = f"{case}:{expected[0][0]}: {expected[0][1]}"
    assert str(err.value) == first if len(expected) == 1 else first in str(err.value)


def test_sie_error_pickles_and_prints():
    with pytest.raises(finsam.SieError) as err:
        finsam.read_sie("/nonexistent/books.se")
    assert err.value.problems == [(0, "cannot open the file: No such file or directory")]
    assert str(err.value) == "/nonexistent/books.se: cannot open the file: No such file or directory"
    again = pickle.loads(pickle.dumps(err.value))
    assert (again.problems, again.source) == (err.value.problems, err.value.source)


@pytest.mark.parametrize("books", ["visma_cp437_crlf.se", "fortnox_utf8_pc8.se", "psaldo_type3.se"])
def test_read_actuals_as_the_cli(books, cli):
    plan = finsam.load(PLAN)
    got = finsam.read_actuals(plan, BOOKS / books)
    rc, out, err = cli.run("actuals", str(PLAN), "--sie", str(BOOKS / books))
    assert rc == 0
    assert got.block == json.loads(out)
    assert [f"{BOOKS / books}:{w.line}: warning: {w.message} [{w.code}]" for w in got.warnings] == err.splitlines()


def test_read_actuals_warnings_and_through():
    plan = finsam.load(PLAN)
    a = finsam.read_actuals(plan, BOOKS / "visma_cp437_crlf.se", through="2011-09")
    assert a.block["costs"]["kansli"]["2011-09"] == "12500.00"
    (fee,) = a.warnings
    assert (fee.code, fee.account, fee.objects, fee.sum, fee.rows, fee.line) == (
        "unmapped_costs", "6570", "{}", Decimal("1.85"), 1, 43)
    with pytest.raises(ValueError, match="through must be a month written YYYY-MM"):
        finsam.read_actuals(plan, BOOKS / "visma_cp437_crlf.se", through="2011-13")
    with pytest.raises(finsam.Error, match="outside the plan's year 2011"):
        finsam.read_actuals(plan, BOOKS / "visma_cp437_crlf.se", through="2012-01")
    with pytest.raises(TypeError):
        finsam.read_actuals(str(PLAN), BOOKS / "visma_cp437_crlf.se")


def test_with_actuals_as_the_cli(cli, tmp_path):
    # the plan's own actuals (other figures, a forecast rule) give way to the books'; the rule stays
    doc = json.loads(PLAN.read_text(encoding="utf-8"))
    doc["actuals"] = {"through": "2011-02", "costs": {"shp": {"2011-01": "1"}}, "forecast": {"shp": "run_rate"}}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    plan = finsam.load(path)
    books = BOOKS / "visma_cp437_crlf.se"
    with pytest.warns(UserWarning) as caught:
        followed = plan.with_actuals(sie=books)
    assert isinstance(followed, finsam.Plan) and followed != plan
    rc, out, err = cli.run("plan", str(path), "--sie", str(books))
    assert rc == 0
    assert followed.evaluate().to_json() == out.rstrip("\n")
    # the books' warnings as the CLI prints them, before the result's own
    assert [str(w.message) for w in caught] == [line.replace(": warning: ", ": ", 1) for line in err.splitlines()[:2]]
    block = followed.to_dict()["actuals"]
    assert block["through"] == "2011-08" and block["forecast"] == {"shp": "run_rate"}
    # shp: 85 000 booked in January; run_rate 85 000 × 1 380 000 / (8 × 115 000) = 127 500
    assert block["costs"]["shp"] == {"2011-01": "85000.00"}
    assert '"forecast":"127500.00"' in out.replace(" ", "")
    # through as elsewhere; the plan itself is unchanged
    with pytest.warns(UserWarning):
        assert plan.with_actuals(books, through="2011-09").to_dict()["actuals"]["costs"]["kansli"]["2011-09"] == "12500.00"
    assert plan.to_dict()["actuals"]["costs"] == {"shp": {"2011-01": "1"}}
    with pytest.raises(ValueError, match="through must be a month"):
        plan.with_actuals(books, through="2011-8")
    with pytest.raises(finsam.SieError):
        plan.with_actuals(ROOT / "tests" / "bad_sie" / "every_problem_listed.se")


def test_example_books_give_the_plans_own_result():
    # examples/books: the books of the follow-up example, whose actuals are the plan's own
    plan = finsam.load(ROOT / "examples" / "sodra-dalarna-2011-uppfoljning.json")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no row unmapped, none after August
        followed = plan.with_actuals(sie=ROOT / "examples" / "books" / "sodra-dalarna-2011.se")
    assert followed.evaluate().to_json() == plan.evaluate().to_json()
    own = plan.to_dict()["actuals"]
    booked = followed.to_dict()["actuals"]
    for kind in ("costs", "contributions", "income"):
        assert {i: {m: Decimal(a) for m, a in ms.items()} for i, ms in booked[kind].items()} == \
               {i: {m: Decimal(a) for m, a in ms.items()} for i, ms in own[kind].items()}
    assert booked["forecast"] == own["forecast"]
