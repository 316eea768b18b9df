"""Exact money in pandas: the ``money`` extension dtype (int64 öre inside, kronor outside).

Design notes. finsam's DataFrames used to hold ``decimal.Decimal`` objects: exact, but everyday
pandas treated them as opaque objects (``plot()`` found "no numeric data", ``describe()`` gave
count/unique/top, ``round(-3)`` did nothing). :class:`MoneyDtype` is a pandas extension dtype
whose array, :class:`MoneyArray`, stores integer öre in an ``int64`` numpy array with a mask
for missing values:

- **exact**: values are whole öre; sums, differences, negation, multiplication by integers,
  comparisons, ``min``/``max``/``sum``, ``cumsum``, ``round``, sorting and grouping are integer
  arithmetic on öre, checked against the int64 range (an overflow raises ``OverflowError``,
  never wraps). A scalar taken out (``df.loc[...]``, ``sum()``, iteration) is a
  ``decimal.Decimal`` in the dtype's unit — ``Decimal("785000.00")`` kr, ``Decimal("785")`` tkr
  — so ``value == Decimal("910000.00")`` and ``str(value)`` read as before.
- **numeric**: pandas sees the dtype as numeric (``_is_numeric``) and integer (its ``type``
  is ``numpy.int64``, the öre inside), so ``DataFrame.round``, ``describe``, ``select_dtypes``
  and ``plot`` treat money columns as numbers.
- **binary floats only at the edge**: a plot (``to_numpy(float)``), ``describe()`` (its
  summary is Float64, as pandas makes it for every extension dtype), ``mean``/``std`` (floats:
  statistics, not amounts) and ``astype(float)`` convert; nothing else does. ``to_excel``
  writes each value as an exact Decimal, which Excel stores as a number (SUM works);
  ``to_csv`` writes the kronor text (``785000.00``).
- **units**: ``money[kr]`` (two decimals, the result JSON's figures), ``money[tkr]`` and
  ``money[mnkr]`` hold the same öre and show them in thousands or millions (exact decimals,
  trailing zeros dropped); ``astype("money[tkr]")`` changes only the unit.

``round(d)`` rounds to ``d`` decimals of the unit, halves away from zero (the Swedish
convention, as the plan's ``half_up``): ``round(-3)`` of kronor is whole thousands, and the
result is still money. Multiplying by a non-integer or dividing is not exact in öre: convert
first (``astype(float)``, or ``.array.to_decimal()`` for exact Decimal objects).
"""

from __future__ import annotations

import numbers
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, Optional, Sequence, Union

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray, ExtensionDtype, register_extension_dtype
from pandas.core.arraylike import OpsMixin

__all__ = ["MoneyDtype", "MoneyArray", "money_array"]

#: öre per unit
_ORE_PER = {"kr": 100, "tkr": 100_000, "mnkr": 100_000_000}
_INT64_MAX = 2**63 - 1


def _checked(values: Any) -> np.ndarray:
    """Python integers (or an object array of them) as int64, OverflowError beyond ±(2^63 − 1)."""
    arr = np.asarray(values, dtype=object)
    for v in arr.ravel():
        if v is not None and not (-_INT64_MAX <= v <= _INT64_MAX):
            raise OverflowError(f"{v} öre is beyond ±(2^63 − 1) öre")
    return arr.astype(np.int64) if arr.size else np.zeros(arr.shape, dtype=np.int64)


def _round_half_away(q: Fraction) -> int:
    """The nearest integer, halves away from zero."""
    n, d = q.numerator, q.denominator
    whole, rest = divmod(abs(n), d)
    if 2 * rest >= d:
        whole += 1
    return whole if n >= 0 else -whole


