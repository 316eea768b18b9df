"""Result.plot (stacked bars) and Allocation.plot (the change per förbund) with matplotlib,
imported only when a plot is asked for."""

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


_CHANGE_TEXT = {
    "sv": {"title": "Förändring mot föregående år per förbund", "axis": "förändring", "capped": "begränsad (golvet)",
           "free": "ej begränsad", "exempt": "undantagen från begränsningen", "left_out": "utan föregående år, visas inte",
           "decimal": ",", "percent": " %", "minus": "\u2212"},
    "en": {"title": "Change against the previous year per förbund", "axis": "change", "capped": "capped (at the floor)",
           "free": "not capped", "exempt": "exempt from the cap", "left_out": "without a previous year, not shown",
           "decimal": ".", "percent": "%", "minus": "-"},
}


def plot_change(allocation: Any, unit: str, lang: str, ax: Any) -> Any:
    """Allocation.plot: one horizontal bar per förbund with a previous year, its change in
    ``unit``, coloured by whether the cap held it, labelled with the change in percent."""
    if lang not in _CHANGE_TEXT:
        raise ValueError(f"unknown language {lang!r}; write \"sv\" or \"en\"")
    text = _CHANGE_TEXT[lang]
    frame = allocation.forbund(unit=unit, as_float=True)
    shown = frame[frame["previous"].notna()]
    left_out = [name for name, prev in zip(frame["name"], frame["previous"]) if prev is None]
    if ax is None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(11, 0.45 * max(len(shown), 4) + 1.5), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    groups = (("capped", "tab:red"), ("exempt", "tab:gray"), ("free", "tab:blue"))
    kind = ["capped" if c else "exempt" if e else "free" for c, e in zip(shown["capped"], shown["exempt_from_cap"])]
    names = list(shown["name"])
    positions = list(range(len(names)))[::-1]  # file order from the top
    for key, colour in groups:
        picked = [i for i, k in enumerate(kind) if k == key]
        if picked:
            ax.barh([positions[i] for i in picked], [shown["change"].iloc[i] for i in picked], color=colour, label=text[key])
    for i, pct in enumerate(shown["change_percent"]):
        if pct is None:
            continue
        value = shown["change"].iloc[i]
        label = f"{pct:+.1f}".replace("-", text["minus"]).replace(".", text["decimal"]) + text["percent"]
        ax.annotate(label, (value, positions[i]), xytext=(4 if value >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize="small")
    ax.set_yticks(positions, [textwrap.fill(n, 40) for n in names], fontsize="small")
    ax.axvline(0, color="black", linewidth=0.8)
    title = f"{allocation.name}\n{text['title']}" if allocation.name else f"{text['title']} {allocation.year}"
    ax.set_title(title)
    ax.set_xlabel(f"{text['axis']} ({'öre' if unit == 'ore' else unit})")
    ax.xaxis.set_major_formatter(_thousands if lang == "sv" else _thousands_en)
    ax.margins(x=0.15)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    if left_out:
        ax.text(0, -0.12, f"{', '.join(left_out)}: {text['left_out']}", transform=ax.transAxes, fontsize="small", va="top")
    return fig
