"""What the public classes share, at the bottom of the package's imports.

The records (``Member``, ``Intervention``, ``ResultWarning``), the base of ``Plan`` and
``Result``, and :func:`wrap`, which gives the Python object for a compiled ``_core`` one. A
Plan makes Results and a Result tells its Plan; through :func:`wrap` neither module imports the
other, so the modules import one another in one direction only::

    _base  <-  _plan    <-  _result, _sweep
    _base  <-  _tables  <-  _result
    _base  <-  _allocation

(``tests/python/test_package.py`` checks that there is no cycle.)
"""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple

__all__ = ["Member", "Intervention", "ResultWarning", "wrap"]


class Member(NamedTuple):
    """A member (huvudman): id, name and kind (state, region, municipality, other)."""

    id: str
    name: str
    kind: str


class Intervention(NamedTuple):
    """An intervention (insats): id, name and kind (insats, project, administration)."""

    id: str
    name: str
    kind: str


class ResultWarning(NamedTuple):
    """A warning of an evaluation (the plan is valid, but something deserves a look)."""

    code: str     #: stated_total_mismatch, items_sum_mismatch, shares_differ_from_frame, equity_…
    path: str     #: JSON pointer into the plan
    message: str


#: The Python class for each compiled class (filled by the subclasses of _Immutable).
_WRAPPERS: Dict[type, type] = {}


def wrap(core: Any) -> Any:
    """The Python object for a compiled one: a ``_core.Plan`` becomes a ``Plan``, a
    ``_core.Result`` a ``Result``, a ``_core.Allocation`` an ``Allocation``."""
    return _WRAPPERS[type(core)](core)


class _Immutable:
    """An immutable face of a compiled ``_core`` object (so a copy is the object itself): what
    a Plan, a Result and an Allocation have in common."""

    __slots__ = ()
    _core: Any
    #: The compiled class a subclass wraps, and what to say when handed something else.
    _core_class: Any = None
    _made_by: str = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls._core_class is not None:
            _WRAPPERS[cls._core_class] = cls

    def __init__(self, core: Any) -> None:
        if not isinstance(core, self._core_class):
            raise TypeError(self._made_by)
        self._core = core

    def __copy__(self):
        return self

    def __deepcopy__(self, memo: dict):
        return self


class _Document(_Immutable):
    """A Plan or an Allocation: equal when its document is, by its exact compact JSON text
    (numbers as written: ``"1.50"`` is not ``"1.5"``)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._core.json == other._core.json

    def __hash__(self) -> int:
        return hash(self._core.json)


class _Described(_Immutable):
    """What a Plan and a Result have in common: the name, the years, the members and the
    interventions (of the base plan for a Plan, of its variant for a Result), in plan order."""

    __slots__ = ()

    @property
    def name(self) -> str:
        """The plan's name (``""`` when it has none)."""
        return self._core.name

    @property
    def years(self) -> List[int]:
        """The years, first (the budget year) to last."""
        return self._core.years

    @property
    def members(self) -> List[Member]:
        """The members, in plan order (a Plan's: the base plan's; a Result's: its variant's)."""
        return [Member(*m) for m in self._core.members]

    @property
    def interventions(self) -> List[Intervention]:
        """The interventions, in plan order (a Plan's: the base plan's; a Result's: its variant's)."""
        return [Intervention(*i) for i in self._core.interventions]
