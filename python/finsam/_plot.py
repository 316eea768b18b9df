"""Result.plot with matplotlib (imported only when a plot is asked for): stacked bars of the
plan's figures, and lines for the follow-up and the liquidity (spec 14); Allocation.plot: the
change per förbund."""

from __future__ import annotations

import textwrap
from typing import Any, List, Optional, Sequence, Tuple

__all__ = ["plot"]

KINDS = ("contributions", "costs", "follow_up", "liquidity")

#: (Swedish, English) of every label
WORDS = {
    "contributions": ("Slutliga bidrag per huvudman", "Final contributions by member"),
    "costs": ("Kostnader per insats", "Costs by intervention"),
    "year": ("år", "year"),
    "follow_up": ("Uppföljning {year} t.o.m. {through}", "Follow-up {year} through {through}"),
    "months": ("januari februari mars april maj juni juli augusti september oktober november december",
               "January February March April May June July August September October November December"),
    "all": ("alla insatser", "all interventions"),
    "budget": ("budget, ackumulerad", "budget, cumulative"),
    "actual": ("utfall, ackumulerat", "actual, cumulative"),
    "forecast": ("prognos {forecast}", "forecast {forecast}"),
    "month": ("månad", "month"),
    "liquidity": ("Likviditet: kassa vid månadens slut", "Liquidity: cash at the end of the month"),
    "cash": ("kassa", "cash"),
    "minimum": ("miniminivå", "minimum"),
}


def _w(key: str, lang: str) -> str:
    return WORDS[key][0 if lang == "sv" else 1]


def _axes(ax: Any, figsize: Tuple[float, float] = (9, 4.5)) -> Tuple[Any, Any]:
    if ax is None:
        from matplotlib.figure import Figure  # no pyplot: no global figure list, any backend

        fig = Figure(figsize=figsize, layout="constrained")
        return fig, fig.add_subplot()
    return ax.figure, ax


def plot(result: Any, kind: str, unit: str, ax: Any, lang: str = "sv", intervention: Optional[str] = None) -> Any:
    if kind not in KINDS:
        raise ValueError(f"unknown plot kind {kind!r}; one of {', '.join(KINDS)}")
    if lang not in ("sv", "en"):
        raise ValueError(f"unknown language {lang!r}; write \"sv\" or \"en\"")
    if kind == "follow_up":
        return _follow_up(result, unit, ax, lang, intervention)
    if kind == "liquidity":
        return _liquidity(result, unit, ax, lang)
    if kind == "contributions":
        frame = result.contributions(unit=unit, as_float=True)["final"]
        series: List[Tuple[str, Sequence[float]]] = [
            (m.name, frame[m.id].tolist()) for m in result.members]
    else:
        frame = result.costs(unit=unit, as_float=True)
        series = [(i.name, frame.loc[i.id].tolist()) for i in result.interventions]
    title = _w(kind, lang)

    fig, ax = _axes(ax)
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
    ax.set_xlabel(_w("year", lang))
    ax.set_ylabel("öre" if unit == "ore" else unit)
    ax.yaxis.set_major_formatter(_thousands if lang == "sv" else _thousands_en)
    # legend entries from the top of the stack down, long names wrapped
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], [textwrap.fill(label, 36) for label in labels[::-1]],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    return fig


def _follow_up(result: Any, unit: str, ax: Any, lang: str, intervention: Optional[str]) -> Any:
    """Cumulative budget (12 months) and actual (through T) of the follow-up year, and the
    forecast from T to December (the actual to date plus the budget still to come and the
    forecast's difference, spread as the liquidity plan spreads it: reaching the forecast)."""
    fu = result.follow_up(unit=unit, as_float=True)
    months = result.monthly(unit=unit, as_float=True)
    year, T = fu.year, fu.through_month
    ids = [intervention] if intervention is not None else list(fu.interventions.index)
    if intervention is not None and intervention not in fu.interventions.index:
        raise ValueError(f"no intervention {intervention!r}")
    budget = [0.0] * 12
    actual = [0.0] * 12
    for iid in ids:
        rows = months.loc[(iid, year)]
        for m in range(1, 13):
            budget[m - 1] += rows.loc[m, "budget"]
            if m <= T:
                actual[m - 1] += rows.loc[m, "actual"]
    forecast = float(fu.interventions.loc[ids, "forecast"].sum())
    fig, ax = _axes(ax)
    x = list(range(1, 13))
    cum_b, cum_a = _cumulative(budget), _cumulative(actual[:T])
    ax.plot(x, cum_b, marker="o", label=_w("budget", lang))
    ax.plot(x[:T], cum_a, marker="o", label=_w("actual", lang))
    if T < 12:
        # from the actual to date, the remaining budget scaled so that December is the forecast
        rest = budget[T:]
        start = cum_a[-1] if cum_a else 0.0
        total_rest = sum(rest)
        extra = forecast - start - total_rest
        path, acc = [start], start
        for b in rest:
            acc += b + (extra * b / total_rest if total_rest else extra / len(rest))
            path.append(acc)
        ax.plot(x[T - 1:], path, linestyle="--",
                label=_w("forecast", lang).format(forecast=_thousands(forecast, None)))
    name = _w("all", lang) if intervention is None else next(i.name for i in result.interventions if i.id == intervention)
    through = _w("months", lang).split()[T - 1]
    ax.set_title(f"{result._title()}\n{_w('follow_up', lang).format(year=year, through=through)}: {name}")
    ax.set_xlabel(_w("month", lang))
    ax.set_xticks(x)
    ax.set_ylabel("öre" if unit == "ore" else unit)
    ax.yaxis.set_major_formatter(_thousands)
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    return fig


def _liquidity(result: Any, unit: str, ax: Any, lang: str) -> Any:
    liq = result.liquidity(unit=unit, as_float=True)
    months = liq.months
    labels = [f"{y}-{m:02d}" for y, m in months.index]
    fig, ax = _axes(ax)
    x = list(range(len(labels)))
    ax.plot(x, months["cash_end"].tolist(), marker="o", label=_w("cash", lang))
    ax.axhline(liq.minimum, color="red", linestyle="--", label=_w("minimum", lang))
    below = [i for i, v in enumerate(months["cash_end"].tolist()) if v < liq.minimum]
    if below:
        ax.plot(below, [months["cash_end"].iloc[i] for i in below], linestyle="none", marker="o", color="red")
    step = max(1, len(labels) // 12)
    ax.set_xticks(x[::step])
    ax.set_xticklabels(labels[::step], rotation=45, ha="right")
    ax.set_title(f"{result._title()}\n{_w('liquidity', lang)}")
    ax.set_ylabel("öre" if unit == "ore" else unit)
    ax.yaxis.set_major_formatter(_thousands)
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    return fig


def _cumulative(values: Sequence[float]) -> List[float]:
    out, acc = [], 0.0
    for v in values:
        acc += v
        out.append(acc)
    return out


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
    fig, ax = _axes(ax, (11, 0.45 * max(len(shown), 4) + 1.5))
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
