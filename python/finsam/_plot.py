"""Result.plot: stacked bars with matplotlib (imported only when a plot is asked for)."""

from __future__ import annotations

import textwrap
from typing import Any, List, Sequence, Tuple

__all__ = ["plot"]

KINDS = ("contributions", "costs")


#: The words of a plot: (Swedish, English).
WORDS = {
    "contributions": ("Slutliga bidrag per huvudman", "Final contributions by member"),
    "costs": ("Kostnader per insats", "Costs by intervention"),
    "year": ("år", "year"),
}


def plot(result: Any, kind: str, unit: str, ax: Any, lang: str = "sv") -> Any:
    if kind not in KINDS:
        raise ValueError(f"unknown plot kind {kind!r}; one of {', '.join(KINDS)}")
    if lang not in ("sv", "en"):
        raise ValueError(f"unknown language {lang!r}; write \"sv\" or \"en\"")
    word = (lambda key: WORDS[key][0]) if lang == "sv" else (lambda key: WORDS[key][1])
    if kind == "contributions":
        frame = result.contributions(unit=unit, as_float=True)["final"]
        series: List[Tuple[str, Sequence[float]]] = [
            (m.name, frame[m.id].tolist()) for m in result.members]
    else:
        frame = result.costs(unit=unit, as_float=True)
        series = [(i.name, frame.loc[i.id].tolist()) for i in result.interventions]
    title = word(kind)

    if ax is None:
        from matplotlib.figure import Figure  # no pyplot: no global figure list, any backend

        fig = Figure(figsize=(9, 4.5), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    years = [str(y) for y in result.years]
    # stack positives upwards and negatives downwards, so a negative part (an adjustment that
    # makes a contribution negative) is drawn below the axis instead of hiding another part
    up = [0.0] * len(years)
    down = [0.0] * len(years)
    for label, values in series:
        bottoms = [d if v < 0 else u for v, u, d in zip(values, up, down)]
        ax.bar(years, values, bottom=bottoms, label=label)
        up = [u + max(v, 0.0) for u, v in zip(up, values)]
        down = [d + min(v, 0.0) for d, v in zip(down, values)]
    ax.set_title(f"{result._title()}\n{title}")
    ax.set_xlabel(word("year"))
    ax.set_ylabel("öre" if unit == "ore" else unit)
    ax.yaxis.set_major_formatter(_thousands if lang == "sv" else _thousands_en)
    # legend entries from the top of the stack down, long names wrapped
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], [textwrap.fill(label, 36) for label in labels[::-1]],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    return fig


def _thousands(x: float, _pos: Any) -> str:
    """12 345 678 with thin spaces and −, as Swedish budgets write numbers."""
    return f"{x:,.0f}".replace(",", "\u202f").replace("-", "\u2212")


def _thousands_en(x: float, _pos: Any) -> str:
    """12,345,678."""
    return f"{x:,.0f}"