@register_extension_dtype
class MoneyDtype(ExtensionDtype):
    """Exact money: int64 öre inside, ``Decimal`` in ``unit`` (kr, tkr or mnkr) outside."""

    _metadata = ("unit",)
    type = np.int64  # the öre inside: pandas treats money as integer numbers (round, describe, plot)
    kind = "i"
    na_value = pd.NA
    _is_numeric = True
    _match = re.compile(r"^money(\[(?P<unit>kr|tkr|mnkr)\])?$")

    def __init__(self, unit: str = "kr") -> None:
        if unit not in _ORE_PER:
            raise ValueError(f"unknown money unit {unit!r}; write 'kr', 'tkr' or 'mnkr'")
        self.unit = unit

    @property
    def name(self) -> str:
        return f"money[{self.unit}]"

    @property
    def ore_per_unit(self) -> int:
        return _ORE_PER[self.unit]

    @classmethod
    def construct_array_type(cls) -> type:
        return MoneyArray

    @classmethod
    def construct_from_string(cls, string: str) -> "MoneyDtype":
        if not isinstance(string, str):
            raise TypeError(f"'construct_from_string' expects a string, got {type(string)}")
        m = cls._match.match(string)
        if not m:
            raise TypeError(f"Cannot construct a 'MoneyDtype' from '{string}'")
        return cls(m.group("unit") or "kr")

    def __repr__(self) -> str:
        return f"MoneyDtype({self.unit!r})"

    def __hash__(self) -> int:
        return hash(("money", self.unit))

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, str):
            try:
                other = MoneyDtype.construct_from_string(other)
            except TypeError:
                return False
        return isinstance(other, MoneyDtype) and other.unit == self.unit

    def _get_common_dtype(self, dtypes: list) -> Optional[Any]:
        if all(isinstance(d, MoneyDtype) and d.unit == self.unit for d in dtypes):
            return self
        return None


