"""Random valid plans (tests/reference/gen_plans.py): the package gives the CLI's result JSON for
the base and every variant, whether the plan comes as text, as a file or as a dict of Decimals."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import finsam
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "reference"))
import gen_plans  # noqa: E402

COUNT = 60


@pytest.mark.parametrize("index", range(COUNT))
def test_random_plan_equals_the_cli(cli, tmp_path: Path, index: int):
    plan, _ = gen_plans.make_plan("python-package", index)
    text = gen_plans.dumps(plan)
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")

    from_file = finsam.load(path)
    from_text = finsam.loads(text)
    from_dict = finsam.load(json.loads(text, parse_float=Decimal))
    assert from_file == from_text  # the same text
    # a Decimal is written as its own text ("1.50e2" reads as Decimal("150")): equal values
    assert from_dict.to_dict() == from_file.to_dict() == json.loads(text, parse_float=Decimal)

    for variant in [None, *from_file.variants]:
        expected = cli.plan(path, variant)
        result = from_dict.evaluate(variant)
        assert result.to_dict() == expected
        # the DataFrames carry the same figures as the JSON
        final = result.contributions()["final"]
        for m in expected["members"]:
            assert [str(final.loc[y, m["id"]]) for y in result.years] == \
                   [m["final_contribution"][str(y)] for y in result.years]
        totals = result.totals()
        assert [str(totals.loc[y, "costs"]) for y in result.years] == \
               [expected["totals"][str(y)]["costs"] for y in result.years]
