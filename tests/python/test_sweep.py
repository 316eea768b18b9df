"""finsam.sweep: per scenario the figures of evaluating the plan with that scenario's rates; int64
numpy arrays; errors; the GIL; Dask on a local cluster of two worker processes."""

from __future__ import annotations

import sys
import threading
from decimal import Decimal

import numpy as np
import pytest

import finsam

# One intervention "x" owned by a (1 000 kr known in 2004), frame part 20 %, key 1:1, final frame
# 600 : 400; amounts in öre, allocation in kr, half_up (the hand-checked plan of tests/sweep_test.cpp).
HAND = {"format": "finsam/1", "years": [2005, 2006],
        "rounding": {"amounts": "öre", "allocation": "kr", "mode": "half_up"},
        "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
        "shares": {"a": "60", "b": "40"}, "frame": {"total": 1000}, "uprating": {"a": "2"},
        "interventions": [{"id": "x", "owner": "a", "amounts": {"2004": 1000},
                           "financing": {"frame_part": "20", "key": {"a": 1, "b": 1}}}]}


def plan_of(frame):
    """Three members, three years, three interventions (one with weighted owners, one with a
    fixed percent), half_even; `frame` is the plan's frame (absent: cover_costs)."""
    p = {"format": "finsam/1", "years": [2005, 2007],
         "rounding": {"amounts": "öre", "allocation": "öre", "mode": "half_even"},
         "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"},
                     {"id": "kommun", "kind": "municipality"}],
         "shares": {"rule": "law"}, "financing": {"frame_part": "20"},
         "uprating": {"fk": "1", "region": "2", "kommun": "3"},
         "interventions": [
             {"id": "a", "owner": "region", "amounts": {"2004": "812345.67"},
              "financing": {"key": {"region": 1, "kommun": 2}}},
             {"id": "b", "owner": {"fk": "2", "kommun": "1"}, "amounts": {"2004": "400000"},
              "financing": {"key": {"fk": "33.3", "region": "33.3", "kommun": "33.4"}}},
             {"id": "c", "owner": "kommun", "amounts": {"2004": "123456.78"},
              "change": {"uprate": "1.5"}, "financing": {"frame_part": "100"}}]}
    if frame is not None:
        p["frame"] = frame
    return p


def evaluated(plan, rates_s):
    """The plan with scenario rates (members × years, bp) as a patch, evaluated."""
    ids = [m.id for m in plan.members]
    upr = {m: {str(y): Decimal(int(rates_s[k][j])).scaleb(-2) for j, y in enumerate(plan.years)}
           for k, m in enumerate(ids)}
    return plan.patch({"uprating": upr}).evaluate()


def test_two_scenarios_by_hand():
    plan = finsam.load(HAND)
    rates = np.array([[[150, 250], [5000, -5000]], [[-255, 1000], [0, 99999]]], dtype=np.int64)
    out = finsam.sweep(plan, rates)
    assert out["cost_share"].dtype == np.int64 and out["cost_share"].shape == (2, 2, 2)
    assert out["costs"].dtype == np.int64 and out["costs"].shape == (2, 2)
    # Scenario 0: 2005 1 015.00 kr → a 122 + 406, b 81 + 406; 2006 1 040.38 → a 125 + 416.38, b 83 + 416.
    # Scenario 1: 2005 974.50 → a 117 + 390, b 78 + 389.50; 2006 1 071.95 → a 128 + 429, b 86 + 428.95.
    # (The arithmetic is in tests/sweep_test.cpp, two_scenarios_by_hand.)
    assert out["cost_share"].tolist() == [[[52800, 48700], [54138, 49900]], [[50700, 46750], [55700, 51495]]]
    assert out["costs"].tolist() == [[101500, 104038], [97450, 107195]]
    # The binding's own view: the same arrays, and how they were computed (the benchmark reads
    # "seconds", the C++ sweep alone, to measure what the Python call adds).
    cs, costs, info = finsam._core.sweep(plan._core, rates, 1)
    assert cs.tolist() == out["cost_share"].tolist() and costs.tolist() == out["costs"].tolist()
    assert info["kernel"] + info["fallback"] == 2 and info["threads"] == 1
    assert isinstance(info["seconds"], float) and 0 <= info["seconds"] < 10


@pytest.mark.parametrize("frame", [{"total": "900000"}, None])  # a fixed frame, and cover_costs
def test_every_scenario_equals_its_evaluation(frame):
    plan = finsam.load(plan_of(frame))
    rates = np.random.default_rng(6).integers(-3000, 3000, size=(40, 3, 3))  # −30 % … 30 %
    out = finsam.sweep(plan, rates, threads=2)
    assert out["cost_share"].shape == (40, 3, 3) and out["costs"].shape == (40, 3)
    for s in range(40):
        r = evaluated(plan, rates[s])
        assert out["cost_share"][s].tolist() == r.cost_shares(unit="öre").values.tolist()
        assert out["costs"][s].tolist() == r.totals(unit="öre")["costs"].tolist()


def test_plan_given_as_dict_and_rates_as_lists():
    out = finsam.sweep(HAND, [[[150, 250], [0, 0]]], threads=1)
    assert out["costs"].tolist() == [[101500, 104038]]


