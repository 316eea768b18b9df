"""The state's distribution among förbund (spec section 18): ``finsam.allocate``.

    alloc = finsam.allocate("examples/statens-fordelning-2016.json")
    alloc.forbund()                 # per förbund: weights, floor, round capped, allocation, change, frame
    alloc.totals()                  # the sums
    alloc.rounds()                  # every round of the decrease cap
    alloc.table("allocation")       # the tables of `finsam allocate --format md|html|xlsx`
    alloc.explain("gotland")        # one förbund's way through the rounds (Swedish; lang="en")
    alloc.plot()                    # the change per förbund (matplotlib)

The core reads and computes exactly (integer öre, exact rationals); figures come out as
``decimal.Decimal`` kronor (or ``int`` öre with ``unit="öre"``), exact ratios as
``fractions.Fraction``, floats only with ``as_float=True``.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Union

import pandas as pd

from . import _core
from ._base import _Document
from ._encode import read_document
from ._frames import ordered_multiindex
from ._units import amounts, converter

if TYPE_CHECKING:
    from ._result import Explanation
    from ._tables import Table, Tables

__all__ = ["allocate", "Allocation"]

PathLike = Union[str, "os.PathLike[str]"]


def _exact(unit: str, as_float: bool) -> Callable[[str], Any]:
    """Rational text in öre → the exact value in ``unit`` as a Fraction (a float with as_float)."""
    per = _core.ore_per(unit)
    if as_float:
        return lambda text: float(Fraction(text) / per)
    return lambda text: Fraction(text) / per


def _ratio(as_float: bool) -> Callable[[str], Any]:
    return (lambda text: float(Fraction(text))) if as_float else Fraction


class Allocation(_Document):
    """The state's money shared among förbund by a ``finsam-allocation/1`` model, exactly as
    ``finsam allocate FILE`` shares it. Make one with :func:`allocate`; it is immutable.

    DataFrame methods take ``unit`` ("kr" default, "öre"/"ore", "tkr", "mnkr") and
    ``as_float``: amounts are ``Decimal`` (``int`` öre), exact values that need not be whole
    öre (floors, the exact a_k, the pool) and ratios are ``fractions.Fraction``.
    """

    __slots__ = ("_core",)
    _core_class = _core.Allocation
    _made_by = "make an Allocation with finsam.allocate(path_or_dict)"

    # -- the model --------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The model's name (``""`` when it has none)."""
        return self._core.model["name"]

    @property
    def note(self) -> str:
        """The model's note (``""`` when it has none)."""
        return self._core.model["note"]

    @property
    def year(self) -> int:
        return self._core.model["year"]

    @property
    def ids(self) -> List[str]:
        """The förbund's ids, in file order."""
        return [f["id"] for f in self._core.forbund]

    # -- DataFrames ---------------------------------------------------------------------------
    def forbund(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """One row per förbund (index: id, in file order): ``name``, ``support``, ``population``,
        ``previous``, ``exempt_from_cap``; the weight parts ``support_part``,
        ``population_part`` and ``weight`` (fractions of 1); ``floor`` (previous less the cap,
        where it applies) and ``exact`` (the exact a_k) as Fractions of ``unit``; ``capped``
        and ``capped_in`` (the round, from 1); ``allocation``, ``change``, ``change_percent``
        (a Fraction of percent); ``implied_frame`` and its parts ``frame_state``,
        ``frame_region``, ``frame_municipalities``. The whole-öre amounts (``support``,
        ``previous``, ``allocation``, ``change`` and the frame) have the money dtype (exact,
        numeric for ``sum``, ``describe``, ``plot``; missing is ``pd.NA``); ``floor`` and
        ``exact`` stay Fractions, since they need not be whole öre. None where a figure is not
        given in the object columns."""
        money = converter(unit, as_float)
        exact = _exact(unit, as_float)
        ratio = _ratio(as_float)

        def opt(f: Callable[[Any], Any], v: Any) -> Any:
            return None if v is None else f(v)

        rows = []
        for f in self._core.forbund:
            rows.append({
                "name": f["name"], "support": money(f["support"]), "population": f["population"],
                "previous": opt(money, f["previous"]), "exempt_from_cap": f["exempt_from_cap"],
                "support_part": ratio(f["support_part"]), "population_part": ratio(f["population_part"]),
                "weight": ratio(f["weight"]), "floor": opt(exact, f["floor"]),
                "capped": f["capped_in"] is not None, "capped_in": f["capped_in"], "exact": exact(f["exact"]),
                "allocation": money(f["allocation"]), "change": opt(money, f["change"]),
                "change_percent": opt(ratio, f["change_percent"]),
                "implied_frame": money(f["implied_frame"]), "frame_state": money(f["frame_state"]),
                "frame_region": money(f["frame_region"]), "frame_municipalities": money(f["frame_municipalities"]),
            })
        frame = pd.DataFrame(rows, index=pd.Index(self.ids, name="forbund"), dtype=object)
        # whole-öre amounts in the money dtype (exact, numeric for pandas), as a plan's frames
        for key in _MONEY_COLUMNS:
            frame[key] = amounts([f[key] for f in self._core.forbund], unit, as_float)
        return frame

    def areas(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """One row per area (index: förbund id, area id): ``name``, ``support``, ``population``.
        A förbund that gives its figures itself has no rows."""
        money = converter(unit, as_float)
        keys, rows = [], []
        for f in self._core.forbund:
            for aid, name, support, population in f["areas"]:
                keys.append((f["id"], aid))
                rows.append({"name": name, "support": money(support), "population": population})
        index = ordered_multiindex(keys, ["forbund", "area"])
        frame = pd.DataFrame(rows, index=index, columns=["name", "support", "population"], dtype=object)
        frame["support"] = amounts([a[2] for f in self._core.forbund for a in f["areas"]], unit, as_float)
        return frame

    def rounds(self, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
        """Every round of the decrease cap (index: round, from 1): the ``pool`` R shared at its
        start (a Fraction of ``unit``), the ``weight_sum`` of the förbund not capped then, how
        many they were (``uncapped``), and the ids ``capped`` in it. The last round caps none."""
        exact = _exact(unit, as_float)
        ratio = _ratio(as_float)
        rows = [{"pool": exact(pool), "weight_sum": ratio(w), "uncapped": n, "capped": list(ids)}
                for pool, w, n, ids in self._core.rounds]
        return pd.DataFrame(rows, index=pd.Index(range(1, len(rows) + 1), name="round"), dtype=object)

    def totals(self, unit: str = "kr", as_float: bool = False) -> pd.Series:
        """The sums: ``total`` (what the allocations sum to), ``base``, ``support``,
        ``population``, ``previous`` and ``change`` (over the förbund that give previous),
        ``implied_frame`` with ``frame_state``, ``frame_region`` and ``frame_municipalities``,
        and how many förbund were ``capped``."""
        money = converter(unit, as_float)
        model, forbund = self._core.model, self._core.forbund

        def total(key: str) -> Any:
            return money(sum(f[key] for f in forbund if f[key] is not None))

        return pd.Series({
            "total": money(model["total"]), "base": money(model["base"]), "support": money(model["support_sum"]),
            "population": model["population_sum"], "previous": total("previous"), "change": total("change"),
            "implied_frame": total("implied_frame"), "frame_state": total("frame_state"),
            "frame_region": total("frame_region"), "frame_municipalities": total("frame_municipalities"),
            "capped": sum(f["capped_in"] is not None for f in forbund),
        }, dtype=object, name=self.year)

    # -- tables, explanations, plots, JSON -------------------------------------------------------
    def tables(self, unit: str = "tkr", lang: str = "sv", decimals: Any = None) -> "Tables":
        """Both tables (``allocation``: the distribution; ``implied_frame``: the frame it
        implies) as ``finsam allocate --format md|html|xlsx --unit UNIT --lang LANG`` builds
        them, every shown sum adding up (controlled rounding)."""
        from ._tables import Tables, check_decimals

        return Tables(self._core.tables(unit, lang, check_decimals(decimals)))

    def table(self, name: str, unit: str = "tkr", lang: str = "sv", decimals: Any = None) -> "Table":
        """One table by its id, ``"allocation"`` or ``"implied_frame"``, with ``_repr_html_``,
        ``to_markdown()``, ``to_html()``, ``to_frame()`` and ``to_excel(path)``."""
        return self.tables(unit, lang, decimals)[name]

    def explain(self, forbund: str, lang: str = "sv") -> "Explanation":
        """How förbund ``forbund`` got its allocation: its weight parts, every round of the cap,
        the rounding (``finsam explain FILE --forbund ID``). Swedish by default, ``lang="en"``."""
        from ._result import Explanation

        text, data = self._core.explain(forbund, lang)
        return Explanation(text, json.loads(data))

    def plot(self, unit: str = "kr", lang: str = "sv", ax: Any = None) -> Any:
        """A matplotlib Figure: each förbund's change against the previous year (förbund without
        a previous year are left out), the capped ones marked. Swedish labels by default,
        ``lang="en"``; with ``ax``, draws into that Axes and returns its figure."""
        from ._plot import plot_change

        return plot_change(self, unit, lang, ax)

    def to_dict(self) -> Dict[str, Any]:
        """The result JSON ``finsam-allocation-result/1`` as a dict (amounts are kronor strings)."""
        return json.loads(self._core.result_json)

    def to_json(self) -> str:
        """The result JSON text, as ``finsam allocate FILE`` prints it."""
        return self._core.result_json

    # -- Python protocol ---------------------------------------------------------------------
    def __reduce__(self):
        return (_from_core, (self._core,))

    def __repr__(self) -> str:
        return (f"<finsam.Allocation {self.name!r} {self.year}: {len(self._core.forbund)} förbund, "
                f"{int(self.totals()['capped'])} capped>")

    def _repr_html_(self) -> str:  # Jupyter: the title and the distribution
        return f"<p><b>{html.escape(self.name)}</b> {self.year}</p>\n" + self.table("allocation")._repr_html_()


#: The columns of ``Allocation.forbund()`` that are whole öre: the money dtype there.
_MONEY_COLUMNS = ("support", "previous", "allocation", "change", "implied_frame", "frame_state",
                  "frame_region", "frame_municipalities")


def _from_core(core: Any) -> Allocation:
    return Allocation(core)


def allocate(source: Union[PathLike, Mapping, Allocation]) -> Allocation:
    """Share the state's money by a ``finsam-allocation/1`` model: a file path or a dict (an
    Allocation is returned as it is).

    A dict is written as exact JSON first (numbers as ``int``, ``decimal.Decimal`` or strings; a
    ``float`` is refused with :class:`PlanError` at its pointer). Raises :class:`PlanError` with
    the problems ``finsam allocate`` reports (a file's carry ``source``, the path), or
    ``OSError`` if the file cannot be read.
    """
    if isinstance(source, Allocation):
        return source
    return Allocation(read_document(source, _core.Allocation.load_text, "allocate"))
