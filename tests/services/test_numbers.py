"""Numbers typed the Dutch way (app/services/core/numbers.py)."""
from decimal import Decimal

import pytest

from app.services.core.numbers import NumberError, parse_number, unit_for


@pytest.mark.parametrize("typed, expected", [
    ("42.500", 42500), ("42 500", 42500), ("1.250.000", 1250000), ("12 345 678", 12345678), ("-3", -3), (" 7 ", 7),
])
def test_thousands_separators(typed, expected):
    assert parse_number(typed) == expected


def test_decimal_comma_where_decimals_are_allowed():
    assert parse_number("6,5", decimals=True) == Decimal("6.5")
    with pytest.raises(NumberError, match="Bedoelt u 4.250 of 42,5?"):
        parse_number("42.50", decimals=True)
    with pytest.raises(NumberError, match="zonder komma"):
        parse_number("6,5")


@pytest.mark.parametrize("typed", ["vier", "1e5", "6 7", "12345678901", "1.2.3", "6 weken extra"])
def test_what_is_not_a_number_gets_a_message(typed):
    with pytest.raises(NumberError, match="Vul"):
        parse_number(typed, unit="weken")


def test_the_unit_comes_from_the_content_or_the_key():
    assert unit_for("inspraak_termijn_weken") == "weken"
    assert unit_for("evaluatie_termijn_jaren") == "jaar"
    assert unit_for("score") is None
    assert unit_for("aantal", "inwoners") == "inwoners"
    assert parse_number("6 wk.", unit="weken") == 6
    with pytest.raises(NumberError, match="zonder woord erachter"):
        parse_number("6 weken")  # a number without a unit takes no word
