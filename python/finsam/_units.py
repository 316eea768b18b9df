"""Integer öre → the numbers a DataFrame shows: exact ``Decimal`` kronor by default."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, List, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _core
from ._money import MoneyArray, money_array

__all__ = ["Number", "converter", "amounts", "money_frame", "UNITS"]

#: The units figures can be shown in, with "ore" as an ASCII spelling of "öre".
UNITS = ("kr", "öre", "ore", "tkr", "mnkr")

Number = Union[Decimal, int, float]


def converter(unit: str = "kr", as_float: bool = False) -> Callable[[int], Number]:
    """A function from integer öre to the value in ``unit``.

    - ``"kr"`` (default): ``Decimal`` with exactly two decimals, as the result JSON writes it
      (``78500000`` öre → ``Decimal("785000.00")``);
    - ``"öre"``: the ``int`` itself;
    - ``"tkr"``, ``"mnkr"``: the exact ``Decimal`` without trailing zeros (``Decimal("785")``,
      ``Decimal("0.785")``).

    ``as_float=True`` gives ``float`` instead (the nearest binary double: for plotting and
    quick arithmetic, never for figures that must add up).
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; write one of {', '.join(repr(u) for u in UNITS)}")
    per = _core.ore_per(unit)
    if as_float:
        return lambda ore: ore / per
    if per == 1:
        return int
    if unit == "kr":
        return lambda ore: Decimal(ore).scaleb(-2)
    digits = len(str(per)) - 1  # per is a power of ten

    def exact(ore: int) -> Decimal:
        d = Decimal(ore).scaleb(-digits)
        return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()

    return exact


def amounts(ore: Sequence[Optional[int]], unit: str = "kr", as_float: bool = False) -> Any:
    """A column of amounts given in integer öre: the ``money`` dtype in ``unit`` ("kr", "tkr",
    "mnkr": exact, numeric for pandas, ``Decimal`` scalars), ``int64`` öre for ``"öre"``, or
    ``float64`` in the unit with ``as_float=True``. A ``None`` is a missing value (``pd.NA``;
    NaN in floats; the nullable ``Int64`` for öre)."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; write one of {', '.join(repr(u) for u in UNITS)}")
    per = _core.ore_per(unit)
    missing = any(x is None for x in ore)
    if as_float:
        return np.array([np.nan if x is None else x / per for x in ore], dtype=np.float64)
    if per == 1:
        if missing:
            return pd.array([None if x is None else int(x) for x in ore], dtype="Int64")
        return np.array([int(x) for x in ore], dtype=np.int64)
    if missing:
        checked = money_array([0 if x is None else x for x in ore], unit)
        return MoneyArray(checked.ore, np.array([x is None for x in ore], dtype=bool), unit)
    return money_array(ore, unit)


def money_frame(columns: List[Sequence[int]], index: pd.Index, names: pd.Index, unit: str = "kr",
                as_float: bool = False) -> pd.DataFrame:
    """A DataFrame of amounts from columns of integer öre (each as long as ``index``)."""
    frame = pd.DataFrame({i: amounts(col, unit, as_float) for i, col in enumerate(columns)}, index=index)
    if not columns:
        frame = pd.DataFrame(index=index, columns=range(0))
    frame.columns = names
    return frame
