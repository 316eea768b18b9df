"""finsam.sweep: many uprating scenarios of one plan at once, exactly (C++: finsam/sweep.hpp).

The C++ sweep does the work, without the GIL: per scenario exactly the figures that evaluating
the plan with that scenario's rates gives. With a Dask ``Client`` the scenarios are cut into
chunks that the cluster's workers compute, and the pieces are put back together in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional, Union

from . import _core
from ._plan import Plan, load

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["sweep"]

#: Scenarios are handed to Dask workers in chunks of a multiple of this (the kernel's block).
CHUNK_QUANTUM = 64


def sweep(plan: Union[Plan, Any], rates: Any, threads: Optional[int] = None,
          client: Any = None) -> Dict[str, "np.ndarray"]:
    """Evaluate many uprating scenarios of ``plan`` at once, exactly.

    ``rates`` is an integer array of shape (scenarios, members, years): member m's uprating rate
    in year y (the plan's years, from the first) of scenario s, in basis points (150 = 1.50 %),
    in place of the plan's ``uprating``; years before the first keep the plan's own rates.

    Returns ``{"cost_share": int64 (scenarios, years, members), "costs": int64 (scenarios,
    years)}``, in öre: each member's cost share (the sum of its allocations) and the total costs,
    for every scenario exactly what ``plan.patch(...)`` with those rates and ``evaluate()``
    give.

    ``threads``: C++ threads (``None``: every core; with a ``client``, one per task).
    ``client``: a ``dask.distributed.Client``; the scenarios are split into chunks computed on
    the cluster and gathered into the same arrays.

    Raises :class:`PlanError` when evaluation rejects a scenario (problems of the first such
    scenario, messages starting ``scenario S: ``), ``TypeError`` for rates that are not
    integers, ``ValueError`` for a wrong shape.
    """
    import numpy as np

    if not isinstance(plan, Plan):
        plan = load(plan)
    rates = _as_rates(np, rates)
    if client is not None:
        return _on_dask(np, plan, rates, threads, client)
    cost_share, costs, _ = _core.sweep(plan._core, rates, 0 if threads is None else int(threads))
    return {"cost_share": cost_share, "costs": costs}


def _as_rates(np: Any, rates: Any) -> "np.ndarray":
    a = rates if isinstance(rates, np.ndarray) else np.asarray(rates)
    if a.dtype != np.int64:
        if a.dtype.kind not in "iu":
            raise TypeError(f"rates must be integers (basis points: 150 is 1.50 %), not {a.dtype}")
        if a.dtype.kind == "u" and a.size and int(a.max()) > np.iinfo(np.int64).max:
            raise ValueError("rates beyond the int64 range")
        a = a.astype(np.int64)
    return a if a.flags.c_contiguous else np.ascontiguousarray(a)


def _chunk(plan: Plan, rates: "np.ndarray", threads: int, first: int):
    """One Dask task: scenarios first … first + len(rates) − 1 (numbered so in errors)."""
    cost_share, costs, _ = _core.sweep(plan._core, rates, threads, True, first)
    return cost_share, costs


def _on_dask(np: Any, plan: Plan, rates: "np.ndarray", threads: Optional[int], client: Any) -> Dict[str, "np.ndarray"]:
    from distributed import wait

    n = rates.shape[0] if rates.ndim == 3 else 0
    if n == 0:  # nothing to distribute (and the shape is checked where it is computed)
        cost_share, costs, _ = _core.sweep(plan._core, rates, 1)
        return {"cost_share": cost_share, "costs": costs}
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    per_chunk = -(-n // (4 * workers))  # about four chunks per worker
    per_chunk = max(CHUNK_QUANTUM, -(-per_chunk // CHUNK_QUANTUM) * CHUNK_QUANTUM)
    [remote_plan] = client.scatter([plan], broadcast=True)
    task_threads = 1 if threads is None else int(threads)
    futures = [client.submit(_chunk, remote_plan, rates[a:a + per_chunk], task_threads, a, pure=False)
               for a in range(0, n, per_chunk)]
    wait(futures)
    for f in futures:  # the first rejected scenario is in the first failed chunk
        if f.status == "error":
            f.result()
    parts = client.gather(futures)
    return {"cost_share": np.concatenate([p[0] for p in parts]), "costs": np.concatenate([p[1] for p in parts])}
