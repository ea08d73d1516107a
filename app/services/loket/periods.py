"""Periods counted as the law counts them.

A decision period of N weeks after receipt ends on the same weekday N weeks later. A period that ends on a Saturday,
Sunday or algemeen erkende feestdag ends on the next day that is none of these (art. 1 lid 1 Algemene termijnenwet).

Which days are feestdagen is art. 3 Atw, followed exactly:
- lid 1: Nieuwjaarsdag, tweede Paasdag, tweede Pinksterdag, beide Kerstdagen, Hemelvaartsdag, the day the King's
  birthday is celebrated (Koningsdag, 26 April when 27 April is a Sunday) and 5 May, every year;
- lid 2: Goede Vrijdag.
Eerste Paas- en Pinksterdag are Sundays anyway. The `holidays` library (pinned) gives the moveable dates (Easter,
Ascension, Whitsun, Koningsdag); its own list differs from the law (it has 5 May only every fifth year, and
Easter/Whit Sunday), so only the dates named in the law are taken from it and 5 May is added for every year.
Days the government declares equal under lid 3 (a Royal Decree every few years, e.g. the Friday after Ascension)
are not included: they are not in the law's text nor in the library.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


#: the library's names of the days art. 3 Atw names (lid 1 and lid 2)
_NAMED_IN_LAW = {"New Year's Day", "Good Friday", "Easter Monday", "King's Day", "Ascension Day",
                 "Whit Monday", "Pentecost Monday", "Christmas Day", "Second Day of Christmas", "Liberation Day"}


@lru_cache(maxsize=64)
def feestdagen(year: int) -> frozenset[date]:
    """The algemeen erkende feestdagen of art. 3 Atw in one year."""
    import holidays  # imported when used (once per year, kept): loading it costs a cold start 75 ms

    library = holidays.country_holidays("NL", years=year, language="en_US")
    days = {day for day, name in library.items() if any(n in name for n in _NAMED_IN_LAW)}
    days.add(date(year, 5, 5))   # lid 1: "de vijfde mei", every year
    days.update({date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)})
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in feestdagen(day.year)


def next_working_day(day: date) -> date:
    """The day itself if it is a working day, else the first working day after it (art. 1 Atw)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def end_of_period(received: date, weeks: int) -> date:
    """The last day of a period of `weeks` weeks that starts the day after `received`, moved by the Atw."""
    return next_working_day(received + timedelta(weeks=weeks))
