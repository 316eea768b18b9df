"""The exact readings 12.21–12.24 and the defects of issue 13 through Python.

The same cases as the command line's tests/cli/test_readings.py (tests/readings/cases.py,
with their hand arithmetic), given to finsam.load as dicts — the way a notebook builds a plan —
and as JSON text.
"""

from __future__ import annotations

import json
import sys

import pytest

import finsam
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "readings"))
from cases import CASES  # noqa: E402


LOADERS = {"dict": finsam.load, "text": lambda plan: finsam.loads(json.dumps(plan))}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
@pytest.mark.parametrize("form", sorted(LOADERS))
def test_reading(case, form):
    def run():
        return LOADERS[form](case["plan"]).evaluate().to_dict()

    if "errors" in case:
        with pytest.raises(finsam.PlanError) as e:
            run()
        assert [tuple(p) for p in e.value.problems] == [tuple(x) for x in case["errors"]]
    else:
        case["check"](run())
