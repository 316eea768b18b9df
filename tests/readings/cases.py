"""Regression cases for the exact readings 12.21–12.24 of the spec and the defects of issue 13.

Each case is a plan (a dict) and what finsam must make of it: either the figures of its result
JSON (checked by `check`, with the arithmetic in a comment) or the problems it reports, as
(pointer, message) pairs in order. Two runners use them: tests/cli/test_readings.py (the
command line, stdlib only) and tests/python/test_readings.py (the Python package).
"""

MAX_ORE = 2**63 - 1  # spec 12.2


def plan(**extra):
    """A one-member plan for 2011 (Försäkringskassan alone, 100 %) with `extra` keys."""
    p = {"format": "finsam/1", "years": [2011, 2011],
         "members": [{"id": "fk", "name": "Försäkringskassan", "kind": "state"}],
         "shares": {"fk": "100"}}
    p.update(extra)
    return p


def kr(ore):
    """Öre as the result JSON writes them: 150 → "1.50"."""
    sign = "-" if ore < 0 else ""
    ore = abs(ore)
    return f"{sign}{ore // 100}.{ore % 100:02d}"


def _check_volume(r):
    # 2010: 1 000 kr; 2011: 1 000 × (-1/-2 = 1/2) × (1 + 0/100) + 0 = 500 kr
    assert r["interventions"][0]["amount"] == {"2011": "500.00"}, r["interventions"][0]["amount"]


def _check_key(r):
    # frame_part 0: all 1 000 kr by the key; weights -1/-2 = 1/2 and 1/2 → 500 each
    assert r["interventions"][0]["allocation"]["2011"] == {"fk": "500.00", "region": "500.00"}


def _check_population(r):
    # law rule: fk 50 %, region 25 %, municipalities 25 % by population:
    # a = "0000000000000021583" = 21 583 and b = 21 583 → 12.5 % each;
    # c has 10^15 inhabitants in 2012 only, so 2011 is as above.
    shares = {m["id"]: m["share"]["2011"] for m in r["members"]}
    assert shares == {"fk": "50", "region": "25", "a": "12.5", "b": "12.5", "c": "0"}, shares
    # 2012: a, b 21 583 each, c 10^15: c's part is 25 × 10^15 / (10^15 + 43 166) %
    # = 24.99999999892085… % → the contributions of a 10 000 kr frame: 2 500 kr split
    # 21 583 : 21 583 : 10^15 → a, b 0.0539… kr → 0, c 2 500 kr (largest remainder in kr)
    c12 = {m["id"]: m["final_contribution"]["2012"] for m in r["members"]}
    assert c12 == {"fk": "5000.00", "region": "2500.00", "a": "0.00", "b": "0.00", "c": "2500.00"}, c12


def _check_no_equity_overflow(r):
    # the running result reaches 2 × (2^63 − 1) öre after two years, but without `equity`
    # no equity chain is computed (12.24): the plan is valid and shows no equity_end
    assert r["totals"]["2011"]["result"] == kr(MAX_ORE)
    assert r["totals"]["2012"]["result"] == kr(MAX_ORE)
    assert "equity_end" not in r["totals"]["2011"]


def _check_empty_equity(r):
    # "equity": {} — opening 0, no use, no guideline (12.21): equity_end appears, and the
    # year's result of −1 000 kr (0 contributions − 1 000 kr costs) leaves equity at −1 000 kr
    assert r["totals"]["2011"]["equity_end"] == "-1000.00"
    assert [(w["code"], w["path"]) for w in r["warnings"]] == [("equity_negative", "/equity")]


def _check_item_without_amounts(r):
    # the item without `amounts` lists no year (12.21), the other gives 300 kr in 2011
    assert r["interventions"][0]["amount"] == {"2011": "300.00"}


def _check_single_member_law_key(r):
    # one municipality: the population key is not used (12.22), it takes the whole 25 %
    shares = {m["id"]: m["share"]["2011"] for m in r["members"]}
    assert shares == {"fk": "50", "region": "25", "a": "25"}, shares


def _check_members_frame_without_shares(r):
    # a `members` frame: 600 / 400 kr paid; the shares name only fk, so "b" (a member
    # present in 2011) has no share: they cannot be applied, and no comparison is made (12.22)
    assert r["warnings"] == [], r["warnings"]
    c = {m["id"]: m["final_contribution"]["2011"] for m in r["members"]}
    assert c == {"fk": "600.00", "b": "400.00"}


LAW_MEMBERS = [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}]

