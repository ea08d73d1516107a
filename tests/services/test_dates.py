"""Dates as people write them (issue 18, item 6): one parser for every date field, one Dutch formatter."""
from datetime import date

import pytest

from app.services.core.dates import DateError, format_date, parse_date
from app.services.core.months import label


@pytest.mark.parametrize("typed", ["12 januari 2027", "12 Januari 2027", "12 jan 2027", "12 jan. 2027",
                                   "maandag 12 januari 2027", "di 12 januari 2027", "12-1-2027", "12-01-2027",
                                   "12/1/2027", "12.01.2027", "2027-01-12", "2027-1-12", " 12  januari  2027 "])
def test_a_date_is_read_in_every_usual_form(typed):
    assert parse_date(typed) == date(2027, 1, 12)


@pytest.mark.parametrize("typed, message", [
    ("31-02-2027", "Deze datum bestaat niet."), ("30 februari 2027", "Deze datum bestaat niet."),
    ("12 brumaire 2027", "Vul een bestaande datum in"), ("volgend jaar", "Vul een bestaande datum in"),
    ("12-1-27", "Vul een bestaande datum in"), ("12-1/2027", "Vul een bestaande datum in"), ("", "Vul een"),
    ("1 januari 1850", "Kies een datum tussen 2000 en 2100.")])
def test_what_is_not_a_date_gets_a_dutch_message(typed, message):
    with pytest.raises(DateError) as found:
        parse_date(typed)
    assert message in str(found.value)


def test_dates_and_months_are_shown_the_dutch_way():
    assert format_date(date(2027, 1, 12)) == "12 januari 2027" and format_date(date(2026, 12, 1)) == "1 december 2026"
    assert label("2027-03") == "maart 2027"
    # what the app writes, it reads back
    assert parse_date(format_date(date(2027, 5, 27))) == date(2027, 5, 27)
