"""Plan: loading from files, dicts and text; exact numbers; JSON Merge Patch; errors as the CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import finsam
from conftest import DALARNA, HANINGE

SMALL = {  # two members, one intervention: small enough to check by hand
    "format": "finsam/1",
    "name": "Liten",
    "years": [2020, 2021],
    "members": [{"id": "fk", "kind": "state"}, {"id": "kommun", "kind": "municipality"}],
    "shares": {"fk": "50", "kommun": "50"},
    "frame": {"total": "1001"},
    "interventions": [{"id": "a", "amounts": {"2020": "700"}, "change": {"uprate": "none"}}],
}


def test_load_a_file_a_path_text_and_bytes_alike():
    by_str = finsam.load(str(DALARNA))
    by_path = finsam.load(DALARNA)
    text = DALARNA.read_text(encoding="utf-8")
    assert by_str == by_path == finsam.loads(text) == finsam.loads(text.encode("utf-8"))
    assert finsam.load(by_path) is by_path
    assert by_path.evaluate().to_dict() == finsam.loads(text).evaluate().to_dict()


def test_plan_properties():
    plan = finsam.load(DALARNA)
    assert plan.name == "Södra Dalarnas samordningsförbund"
    assert plan.years == [2011, 2012, 2013]
    assert plan.variants == ["state-plus-50", "sater-joins"]
    assert [m.id for m in plan.members] == ["fk", "region", "avesta", "hedemora"]
    assert plan.members[0] == finsam.Member("fk", "Försäkringskassan (med Arbetsförmedlingen)", "state")
    assert [i.kind for i in plan.interventions] == ["administration", "insats", "project", "insats", "insats"]
    assert repr(plan) == ("<finsam.Plan 'Södra Dalarnas samordningsförbund' 2011–2013: 4 members, "
                          "5 interventions, variants state-plus-50, sater-joins>")
    assert finsam.load(SMALL).name == "Liten"


def test_a_dict_loads_exactly_like_its_file():
    for path in (HANINGE, DALARNA):
        with open(path, encoding="utf-8") as f:
            as_dict = json.load(f, parse_float=Decimal)
        assert finsam.load(as_dict) == finsam.load(path)


def test_dict_numbers_int_str_decimal_and_int_year_keys():
    plan = dict(SMALL, frame={2020: {"total": 1001}, 2021: {"total": Decimal("1E+3")}},
                interventions=[{"id": "a", "amounts": {2020: Decimal("700.00")}, "change": {"uprate": "none"}}])
    result = finsam.load(plan).evaluate()
    # 1 001 kr split 50/50 by largest remainder: 500 / 500, the 1 kr left to the first listed (fk)
    assert result.contributions(unit="öre")["final"].loc[2020].tolist() == [50_100, 50_000]
    # 1E+3 is exactly 1 000
    assert result.totals().loc[2021, "contributions"] == Decimal("1000.00")
    # a Decimal is written as its exact text, int keys as strings
    text = finsam.load(plan).to_json()
    assert '"2020":{"total":1001}' in text and '"total":1E+3' in text and '"2020":700.00' in text


def test_a_float_is_rejected_at_its_pointer():
    plan = dict(SMALL, frame={"total": 1001.0},
                interventions=[{"id": "a", "amounts": {"2020": 0.1}, "change": {"uprate": "none"}}])
    with pytest.raises(finsam.PlanError) as e:
        finsam.load(plan)
    assert e.value.problems == [
        ("/frame/total", 'a Python float (1001.0) is not exact; write the number as a str such as "1001.0", '
                         "a decimal.Decimal or an int"),
        ("/interventions/0/amounts/2020", 'a Python float (0.1) is not exact; write the number as a str such '
                                          'as "0.1", a decimal.Decimal or an int'),
    ]
    assert isinstance(e.value, ValueError) and isinstance(e.value, finsam.Error)


def test_values_json_cannot_hold():
    plan = dict(SMALL, name={"a/b~c": {1.5: "x"}}, frame={"total": Decimal("NaN")}, members=[object()])
    with pytest.raises(finsam.PlanError) as e:
        finsam.load(plan)
    assert [p.pointer for p in e.value.problems] == ["/name/a~1b~0c", "/members/0", "/frame/total"]
    assert e.value.problems[0].message == "the key 1.5 is not a str (JSON object keys are strings)"
    assert e.value.problems[1].message.startswith("a object cannot be written as JSON")
    assert e.value.problems[2].message == "NaN is not a number a plan may contain"


def test_nesting_too_deep_is_reported_as_for_text():
    deep = 300
    text = "[" * deep + "]" * deep
    with pytest.raises(finsam.PlanError) as from_text:
        finsam.loads(text)
    nested: list = []
    for _ in range(deep - 1):
        nested = [nested]
    with pytest.raises(finsam.PlanError) as from_list:
        finsam.load({"a": nested})  # the plan's root adds one level: same depth as the text's
    (problem,) = from_text.value.problems
    deeper = "nesting deeper than 256 levels of objects and arrays; a plan needs only a few"
    # text: a syntax-level problem at the root, with the position of the 257th bracket
    assert problem.message == "invalid JSON at line 1, column 257: " + deeper
    assert problem.pointer == ""
    # a dict: the same rule at the pointer of the value that is too deep
    assert from_list.value.problems == [("/a" + "/0" * 255, deeper)]
    cyclic: dict = {"format": "finsam/1"}
    cyclic["self"] = cyclic
    with pytest.raises(finsam.PlanError) as e:
        finsam.load(cyclic)
    assert e.value.problems[0].pointer == "/self" * 256


def test_wrong_argument_types():
    with pytest.raises(TypeError):
        finsam.load(42)
    with pytest.raises(TypeError):
        finsam.loads({"format": "finsam/1"})
    with pytest.raises(FileNotFoundError):
        finsam.load("no/such/plan.json")
    with pytest.raises(TypeError):
        finsam.Plan("x")


def test_to_dict_is_exact_and_round_trips():
    plan = finsam.load(HANINGE)
    d = plan.to_dict()
    assert d["years"] == [2005, 2007] and type(d["years"][0]) is int
    assert finsam.load(d) == plan
    # numbers with a fraction come back as Decimal, never float
    exact = finsam.load(dict(SMALL, frame={"total": Decimal("1001.50")})).to_dict()
    assert exact["frame"]["total"] == Decimal("1001.50") and str(exact["frame"]["total"]) == "1001.50"
    assert json.loads(plan.to_json()) == json.loads(HANINGE.read_text(encoding="utf-8"))


def test_patch_is_a_json_merge_patch():
    plan = finsam.load(DALARNA)
    bigger = plan.patch({"frame": {"2010": {"total": "4000000"}}})
    # 4 000 000 × 50/25/15/10 % = 2 000 000 / 1 000 000 / 600 000 / 400 000
    assert bigger.evaluate().contributions(unit="tkr")["final"].loc[2011].tolist() == [
        Decimal(2000), Decimal(1000), Decimal(600), Decimal(400)]
    assert plan.evaluate().totals().loc[2011, "contributions"] == Decimal("3640000.00")  # unchanged
    # null removes: without equity the totals have no equity_end
    assert "equity_end" not in plan.patch({"equity": None}).evaluate().totals().columns
    # the patch applies to the whole document, variants included
    assert plan.patch({"variants": {"sater-joins": None}}).variants == ["state-plus-50"]
    assert plan.patch({}) == plan
    # a patched plan is checked like a loaded one
    with pytest.raises(finsam.PlanError) as e:
        plan.patch({"shares": {"fk": "60"}})
    assert e.value.problems[0].pointer == "/shares"
    assert "100" in e.value.problems[0].message
    with pytest.raises(finsam.PlanError) as e:
        plan.patch({"frame": {"2010": {"total": 4e6}}})
    assert [p.pointer for p in e.value.problems] == ["/frame/2010/total"]
    with pytest.raises(TypeError):
        plan.patch([{"name": "x"}])


def test_patch_by_id_adds_changes_and_removes_one_entry():
    # spec 16: members, interventions and income written as a dict keyed by id merge entry by entry
    plan = finsam.load(DALARNA)
    ids = [i.id for i in plan.interventions]
    with_team = plan.patch({"interventions": {"stodteam": {"name": "Stödteam", "amounts": {2011: "1500000"},
                                                           "change": {"uprate": "none"}}}})
    # the other interventions stay, the new one comes last: costs 2011 = 3 470 000 + 1 500 000
    assert [i.id for i in with_team.interventions] == ids + ["stodteam"]
    assert with_team.evaluate().totals().loc[2011, "costs"] == Decimal("4970000.00")
    # an existing id is merged in place: only its name changes
    renamed = plan.patch({"interventions": {"sociala-foretag": {"name": "Sociala företag"}}})
    assert [i.id for i in renamed.interventions] == ids
    assert renamed.interventions[ids.index("sociala-foretag")].name == "Sociala företag"
    assert renamed.evaluate().costs().equals(plan.evaluate().costs())
    # None removes one (the project, 150 000 kr of 2011): 3 470 000 − 150 000 = 3 320 000
    without = plan.patch({"interventions": {"kvinnors-ohalsa": None, "no-such-id": None}})
    assert [i.id for i in without.interventions] == [i for i in ids if i != "kvinnors-ohalsa"]
    assert without.evaluate().totals().loc[2011, "costs"] == Decimal("3320000.00")
    # a member by id, the same patch as the example's sater-joins variant: the same figures
    sater = plan.patch({"members": {"avesta": {"population": {2010: 21583}}, "hedemora": {"population": {2010: 15164}},
                                    "sater": {"name": "Säters kommun", "kind": "municipality",
                                              "population": {2010: 10900}, "from": "2011-07"}},
                        "shares": {"rule": "law", "municipal_key": "population",
                                   "fk": None, "region": None, "avesta": None, "hedemora": None}})
    assert sater.evaluate().to_dict() | {"name": None} == plan.evaluate("sater-joins").to_dict() | {"name": None}
    # the trap: a list still replaces the whole list
    alone = plan.patch({"interventions": [{"id": "stodteam", "amounts": {2011: "1500000"}, "change": {"uprate": "none"}}]})
    assert [i.id for i in alone.interventions] == ["stodteam"]


INVALID = {
    "truncated": b'{"format": "finsam/1", "years": [2011',
    "invalid-utf8": b'{"format": "finsam/1", "name": "\xff", "years": [2011, 2011], "members": []}',
    "duplicate-key": b'{"format": "finsam/1", "format": "finsam/1"}',
    "many": json.dumps({"format": "finsam/2", "years": [2013, 2011], "members": [{"id": "A", "kind": "x"}],
                        "colour": "red"}).encode(),
    "bad-variant": json.dumps(dict(SMALL, variants={"more": {"shares": {"fk": "60"}},
                                                    "fine": {"name": "Fin"},
                                                    "less": {"frame": {"total": "x"}}})).encode(),
    "nested-variant": json.dumps(dict(SMALL, variants={"nested": {"variants": {}}})).encode(),
    "evaluation": json.dumps(dict(SMALL, interventions=[{"id": "a", "amounts": {"2020": "700"}}])).encode(),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_problems_are_those_of_finsam_validate(cli, tmp_path: Path, name: str):
    path = tmp_path / f"{name}.json"
    path.write_bytes(INVALID[name])
    expected = cli.problems(path)
    assert expected  # the CLI finds problems
    with pytest.raises(finsam.PlanError) as from_text:
        finsam.loads(INVALID[name])
    assert from_text.value.problems == expected
    assert from_text.value.source is None
    with pytest.raises(finsam.PlanError) as from_file:
        finsam.load(path)
    assert from_file.value.problems == expected
    assert from_file.value.source == str(path)
    # with a source, each problem reads as `finsam validate FILE` prints it
    rc, out, _ = cli.run("validate", str(path))
    assert rc == 2
    lines = [f"{path}:{p.pointer}: {p.message}" for p in from_file.value.problems]
    assert lines == out.splitlines()
    assert all(line in str(from_file.value) for line in lines)


def test_variant_problems_carry_the_variant_prefix():
    with pytest.raises(finsam.PlanError) as e:
        finsam.loads(INVALID["bad-variant"])
    # pointers into the patched plan, messages prefixed with the variant's name (spec 12.18)
    assert [p.pointer for p in e.value.problems] == ["/shares", "/frame/total"]
    assert e.value.problems[0].message.startswith('variant "more": ')
    assert e.value.problems[1].message.startswith('variant "less": ')


def test_unknown_variant_is_reported_as_the_cli_does(cli):
    plan = finsam.load(DALARNA)
    rc, out, _ = cli.run("plan", str(DALARNA), "--variant", "nope", "--format", "json")
    assert rc == 2
    expected = [(p["path"], p["message"]) for p in json.loads(out)["errors"]]
    assert expected == [("/variants", 'no variant "nope"; the variants are "state-plus-50", "sater-joins"')]
    with pytest.raises(finsam.PlanError) as e:
        plan.evaluate("nope")
    assert e.value.problems == expected
    with pytest.raises(finsam.PlanError) as e:
        plan.evaluate("")
    assert e.value.problems[0].pointer == "/variants"
    with pytest.raises(finsam.PlanError) as e:
        finsam.load(HANINGE).evaluate("x")
    assert e.value.problems == [("/variants", 'no variant "x"; the plan has no variants')]


def test_plan_error_text():
    one = finsam.PlanError([("/years", "must be [first, last]")])
    assert str(one) == "/years: must be [first, last]"
    two = finsam.PlanError([("", "not JSON"), ("/a", "b")], source="plan.json")
    assert str(two) == "2 problems:\n  plan.json:: not JSON\n  plan.json:/a: b"
    assert str(finsam.PlanError([("", "not JSON")])) == "(root): not JSON"
    assert two.problems[1] == finsam.Problem(pointer="/a", message="b")