CASES = [
    # 12.23 / issue 13 defect 1: both integers of "A/B" may carry a sign
    dict(name="volume_negative_over_negative",
         plan=plan(frame={"cover_costs": True},
                   interventions=[{"id": "x", "amounts": {"2010": "1000"},
                                   "change": {"uprate": "none", "volume": "-1/-2"}}]),
         check=_check_volume),
    dict(name="key_negative_over_negative",
         plan=dict(plan(), members=[{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}],
                   shares={"fk": "50", "region": "50"}, frame={"total": "1000"},
                   interventions=[{"id": "x", "amounts": {"2011": "1000"},
                                   "financing": {"frame_part": "0", "key": {"fk": "-1/-2", "region": "1/2"}}}]),
         check=_check_key),
    dict(name="owner_weight_positive_over_negative",
         plan=plan(uprating={"fk": "2"},
                   interventions=[{"id": "x", "owner": {"fk": "1/-2"}, "amounts": {"2010": "1000"}}]),
         errors=[("/interventions/0/owner/fk", "must not be negative; write a weight of 0 or more")]),
    dict(name="key_weight_positive_over_negative",
         plan=plan(interventions=[{"id": "x", "amounts": {"2011": "1000"},
                                   "financing": {"frame_part": "0", "key": {"fk": "1/-2"}}}]),
         errors=[("/interventions/0/financing/key/fk", "must not be negative; write a weight of 0 or more")]),
    dict(name="volume_over_negative_zero",
         plan=plan(interventions=[{"id": "x", "amounts": {"2010": "1000"}, "change": {"volume": "1/-0"}}]),
         errors=[("/interventions/0/change/volume",
                  "\"1/-0\" divides by zero; write a number, a decimal string or a fraction such as "
                  "\"600/400\" (a fraction is two integers A/B with B ≠ 0)")]),
    # 12.23 / defect 3: populations have no bound but the arithmetic's
    dict(name="population_leading_zeros_and_huge",
         plan=dict(plan(), years=[2011, 2012],
                   members=LAW_MEMBERS + [
                       {"id": "a", "kind": "municipality", "population": "0000000000000021583"},
                       {"id": "b", "kind": "municipality", "population": 21583},
                       {"id": "c", "kind": "municipality", "population": {"2012": 10**15}, "from": 2012}],
                   shares={"rule": "law", "municipal_key": "population"}, frame={"total": "10000"}),
         check=_check_population),
    # 12.24 / defect 2: no equity, no equity overflow
    dict(name="no_equity_no_equity_overflow",
         plan=dict(plan(), years=[2011, 2012], frame={"total": kr(MAX_ORE)}),
         check=_check_no_equity_overflow),
    dict(name="equity_overflow_with_equity",
         plan=dict(plan(), years=[2011, 2012], frame={"total": kr(MAX_ORE)}, equity={}),
         errors=[("/equity", "the equity at the end of 2012 would be beyond ±(2^63 − 1) öre "
                             "(±92 233 720 368 547 758.07 kr), larger than any budget; check the amounts, rates "
                             "and the plan's amount_unit")]),
    # 12.21: empty objects
    dict(name="empty_equity_block",
         plan=plan(frame={"total": "0"}, equity={},
                   interventions=[{"id": "x", "amounts": {"2011": "1000"},
                                   "financing": {"frame_part": "0", "key": {"fk": "1"}}}]),
         check=_check_empty_equity),
    dict(name="item_without_amounts",
         plan=plan(interventions=[{"id": "x", "items": [{"name": "a"}, {"name": "b", "amounts": {"2011": "300"}}]}]),
         check=_check_item_without_amounts),
    dict(name="empty_change_needed",
         plan=plan(interventions=[{"id": "x", "amounts": {"2010": "1000"}, "change": {}}]),
         errors=[("/interventions/0/change", "no change rule for 2011; add a year key ≤ 2011 such as \"2011\"")]),
    # 12.22: keys that are not needed
    dict(name="single_member_law_key_without_population",
         plan=dict(plan(), members=LAW_MEMBERS + [{"id": "a", "kind": "municipality"}],
                   shares={"rule": "law", "municipal_key": "population"}, frame={"total": "1000"}),
         check=_check_single_member_law_key),
    dict(name="members_frame_whose_shares_cannot_be_applied",
         plan=dict(plan(), members=[{"id": "fk", "kind": "state"}, {"id": "b", "kind": "municipality"}],
                   shares={"fk": "100"}, frame={"members": {"fk": "600", "b": "400"}}),
         check=_check_members_frame_without_shares),
]
