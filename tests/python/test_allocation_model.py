"""finsam.allocate: the state's distribution among förbund (spec 18) from Python.

The example's figures are worked out by hand in examples/README.md, section 5; the bad-input
catalogue of allocation files (tests/bad_inputs_allocation/) runs here as it runs through the
command line.
"""

from __future__ import annotations

import copy
import decimal
import json
import pickle
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Optional

import pandas as pd
import pytest
from matplotlib.figure import Figure

import finsam
from conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "tests" / "cli"))
import bad_inputs as cli_runner  # noqa: E402  (one reader of the catalogue's format)

EXAMPLE = EXAMPLES / "statens-fordelning-2016.json"
CATALOGUE = ROOT / "tests" / "bad_inputs_allocation"
CASES = sorted(CATALOGUE.glob("*.json"))


@pytest.fixture(scope="module")
def alloc() -> finsam.Allocation:
    return finsam.allocate(EXAMPLE)


def test_the_example_per_forbund(alloc):
    f = alloc.forbund()
    assert list(f.index) == alloc.ids and alloc.ids[0] == "sundsvall-timra"
    # README 5.1: sundsvall-timra 1 560 000 000 + 315 000 000 kr, 60 800 + 11 200; w = 3/32 + 3/100 = 495/4000
    row = f.loc["sundsvall-timra"]
    assert row["support"] == Decimal("1875000000.00") and row["population"] == 72000
    assert (row["support_part"], row["population_part"], row["weight"]) == (Fraction(3, 32), Fraction(3, 100), Fraction(495, 4000))
    # README 5.2: 400 000 + 10 758.75 × 495 = 5 725 581.25 kr exactly, 5 725 581 after largest remainder
    assert row["exact"] == Fraction(2290232500, 4) / 100
    assert row["allocation"] == Decimal("5725581.00")
    assert row["floor"] == Fraction(4770000) and not row["capped"] and row["capped_in"] is None
    # README 5.3: +425 581 kr = 425 581/53 000 %
    assert row["change"] == Decimal("425581.00") and row["change_percent"] == Fraction(425581, 53000)
    assert (row["implied_frame"], row["frame_region"], row["frame_municipalities"]) == (
        Decimal("11451162.00"), Decimal("2862791.00"), Decimal("2862790.00"))
    # capped: sodra-dalarna and gotland in round 1, ostersund-krokom in round 2 (at 4 280 000 × 0.9)
    assert {i: f.loc[i, "capped_in"] for i in f.index if f.loc[i, "capped"]} == {
        "sodra-dalarna": 1, "gotland": 1, "ostersund-krokom": 2}
    assert f.loc["ostersund-krokom", "allocation"] == Decimal("3852000.00")
    # exempt: norra-bohuslan falls 18.3 % and has no floor; ystad-osterlen has no previous year
    assert f.loc["norra-bohuslan", "exempt_from_cap"] and f.loc["norra-bohuslan", "floor"] is None
    assert pd.isna(f.loc["ystad-osterlen", "previous"]) and pd.isna(f.loc["ystad-osterlen", "change"])
    assert f.loc["ystad-osterlen", "change_percent"] is None
    # the tie of halves: vastra-skaraborg and kalmar get a krona, gavle (listed after them) does not
    assert f.loc[["vastra-skaraborg", "kalmar", "gavle"], "allocation"].tolist() == [
        Decimal("4294668.00"), Decimal("4811088.00"), Decimal("5585717.00")]
    assert sum(f["allocation"]) == Decimal("48000000.00")
    # the whole-öre amounts are the money dtype: pandas sums and describes them exactly
    assert str(f["allocation"].dtype).startswith("money") and f["allocation"].sum() == Decimal("48000000.00")
    # the 11 förbund with a previous year: 45 530 000 kr; Ystad–Österlen's missing value is skipped
    assert f["previous"].sum() == Decimal("45530000.00") and f["previous"].count() == 11
    assert f["allocation"].describe()["max"] == Decimal("5725581.00")  # Sundsvall–Timrå


def test_the_example_totals_rounds_areas(alloc):
    t = alloc.totals()
    assert t["total"] == Decimal("48000000.00") and t["previous"] == Decimal("45530000.00")
    assert t["change"] == Decimal("-200096.00")  # (48 000 000 − 2 670 096) − 45 530 000
    assert (t["frame_region"], t["frame_municipalities"]) == (Decimal("24000001.00"), Decimal("23999999.00"))
    assert (t["implied_frame"], t["capped"], t["population"]) == (Decimal("96000000.00"), 3, 600000)
    r = alloc.rounds()
    assert list(r.index) == [1, 2, 3]
    # R₁ = 48 000 000 − 12 × 400 000; R₂ = 48 000 000 − 6 120 000 − 4 000 000; R₃ = … − 9 972 000 − 3 600 000
    assert r["pool"].tolist() == [Fraction(43200000), Fraction(37880000), Fraction(34428000)]
    assert r["weight_sum"].tolist() == [Fraction(1), Fraction(22, 25), Fraction(4, 5)]
    assert r["capped"].tolist() == [["sodra-dalarna", "gotland"], ["ostersund-krokom"], []]
    a = alloc.areas()
    assert a.loc[("sodra-dalarna", "avesta"), "support"] == Decimal("430000000.00")
    assert "gotland" not in a.index.get_level_values("forbund")  # Gotland gives its figures itself
    assert a.xs("hoglandet", level="forbund")["population"].sum() == 64200