def test_rejected_scenario_is_named():
    # 2006 frame 0 with a frame part to split: evaluation rejects every scenario whose 2006 amount
    # is not 0. −100 % in 2005 makes it 0 (the plan's own rate, so the plan loads, and scenario 0);
    # scenario 1 is the first rejected.
    plan = finsam.load({"format": "finsam/1", "years": [2005, 2006],
                        "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
                        "shares": {"a": "50", "b": "50"}, "uprating": {"a": "-100"},
                        "frame": {"2005": {"total": 100}, "2006": {"total": 0}},
                        "interventions": [{"id": "x", "owner": "a", "amounts": {"2004": 1000}}]})
    rates = np.array([[[-10000, 0], [0, 0]], [[100, 0], [0, 0]], [[100, 0], [0, 0]]])
    with pytest.raises(finsam.PlanError) as e:
        finsam.sweep(plan, rates)
    [(pointer, message)] = e.value.problems
    assert pointer == "/frame/2006"
    assert message.startswith("scenario 1: 2006 has a final frame of 0")


def test_rates_must_be_integers_of_the_plans_shape():
    plan = finsam.load(HAND)
    with pytest.raises(TypeError, match="integers"):
        finsam.sweep(plan, np.zeros((3, 2, 2)))
    with pytest.raises(ValueError, match=r"\(S, 2, 2\) for this plan, not \(3, 2, 3\)"):
        finsam.sweep(plan, np.zeros((3, 2, 3), dtype=np.int64))
    out = finsam.sweep(plan, np.zeros((3, 2, 2), dtype=np.int32))  # other integer types are converted
    assert out["costs"][0].tolist() == [100000, 100000]
    empty = finsam.sweep(plan, np.zeros((0, 2, 2), dtype=np.int64))
    assert empty["cost_share"].shape == (0, 2, 2) and empty["costs"].shape == (0, 2)


def test_the_gil_is_released():
    # With a switch interval of 10 s, a thread that held the GIL through the C++ sweep would keep
    # the main thread waiting until it had finished; the main thread runs while it computes.
    plan = finsam.load({"format": "finsam/1", "years": [2025, 2034],
                        "members": [{"id": m, "kind": k} for m, k in [("fk", "state"), ("r", "region"), ("k", "municipality")]],
                        "shares": {"rule": "law"}, "frame": {"total": "30000000"}, "financing": {"frame_part": "20"},
                        "uprating": {"fk": "2", "r": "2", "k": "2"},
                        "interventions": [{"id": f"i{i}", "owner": ["fk", "r", "k"][i % 3],
                                           "amounts": {"2024": str(100000 + 7919 * i)},
                                           "financing": {"key": {"r": 1, "k": i + 1}}} for i in range(20)]})
    rates = np.random.default_rng(1).integers(-100, 500, size=(100_000, 3, 10))  # 6·10^7 cells
    finsam.sweep(plan, rates[:1])  # the plan is prepared before the measurement
    started, done = threading.Event(), threading.Event()

    def work():
        started.set()
        finsam.sweep(plan, rates, threads=1)
        done.set()

    worker = threading.Thread(target=work)
    old = sys.getswitchinterval()
    sys.setswitchinterval(10.0)
    try:
        worker.start()
        started.wait()  # returns once the worker lets go of the GIL
        ran_meanwhile = not done.is_set()
    finally:
        sys.setswitchinterval(old)
        worker.join()
    assert done.is_set()
    assert ran_meanwhile


# Debian 12's distributed 2022.12 with its tornado warns about its own event-loop use.
@pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")
def test_dask_local_cluster_gives_the_same_arrays():
    distributed = pytest.importorskip("distributed", reason="python3-distributed (scripts/install-deps.sh)")
    plan = finsam.load(plan_of(None))
    rates = np.random.default_rng(2).integers(-100, 500, size=(300, 3, 3))
    local = finsam.sweep(plan, rates)
    with distributed.LocalCluster(n_workers=2, processes=True, host="127.0.0.1", threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        remote = finsam.sweep(plan, rates, client=client)  # 5 chunks of 64 scenarios
        assert remote["cost_share"].dtype == np.int64
        assert np.array_equal(remote["cost_share"], local["cost_share"])
        assert np.array_equal(remote["costs"], local["costs"])
        # An error in the third chunk names the scenario by its place in the whole sweep.
        bad = finsam.load({"format": "finsam/1", "years": [2005, 2006],
                           "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
                           "shares": {"a": "50", "b": "50"}, "uprating": {"a": "-100"},
                           "frame": {"2005": {"total": 100}, "2006": {"total": 0}},
                           "interventions": [{"id": "x", "owner": "a", "amounts": {"2004": 1000}}]})
        rates = np.zeros((300, 2, 2), dtype=np.int64)
        rates[:, 0, 0] = -10000
        rates[130, 0, 0] = 0
        rates[200, 0, 0] = 0
        with pytest.raises(finsam.PlanError) as e:
            finsam.sweep(bad, rates, client=client)
        assert e.value.problems[0].message.startswith("scenario 130: ")
