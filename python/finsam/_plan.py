"""Plans: ``load``/``loads``, ``Plan`` and ``compare``."""

from __future__ import annotations

import json
import os
import re
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Tuple, Union

import pandas as pd

from . import _core
from ._base import Intervention, Member, _Described, _Document, wrap
from ._encode import dumps_exact, loads_exact, read_document
from ._frames import ordered_multiindex
from ._units import money_frame

if TYPE_CHECKING:  # for the annotations only: at run time Plan.evaluate makes a Result through wrap()
    from ._result import Result
    from ._tables import Tables

__all__ = ["Plan", "Member", "Intervention", "load", "loads", "compare"]

PathLike = Union[str, "os.PathLike[str]"]


class Plan(_Described, _Document):
    """A ``finsam/1`` plan, checked and evaluated (its base and every variant).

    Make one with :func:`load` or :func:`loads`. A Plan is immutable: :meth:`patch` returns a
    new one. It loads exactly as ``finsam validate`` does, so an invalid variant makes the
    whole plan invalid (spec 12.18) and raises :class:`PlanError` with the same problems.
    """

    __slots__ = ("_core",)
    _core_class = _core.Plan
    _made_by = "make a Plan with finsam.load(path_or_dict) or finsam.loads(text)"

    # -- what the plan is (name, years, members, interventions: _Described) ---------------
    @property
    def variants(self) -> List[str]:
        """The names of the variants, in file order."""
        return self._core.variants

    # -- evaluating ----------------------------------------------------------------------
    def evaluate(self, variant: Optional[str] = None) -> "Result":
        """The result of the base plan, or of the variant ``variant``.

        Plans are evaluated when loaded, so this only picks the result. An unknown variant
        raises :class:`PlanError` at ``/variants``, as ``finsam plan FILE --variant NAME`` does.
        """
        return wrap(self._core.evaluate(variant))

    # -- changing ------------------------------------------------------------------------
    def patch(self, patch: Mapping) -> "Plan":
        """A new plan: this plan with ``patch`` applied, as a variant's patch applies (spec 16).

        A JSON Merge Patch (RFC 7386): ``None`` removes a key, objects merge, anything else
        replaces — except that ``members``, ``interventions`` and ``income`` may be written as a
        dict keyed by id, merged entry by entry, so that adding one intervention keeps the others::

            plan.patch({"interventions": {"stodteam": {"name": "Stödteam", "amounts": {2011: "1500"}},
                                          "kvinnors-ohalsa": None}})   # add one, remove one

        Written as a list, such a key replaces the whole list. Numbers follow the rules of
        :func:`load` (no floats). The patch applies to the whole document, variants included;
        the new plan is checked and evaluated like a loaded one.
        """
        if not isinstance(patch, Mapping):
            raise TypeError("a plan patch is a dict (a JSON Merge Patch)")
        return Plan(self._core.patch(dumps_exact(patch).encode("utf-8")))

    def with_actuals(self, sie: PathLike, through: Optional[str] = None) -> "Plan":
        """A new plan: this plan with the actuals of its books in place of its own, as
        ``finsam plan PLAN --sie BOOKS.se [--through YYYY-MM]`` evaluates it (spec 15).

        The SIE file ``sie`` is read through the plan's ``accounting`` block as by
        :func:`read_actuals`; ``actuals.through`` and each kind the accounting block maps
        (``costs``, ``contributions``, ``income``) become the books'; the rest of the plan's own
        ``actuals`` (its ``forecast`` rules, a kind the block does not map) is kept. The warnings
        about the books (rows no rule takes, rows after ``through``) are issued as Python
        warnings (``UserWarning``, ``BOOKS:LINE: message [code]``). Raises :class:`PlanError`
        (``/accounting`` without an accounting block; messages beginning "with the actuals of
        the books: " for problems the books' figures cause), :class:`SieError` for the file's
        problems, :class:`Error` for a month outside the plan's years.
        """
        path = os.fspath(sie)
        core, books_warnings = _core.with_actuals(self._core, path, year_month(through))
        for code, line, message, *_ in books_warnings:
            warnings.warn(f"{path}:{line}: {message} [{code}]", UserWarning, stacklevel=2)
        return Plan(core)

    def comparison(self, variants: Union[None, str, Iterable[str]] = None, unit: str = "tkr", lang: str = "sv",
                   decimals: Optional[int] = None) -> "Tables":
        """The variants (all, one name or several) against the base plan as tables, one per
        variant and year — costs, contributions, other income (when either plan has income
        lines), result, equity at the year's end, and each
        member's contribution and cost share by name — exactly as ``finsam compare FILE --format
        md|html|xlsx --unit UNIT --lang LANG`` shows them (``_repr_html_``, ``to_markdown()``,
        ``to_excel(path)``, a table's ``to_frame()``). :func:`compare` gives the exact figures."""
        from ._tables import Tables, check_decimals

        if isinstance(variants, str):
            variants = [variants]
        elif variants is not None:
            variants = list(variants)
        check_decimals(decimals)
        return Tables(_core.build_comparison(self._core, variants, unit, lang, -1 if decimals is None else decimals))

    # -- the document ----------------------------------------------------------------------
    def to_dict(self) -> Dict[str, Any]:
        """The plan as a dict, exactly: numbers are ``int`` or ``decimal.Decimal``."""
        return loads_exact(self._core.json)

    def to_json(self) -> str:
        """The plan as compact JSON text, numbers exactly as written, variants included."""
        return self._core.json

    # -- Python protocol ---------------------------------------------------------------------
    def __reduce__(self):
        return (_plan_from_core, (self._core,))

    def __repr__(self) -> str:
        years = self.years
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        text = (f"<finsam.Plan {self.name!r} {span}: {len(self._core.members)} members, "
                f"{len(self._core.interventions)} interventions")
        if self.variants:
            text += ", variants " + ", ".join(self.variants)
        return text + ">"


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def year_month(through: Optional[str]) -> Optional[Tuple[int, int]]:
    """``"2011-08"`` as (2011, 8) for the books' functions; None stays None."""
    if through is None:
        return None
    m = _MONTH.match(str(through))
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
        raise ValueError(f"through must be a month written YYYY-MM, such as '2011-08', not {through!r}")
    return int(m.group(1)), int(m.group(2))


