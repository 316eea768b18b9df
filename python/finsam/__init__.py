"""finsam — exact budget and financing allocation for samordningsförbund (FINSAM/SOCSAM).

    import finsam
    plan = finsam.load("examples/sodra-dalarna-2011.json")
    result = plan.evaluate()                  # or plan.evaluate("sater-joins")
    result.contributions()["final"]           # years × members, Decimal kronor
    finsam.compare(plan)                      # variants against the base: totals and members by year
    plan.comparison()                         # the same as tables (Markdown, HTML, Excel)
    result.explain(2011, member="avesta")     # how a figure was derived
    result.plot("costs")                      # a matplotlib Figure
    result.table("distribution")              # a budget table (HTML in notebooks, Markdown, Excel)
    result.follow_up().interventions          # with actuals: budget, actual and forecast of year F
    result.liquidity().months                 # with a liquidity plan: the cash month by month
    finsam.sweep(plan, rates)                 # thousands of uprating scenarios at once, exactly
    finsam.read_sie("books.se")               # a SIE file's transactions as a DataFrame
    finsam.read_actuals(plan, "books.se")     # the plan's actuals read from its books
    plan.with_actuals(sie="books.se")         # a new Plan with the books' actuals in place of its own
    finsam.allocate("examples/statens-fordelning-2016.json").forbund()   # the state's money among förbund

Figures are exact: integer öre inside — DataFrame columns have the ``money`` dtype
(:class:`MoneyDtype`: pandas sums, rounds, plots and writes them to Excel as numbers) and a
single value is a ``decimal.Decimal`` in kronor (or ``int`` öre with ``unit="öre"``); floats
only when asked for with ``as_float=True``. Text (tables, explanations, plots) is Swedish by
default, English with ``lang="en"``. Invalid plans raise
:class:`PlanError`, whose ``problems`` are the (JSON pointer, message) pairs the command line
``finsam validate`` prints. The plan format is ``finsam/1`` (docs: plan-format.md).
"""

from __future__ import annotations

try:
    from . import _core
except ImportError as _err:  # pragma: no cover - exercised by tests/python/test_package.py in a subprocess
    import os as _os

    _here = _os.path.dirname(_os.path.abspath(__file__))
    raise ImportError(
        "finsam: the compiled module finsam._core is missing or cannot be loaded "
        f"({_err}). This finsam package is at {_here}. The Python package must be built with "
        "CMake first: `cmake -S . -B build -DPython_EXECUTABLE=/usr/bin/python3 && "
        "cmake --build build`, then use it with PYTHONPATH=build/python (the build puts the "
        "module next to a copy of python/finsam/), or install it with `cmake --install build`. "
        "The module is built for one Python version (the interpreter CMake found); run the same "
        "interpreter (on Debian /usr/bin/python3)."
    ) from _err

from ._allocation import Allocation, allocate
from ._base import Intervention, Member, ResultWarning
from ._errors import Error, PlanError, Problem, SieError, SieProblem
from ._followup import FollowUp, Liquidity
from ._money import MoneyArray, MoneyDtype
from ._plan import Plan, compare, load, loads
from ._result import Explanation, Result
from ._sie import BooksActuals, BooksWarning, read_actuals, read_sie
from ._sweep import sweep
from ._tables import Column, Table, Tables

__version__: str = _core.__version__
#: The plan format this version reads ("finsam/1") and the result format it writes.
PLAN_FORMAT: str = _core.PLAN_FORMAT
RESULT_FORMAT: str = _core.RESULT_FORMAT
#: The allocation model format ("finsam-allocation/1") and the result format of ``allocate``.
ALLOCATION_FORMAT: str = _core.ALLOCATION_FORMAT
ALLOCATION_RESULT_FORMAT: str = _core.ALLOCATION_RESULT_FORMAT

__all__ = [
    "load",
    "loads",
    "compare",
    "sweep",
    "allocate",
    "read_sie",
    "read_actuals",
    "Allocation",
    "BooksActuals",
    "BooksWarning",
    "Plan",
    "Result",
    "Explanation",
    "FollowUp",
    "Liquidity",
    "Member",
    "Intervention",
    "ResultWarning",
    "Tables",
    "Table",
    "Column",
    "MoneyDtype",
    "MoneyArray",
    "Error",
    "PlanError",
    "Problem",
    "SieError",
    "SieProblem",
    "PLAN_FORMAT",
    "RESULT_FORMAT",
    "ALLOCATION_FORMAT",
    "ALLOCATION_RESULT_FORMAT",
]
