"""The year after the plan as DataFrames: the follow-up of year F, monthly budgets, liquidity.

Figures come from the result JSON (``follow_up``, ``liquidity``; exact kronor strings turned
into öre by the core's own parser) and from the core's monthly budgets, so they are the figures
``finsam plan FILE --format json`` prints, in the unit asked for (``converter``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Dict, List, Optional

import pandas as pd

from . import _core
from ._errors import Error
from ._frames import ordered_multiindex
from ._units import converter

__all__ = ["FollowUp", "Liquidity", "follow_up", "monthly", "liquidity"]

FIGURES = ["budget", "budget_to_date", "actual_to_date", "deviation_to_date", "forecast", "forecast_deviation"]
KINDS = ["insats", "project", "administration"]


def _ore(text: str) -> int:
    return _core.parse_amount(text, "kr")


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
    conv = converter(unit, as_float)
    kinds = {iid: kind for iid, _, kind in result._core.interventions}
    members = [m[0] for m in result._core.members]
    out = FollowUp()
    out.year = fu["year"]
    out.through = fu["through"]
    out.through_month = int(fu["through"][-2:])
    ids = [i["id"] for i in fu["interventions"]]
    rows = []
    for i in fu["interventions"]:
        budget, actual = _ore(i["budget"]), _ore(i["actual_to_date"])
        row: Dict[str, Any] = {"kind": kinds[i["id"]], "forecast_rule": i["forecast_rule"]}
        row.update({f: conv(_ore(i[f])) for f in FIGURES})
        row["used_percent"] = Fraction(100 * actual, budget) if budget else None
        rows.append(row)
    out.interventions = pd.DataFrame(rows, index=pd.Index(ids, name="intervention"),
                                     columns=["kind", "forecast_rule"] + FIGURES + ["used_percent"])
    out.allocation = pd.DataFrame([[conv(_ore(i["forecast_allocation"][m])) for m in members] for i in fu["interventions"]],
                                  index=pd.Index(ids, name="intervention"), columns=pd.Index(members, name="member"))
    member_cols = ["contribution"] + (["received_to_date"] if fu["members"] and "received_to_date" in fu["members"][0] else []) \
        + ["forecast_cost_share"]
    out.members = pd.DataFrame([[conv(_ore(m[c])) for c in member_cols] for m in fu["members"]],
                               index=pd.Index([m["id"] for m in fu["members"]], name="member"), columns=member_cols)
    out.income = pd.DataFrame([[conv(_ore(x[c])) for c in ("budget", "actual_to_date", "forecast")] for x in fu["income"]],
                              index=pd.Index([x["id"] for x in fu["income"]], name="income"),
                              columns=["budget", "actual_to_date", "forecast"])
    # by kind (each kind the plan has), then the total of the JSON
    groups, data_rows = [], []
    for kind in KINDS:
        members_of_kind = [i for i in fu["interventions"] if kinds[i["id"]] == kind]
        if members_of_kind:
            groups.append(kind)
            data_rows.append([conv(sum(_ore(i[f]) for i in members_of_kind)) for f in FIGURES])
    groups.append("total")
    data_rows.append([conv(_ore(fu["totals"][f])) for f in FIGURES])
    out.totals = pd.DataFrame(data_rows, index=pd.Index(groups, name="kind"), columns=FIGURES)
    out.result = pd.Series({k: conv(_ore(fu["totals"][k])) for k in ("contributions", "income_forecast", "forecast_result")},
                           name="follow_up")
    equity = fu["totals"].get("forecast_equity_end", {})
    out.forecast_equity_end = pd.Series([conv(_ore(v)) for v in equity.values()],
                                        index=pd.Index([int(y) for y in equity], name="year"), name="forecast_equity_end",
                                        dtype=object if not equity or not as_float else float)
    hist = fu["history"]
    years = [int(y) for y in hist]
    cols = [[conv(_ore(hist[y]["costs"][i])) for i in ids] + [conv(_ore(hist[y]["total_costs"]))] for y in hist]
    out.history = pd.DataFrame({y: c for y, c in zip(years, cols)}, index=pd.Index(ids + ["total"], name="intervention"))
    out.history.columns = pd.Index(years, name="year")
    return out


def monthly(result: Any, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
    budgets = result._core.monthly_budget()
    if not any(budgets):
        raise Error("the plan has no monthly budgets; they come with a \"profile\", \"actuals\" or \"liquidity\"")
    conv = converter(unit, as_float)
    fu = result.to_dict().get("follow_up")
    years = result.years
    rows, data = [], []
    for (iid, _, _), by_year in zip(result._core.interventions, budgets):
        months = next((i["months"] for i in fu["interventions"] if i["id"] == iid), None) if fu else None
        for year, twelve in zip(years, by_year):
            for m, ore in enumerate(twelve, start=1):
                actual: Optional[Any] = None
                if months is not None and year == fu["year"] and m <= int(fu["through"][-2:]):
                    actual = conv(_ore(months[f"{year}-{m:02d}"]["actual"]))
                rows.append((iid, year, m))
                data.append([conv(ore), actual])
    return pd.DataFrame(data, index=ordered_multiindex(rows, ["intervention", "year", "month"]),
                        columns=["budget", "actual"])


def liquidity(result: Any, unit: str = "kr", as_float: bool = False) -> Liquidity:
    data = result.to_dict().get("liquidity")
    if data is None:
        raise Error("the plan has no liquidity plan; add \"liquidity\": {\"opening\": AMOUNT}")
    conv = converter(unit, as_float)
    sources = result._core.liquidity_sources()
    out = Liquidity()
    rows, values = [], []
    for key, m in data["months"].items():
        year, month = int(key[:-3]), int(key[-2:])
        rows.append((year, month))
        values.append([conv(_ore(m["in"])), conv(_ore(m["out"])), conv(_ore(m["cash_end"])),
                       sources[year - result.years[0]][month - 1]])
    out.months = pd.DataFrame(values, index=ordered_multiindex(rows, ["year", "month"]),
                              columns=["in", "out", "cash_end", "source"])
    qrows, qvalues = [], []
    for key, q in data["quarters"].items():
        qrows.append((int(key[:-3]), int(key[-1])))
        qvalues.append([conv(_ore(q["in"])), conv(_ore(q["out"])), conv(_ore(q["cash_end"]))])
    out.quarters = pd.DataFrame(qvalues, index=ordered_multiindex(qrows, ["year", "quarter"]), columns=["in", "out", "cash_end"])
    opening, minimum = result._core.liquidity_bounds()
    out.opening = conv(opening)
    out.minimum = conv(minimum)
    return out
