"""Pickling: Plan and Result carry a versioned state (version, plan JSON, variant) and work
with multiprocessing."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
from decimal import Decimal

import pytest

import finsam
from finsam import _core
from conftest import DALARNA


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_round_trip(protocol):  # every protocol, 0 and 1 included
    plan = finsam.load(DALARNA)
    again = pickle.loads(pickle.dumps(plan, protocol=protocol))
    assert again == plan and again.variants == plan.variants
    result = plan.evaluate("sater-joins")
    back = pickle.loads(pickle.dumps(result, protocol=protocol))
    assert back == result and back.variant == "sater-joins"
    assert back.to_dict() == result.to_dict()
    assert back.plan == plan
    core = pickle.loads(pickle.dumps(plan._core, protocol=protocol))  # the bound class itself
    assert core.json == plan.to_json()


def test_state_is_version_plan_json_and_variant():
    plan = finsam.load(DALARNA)
    assert plan._core.__getstate__() == (_core.PICKLE_STATE_VERSION, plan.to_json(), None)
    assert plan.evaluate("state-plus-50")._core.__getstate__() == (1, plan.to_json(), "state-plus-50")


def test_the_state_version_is_checked():
    plan = finsam.load(DALARNA)
    fresh = _core.Result.__new__(_core.Result)
    with pytest.raises(ValueError, match="cannot read pickled state version 2; this finsam reads version 1"):
        fresh.__setstate__((2, plan.to_json(), None))
    with pytest.raises(ValueError, match="malformed pickled state"):
        fresh.__setstate__((1, plan.to_json()))
    with pytest.raises(ValueError, match="not a pickled finsam state"):
        fresh.__setstate__(("1", plan.to_json(), None))
    # a state whose variant no longer exists fails as evaluate() would
    with pytest.raises(finsam.PlanError):
        fresh.__setstate__((1, plan.to_json(), "gone"))
    fresh.__setstate__((1, plan.to_json(), "sater-joins"))
    assert finsam.Result(fresh).contributions()["final"].loc[2011, "sater"] == Decimal("104088.00")


def test_copy_returns_the_same_immutable_object():
    result = finsam.load(DALARNA).evaluate()
    assert copy.copy(result) is result and copy.deepcopy(result) is result
    assert copy.deepcopy(result.plan) == result.plan


def test_plan_error_pickles():
    error = finsam.PlanError([("/a", "b"), ("", "c")], source="x.json")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is finsam.PlanError
    assert back.problems == error.problems and back.source == "x.json" and str(back) == str(error)


def final_contributions_2011(args):
    """Runs in a worker process: evaluate one variant; returns the Result itself (pickled back)."""
    plan, variant = args
    return plan.evaluate(variant)


def load_in_worker(plan_dict):
    return finsam.load(plan_dict)


def test_multiprocessing():
    plan = finsam.load(DALARNA)
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: everything goes by pickle
    with context.Pool(2) as pool:
        results = pool.map(final_contributions_2011, [(plan, v) for v in [None, *plan.variants]])
        assert [r.variant for r in results] == [None, "state-plus-50", "sater-joins"]
        # README key figures: fk 1 820 000 (base), 2 730 000 (state-plus-50); Säter 104 088 (sater-joins)
        assert results[0].contributions()["final"].loc[2011, "fk"] == Decimal("1820000.00")
        assert results[1].contributions()["final"].loc[2011, "fk"] == Decimal("2730000.00")
        assert results[2].contributions()["final"].loc[2011, "sater"] == Decimal("104088.00")
        # an error in a worker comes back as the same PlanError
        bad = dict(plan.to_dict(), years=[2013, 2011])
        with pytest.raises(finsam.PlanError) as here:
            finsam.load(bad)
        with pytest.raises(finsam.PlanError) as there:
            pool.apply(load_in_worker, (bad,))
        assert there.value.problems == here.value.problems
        assert there.value.problems[0].pointer.startswith("/years")
