"""pandas helpers: indexes that keep the plan's order."""

from __future__ import annotations

from typing import Any, Hashable, List, Sequence, Tuple

import pandas as pd

__all__ = ["ordered_multiindex", "frame_from_columns"]


def ordered_multiindex(tuples: Sequence[Tuple[Hashable, ...]], names: List[str]) -> pd.MultiIndex:
    """A MultiIndex whose levels are in order of first appearance, not sorted.

    ``pd.MultiIndex.from_tuples`` sorts each level, so members and interventions would come out
    alphabetically from ``unstack`` and ``sort_index``, and selecting by a partial key would warn
    that the index is not lexsorted. With levels in plan order and rows generated in that order,
    the codes are sorted: the index is lexsorted and keeps plan order everywhere.
    """
    levels: List[List[Hashable]] = [[] for _ in names]
    positions: List[dict] = [{} for _ in names]
    codes: List[List[int]] = [[] for _ in names]
    for t in tuples:
        for i, value in enumerate(t):
            code = positions[i].setdefault(value, len(levels[i]))
            if code == len(levels[i]):
                levels[i].append(value)
            codes[i].append(code)
    return pd.MultiIndex(levels=levels, codes=codes, names=names)


def frame_from_columns(columns: List[List[Any]], index: pd.Index, names: pd.Index) -> pd.DataFrame:
    """A DataFrame from column lists (each as long as ``index``), keeping the values' types
    (``Decimal`` and ``Fraction`` stay objects; ``int`` becomes int64)."""
    frame = pd.DataFrame({i: col for i, col in enumerate(columns)}, index=index)
    frame.columns = names
    return frame
