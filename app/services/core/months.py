"""Months as people type them ("2027-03", "3-2027", "maart 2027", "mrt 2027") and as the app stores them ("2027-03").

Used by the month fields of list questions (the periods of the programmes of steps 6 and 7) and the timelines built
from them."""
from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date

from app.services.core.text import _  # outside an app context it returns the Dutch text itself

NAMES = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
         "november", "december"]
SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
#: every word that names a month: the full name, the short form, and the English short forms people type
_WORDS = {**{n: i for i, n in enumerate(NAMES, 1)}, **{s: i for i, s in enumerate(SHORT, 1)},
          "mar": 3, "may": 5, "sept": 9, "oct": 10}
FIRST_YEAR, LAST_YEAR = 2000, 2100
STORED = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


def month_number(word: str) -> int | None:
    """The number of a Dutch (or English short) month name: "maart", "mrt", "mrt." -> 3; None when it is none."""
    return _WORDS.get(word.strip().lower().rstrip("."))


class MonthError(ValueError):
    """The text is not a month; str() is the message for the user."""


def parse_month(text: str) -> str:
    """A typed month as "JJJJ-MM"; raises MonthError with a message that says what to type."""
    raw = text.strip().lower().replace(".", " ")
    year = month = None
    if m := re.fullmatch(r"([0-9]{4})\s*[-/ ]\s*([0-9]{1,2})", raw):
        year, month = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"([0-9]{1,2})\s*[-/ ]\s*([0-9]{4})", raw):
        month, year = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"([^\W\d_]+)\s*([0-9]{4})", raw):
        month, year = month_number(m.group(1)), int(m.group(2))
    if not month or not 1 <= month <= 12 or not year:
        raise MonthError(_("Vul een maand in, bijvoorbeeld 2027-03 of maart 2027."))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise MonthError(_("Vul een jaar in van %(first)s tot en met %(last)s.", first=FIRST_YEAR, last=LAST_YEAR))
    return f"{year:04d}-{month:02d}"


def is_month(value: object) -> bool:
    return isinstance(value, str) and bool(STORED.match(value)) and FIRST_YEAR <= int(value[:4]) <= LAST_YEAR


def index(value: str) -> int:
    """A stored month as a count of months, so periods can be compared and subtracted."""
    return int(value[:4]) * 12 + int(value[5:7]) - 1


def from_index(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def label(value: str, short: bool = False) -> str:
    """ "2027-03" as "maart 2027", or "mrt 2027" when short; anything else as it is."""
    if not is_month(value):
        return str(value)
    if short:
        return f"{SHORT[int(value[5:7]) - 1]} {value[:4]}"
    return format_month(int(value[:4]), int(value[5:7]))


def format_month(year: int, month: int) -> str:
    """ "maart 2027"."""
    return format_date(date(year, month, 1), "LLLL y", locale="nl")


def period_label(start: str | None, end: str | None) -> str:
    """ "mrt 2027 – jun 2027"; one month alone when start and end are the same or one is missing."""
    if start and end and start != end:
        return f"{label(start, short=True)} – {label(end, short=True)}"
    return label(start or end, short=True) if (start or end) else ""
