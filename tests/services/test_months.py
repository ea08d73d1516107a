"""Months and euro amounts as people type them, for the activities of steps 6 and 7."""
import pytest

from app.services.core.months import MonthError, label, parse_month, period_label
from app.services.core.numbers import NumberError, format_euros, parse_euros


@pytest.mark.parametrize("typed", ["2027-03", "2027-3", "3-2027", "03/2027", "maart 2027", "Mrt. 2027", "mrt 2027"])
def test_a_month_is_read_in_every_usual_form(typed):
    assert parse_month(typed) == "2027-03"


@pytest.mark.parametrize("typed", ["volgend voorjaar", "2027-13", "13-2027", "Q1 2027", "maart", "1850-01"])
def test_what_is_not_a_month_gets_a_message(typed):
    with pytest.raises(MonthError):
        parse_month(typed)


def test_months_read_as_dutch():
    assert label("2027-03") == "maart 2027" and period_label("2027-03", "2027-06") == "mrt 2027 – jun 2027"
    assert period_label("2027-03", "2027-03") == "mrt 2027" and period_label(None, None) == ""


@pytest.mark.parametrize("typed, amount", [("€ 12.500", 12500), ("12500", 12500), ("12.500,50", 12500.5),
                                           ("€ 800,-", 800), ("EUR 3.000", 3000), ("12 500 euro", 12500)])
def test_an_amount_is_read_the_dutch_way(typed, amount):
    assert parse_euros(typed) == amount


@pytest.mark.parametrize("typed, message", [("veel", "Vul een bedrag in euro in"), ("-5", "nul of meer"),
                                            ("12,555", "ten hoogste twee cijfers achter de komma")])
def test_what_is_not_an_amount_gets_a_message(typed, message):
    with pytest.raises(NumberError, match=message):
        parse_euros(typed)


def test_amounts_are_written_the_dutch_way():
    assert format_euros(12500) == "€ 12.500" and format_euros(12500.5) == "€ 12.500,50" and format_euros(0) == "€ 0"
