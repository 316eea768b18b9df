"""Result.plot: stacked bars of the final contributions (per member) and costs (per intervention)."""

from __future__ import annotations

import io

import matplotlib
import pytest
from matplotlib.figure import Figure

import finsam
from conftest import DALARNA


def bars(ax):
    """(label, [(x label, bottom, height)]) of each bar container, in drawing order."""
    labels = [t.get_text() for t in ax.get_xticklabels()]
    return [(c.get_label(), [(labels[i], r.get_y(), r.get_height()) for i, r in enumerate(c.patches)])
            for c in ax.containers]


def test_tests_use_agg():
    assert matplotlib.get_backend().lower() == "agg"


def test_contributions_are_stacked_per_member():
    result = finsam.load(DALARNA).evaluate("sater-joins")
    fig = result.plot("contributions")
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    drawn = bars(ax)
    assert [label for label, _ in drawn] == [m.name for m in result.members]
    # 2011: 1 820 000, then 910 000 on top (bottom 1 820 000), avesta 473 345 on 2 730 000, …
    assert drawn[0][1][0] == ("2011", 0.0, 1820000.0)
    assert drawn[1][1][0] == ("2011", 1820000.0, 910000.0)
    assert drawn[2][1][0] == ("2011", 2730000.0, 473345.0)
    assert drawn[4][1][0] == ("2011", 2730000.0 + 473345 + 332567, 104088.0)  # Säter on top
    # the stack is the year's contributions: 3 640 000
    assert sum(height for _, series in drawn for year, _, height in series if year == "2013") == 3640000.0
    # Swedish by default: the scenario, the title and the axis
    assert ax.get_title() == "Södra Dalarnas samordningsförbund – Scenario: sater-joins\nSlutliga bidrag per huvudman"
    assert ax.get_xlabel() == "år"
    assert ax.yaxis.get_major_formatter()(-1234567, 0) == "\u22121\u202f234\u202f567"
    png = io.BytesIO()
    fig.savefig(png, format="png")
    assert png.getvalue().startswith(b"\x89PNG")


def test_costs_are_stacked_per_intervention_in_a_given_unit():
    result = finsam.load(DALARNA).evaluate()
    fig = result.plot(kind="costs", unit="tkr")
    drawn = bars(fig.axes[0])
    assert [label for label, _ in drawn] == [i.name for i in result.interventions]
    # vt-administration 900 tkr, 922.5 tkr, 945.563 tkr (900 000 × 1.025, × 1.025 rounded to kr)
    assert [h for _, _, h in drawn[0][1]] == [900.0, 922.5, 945.563]
    assert fig.axes[0].get_ylabel() == "tkr"


def test_into_given_axes_and_negative_parts():
    plan = finsam.load({"format": "finsam/1", "years": [2020, 2020],
                        "members": [{"id": "fk", "kind": "state"}, {"id": "kommun", "kind": "municipality"}],
                        "shares": {"fk": "50", "kommun": "50"}, "frame": {"total": "1000"},
                        "adjustments": [{"year": 2020, "member": "kommun", "amount": "-600"}]})
    fig = Figure()
    left, right = fig.subplots(1, 2)
    assert plan.evaluate().plot(ax=right) is fig
    assert not left.containers
    # fk 500 upwards; kommun 500 − 600 = −100, drawn downwards from 0
    assert bars(right) == [("fk", [("2020", 0.0, 500.0)]), ("kommun", [("2020", 0.0, -100.0)])]


def test_english_on_request():
    fig = finsam.load(DALARNA).evaluate().plot("costs", lang="en")
    (ax,) = fig.axes
    assert ax.get_title() == "Södra Dalarnas samordningsförbund\nCosts by intervention"
    assert ax.get_xlabel() == "year"
    assert ax.yaxis.get_major_formatter()(1234567, 0) == "1,234,567"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        finsam.load(DALARNA).evaluate().plot(lang="de")


def test_unknown_kind():
    with pytest.raises(ValueError, match="unknown plot kind 'pie'"):
        finsam.load(DALARNA).evaluate().plot("pie")
