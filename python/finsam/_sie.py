"""SIE books (C++: finsam/sie.hpp, finsam/sie_actuals.hpp): a SIE file's rows as a DataFrame,
and a plan's actuals read through its ``accounting`` block (spec section 15)."""

from __future__ import annotations

import datetime
import json
import os
from typing import Any, Dict, List, NamedTuple, Optional, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._plan import Plan, year_month
from ._units import converter

__all__ = ["read_sie", "read_actuals", "BooksActuals", "BooksWarning"]

PathLike = Union[str, "os.PathLike[str]"]

#: The columns of read_sie, in order.
COLUMNS = ("series", "number", "date", "account", "objects", "amount", "text", "voucher_text", "month", "line", "added")

_NO_DATE = np.iinfo(np.int64).min
# the days since 1970-01-01 that pandas' datetime64[ns] can hold (1677-09-22 .. 2262-04-11)
_NS_DAYS = (int(pd.Timestamp.min.value // 86_400_000_000_000) + 1, int(pd.Timestamp.max.value // 86_400_000_000_000))


def _date(t: Optional[Tuple[int, int, int]]) -> Optional[datetime.date]:
    return None if t is None else datetime.date(*t)


def _dates(days: np.ndarray) -> Any:
    """datetime64[ns] where every date fits it (NaT for none), else ``datetime.date`` objects."""
    has = days != _NO_DATE
    if not has.any() or ((days[has] >= _NS_DAYS[0]) & (days[has] <= _NS_DAYS[1])).all():
        out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[ns]")
        out[has] = days[has].astype("datetime64[D]").astype("datetime64[ns]")
        return out
    epoch = datetime.date(1970, 1, 1)
    return np.array([epoch + datetime.timedelta(days=int(d)) if d != _NO_DATE else None for d in days], dtype=object)


def read_sie(path: PathLike, unit: str = "kr", as_float: bool = False) -> pd.DataFrame:
    """The rows of a SIE file (SIE 4 vouchers, or the ``#PSALDO`` period balances of a file
    without any ``#VER``), one row per transaction, read exactly as ``finsam actuals`` reads
    the books.

    Columns: ``series`` and ``number`` of the voucher (strings as written), ``date`` (the
    transaction date, else the voucher's; ``datetime64``, or ``datetime.date`` objects when a
    date is outside what pandas' nanoseconds hold; NaT for period balances), ``account``
    (digits as written), ``objects`` (a tuple of ``(dimension, object)`` pairs by dimension, so
    ``dict(row.objects)`` maps dimension to object), ``amount`` (debit positive; exact
    ``Decimal`` kronor by default, see ``unit`` and ``as_float`` as elsewhere in finsam),
    ``text`` (the row's own text), ``voucher_text``, ``month`` ("2011-03"), ``line`` (in the
    file) and ``added`` (an ``#RTRANS`` row). ``#BTRANS`` rows (removed) and the ``#TRANS``
    copies of ``#RTRANS`` rows are not rows.

    ``attrs``: ``company`` (#FNAMN), ``fiscal_years`` ({index: (first day, last day)} of
    #RAR, 0 this year, -1 the year before), ``extent`` (#OMFATTN's date or None), ``program``,
    ``format``, ``sie_type``, ``encoding`` ("UTF-8" or "CP437"), ``rows`` ("transactions" or
    "period_balances").

    Raises :class:`SieError` with every problem of the file (``FILE:LINE: message``).
    """
    data = _core.read_sie(os.fspath(path))
    rows = data.pop("rows")
    to_amount = converter(unit, as_float)
    rows["amount"] = np.fromiter((to_amount(int(a)) for a in rows["amount"]), dtype=float if as_float else object,
                                 count=len(rows["amount"]))
    rows["date"] = _dates(rows["date"])
    frame = pd.DataFrame({c: rows.pop(c) for c in COLUMNS}, columns=list(COLUMNS))
    s = data["summary"]
    frame.attrs.update({
        "company": s["company"],
        "fiscal_years": {i: (_date(a), _date(b)) for i, a, b in s["fiscal_years"]},
        "extent": _date(s["extent"]),
        "program": s["program"],
        "format": s["format"],
        "sie_type": s["sie_type"],
        "encoding": "UTF-8" if s["utf8"] else "CP437",
        "rows": data["kind"],
    })
    return frame


class BooksWarning(NamedTuple):
    """A warning about the books: rows no accounting rule takes (``unmapped_costs``,
    ``unmapped_income``: one per account and objects) or rows after the month read through
    (``rows_after_through``)."""

    code: str
    line: int        #: the line in the SIE file of the first row concerned
    message: str
    account: str     #: unmapped: the account ("" otherwise)
    objects: str     #: unmapped: its objects as SIE writes them, '{1 "KANS"}' or "{}"
    sum: Any         #: unmapped: the rows' sum as booked (debit positive), Decimal kronor
    rows: int


class BooksActuals(NamedTuple):
    """A plan's actuals read from its books: ``block`` is the plan's ``actuals`` block (spec
    14.2: ``through`` and amounts by id and month, as strings in the plan's amount unit),
    ready to put under ``"actuals"``; ``warnings`` what deserves a look."""

    block: Dict[str, Any]
    warnings: List[BooksWarning]


def read_actuals(plan: Plan, sie: PathLike, through: Optional[str] = None) -> BooksActuals:
    """The actuals of ``plan`` read from the SIE file ``sie`` through the plan's ``accounting``
    block, as ``finsam actuals PLAN --sie BOOKS.se [--through YYYY-MM]`` prints them.

    ``through`` ("2011-08") is the last month read; by default the month of the file's
    ``#OMFATTN``. Raises :class:`PlanError` (``/accounting``) when the plan has no accounting
    block, :class:`SieError` for the file's problems, :class:`Error` for a month outside the
    plan's years."""
    if not isinstance(plan, Plan):
        raise TypeError(f"plan must be a finsam.Plan (from finsam.load), not {type(plan).__name__}")
    text, warnings, _ = _core.read_actuals(plan._core, os.fspath(sie), year_month(through))
    kr = converter("kr")
    return BooksActuals(json.loads(text), [BooksWarning(c, n, msg, a, o, kr(s), r) for c, n, msg, a, o, s, r in warnings])
