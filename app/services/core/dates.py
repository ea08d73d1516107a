"""Dates as people write them ("12 januari 2027", "12-1-2027", "2027-01-12") and as the app shows them.

One parser for every date field (the wizard's date questions, the route to adoption, the meeting dates) and one
formatter (Babel, Dutch) for every page and document. Months are in app/services/core/months.py, which owns the Dutch
month names this parser reads too.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from babel.dates import format_date as _babel_format

from app.services.core.months import format_month, month_number  # noqa: F401 (format_month: read from here too)
from app.services.core.text import _  # outside an app context it returns the Dutch text itself

FIRST_YEAR, LAST_YEAR = 2000, 2100
#: the weekday a date may start with ("maandag 12 januari 2027"), full or short; it is ignored
_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
             "ma", "di", "wo", "do", "vr", "za", "zo")


class DateError(ValueError):
    """The text is not a date; str() is the Dutch message for the user."""


def _strip_weekday(raw: str) -> str:
    first, _sep, rest = raw.partition(" ")
    return rest.strip() if first.rstrip(",") in _WEEKDAYS and rest else raw


def parse_date(text: str, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> date:
    """A typed date; raises DateError with a message that says what to type."""
    raw = " ".join(str(text or "").strip().lower().replace(",", " ").split())
    raw = _strip_weekday(raw)
    year = month = day = None
    if m := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", raw):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"([0-9]{1,2})\s*([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{4})", raw):
        day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    elif m := re.fullmatch(r"([0-9]{1,2})\s*([^\W\d_]+)\.?\s*([0-9]{4})", raw.replace(".", " ").strip()):
        day, month, year = int(m.group(1)), month_number(m.group(2)), int(m.group(3))
    if not (year and month and day):
        raise DateError(_("Vul een bestaande datum in, bijvoorbeeld 12 januari 2027 of 12-01-2027."))
    try:
        value = date(year, month, day)
    except ValueError:
        raise DateError(_("Deze datum bestaat niet. Vul een bestaande datum in, bijvoorbeeld 12 januari 2027.")) \
            from None
    if not first_year <= value.year <= last_year:
        raise DateError(_("Kies een datum tussen %(first)s en %(last)s.", first=first_year, last=last_year))
    return value


def parse_or_none(text: str) -> date | None:
    try:
        return parse_date(text)
    except DateError:
        return None


def as_date(value: object) -> date | None:
    """A stored value ("2027-01-12" or a date) as a date; anything else None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


@lru_cache(maxsize=4096)
def format_date(value: date) -> str:
    """ "12 januari 2027", the way every page and document writes a date. Kept per date: Babel takes ~40 µs a
    date, and a list of 50 requests shows 100 of them."""
    return _babel_format(value, "d MMMM y", locale="nl")


