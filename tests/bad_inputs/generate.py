#!/usr/bin/python3
"""Write the bad-input cases that are impractical to keep by hand: raw bytes that are not UTF-8,
nesting 10 000 levels deep, numbers with thousands of digits.

    /usr/bin/python3 tests/bad_inputs/generate.py [DIR]     (default: this directory)

The files are committed; rerun this only to change them. Their .expected files are kept by hand.
"""
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

PLAN = ('{{\n  "format": "finsam/1",\n  "name": {name},\n  "years": [2011, 2012],\n'
        '  "members": [{{"id": "fk", "kind": "state"}}, {{"id": "region", "kind": "region"}}],\n'
        '  "shares": {{"fk": "50", "region": "50"}},\n  "frame": {{"total": {total}}},\n'
        '  "interventions": [{{"id": "fyren", "amounts": {{"2011": "400000"}}, "change": {{"uprate": "none"}}}}]{extra}\n}}\n')


def plan(name='"Bad inputs"', total='"1000000"', extra=""):
    """The plan's bytes; `name` is a str of byte values (latin-1), so any byte can be written."""
    return PLAN.format(name=name, total=total, extra=extra).encode("latin-1")


CASES = {
    # invalid UTF-8 inside a string: a lone continuation byte, a Latin-1 "ö", an overlong "/",
    # an encoded surrogate (ED A0 80), a sequence cut off by the end of the file
    "utf8_invalid_byte": plan(name=b'"Bad \xff inputs"'.decode("latin-1")),
    "utf8_latin1": plan(name='"S\xf6dra Dalarna"'),
    "utf8_overlong": plan(name=b'"a\xc0\xafb"'.decode("latin-1")),
    "utf8_encoded_surrogate": plan(name=b'"a\xed\xa0\x80b"'.decode("latin-1")),
    "utf8_truncated_sequence": plan()[:-3] + b',\n  "checks": "\xe2\x82',
    # nesting: 10 000 arrays as the whole document; 10 000 objects inside a variant
    "nesting_10000_arrays": b"[" * 10000 + b"]" * 10000,
    "nesting_10000_objects_in_variant": plan(extra=',\n  "variants": {"deep": ' + '{"a": ' * 10000 + "1" + "}" * 10000 + "}"),
    "nesting_300_arrays_in_name": plan(name="[" * 300 + "]" * 300),
    # numbers with thousands of digits
    "number_5000_digits": plan(total="9" * 5000),
    "number_exponent_digits": plan(total="1e" + "0" * 4000 + "401"),
    "number_fraction_5000_digits": plan(total="1." + "0" * 4999 + "1"),
    # a population has no bound but the 4 000 digits of any number (spec 12.23)
    "member_population_4001_digits": plan().replace(b'"kind": "region"}', b'"kind": "region", "population": 1' + b"0" * 4000 + b"}"),
}

for name, data in CASES.items():
    with open(os.path.join(OUT, name + ".json"), "wb") as f:
        f.write(data)
print(f"wrote {len(CASES)} files to {OUT}")