def test_units_and_floats(alloc):
    assert alloc.forbund(unit="öre").loc["gavle", "allocation"] == 558571700
    assert alloc.forbund(unit="tkr").loc["gavle", "allocation"] == Decimal("5585.717")
    assert alloc.forbund(unit="tkr").loc["gavle", "exact"] == Fraction(11171435, 2000)
    floats = alloc.forbund(as_float=True)
    assert floats.loc["gavle", "allocation"] == 5585717.0 and floats.loc["gavle", "weight"] == 0.1205


def test_json_is_the_clis(alloc, cli):
    assert alloc.to_dict() == cli.json("allocate", str(EXAMPLE))
    assert alloc.to_dict()["format"] == finsam.ALLOCATION_RESULT_FORMAT
    assert json.loads(alloc.to_json())["forbund"][3]["capped"] is True


def test_a_dict_is_read_exactly():
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"), parse_float=decimal.Decimal)
    assert finsam.allocate(doc) == finsam.allocate(EXAMPLE)
    doc["total"] = 48000000.5
    with pytest.raises(finsam.PlanError) as e:
        finsam.allocate(doc)
    assert [p.pointer for p in e.value.problems] == ["/total"]
    with pytest.raises(TypeError):
        finsam.allocate(3)


def test_tables(alloc, cli):
    tables = alloc.tables()
    assert tables.ids == ["allocation", "implied_frame"]
    rc, out, err = cli.run("allocate", str(EXAMPLE), "--format", "md")
    assert rc == 0 and tables.to_markdown() == out
    frame = alloc.table("allocation", unit="kr", lang="en").to_frame()
    assert frame.loc["Total", "Allocation 2016"] == Decimal(48000000)
    assert frame.loc["Samordningsförbundet Gävle", "Capped"] == "no"
    implied = alloc.table("implied_frame").to_frame()
    # every Summa is the sum of the rows it shows (tkr, controlled rounding)
    for column in implied.columns:
        assert implied[column].iloc[:-1].sum() == implied.loc["Summa", column]
    assert implied.loc["Summa", "Ram"] == Decimal(96000)


def test_explain(alloc):
    e = alloc.explain("ostersund-krokom")
    assert e.text.startswith("Samordningsförbundet Östersund–Krokom (ostersund-krokom): statens fördelning 2016\n")
    assert "≈ 3 843 636,36 kr < golvet 3 852 000 kr: begränsas" in e.text
    assert e.data["rounds"][1]["exact"] == "42280000/11" and e.data["capped"] is True
    assert "round 2: R = 37,880,000 kr" in alloc.explain("ostersund-krokom", lang="en").text
    with pytest.raises(finsam.Error, match='no förbund "nope"'):
        alloc.explain("nope")


def bars(ax):
    """{legend label: [(förbund name, change)]} of the bars drawn."""
    names = {round(t.get_position()[1]): t.get_text() for t in ax.get_yticklabels()}
    return {c.get_label(): [(names[round(p.get_y() + p.get_height() / 2)], p.get_width()) for p in c.patches]
            for c in ax.containers}


def test_plot_of_the_change(alloc):
    fig = alloc.plot()
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    drawn = bars(ax)
    # Swedish by default: the capped, the exempt and the others; ystad-osterlen has no previous year
    assert set(drawn) == {"begränsad (golvet)", "undantagen från begränsningen", "ej begränsad"}
    assert drawn["begränsad (golvet)"] == [("Södra Dalarnas samordningsförbund", -330000.0),
                                           ("Samordningsförbundet Gotland", -350000.0),
                                           ("Samordningsförbundet Östersund–Krokom", -428000.0)]
    assert drawn["undantagen från begränsningen"] == [("Samordningsförbundet Norra Bohuslän", -622316.0)]
    assert len(drawn["ej begränsad"]) == 7
    assert ax.get_xlabel() == "förändring (kr)" and "Förändring mot föregående år" in ax.get_title()
    assert "−18,3 %" in [t.get_text() for t in ax.texts]
    en = alloc.plot(unit="tkr", lang="en").axes[0]
    assert en.get_xlabel() == "change (tkr)" and ("Samordningsförbundet Gävle", 585.717) in bars(en)["not capped"]
    with pytest.raises(ValueError):
        alloc.plot(lang="fi")


def test_pickle_and_copy(alloc):
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(alloc, protocol=protocol))
        assert back == alloc and back.to_dict() == alloc.to_dict()
    assert copy.deepcopy(alloc) is alloc
    assert finsam.allocate(alloc) is alloc


# -- the bad-input catalogue of allocation files --------------------------------------------------

def as_dict(case: Path) -> Optional[Any]:
    """The case as Python data, where the case is not about the JSON text itself."""
    if case.stem.startswith(("json_", "root_")):
        return None
    value = json.loads(case.read_text(encoding="utf-8"), parse_float=decimal.Decimal)
    return value if isinstance(value, dict) else None


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_allocation_file(case: Path):
    expected = cli_runner.expected_of(str(case))
    assert expected
    with pytest.raises(finsam.PlanError) as e:
        finsam.allocate(case)
    assert [(p.pointer, p.message) for p in e.value.problems] == expected
    assert e.value.source == str(case)
    doc = as_dict(case)
    if doc is not None:
        with pytest.raises(finsam.PlanError) as e:
            finsam.allocate(doc)
        assert [(p.pointer, p.message) for p in e.value.problems] == expected


def test_the_catalogue_is_there():
    assert len(CASES) >= 50
    assert sum(as_dict(c) is not None for c in CASES) >= 50
