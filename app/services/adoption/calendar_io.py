"""Meeting dates in from an .ics file and the schedule out as an .ics file (RFC 5545, through `icalendar`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event

from app.services.adoption.planner import AMSTERDAM, Route

MAX_ICS_BYTES = 1024 * 1024
#: words in an event's title that tell which body meets; the commissie first, as "raadscommissie" also says "raad"
BODY_HINTS = (
    ("commissie", ("commissie",)),
    ("college", ("college", "gedeputeerde staten", "dagelijks bestuur", "b&w", "b en w")),
    ("raad", ("raad", "provinciale staten", "statenvergadering", "algemeen bestuur")),
)
YEARS = range(2000, 2101)


class CalendarFileError(ValueError):
    """The file is not a calendar this page can read; the message says why, in Dutch."""


@dataclass(frozen=True)
class ImportedMeeting:
    day: date
    title: str
    body: str | None  # college, commissie, raad, or None when the title does not tell


def body_from_title(title: str) -> str | None:
    lowered = title.lower()
    return next((body for body, words in BODY_HINTS if any(w in lowered for w in words)), None)


def read_meetings(data: bytes) -> list[ImportedMeeting]:
    """The events of an .ics file as meeting dates (Amsterdam dates), in date order."""
    if len(data) > MAX_ICS_BYTES:
        raise CalendarFileError(_("Het bestand is groter dan 1 MB. Exporteer alleen de vergaderingen van dit jaar "
                                  "en volgend jaar."))
    if not data.strip():
        raise CalendarFileError(_("Het bestand is leeg."))
    try:
        calendar = Calendar.from_ical(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, TypeError, KeyError, IndexError, AttributeError):
        raise CalendarFileError(_("Dit is geen agendabestand (.ics). Kies een bestand dat u uit uw agenda of van de "
                                  "website van de griffie hebt geëxporteerd.")) from None
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise CalendarFileError(_("Dit is geen agendabestand (.ics): het begint niet met BEGIN:VCALENDAR."))
    meetings = []
    for event in calendar.walk("VEVENT"):
        start = event.get("DTSTART")
        value = getattr(start, "dt", None)
        if isinstance(value, datetime):
            value = (value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)).astimezone(AMSTERDAM).date()
        if not isinstance(value, date) or value.year not in YEARS:
            continue
        title = str(event.get("SUMMARY", "")).strip()[:200]
        meetings.append(ImportedMeeting(day=value, title=title, body=body_from_title(title)))
    if not meetings:
        raise CalendarFileError(_("Het agendabestand bevat geen afspraken met een datum."))
    return sorted(meetings, key=lambda m: (m.day, m.title))


def write_schedule(route: Route, plan_title: str, plan_id: int, stamp: datetime) -> bytes:
    """The schedule as an .ics file: one all-day event per step, on the date the schedule proposes."""
    calendar = Calendar()
    calendar.add("prodid", "-//Participatie-assistent//Route naar vaststelling//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Route naar vaststelling: %(title)s", title=plan_title))
    for step in route.steps:
        day = route.scheduled(step)
        event = Event()
        event.add("uid", f"plan-{plan_id}-{step.key}@participatie-assistent")
        event.add("dtstamp", stamp)
        event.add("summary", f"{step.label} — {plan_title}")
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        if step in route.estimated:
            event.add("description", _("Geschatte datum: er is geen vergaderdatum ingevoerd rond deze dag."))
        calendar.add_component(event)
    return calendar.to_ical()
