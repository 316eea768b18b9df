"""Money: units, the exact kronor text, and öre → Decimal/int/float conversion."""

from __future__ import annotations

from decimal import Decimal

import pytest

import finsam
from finsam import _core
from finsam._units import converter


def test_units():
    assert [_core.ore_per(u) for u in ("öre", "ore", "kr", "tkr", "mnkr")] == [1, 1, 100, 100_000, 100_000_000]
    with pytest.raises(ValueError, match="unknown unit 'sek'"):
        _core.ore_per("sek")


def test_format_kr_is_the_result_json_text():
    assert _core.format_kr(78_500_000) == "785000.00"
    assert _core.format_kr(-5) == "-0.05"
    assert _core.format_kr(0) == "0.00"
    assert _core.format_kr(2**63 - 1) == "92233720368547758.07"


def test_parse_amount():
    # 7.064 tkr = 7 064 kr = 706 400 öre
    assert _core.parse_amount("7.064", "tkr") == 706_400
    assert _core.parse_amount("-205") == -20_500
    assert _core.parse_amount("3.64", "mnkr") == 364_000_000
    with pytest.raises(finsam.Error, match="not a whole number of öre"):
        _core.parse_amount("0.001")
    with pytest.raises(finsam.Error):
        _core.parse_amount("92233720368547758.08")  # one öre beyond 2^63 − 1
    with pytest.raises(finsam.Error):
        _core.parse_amount("1e3")  # a decimal string has no exponent (spec 12.1)


def test_converter():
    ore = 123_456_789  # 1 234 567.89 kr
    assert str(converter()(ore)) == "1234567.89"
    assert str(converter("kr")(0)) == "0.00"
    assert converter("öre")(ore) == ore and type(converter("öre")(ore)) is int
    assert converter("tkr")(ore) == Decimal("1234.56789")
    assert str(converter("tkr")(100_000_000)) == "1000"  # 1 000 000 kr = 1 000 tkr, no trailing zeros
    assert str(converter("mnkr")(-150_000_000)) == "-1.5"
    assert converter("kr", as_float=True)(ore) == 1234567.89
    assert converter("öre", as_float=True)(ore) == float(ore)
    with pytest.raises(ValueError, match="unknown unit"):
        converter("SEK")
