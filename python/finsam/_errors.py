"""The exceptions finsam raises (the compiled core raises these same classes)."""

from __future__ import annotations

from typing import Any, Iterable, List, NamedTuple, Optional, Tuple

__all__ = ["Error", "PlanError", "Problem", "SieError", "SieProblem"]


class Problem(NamedTuple):
    """One problem of a plan: where (an RFC 6901 JSON pointer, ``""`` is the root) and what."""

    pointer: str
    message: str


class SieProblem(NamedTuple):
    """One problem of a SIE file: its line (1-based; 0 for the file as a whole) and what."""

    line: int
    message: str


class Error(Exception):
    """Base of every finsam error (an unknown year for ``explain``, an amount out of range, …)."""


class _ProblemsError(Error, ValueError):
    """An invalid input with every problem found (``problems``) and the file it was read from,
    if any (``source``, shown in front of each problem as the command line prints it)."""

    _problem: Any = Problem  # the NamedTuple of one problem
    _empty = "invalid input"

    problems: List[Any]
    source: Optional[str]

    def __init__(self, problems: Iterable[Tuple[Any, str]], source: Optional[str] = None) -> None:
        self.problems = [self._problem(*p) for p in problems]
        self.source = source
        super().__init__(self.problems)

    def __reduce__(self):  # picklable: multiprocessing sends exceptions back by pickle
        return (type(self), ([tuple(p) for p in self.problems], self.source))

    def __str__(self) -> str:
        if not self.problems:
            return self._empty
        lines = [self._line(p) for p in self.problems]
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} problems:\n" + "\n".join("  " + line for line in lines)

    def _line(self, p: Any) -> str:  # pragma: no cover - each subclass says how
        raise NotImplementedError


class PlanError(_ProblemsError):
    """An invalid plan. ``problems`` lists every problem as ``(pointer, message)`` pairs, the
    same list, in the same order, as ``finsam validate FILE --format json`` prints (problems of
    a variant have messages starting ``variant "NAME": ``)."""

    problems: List[Problem]
    #: The file the plan was read from, if any (shown in front of each problem, as the CLI does).
    source: Optional[str]
    _problem = Problem
    _empty = "invalid plan"

    def __init__(self, problems: Iterable[Tuple[str, str]], source: Optional[str] = None) -> None:
        super().__init__([(str(p), str(m)) for p, m in problems], source)

    def _line(self, p: Problem) -> str:
        if self.source is not None:  # FILE:POINTER: message, as `finsam validate FILE` prints it
            return f"{self.source}:{p.pointer}: {p.message}"
        return f"{p.pointer or '(root)'}: {p.message}"


class SieError(_ProblemsError):
    """An invalid SIE file (or one that cannot be read). ``problems`` lists every problem as
    ``(line, message)`` pairs, the same list, in the same order, as ``finsam actuals`` prints as
    ``FILE:LINE: message``."""

    problems: List[SieProblem]
    #: The file, as named to the reader.
    source: Optional[str]
    _problem = SieProblem
    _empty = "invalid SIE file"

    def __init__(self, problems: Iterable[Tuple[int, str]], source: Optional[str] = None) -> None:
        super().__init__([(int(n), str(m)) for n, m in problems], source)

    def _line(self, p: SieProblem) -> str:
        where = (self.source or "") + (f":{p.line}" if p.line else "")
        return f"{where}: {p.message}" if where else p.message
