"""Results as pandas DataFrames, explanations, and the result JSON."""

from __future__ import annotations

import html
import json
from fractions import Fraction
from typing import Any, Callable, Dict, List, Optional

import pandas as pd

from . import _core
from ._base import ResultWarning, _Described
from ._followup import FollowUp, Liquidity, follow_up, liquidity, monthly
from ._frames import frame_from_columns, ordered_multiindex
from ._plan import Plan
from ._tables import Table, Tables, build
from ._units import money_frame

__all__ = ["Result", "Explanation", "ResultWarning"]


class Explanation:
    """How a figure was derived: ``text`` (as ``finsam explain`` prints it) and ``data`` (the
    same steps as ``finsam explain --format json``: amounts are exact kronor strings)."""

    __slots__ = ("text", "data")

    def __init__(self, text: str, data: Dict[str, Any]) -> None:
        self.text = text
        self.data = data

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        first = self.text.splitlines()[0] if self.text else ""
        return f"<finsam.Explanation {first!r}>"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:  # IPython
        p.text(self.text.rstrip("\n"))

    def _repr_html_(self) -> str:  # Jupyter
        return "<pre>" + html.escape(self.text) + "</pre>"


class Result(_Described):
    """An evaluated plan (its base or one variant), with exact figures.

    Every DataFrame method takes ``unit`` and ``as_float``: by default columns have the exact
    ``money[kr]`` dtype (int64 öre inside, :class:`finsam.MoneyDtype`): pandas sums, rounds,
    compares, describes, plots and writes them to Excel as numbers, and a single value is a
    ``decimal.Decimal`` kronor with two decimals (exactly the result JSON's figure).
    ``unit="tkr"``/``"mnkr"`` gives ``money[tkr]``/``money[mnkr]`` (the same öre, shown in
    thousands or millions), ``unit="öre"`` plain ``int64`` öre, ``as_float=True`` ``float64``
    (floats do not add up exactly).
    """

    __slots__ = ("_core",)
    _core_class = _core.Result
    _made_by = "get a Result from Plan.evaluate()"

    # -- what it is (name, years, members, interventions: _Described) -------------------------
    @property
    def variant(self) -> Optional[str]:
        """The variant's name, or None for the base plan."""
        return self._core.variant

    @property
    def plan(self) -> Plan:
        """The plan (with all its variants) this is a result of."""
        return Plan(self._core.plan)

    @property
    def warnings(self) -> List[ResultWarning]:
        """The warnings (their order is free, spec 12.20)."""
        return [ResultWarning(*w) for w in self._core.warnings]

    # -- DataFrames ---------------------------------------------------------------------------
    def _year_index(self) -> pd.Index:
        return pd.Index(self.years, name="year")

    def _member_ids(self) -> List[str]:
        return [m[0] for m in self._core.members]

    def contributions(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """Members' contributions: years × (figure, member), figure one of ``preliminary``
        (from the frame), ``adjustment`` (the year's adjustments) and ``final`` (their sum,
        what allocations use). ``df["final"]`` is the final frame, years × members."""
        ids = self._member_ids()
        columns, data = [], []
        for label, field in (("preliminary", "contribution"), ("adjustment", "adjustment"),
                             ("final", "final_contribution")):
            for mid, row in zip(ids, self._core.member_figure(field)):
                columns.append((label, mid))
                data.append(row)
        return money_frame(data, self._year_index(), ordered_multiindex(columns, ["figure", "member"]), unit, as_float)

    def cost_shares(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """Each member's cost share (the sum of its parts of every intervention): years × members."""
        return money_frame(self._core.member_figure("cost_share"), self._year_index(),
                           pd.Index(self._member_ids(), name="member"), unit, as_float)

    def shares(self, as_float: bool = False) -> pd.DataFrame:
        """Each member's percent of the final frame, exact (``fractions.Fraction``): years × members.
        The result JSON shows these rounded to six decimals."""
        conv: Callable[[str], Any] = (lambda t: float(Fraction(t))) if as_float else Fraction
        data = [[conv(t) for t in row] for row in self._core.shares()]
        return frame_from_columns(data, self._year_index(), pd.Index(self._member_ids(), name="member"))

    def costs(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """Each intervention's amount: interventions × years."""
        rows = self._core.intervention_figure("amount")
        index = pd.Index([i[0] for i in self._core.interventions], name="intervention")
        columns = [[row[y] for row in rows] for y in range(len(self.years))]
        return money_frame(columns, index, pd.Index(self.years, name="year"), unit, as_float)

    def allocation(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """Each member's part of each intervention: (intervention, year) × members. A row sums to
        the intervention's amount that year (frame part by final contributions + case part by key)."""
        years = self.years
        rows, data = [], []
        for (iid, _, _), by_year in zip(self._core.interventions, self._core.allocation()):
            for year, parts in zip(years, by_year):
                rows.append((iid, year))
                data.append(parts)
        index = ordered_multiindex(rows, ["intervention", "year"])
        ids = self._member_ids()
        columns = [[parts[k] for parts in data] for k in range(len(ids))]
        return money_frame(columns, index, pd.Index(ids, name="member"), unit, as_float)

    def totals(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """The year totals: years × (costs, contributions[, income], result[, equity_end]) —
        income where the plan has ``income``, equity_end where it gives ``equity``, as in the
        result JSON."""
        fields = ["costs", "contributions"] + (["income"] if self._core.has_income else []) + ["result"] + \
            (["equity_end"] if self._core.has_equity else [])
        data = [self._core.year_figure(f) for f in fields]
        return money_frame(data, self._year_index(), pd.Index(fields, name="figure"), unit, as_float)

    # -- JSON, explanations, plots ------------------------------------------------------------
    def income(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """Other income (spec 13): income lines × years (empty without income lines)."""
        lines = self._core.income()
        columns = [[amounts[y] for _, _, amounts in lines] for y in range(len(self.years))]
        return money_frame(columns, pd.Index([i for i, _, _ in lines], name="income"), pd.Index(self.years, name="year"),
                           unit, as_float)

    # -- the year after the plan (spec 14) ----------------------------------------------------
    def follow_up(self, unit: str = "kr", as_float: bool = False) -> FollowUp:
        """The follow-up of year F through month T (spec 14.3) as DataFrames: per intervention
        (kind, rule and the figures budget, budget_to_date, actual_to_date, deviation_to_date,
        forecast, forecast_deviation, used_percent), the forecasts' allocation to the members,
        per member, per income line, totals per kind and in all, the forecast result and
        equity, and the history years. Raises :class:`finsam.Error` without ``actuals``."""
        return follow_up(self, unit, as_float)

    def monthly(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """Budget and actual per intervention and month: (intervention, year, month) ×
        (budget, actual). The twelve budgets of a year sum to its amount (spec 14.1); actual is
        what was booked in the follow-up year through month T, None elsewhere. Raises
        :class:`finsam.Error` for a plan without months (no profile, actuals or liquidity)."""
        return monthly(self, unit, as_float)

    def liquidity(self, unit: str = "kr", as_float: bool = False) -> Liquidity:
        """The cash month by month and quarter by quarter (spec 14.4): ``.months`` and
        ``.quarters`` DataFrames (in, out, cash_end; months also their source), ``.opening``,
        ``.minimum``. Raises :class:`finsam.Error` without ``liquidity``."""
        return liquidity(self, unit, as_float)

    # -- JSON, explanations, plots ------------------------------------------------------------
    def to_dict(self) -> Dict[str, Any]:
        """The result JSON ``finsam-result/1`` as a dict: equal to ``json.loads`` of what
        ``finsam plan FILE [--variant NAME] --format json`` prints (amounts are kronor strings)."""
        return json.loads(self._core.to_json())

    def to_json(self) -> str:
        """The result JSON text, as ``finsam plan FILE --format json`` prints it."""
        return self._core.to_json()

    def explain(self, year: Optional[int] = None, member: Optional[str] = None,
                intervention: Optional[str] = None, month: Optional[int] = None,
                forecast: Optional[str] = None, lang: str = "sv") -> Explanation:
        """How a figure was derived, as ``finsam explain`` shows it: with ``member`` its cost
        share of ``year`` intervention by intervention, with ``intervention`` that
        intervention's amount chain and split (only ``member``'s part if both are given), with
        neither the year's frame and totals. With ``month`` (1–12): ``intervention``'s budget
        that month of ``year`` (its profile split), or without ``intervention`` the month's
        cash. ``forecast=ID``: the follow-up forecast of that intervention, its rule,
        arithmetic and split. The text is Swedish by default (``lang="en"`` for English); ``data`` is the same in
        both. Raises :class:`finsam.Error` for an unknown year, month, member or intervention."""
        if forecast is not None:
            if year is not None or member is not None or intervention is not None or month is not None:
                raise ValueError("forecast= explains the forecast of one intervention; give it alone (and lang=)")
            text, data = _core.explain_forecast(self._core, forecast, lang)
        elif year is None:
            raise ValueError("explain needs a year (or forecast=ID)")
        elif month is not None:
            if member is not None:
                raise ValueError("month= explains a month's budget (with intervention=) or its cash, not a member's part")
            text, data = (_core.explain_month(self._core, intervention, int(year), int(month), lang) if intervention is not None
                          else _core.explain_cash(self._core, int(year), int(month), lang))
        else:
            text, data = _core.explain(self._core, int(year), member, intervention, lang)
        return Explanation(text, json.loads(data))

    def tables(self, unit: str = "tkr", lang: str = "sv", decimals: Optional[int] = None) -> Tables:
        """All budget tables (Finansiering, Kostnader per insats, Fördelning per huvudman, …) as
        ``finsam plan --format md|html|xlsx --unit UNIT --lang LANG`` builds them: ``unit`` is
        "kr", "tkr" or "mnkr", ``lang`` "sv" or "en", ``decimals`` the decimals shown (default:
        0, for mnkr 1). Shown figures are rounded so that every shown sum adds up."""
        return build(self._core, unit, lang, decimals)

    def table(self, name: str, unit: str = "tkr", lang: str = "sv", decimals: Optional[int] = None) -> Table:
        """One budget table by its id — ``"financing"``, ``"costs"``, ``"distribution"``,
        ``"result"``, ``"final_frame"`` (with adjustments) or ``"items-<intervention>"`` — with
        ``_repr_html_``, ``to_markdown()``, ``to_html()``, ``to_frame()`` and ``to_excel(path)``."""
        return self.tables(unit, lang, decimals)[name]

    def plot(self, kind: str = "contributions", unit: str = "kr", ax: Any = None, lang: str = "sv",
             intervention: Optional[str] = None) -> Any:
        """A matplotlib Figure: ``"contributions"`` stacks the members' final contributions per
        year, ``"costs"`` stacks the interventions' amounts per year; ``"follow_up"`` draws the
        cumulative budget and the cumulative actual of the follow-up year month by month with
        the forecast to December (all interventions, or ``intervention``); ``"liquidity"`` the
        cash at the end of each month against the minimum. Labels are Swedish (``lang="en"``:
        English). With ``ax``, draws into that Axes and returns its figure."""
        from ._plot import plot

        return plot(self, kind, unit, ax, lang, intervention)

    # -- Python protocol ---------------------------------------------------------------------
    def __reduce__(self):
        return (_result_from_core, (self._core,))

    def __eq__(self, other: object) -> bool:
        """The same variant (or base) of the same plan document."""
        if not isinstance(other, Result):
            return NotImplemented
        return self.variant == other.variant and self._core.plan.json == other._core.plan.json

    def __hash__(self) -> int:
        return hash((self.variant, self._core.plan.json))

    def _title(self) -> str:
        return self.name + (f" – Scenario: {self.variant}" if self.variant else "")

    def __repr__(self) -> str:
        years = self.years
        return f"<finsam.Result {self._title()!r} {years[0]}–{years[-1]}, {len(self.warnings)} warnings>"

    def _repr_html_(self) -> str:  # Jupyter: the title, the totals and the warnings
        parts = [f"<p><b>{html.escape(self._title())}</b></p>", self.totals().to_html()]
        for w in self.warnings:
            parts.append(f"<p>⚠ <code>{html.escape(w.path)}</code>: {html.escape(w.message)} "
                         f"[{html.escape(w.code)}]</p>")
        return "\n".join(parts)


def _result_from_core(core: _core.Result) -> Result:
    return Result(core)