class MoneyArray(OpsMixin, ExtensionArray):
    """An array of exact money: int64 öre and a mask of missing values (see the module notes)."""

    __array_priority__ = 1000

    def __init__(self, ore: np.ndarray, mask: Optional[np.ndarray] = None, unit: str = "kr") -> None:
        ore = np.asarray(ore)
        if ore.dtype != np.int64:
            raise TypeError("MoneyArray holds int64 öre; use money_array() to convert amounts")
        self._ore = ore
        self._mask = np.zeros(ore.shape, dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
        self._dtype = MoneyDtype(unit)

    # -- construction --------------------------------------------------------------------------
    @classmethod
    def _from_sequence(cls, scalars: Sequence[Any], *, dtype: Any = None, copy: bool = False) -> "MoneyArray":
        unit = "kr"
        if dtype is not None:
            unit = pd.api.types.pandas_dtype(dtype).unit
        if isinstance(scalars, MoneyArray):
            return scalars.astype(MoneyDtype(unit))
        values = list(scalars)
        mask = np.array([_is_missing(v) for v in values], dtype=bool)
        per = _ORE_PER[unit]
        ore = [0 if m else _to_ore(v, per) for v, m in zip(values, mask)]
        return cls(_checked(ore), mask, unit)

    @classmethod
    def _from_sequence_of_strings(cls, strings: Sequence[str], *, dtype: Any = None, copy: bool = False) -> "MoneyArray":
        return cls._from_sequence([None if s in ("", None) else Decimal(s) for s in strings], dtype=dtype)

    @classmethod
    def _from_factorized(cls, values: np.ndarray, original: "MoneyArray") -> "MoneyArray":
        return cls._from_sequence(values, dtype=original.dtype)

    @classmethod
    def _concat_same_type(cls, to_concat: Sequence["MoneyArray"]) -> "MoneyArray":
        units = {a.dtype.unit for a in to_concat}
        if len(units) > 1:
            to_concat = [a.astype(MoneyDtype(to_concat[0].dtype.unit)) for a in to_concat]
        return cls(np.concatenate([a._ore for a in to_concat]) if to_concat else np.zeros(0, np.int64),
                   np.concatenate([a._mask for a in to_concat]) if to_concat else np.zeros(0, bool),
                   to_concat[0].dtype.unit if to_concat else "kr")

    # -- the array protocol ---------------------------------------------------------------------
    @property
    def dtype(self) -> MoneyDtype:
        return self._dtype

    @property
    def ore(self) -> np.ndarray:
        """The values in öre (int64); missing values are 0 here (see ``isna()``)."""
        return self._ore

    def __len__(self) -> int:
        return len(self._ore)

    @property
    def nbytes(self) -> int:
        return self._ore.nbytes + self._mask.nbytes

    def _scalar(self, ore: int) -> Decimal:
        per = self._dtype.ore_per_unit
        d = Decimal(int(ore)).scaleb(-(len(str(per)) - 1))
        if per == 100:
            return d  # kronor with two decimals, as the result JSON writes them
        return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, (int, np.integer)):
            return pd.NA if self._mask[item] else self._scalar(self._ore[item])
        item = pd.api.indexers.check_array_indexer(self, item)
        return type(self)(self._ore[item], self._mask[item], self._dtype.unit)

    def __setitem__(self, key: Any, value: Any) -> None:
        key = pd.api.indexers.check_array_indexer(self, key)
        if isinstance(value, MoneyArray):
            self._ore[key] = value.astype(self._dtype)._ore
            self._mask[key] = value._mask
            return
        if pd.api.types.is_list_like(value):
            other = MoneyArray._from_sequence(value, dtype=self._dtype)
            self._ore[key] = other._ore
            self._mask[key] = other._mask
            return
        if _is_missing(value):
            self._mask[key] = True
            return
        self._ore[key] = _to_ore(value, self._dtype.ore_per_unit)
        self._mask[key] = False

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def isna(self) -> np.ndarray:
        return self._mask.copy()

    def take(self, indices: Sequence[int], allow_fill: bool = False, fill_value: Any = None) -> "MoneyArray":
        indices = np.asarray(indices, dtype=np.intp)
        if allow_fill:
            fill_missing = fill_value is None or _is_missing(fill_value)
            fill_ore = 0 if fill_missing else _to_ore(fill_value, self._dtype.ore_per_unit)
            neg = indices < 0
            if (indices < -1).any():
                raise ValueError("invalid value in 'indices': only -1 may mean 'missing'")
            ore = self._ore.take(np.where(neg, 0, indices)) if len(self) else np.zeros(len(indices), np.int64)
            mask = self._mask.take(np.where(neg, 0, indices)) if len(self) else np.ones(len(indices), bool)
            ore = np.where(neg, fill_ore, ore)
            mask = np.where(neg, fill_missing, mask)
            return type(self)(ore.astype(np.int64), mask, self._dtype.unit)
        return type(self)(self._ore.take(indices), self._mask.take(indices), self._dtype.unit)

    def copy(self) -> "MoneyArray":
        return type(self)(self._ore.copy(), self._mask.copy(), self._dtype.unit)

    def _values_for_factorize(self):
        return np.where(self._mask, None, self._ore.astype(object)), None

    def _values_for_argsort(self) -> np.ndarray:
        return self._ore

    def __array__(self, dtype: Any = None) -> np.ndarray:
        if dtype is not None and np.dtype(dtype).kind == "f":
            return self.to_numpy(dtype=dtype)
        return self.to_decimal()

    def to_decimal(self) -> np.ndarray:
        """The values as an object array of exact ``Decimal`` in the unit (pd.NA where missing)."""
        return np.array([pd.NA if m else self._scalar(o) for o, m in zip(self._ore, self._mask)], dtype=object)

    def to_numpy(self, dtype: Any = None, copy: bool = False, na_value: Any = pd.NA) -> np.ndarray:
        """``dtype=float``: the nearest binary doubles of the values in the unit (for plots and
        spreadsheets: they do not add up exactly); else exact ``Decimal`` objects."""
        if dtype is not None and np.dtype(dtype).kind == "f":
            out = self._ore / self._dtype.ore_per_unit
            out = out.astype(dtype)
            if self._mask.any():
                out[self._mask] = np.nan if na_value is pd.NA else na_value
            return out
        if dtype is not None and np.dtype(dtype).kind in "iu":
            if self._mask.any():
                raise ValueError("cannot convert missing money to integers")
            per = self._dtype.ore_per_unit
            if (self._ore % per).any():
                raise ValueError(f"not every value is a whole {self._dtype.unit}; round() first")
            return (self._ore // per).astype(dtype)
        out = self.to_decimal()
        if self._mask.any() and na_value is not pd.NA:
            out[self._mask] = na_value
        return out

    def astype(self, dtype: Any, copy: bool = True) -> Any:
        dtype = pd.api.types.pandas_dtype(dtype)
        if isinstance(dtype, MoneyDtype):
            out = type(self)(self._ore, self._mask, dtype.unit)
            return out.copy() if copy else out
        if isinstance(dtype, np.dtype) and dtype.kind in "fiu":
            return self.to_numpy(dtype=dtype)
        if isinstance(dtype, pd.StringDtype):
            return pd.array([None if m else str(self._scalar(o)) for o, m in zip(self._ore, self._mask)], dtype=dtype)
        if isinstance(dtype, np.dtype) and dtype.kind == "O":
            return self.to_decimal()
        if isinstance(dtype, np.dtype) and dtype.kind in "US":
            return np.array([str(x) for x in self.to_decimal()], dtype=dtype)
        return super().astype(dtype, copy=copy)

    def value_counts(self, dropna: bool = True) -> pd.Series:
        values = self._ore[~self._mask]
        uniques, counts = np.unique(values, return_counts=True)
        index = pd.Index(type(self)(uniques.astype(np.int64), None, self._dtype.unit))
        out = pd.Series(counts, index=index, dtype="Int64")
        if not dropna and self._mask.any():
            out = pd.concat([out, pd.Series([int(self._mask.sum())], index=pd.Index(type(self)(
                np.zeros(1, np.int64), np.ones(1, bool), self._dtype.unit)), dtype="Int64")])
        return out

    def unique(self) -> "MoneyArray":
        seen, keep = set(), []
        for i, (o, m) in enumerate(zip(self._ore, self._mask)):
            key = None if m else int(o)
            if key not in seen:
                seen.add(key)
                keep.append(i)
        return self.take(keep)

    def _values_for_json(self) -> np.ndarray:
        return self.to_decimal()

    # -- display --------------------------------------------------------------------------------
    def _formatter(self, boxed: bool = False):
        return lambda x: "<NA>" if x is pd.NA else str(x)

    # -- reductions -----------------------------------------------------------------------------
    def _reduce(self, name: str, *, skipna: bool = True, **kwargs: Any) -> Any:
        ore = self._ore[~self._mask] if skipna else self._ore
        if not skipna and self._mask.any():
            return pd.NA
        values = [int(x) for x in ore]
        if name == "sum":
            min_count = kwargs.get("min_count", 0)
            if len(values) < min_count:
                return pd.NA
            return self._scalar(_checked([sum(values)])[0])
        if name in ("min", "max"):
            if not values:
                return pd.NA
            return self._scalar(min(values) if name == "min" else max(values))
        if name == "prod":
            raise TypeError("a product of amounts is not an amount")
        if name in ("mean", "median", "std", "var", "sem"):
            # statistics, not amounts: floats in the unit (exact Fractions inside)
            if not values:
                return np.nan
            per = self._dtype.ore_per_unit
            n = len(values)
            if name == "mean":
                return float(Fraction(sum(values), n * per))
            if name == "median":
                s = sorted(values)
                mid = Fraction(s[(n - 1) // 2] + s[n // 2], 2 * per)
                return float(mid)
            ddof = kwargs.get("ddof", 1)
            if n - ddof <= 0:
                return np.nan
            mean = Fraction(sum(values), n)
            var = sum((Fraction(v) - mean) ** 2 for v in values) / (n - ddof) / (per * per)
            if name == "var":
                return float(var)
            std = float(var) ** 0.5
            return std if name == "std" else std / n ** 0.5
        if name in ("any", "all"):
            fn = any if name == "any" else all
            return fn(v != 0 for v in values)
        raise TypeError(f"money does not support {name}")

    def _accumulate(self, name: str, *, skipna: bool = True, **kwargs: Any) -> "MoneyArray":
        if name != "cumsum":
            raise TypeError(f"money does not support {name}")
        total, out = 0, []
        for o, m in zip(self._ore, self._mask):
            if not m:
                total += int(o)
            out.append(total)
        return type(self)(_checked(out), self._mask.copy(), self._dtype.unit)

    def _quantile(self, qs: np.ndarray, interpolation: str) -> "MoneyArray":
        """Quantiles with linear interpolation, exact, rounded to whole öre (halves away from zero)."""
        values = sorted(int(x) for x in self._ore[~self._mask])
        out, mask = [], []
        for q in qs:
            if not values:
                out.append(0)
                mask.append(True)
                continue
            h = (len(values) - 1) * Fraction(float(q))
            lo = int(h)
            hi = min(lo + 1, len(values) - 1)
            out.append(_round_half_away(values[lo] + (values[hi] - values[lo]) * (h - lo)))
            mask.append(False)
        return type(self)(_checked(out), np.array(mask, dtype=bool), self._dtype.unit)

    def round(self, decimals: int = 0, *args: Any, **kwargs: Any) -> "MoneyArray":
        """Round to ``decimals`` decimals of the unit (negative: tens, hundreds, …), halves
        away from zero; still money. Rounding kronor to two decimals or finer changes nothing."""
        per = self._dtype.ore_per_unit
        step = Fraction(per, 10**decimals) if decimals >= 0 else Fraction(per * 10**(-decimals))
        if step <= 1:
            return self.copy()
        out = [_round_half_away(Fraction(int(o)) / step) * step for o in self._ore]
        return type(self)(_checked([int(x) for x in out]), self._mask.copy(), self._dtype.unit)

    # -- arithmetic and comparisons -------------------------------------------------------------
    def _other_ore(self, other: Any):
        """(öre int64 array or int, mask) of a money operand, or None if `other` is not money."""
        if isinstance(other, (pd.Series, pd.Index, pd.DataFrame)):
            return NotImplemented
        if isinstance(other, MoneyArray):
            return other._ore, other._mask
        if _is_missing(other):
            return 0, True
        if isinstance(other, (Decimal, numbers.Integral)) and not isinstance(other, bool):
            return _to_ore(other, self._dtype.ore_per_unit), False
        if pd.api.types.is_list_like(other) and not isinstance(other, (str, bytes)):
            arr = MoneyArray._from_sequence(list(other), dtype=self._dtype)
            return arr._ore, arr._mask
        return None

    def _arith_method(self, other: Any, op: Any) -> Any:
        name = op.__name__.strip("_")
        if name in ("add", "radd", "sub", "rsub"):
            o = self._other_ore(other)
            if o is NotImplemented:
                return NotImplemented
            if o is None:
                what = "a binary float is not an exact amount (write Decimal('0.1'))" if isinstance(other, float) \
                    else "add amounts (money, Decimal, int)"
                raise TypeError(f"cannot {name} money and {type(other).__name__}: {what}")
            ore, mask = o
            a = self._ore.astype(object)
            b = np.asarray(ore).astype(object)
            res = {"add": a + b, "radd": b + a, "sub": a - b, "rsub": b - a}[name]
            return type(self)(_checked(res), self._mask | mask, self._dtype.unit)
        if name in ("mul", "rmul"):
            if isinstance(other, MoneyArray):
                raise TypeError("money × money is not an amount")
            if isinstance(other, (pd.Series, pd.Index, pd.DataFrame)):
                return NotImplemented
            factors = np.asarray(other, dtype=object)
            flat = factors.ravel()
            if not all(isinstance(f, numbers.Integral) and not isinstance(f, bool) for f in flat):
                raise TypeError("money can be multiplied by integers only (exactly); for other factors convert first: "
                                "astype(float), or .array.to_decimal() for exact Decimals")
            return type(self)(_checked(self._ore.astype(object) * factors), self._mask.copy(), self._dtype.unit)
        if name in ("truediv", "rtruediv"):
            if isinstance(other, (pd.Series, pd.Index, pd.DataFrame)):
                return NotImplemented
            if isinstance(other, MoneyArray) and name == "truediv":
                # a ratio of amounts: exact Fractions
                return np.array([pd.NA if (m1 or m2 or b == 0) else Fraction(int(a), int(b))
                                 for a, b, m1, m2 in zip(self._ore, other._ore, self._mask, other._mask)], dtype=object)
            raise TypeError("money divided by a number is not exact in öre: convert first (astype(float), "
                            "or .array.to_decimal() for exact Decimals)")
        raise TypeError(f"money does not support {name}")

    def _cmp_method(self, other: Any, op: Any) -> Any:
        o = self._other_ore(other)
        if o is NotImplemented:
            return NotImplemented
        if o is None:
            if isinstance(other, float):
                # compare with the exact value of the float
                exact = np.array([Fraction(int(x), self._dtype.ore_per_unit) for x in self._ore], dtype=object)
                result = op(exact, Fraction(other)) if not np.isnan(other) else np.zeros(len(self), bool)
                return pd.arrays.BooleanArray(np.asarray(result, dtype=bool), self._mask.copy())
            raise TypeError(f"cannot compare money and {type(other).__name__}")
        ore, mask = o
        result = op(self._ore, np.asarray(ore, dtype=np.int64))
        return pd.arrays.BooleanArray(np.asarray(result, dtype=bool), self._mask | mask)

    def __neg__(self) -> "MoneyArray":
        return type(self)(_checked(-self._ore.astype(object)), self._mask.copy(), self._dtype.unit)

    def __pos__(self) -> "MoneyArray":
        return self.copy()

    def __abs__(self) -> "MoneyArray":
        return type(self)(_checked(np.abs(self._ore.astype(object))), self._mask.copy(), self._dtype.unit)


def _is_missing(v: Any) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return bool(pd.isna(v)) and not isinstance(v, (str, bytes))
    except (TypeError, ValueError):
        return False


def _to_ore(v: Any, per: int) -> int:
    """An amount in the unit (Decimal, int, Fraction, decimal text) as whole öre, exactly; a float
    is refused (it is not the decimal it looks like), a non-whole öre is an error."""
    if isinstance(v, (float, np.floating)):
        raise TypeError(f"{v!r} is a binary float, not an exact amount: write Decimal({str(v)!r}) or a string")
    if isinstance(v, bool):
        raise TypeError("a bool is not an amount")
    if isinstance(v, str):
        v = Decimal(v)
    if isinstance(v, (numbers.Integral, np.integer)):
        return int(v) * per
    if isinstance(v, Decimal):
        q = Fraction(v) * per
    elif isinstance(v, Fraction):
        q = v * per
    else:
        raise TypeError(f"{type(v).__name__} is not an amount")
    if q.denominator != 1:
        raise ValueError(f"{v} is not a whole number of öre")
    return q.numerator


def _excel_numbers() -> None:
    """pandas' Excel writers write a value that is not an int, a float, a bool or a date as its
    text; Excel has no decimal type and stores doubles, so a ``Decimal`` (a money scalar) is
    written as the nearest double instead: a number, which SUM adds (the edge conversion of the
    module notes). Only Decimals change; done once, when finsam is imported."""
    from pandas.io.excel._base import ExcelWriter

    original = ExcelWriter._value_with_fmt
    if getattr(original, "_finsam", False):
        return

    def value_with_fmt(self: Any, val: Any):
        if isinstance(val, Decimal) and val.is_finite():
            return float(val), None
        return original(self, val)

    value_with_fmt._finsam = True  # type: ignore[attr-defined]
    ExcelWriter._value_with_fmt = value_with_fmt  # type: ignore[method-assign]


_excel_numbers()


def money_array(ore: Union[Sequence[int], np.ndarray], unit: str = "kr") -> MoneyArray:
    """A MoneyArray from integer öre, shown in ``unit``."""
    return MoneyArray(_checked([int(x) for x in ore]), None, unit)
