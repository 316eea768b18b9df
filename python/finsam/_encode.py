"""Python values ⇄ exact plan JSON text.

A plan given as a dict is written as JSON text before the core reads it, and no binary float
may touch an amount, a share or a rate (spec §1). So the writer accepts ``int``, ``str``,
``decimal.Decimal`` (written as its exact text: ``Decimal("0.10")`` becomes ``0.10``), ``bool``,
``None``, and nested ``dict``/``list``/``tuple``; dict keys are ``str`` or ``int`` (years:
``{2011: "900000"}`` becomes ``{"2011": "900000"}``). A Python ``float`` is **rejected** with a
PlanError at its JSON pointer rather than converted: ``0.1`` is not the decimal 0.1, and a
rounding that happens silently is what finsam exists to prevent. Write ``"0.1"`` or
``Decimal("0.1")`` instead.

Reading back (``Plan.to_dict()``) gives ``int`` for integers and ``decimal.Decimal`` for
numbers with a fraction or exponent, so a plan survives ``load(plan.to_dict())`` exactly.
"""

from __future__ import annotations

import decimal
import json
import numbers
import os
from collections.abc import Mapping
from typing import Any, Callable, List, Tuple

from . import _core
from ._errors import PlanError

__all__ = ["dumps_exact", "loads_exact", "read_document"]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def dumps_exact(value: Any) -> str:
    """Compact JSON text of ``value`` with every number written exactly; raises PlanError
    listing every value that cannot be written exactly (floats, NaN, other types)."""
    problems: List[Tuple[str, str]] = []
    out: List[str] = []
    _write(value, "", out, problems, 0)
    if problems:
        raise PlanError(problems)
    return "".join(out)


def _write(v: Any, path: str, out: List[str], problems: List[Tuple[str, str]], depth: int) -> None:
    if depth >= _core.MAX_JSON_DEPTH and isinstance(v, (Mapping, list, tuple)):
        # the core's limit, pointer and message for JSON text (this also stops a dict that contains itself)
        problems.append((path, f"nesting deeper than {_core.MAX_JSON_DEPTH} levels of objects and arrays; a plan needs only a few"))
        out.append("null")
        return
    if v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif isinstance(v, str):
        out.append(json.dumps(v))
    elif isinstance(v, float):
        problems.append((path, f"a Python float ({v!r}) is not exact; write the number as a str such as "
                               f"\"{v!r}\", a decimal.Decimal or an int"))
        out.append("null")
    elif isinstance(v, decimal.Decimal):
        if not v.is_finite():
            problems.append((path, f"{v} is not a number a plan may contain"))
            out.append("null")
        else:
            out.append(str(v))
    elif isinstance(v, numbers.Integral):  # int, numpy integers
        out.append(str(int(v)))
    elif isinstance(v, Mapping):
        out.append("{")
        first = True
        for k, item in v.items():
            if isinstance(k, bool) or not isinstance(k, (str, numbers.Integral)):
                problems.append((path, f"the key {k!r} is not a str (JSON object keys are strings)"))
                continue
            key = k if isinstance(k, str) else str(int(k))
            if not first:
                out.append(",")
            first = False
            out.append(json.dumps(key))
            out.append(":")
            _write(item, path + "/" + _escape(key), out, problems, depth + 1)
        out.append("}")
    elif isinstance(v, (list, tuple)):
        out.append("[")
        for i, item in enumerate(v):
            if i:
                out.append(",")
            _write(item, f"{path}/{i}", out, problems, depth + 1)
        out.append("]")
    else:
        problems.append((path, f"a {type(v).__name__} cannot be written as JSON; use str, int, "
                               "decimal.Decimal, bool, None, dict or list"))
        out.append("null")


def read_document(source: Any, load_text: Callable[[bytes], Any], function: str) -> Any:
    """The compiled object ``load_text`` makes of ``source``: a dict (written as exact JSON
    first) or a file path (whose PlanError then carries ``source``, the path); a TypeError for
    anything else, naming ``finsam.<function>``."""
    if isinstance(source, Mapping):
        return load_text(dumps_exact(source).encode("utf-8"))
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        with open(path, "rb") as f:
            data = f.read()
        try:
            return load_text(data)
        except PlanError as e:
            e.source = path
            raise
    raise TypeError(f"finsam.{function} takes a path or a dict, not {type(source).__name__}")


def loads_exact(text: str) -> Any:
    """Parse JSON text: integers as ``int``, other numbers as ``decimal.Decimal``."""
    return json.loads(text, parse_float=decimal.Decimal)
