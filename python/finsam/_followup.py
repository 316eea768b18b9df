"""The year after the plan as DataFrames: the follow-up of year F, monthly budgets, liquidity.

Figures come from the result JSON (``follow_up``, ``liquidity``; exact kronor strings turned
into öre by the core's own parser) and from the core's monthly budgets, so they are the figures
``finsam plan FILE --format json`` prints. Amount columns have the ``money`` dtype of the unit
asked for (``amounts``: int64 öre inside, as ``Result.totals()``), so pandas sums, plots and
describes them; a single value (``opening``, ``minimum``) is a ``Decimal`` (``converter``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Dict, List, Optional

import pandas as pd

from . import _core
from ._errors import Error
from ._frames import ordered_multiindex
from ._units import amounts, converter

__all__ = ["FollowUp", "Liquidity", "follow_up", "monthly", "liquidity"]

FIGURES = ["budget", "budget_to_date", "actual_to_date", "deviation_to_date", "forecast", "forecast_deviation"]
KINDS = ["insats", "project", "administration"]


def _ore(text: str) -> int:
    return _core.parse_amount(text, "kr")


def _frame(rows: List[List[Optional[int]]], index: pd.Index, columns: List[str], unit: str, as_float: bool) -> pd.DataFrame:
    """A DataFrame of amounts from rows of integer öre (None: missing), a money column each."""
    return pd.DataFrame({c: amounts([r[j] for r in rows], unit, as_float) for j, c in enumerate(columns)}, index=index,
                        columns=columns)


class FollowUp:
    """The follow-up of year ``year`` through month ``through_month`` (spec 14.3).

    - ``interventions``: interventions × (kind, forecast_rule, the six figures of 14.3 and
      ``used_percent``, actual to date / budget in percent as an exact ``Fraction``, None where
      the budget is 0);
    - ``allocation``: interventions × members, each member's part of each forecast;
    - ``members``: members × (contribution, [received_to_date,] forecast_cost_share);
    - ``income``: income lines × (budget, actual_to_date, forecast);
    - ``totals``: (each kind present, then ``total``) × the six figures;
    - ``result``: contributions, income_forecast, forecast_result (a Series);
    - ``forecast_equity_end``: years F… (a Series; empty without equity);
    - ``history``: interventions × history years (actual costs), with a ``total`` row.
    """

    __slots__ = ("year", "through", "through_month", "interventions", "allocation", "members", "income",
                 "totals", "result", "forecast_equity_end", "history")

    def __repr__(self) -> str:
        return f"<finsam.FollowUp {self.year} through {self.through}: {len(self.interventions)} interventions>"

    def _repr_html_(self) -> str:
        return (f"<p><b>Uppföljning {self.year} t.o.m. {self.through}</b></p>" + self.interventions.to_html()
                + self.totals.to_html())


class Liquidity:
    """The liquidity plan (spec 14.4): ``months`` ((year, month) × in, out, cash_end, source:
    plan, actual or forecast), ``quarters`` ((year, quarter) × in, out, cash_end), ``opening``
    and ``minimum``, and ``below_minimum`` (the months whose cash is below the minimum)."""

    __slots__ = ("months", "quarters", "opening", "minimum")

    @property
    def below_minimum(self) -> pd.DataFrame:
        return self.months[self.months["cash_end"] < self.minimum]

    def __repr__(self) -> str:
        return f"<finsam.Liquidity {len(self.months)} months, minimum {self.minimum}>"

    def _repr_html_(self) -> str:
        return self.quarters.to_html()


def follow_up(result: Any, unit: str = "kr", as_float: bool = False) -> FollowUp:
    data = result.to_dict()
    fu = data.get("follow_up")
    if fu is None:
        raise Error("the plan has no actuals, so there is no follow-up; add \"actuals\" to the plan")
    kinds = {iid: kind for iid, _, kind in result._core.interventions}
    members = [m[0] for m in result._core.members]
    out = FollowUp()
    out.year = fu["year"]
    out.through = fu["through"]
    out.through_month = int(fu["through"][-2:])
    ids = [i["id"] for i in fu["interventions"]]
    index = pd.Index(ids, name="intervention")
    figures = _frame([[_ore(i[f]) for f in FIGURES] for i in fu["interventions"]], index, FIGURES, unit, as_float)
    used = []
    for i in fu["interventions"]:
        budget, actual = _ore(i["budget"]), _ore(i["actual_to_date"])
        used.append(Fraction(100 * actual, budget) if budget else None)
    out.interventions = pd.concat([pd.DataFrame({"kind": [kinds[i] for i in ids],
                                                 "forecast_rule": [i["forecast_rule"] for i in fu["interventions"]]}, index=index),
                                   figures, pd.DataFrame({"used_percent": pd.Series(used, index=index, dtype=object)})], axis=1)
    out.allocation = _frame([[_ore(i["forecast_allocation"][m]) for m in members] for i in fu["interventions"]], index, members, unit,
                            as_float)
    out.allocation.columns = pd.Index(members, name="member")
    member_cols = ["contribution"] + (["received_to_date"] if fu["members"] and "received_to_date" in fu["members"][0] else []) \
        + ["forecast_cost_share"]
    out.members = _frame([[_ore(m[c]) for c in member_cols] for m in fu["members"]],
                         pd.Index([m["id"] for m in fu["members"]], name="member"), member_cols, unit, as_float)
    income_cols = ["budget", "actual_to_date", "forecast"]
    out.income = _frame([[_ore(x[c]) for c in income_cols] for x in fu["income"]],
                        pd.Index([x["id"] for x in fu["income"]], name="income"), income_cols, unit, as_float)
    # by kind (each kind the plan has), then the total of the JSON
    groups, data_rows = [], []
    for kind in KINDS:
        members_of_kind = [i for i in fu["interventions"] if kinds[i["id"]] == kind]
        if members_of_kind:
            groups.append(kind)
            data_rows.append([sum(_ore(i[f]) for i in members_of_kind) for f in FIGURES])
    groups.append("total")
    data_rows.append([_ore(fu["totals"][f]) for f in FIGURES])
    out.totals = _frame(data_rows, pd.Index(groups, name="kind"), FIGURES, unit, as_float)
    keys = ["contributions", "income_forecast", "forecast_result"]
    out.result = pd.Series(amounts([_ore(fu["totals"][k]) for k in keys], unit, as_float), index=keys, name="follow_up")
    equity = fu["totals"].get("forecast_equity_end", {})
    out.forecast_equity_end = pd.Series(amounts([_ore(v) for v in equity.values()], unit, as_float),
                                        index=pd.Index([int(y) for y in equity], name="year"), name="forecast_equity_end")
    hist = fu["history"]
    years = [int(y) for y in hist]
    out.history = pd.DataFrame({y: amounts([_ore(hist[str(y)]["costs"][i]) for i in ids] + [_ore(hist[str(y)]["total_costs"])], unit,
                                           as_float) for y in years},
                               index=pd.Index(ids + ["total"], name="intervention"), columns=years)
    out.history.columns = pd.Index(years, name="year")
    return out


def monthly(result: Any, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
    budgets = result._core.monthly_budget()
    if not any(budgets):
        raise Error("the plan has no monthly budgets; they come with a \"profile\", \"actuals\" or \"liquidity\"")
    fu = result.to_dict().get("follow_up")
    years = result.years
    rows, data = [], []
    for (iid, _, _), by_year in zip(result._core.interventions, budgets):
        months = next((i["months"] for i in fu["interventions"] if i["id"] == iid), None) if fu else None
        for year, twelve in zip(years, by_year):
            for m, ore in enumerate(twelve, start=1):
                actual: Optional[int] = None
                if months is not None and year == fu["year"] and m <= int(fu["through"][-2:]):
                    actual = _ore(months[f"{year}-{m:02d}"]["actual"])
                rows.append((iid, year, m))
                data.append([int(ore), actual])
    return _frame(data, ordered_multiindex(rows, ["intervention", "year", "month"]), ["budget", "actual"], unit, as_float)


def liquidity(result: Any, unit: str = "kr", as_float: bool = False) -> Liquidity:
    data = result.to_dict().get("liquidity")
    if data is None:
        raise Error("the plan has no liquidity plan; add \"liquidity\": {\"opening\": AMOUNT}")
    conv = converter(unit, as_float)
    sources = result._core.liquidity_sources()
    out = Liquidity()
    flows = ["in", "out", "cash_end"]
    rows, values, source = [], [], []
    for key, m in data["months"].items():
        year, month = int(key[:-3]), int(key[-2:])
        rows.append((year, month))
        values.append([_ore(m[f]) for f in flows])
        source.append(sources[year - result.years[0]][month - 1])
    out.months = _frame(values, ordered_multiindex(rows, ["year", "month"]), flows, unit, as_float)
    out.months["source"] = source
    qrows, qvalues = [], []
    for key, q in data["quarters"].items():
        qrows.append((int(key[:-3]), int(key[-1])))
        qvalues.append([_ore(q[f]) for f in flows])
    out.quarters = _frame(qvalues, ordered_multiindex(qrows, ["year", "quarter"]), flows, unit, as_float)
    opening, minimum = result._core.liquidity_bounds()
    out.opening = conv(opening)
    out.minimum = conv(minimum)
    return out
