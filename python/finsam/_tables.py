"""Budget tables (the C++ table model of report.hpp) for notebooks: HTML, Markdown, DataFrames, Excel.

The tables are built and rounded by the core exactly as ``finsam plan --format md|html|xlsx``
builds them (controlled rounding: every shown sum is the sum of the shown cells); this module
only exposes them. A :class:`Table` is one table as a document of its own (numbered 1 in its
Markdown, HTML and workbook); :class:`Tables` is all of them, numbered as the CLI numbers them.
"""

from __future__ import annotations

import os
from decimal import Decimal
from fractions import Fraction
from typing import Any, Iterator, List, NamedTuple, Optional, Union

import pandas as pd

from . import _core
from ._base import ResultWarning
from ._money import MoneyArray, MoneyDtype

__all__ = ["Tables", "Table", "Column"]


class Column(NamedTuple):
    """A column of a table: its header and kind (label, amount or percent)."""

    header: str
    kind: str


# Minimal styles for tables shown inside a notebook, scoped to the output (the standalone page
# of to_html() has its own).
_NOTEBOOK_CSS = """<style>
.finsam-tables table { border-collapse: collapse; }
.finsam-tables th, .finsam-tables td { padding: 0.15em 0.6em; }
.finsam-tables .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.finsam-tables tr.summa td { font-weight: 700; border-top: 1.5px solid currentColor; }
.finsam-tables tr.group td { font-style: italic; }
.finsam-tables tr.part td:first-child { padding-left: 1.4em; }
.finsam-tables p.footnote { font-size: 0.85em; }
.finsam-tables p.warning { background: #fff4e5; color: #111; border-left: 4px solid #d97706; padding: 0.3em 0.6em; }
</style>"""


def _sections(page: str) -> str:
    """The <section>s of a page from the core's to_html (user text in it is escaped, so the
    tags are unambiguous)."""
    return page[page.index("<section"):page.rindex("</section>") + len("</section>")]


def _notebook_html(page: str) -> str:
    return f'<div class="finsam-tables">{_NOTEBOOK_CSS}\n{_sections(page)}\n</div>'