def _plan_from_core(core: _core.Plan) -> Plan:
    return Plan(core)


def load(source: Union[PathLike, Mapping, Plan]) -> Plan:
    """Load a plan from a file path or a dict (a Plan is returned as it is).

    A dict is written as exact JSON first: its numbers may be ``int``, ``decimal.Decimal`` (its
    exact text) or strings; a ``float`` is rejected with :class:`PlanError` at its pointer (it
    is not exact — write ``"1.5"`` or ``Decimal("1.5")``). Year keys may be ``int``.

    Raises :class:`PlanError` whose ``problems`` are those ``finsam validate`` reports (a
    file's errors carry ``source``, the path), or ``OSError`` if the file cannot be read.
    """
    if isinstance(source, Plan):
        return source
    return Plan(read_document(source, _core.Plan.load_text, "load"))


def loads(text: Union[str, bytes]) -> Plan:
    """Load a plan from JSON text (``str``, or UTF-8 ``bytes``)."""
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogatepass")
    if not isinstance(text, bytes):
        raise TypeError(f"finsam.loads takes str or bytes, not {type(text).__name__}")
    return Plan(_core.Plan.load_text(text))


#: The figures of a comparison, in the order of its rows: the year totals, then per member.
COMPARE_FIGURES = ("costs", "contributions", "income", "result", "equity_end", "final_contribution", "cost_share")


def compare(plan: Union[Plan, PathLike, Mapping], variants: Union[None, str, Iterable[str]] = None,
            unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
    """The variants against the base plan: what a decision between them depends on, year by year.

    Rows are (variant, year, figure, member): the year's totals — ``costs``, ``contributions``,
    where either plan has other income ``income`` (spec 13), ``result`` and, where either plan
    has equity, ``equity_end`` (member ``""``) — then each
    member's ``final_contribution`` and ``cost_share``, by the member's name. Columns are
    ``base``, ``variant`` and ``difference`` (variant − base), exact ``money`` in ``unit`` (see
    :meth:`Result.contributions`). A member or year present in only one of the two counts 0 in
    the other. ``variants``: all (None), one name, or several names in the order wanted. The
    figures are those of ``finsam compare FILE --format json``; :meth:`Plan.comparison` gives
    the same comparison as tables (``finsam compare FILE --format md|html|xlsx``).
    """
    plan = load(plan)
    if isinstance(variants, str):
        variants = [variants]
    elif variants is not None:
        variants = list(variants)
    data = json.loads(_core.compare(plan._core, variants))
    rows: List[Tuple[str, int, str, str]] = []
    values: List[List[int]] = [[], [], []]
    for v in data["variants"]:
        for year, totals in v["totals"].items():
            entries = [(f, "", totals[f]) for f in COMPARE_FIGURES[:5] if f in totals]
            for f in COMPARE_FIGURES[5:]:
                entries += [(f, m["name"], m["years"][year][f]) for m in v["members"] if year in m["years"]]
            for figure, name, triple in entries:
                rows.append((v["name"], int(year), figure, name))
                for i, which in enumerate(("base", "variant", "difference")):
                    values[i].append(_core.parse_amount(triple[which], "kr"))
    index = ordered_multiindex(rows, ["variant", "year", "figure", "member"])
    return money_frame(values, index, pd.Index(["base", "variant", "difference"]), unit, as_float)