class Table:
    """One budget table: ``_repr_html_`` for notebooks, :meth:`to_markdown`, :meth:`to_html`,
    :meth:`to_frame` and :meth:`to_excel`."""

    __slots__ = ("_tables", "_index")

    def __init__(self, tables: _core.Tables, index: int) -> None:
        self._tables = tables
        self._index = index

    @property
    def id(self) -> str:
        """Stable id: financing, costs, distribution, result, final_frame or items-<intervention>
        (a plan's); allocation or implied_frame (an allocation's)."""
        return self._tables.ids[self._index]

    @property
    def title(self) -> str:
        """The title, with the unit: "Finansiering (tkr)"."""
        return self._tables.title(self._index)

    @property
    def unit(self) -> str:
        return self._tables.unit

    @property
    def lang(self) -> str:
        return self._tables.lang

    @property
    def columns(self) -> List[Column]:
        return [Column(*c) for c in self._tables.columns(self._index)]

    @property
    def row_kinds(self) -> List[str]:
        """The kind of each row: data, group (a heading), summa (a sum) or part (a breakdown)."""
        return [kind for kind, _ in self._tables.rows(self._index)]

    @property
    def footnotes(self) -> List[str]:
        """Footnotes: the exact values of moved cells (marked *), adjustment notes."""
        return self._tables.footnotes(self._index)

    @property
    def warnings(self) -> List[ResultWarning]:
        """The result's warnings about this table, worded in the table's language."""
        return [ResultWarning(*w) for w in self._tables.warnings(self._index)]

    def _one(self) -> _core.Tables:
        return self._tables.subset([self._index])

    def to_frame(self, exact: bool = False) -> pd.DataFrame:
        """The table as a DataFrame: rows by their label (the first column), one column per
        figure column. Shown values by default — amounts in the exact ``money`` dtype of the
        table's unit (``money[tkr]``: a value is a ``Decimal`` with the table's decimals),
        percentages as ``Decimal`` with one decimal — so every Summa row is the sum of its rows;
        ``exact=True`` gives the exact amounts (``money`` too) and percentages
        (``fractions.Fraction``) instead. Empty cells are missing (``pd.NA``, or None for
        percentages)."""
        columns = self.columns
        per = _core.ore_per(self.unit)
        step = per // 10 ** self._tables.decimals if 10 ** self._tables.decimals <= per else None
        labels: List[str] = []
        cells_by_row = [cells for _, cells in self._tables.rows(self._index)]
        for cells in cells_by_row:
            labels.append(cells[0][1] if cells and cells[0][0] == "text" else "")
        data = {}
        for c, col in enumerate(columns[1:], start=1):
            values: List[Any] = []
            if col.kind == "amount":
                for (kind, _text, ore, _percent, shown, _moved, _shown_text) in (row[c] for row in cells_by_row):
                    if kind != "amount":
                        values.append(None)
                    elif exact:
                        values.append(Fraction(ore, per))
                    else:
                        values.append(Fraction(shown * step, per) if step else Decimal(shown).scaleb(-self._tables.decimals))
                data[c] = MoneyArray._from_sequence(values, dtype=MoneyDtype(self.unit))
            else:
                for (kind, text, _ore, percent, shown, _moved, _shown_text) in (row[c] for row in cells_by_row):
                    if kind == "percent":
                        values.append(Fraction(percent) if exact else Decimal(shown).scaleb(-1))
                    elif kind == "text":
                        values.append(text)
                    else:
                        values.append(None)
                data[c] = pd.array(values, dtype=object)
        index = pd.Index(labels, name=columns[0].header if columns else None)
        frame = pd.DataFrame(data, index=index)
        frame.columns = pd.Index([c.header for c in columns[1:]])
        return frame

    def to_markdown(self) -> str:
        """This table as a Markdown document (a lead line, the table, its notes)."""
        return self._one().to_markdown()

    def to_html(self) -> str:
        """This table as a standalone printable HTML page."""
        return self._one().to_html()

    def to_excel(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Write this table as an XLSX workbook of one sheet (numbers as numbers, Summa cells as
        SUM formulas), as ``finsam plan --format xlsx`` writes each table."""
        self._one().write_xlsx(os.fspath(path))

    def _repr_html_(self) -> str:
        return _notebook_html(self.to_html())

    def __repr__(self) -> str:
        return f"<finsam.Table {self.id!r}: {self.title}>"


class Tables:
    """All budget tables of a result (or of an allocation), in order (the CLI's Tabell 1, 2, …)."""

    __slots__ = ("_core",)

    def __init__(self, core: _core.Tables) -> None:
        self._core = core

    @property
    def ids(self) -> List[str]:
        """The tables' ids, in order."""
        return self._core.ids

    @property
    def unit(self) -> str:
        return self._core.unit

    @property
    def lang(self) -> str:
        return self._core.lang

    @property
    def decimals(self) -> int:
        """Decimals shown."""
        return self._core.decimals

    def __len__(self) -> int:
        return len(self._core.ids)

    def __iter__(self) -> Iterator[Table]:
        return (Table(self._core, i) for i in range(len(self)))

    def __getitem__(self, key: Union[str, int]) -> Table:
        """A table by id (``"distribution"``) or position."""
        ids = self._core.ids
        if isinstance(key, str):
            if key not in ids:
                raise KeyError(f"no table {key!r}; the tables are {', '.join(ids)}")
            return Table(self._core, ids.index(key))
        index = range(len(ids))[key]  # IndexError, negative positions
        return Table(self._core, index)

    def to_markdown(self) -> str:
        """All tables as Markdown, the text of ``finsam plan --format md``."""
        return self._core.to_markdown()

    def to_html(self) -> str:
        """All tables as one standalone HTML page, the text of ``finsam plan --format html``."""
        return self._core.to_html()

    def to_excel(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Write all tables as an XLSX workbook, one sheet per table."""
        self._core.write_xlsx(os.fspath(path))

    def _repr_html_(self) -> str:
        return _notebook_html(self.to_html())

    def __repr__(self) -> str:
        return f"<finsam.Tables {self._core.name!r} in {self.unit}: {', '.join(self.ids)}>"


def check_decimals(decimals: Optional[int]) -> int:
    """The core's decimals argument: −1 for None (the unit's default), else a whole number ≥ 0."""
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0):
        raise ValueError(f"decimals must be None (the unit's default) or a whole number ≥ 0, not {decimals!r}")
    return -1 if decimals is None else decimals


def build(result_core: _core.Result, unit: str, lang: str, decimals: Optional[int]) -> Tables:
    return Tables(_core.build_tables(result_core, unit, lang, check_decimals(decimals)))
