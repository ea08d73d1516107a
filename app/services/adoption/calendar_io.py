"""Meeting dates in (from an .ics file or from Open Raadsinformatie, shown as a preview first) and the schedule out
as an .ics file (RFC 5545, through `icalendar`; repeating events expanded by `recurring-ical-events`).

Reading a file is bounded: its size, its number of events, the frequency of a repetition, the number of meetings
it expands to and the time spent. Whatever is wrong with a file ends in a CalendarFileError with a Dutch message,
never in another exception. Today is passed in; this module never reads the calendar clock."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import recurring_ical_events
from icalendar import Calendar, Event
from itsdangerous import BadData, URLSafeSerializer

from app.services.adoption.meeting_names import MeetingNames
from app.services.adoption.planner import AMSTERDAM, MEETING_BODIES, Route
from app.services.core import access, audit
from app.services.core.audit import AuditAction
from app.services.core.text import _

MAX_ICS_BYTES = 1024 * 1024
#: events (VEVENT blocks) in one file; a council's calendar of a few years has a few hundred
MAX_EVENTS = 1000
#: lines the parser reads after essentials() kept what the import needs: the parser's time grows with them (some
#: 35 microseconds a line on an idle core), so they are bounded too; a meeting needs six to ten
MAX_LINES = 12 * MAX_EVENTS
#: meetings and skipped events one import may yield, after repetitions are expanded
MAX_OCCURRENCES = 1000
#: seconds one file may take to read, checked after reading and after expanding the repetitions (the limits
#: above keep a file far below it: the worst file within them takes about 0.4 s of one idle core)
TIME_BUDGET = 4.0
#: how far ahead an import looks: meetings from today to two years ahead
HORIZON_DAYS = 2 * 366
#: repetitions more often than daily are no meeting calendar, and expanding them takes long
TOO_FREQUENT = {"SECONDLY", "MINUTELY", "HOURLY"}
#: repetitions (from each series' first date to the horizon) one file may ask to work out: a weekly meeting since
#: 2015 is some 700; this bounds the time the expansion takes, whatever the rules say
MAX_REPETITIONS = 5000
_PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 28, "YEARLY": 365}
#: a DTD or entity declaration; a bare HTML doctype is allowed, as Outlook puts one in X-ALT-DESC of every event
_DECLARATION = re.compile(rb"<!\s*(ENTITY|ELEMENT|ATTLIST|NOTATION)|<!\s*DOCTYPE[^>]*(\[|SYSTEM)", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_TOKEN_SALT = "adoption.meeting-import"
#: the properties of an event the import reads (with those that identify it and its repetitions); the parser never
#: sees the rest (descriptions, attendees, HTML), which is most of a real export and most of the time spent reading
_NEEDED = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "X-WR-TIMEZONE", "UID", "DTSTAMP", "SEQUENCE", "DTSTART",
           "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "SUMMARY", "STATUS"}
_FOLD = re.compile(r"\r?\n[ \t]")
_NAME = re.compile(r"[A-Za-z0-9-]+")
MAX_SUMMARY = 300


class CalendarFileError(ValueError):
    """The file is not a calendar this page can read; the message says why, in Dutch."""


@dataclass(frozen=True)
class FoundEvent:
    """An event as a source gives it, before it is recognised: when it starts, its name and whether it is cancelled."""
    start: date | datetime
    title: str
    cancelled: bool = False

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def day(self) -> date:
        """The date in Amsterdam (a time without a zone counts as Amsterdam time)."""
        if isinstance(self.start, datetime):
            moment = self.start if self.start.tzinfo else self.start.replace(tzinfo=AMSTERDAM)
            try:
                return moment.astimezone(AMSTERDAM).date()
            except (OverflowError, ValueError):  # the first or last days a datetime can hold (year 1, 9999)
                return moment.date()
        return self.start


@dataclass(frozen=True)
class ImportedMeeting:
    day: date
    title: str
    body: str | None  # college, commissie, raad, or None when the title does not tell


@dataclass(frozen=True)
class SkippedEvent:
    day: date
    title: str
    reason: str


@dataclass
class ImportPreview:
    """What an import recognised, before anything is saved."""
    meetings: list[ImportedMeeting] = field(default_factory=list)
    skipped: list[SkippedEvent] = field(default_factory=list)
    first: date | None = None
    last: date | None = None

    def of(self, body: str) -> list[ImportedMeeting]:
        return [m for m in self.meetings if m.body == body]


def too_large_message() -> str:
    return _("Het bestand is groter dan 1 MB. Exporteer alleen de vergaderingen van dit jaar en volgend jaar.")


def recognise(events, names: MeetingNames, today: date, body_for_unknown: str | None = None) -> ImportPreview:
    """Sort events into meetings of the college, the commissie and the raad, and skipped events with the reason.
    Events outside today .. today + HORIZON_DAYS are left out. A date a body already meets on is kept once."""
    if body_for_unknown not in (None, *MEETING_BODIES):
        raise ValueError(body_for_unknown)
    last = today + timedelta(days=HORIZON_DAYS)
    preview = ImportPreview(first=today, last=last)
    seen: set[tuple[str, date]] = set()
    for event in events:
        day, title = event.day, " ".join(event.title.split())[:200]
        if not today <= day <= last:
            continue
        reason = None
        if event.cancelled:
            reason = _("afgelast")
        elif event.all_day:
            reason = _("een hele dag zonder begintijd, dus geen vergadering (bijvoorbeeld een reces of een vrije dag)")
        else:
            reason = names.not_a_meeting(title)
        body = None if reason else names.body_of(title) or body_for_unknown
        if reason is None and body is None:
            reason = _("de naam zegt niet wie vergadert")
        if reason is not None:
            preview.skipped.append(SkippedEvent(day=day, title=title, reason=reason))
        elif (body, day) not in seen:
            seen.add((body, day))
            preview.meetings.append(ImportedMeeting(day=day, title=title, body=body))
    preview.meetings.sort(key=lambda m: (m.day, m.body, m.title))
    preview.skipped.sort(key=lambda s: (s.day, s.title))
    return preview


def read_events(data: bytes, today: date, *, clock=time.monotonic) -> list[FoundEvent]:
    """The events of an .ics file from today to the horizon, repetitions (RRULE, RDATE, EXDATE) expanded.
    Raises CalendarFileError with a Dutch message for any file it cannot or will not read."""
    started = clock()
    if len(data) > MAX_ICS_BYTES:
        raise CalendarFileError(too_large_message())
    if not data.strip():
        raise CalendarFileError(_("Het bestand is leeg."))
    if _DECLARATION.search(data) or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and _DOCTYPE.search(data):
        raise CalendarFileError(_("Dit bestand bevat een DTD of entiteiten (XML). Zulke bestanden leest de assistent "
                                  "niet, omdat ze de server kunnen belasten. Kies een gewoon agendabestand (.ics)."))
    if data.count(b"BEGIN:VEVENT") > MAX_EVENTS:
        raise CalendarFileError(_("Het bestand bevat meer dan %(max)s afspraken. Exporteer alleen de vergaderingen "
                                  "van dit jaar en volgend jaar.", max=MAX_EVENTS))
    try:
        text = essentials(data.decode("utf-8-sig"))
        if text.count("\n") > MAX_LINES:
            raise CalendarFileError(_("Het bestand is te uitgebreid om te lezen (meer dan %(max)s regels met "
                                      "datums en namen). Exporteer alleen de vergaderingen van dit jaar en volgend "
                                      "jaar.", max=MAX_LINES))
        calendar = Calendar.from_ical(text)
    except CalendarFileError:
        raise
    except (ValueError, UnicodeDecodeError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
        raise CalendarFileError(_("Dit is geen agendabestand (.ics). Kies een bestand dat u uit uw agenda of van de "
                                  "website van de griffie hebt geëxporteerd.")) from None
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise CalendarFileError(_("Dit is geen agendabestand (.ics): het begint niet met BEGIN:VCALENDAR."))
    last = today + timedelta(days=HORIZON_DAYS)
    has_events = bool(calendar.walk("VEVENT"))
    _check_time(started, clock)
    try:
        _check_events(calendar, last)
        occurrences = recurring_ical_events.of(calendar).between(today, last + timedelta(days=1))
        events = [FoundEvent(start=o["DTSTART"].dt, title=str(o.get("SUMMARY", "")).strip(),
                             cancelled=str(o.get("STATUS", "")).upper() == "CANCELLED") for o in occurrences]
    except CalendarFileError:
        raise
    except (ValueError, OverflowError, TypeError, KeyError, AttributeError, IndexError):
        raise CalendarFileError(_("Een herhalende afspraak in dit bestand is niet te lezen (RRULE, RDATE of "
                                  "EXDATE). Herstel of verwijder die afspraak en probeer het opnieuw.")) from None
    if len(events) > MAX_OCCURRENCES:
        raise CalendarFileError(_("Het bestand bevat in de komende twee jaar meer dan %(max)s afspraken. Exporteer "
                                  "alleen de vergaderingen van het college, de commissies en de raad.",
                                  max=MAX_OCCURRENCES))
    _check_time(started, clock)
    if not has_events:
        raise CalendarFileError(_("Het agendabestand bevat geen afspraken met een datum."))
    return events


def essentials(text: str) -> str:
    """The calendar with only the lines the import needs: folded lines joined (RFC 5545, 3.1), every line of a time
    zone kept, of the other components only the properties in _NEEDED, and a name cut at MAX_SUMMARY characters."""
    kept, in_timezone = [], False
    for line in _FOLD.sub("", text).replace("\r\n", "\n").split("\n"):
        name = _NAME.match(line)
        name = name.group(0).upper() if name else ""
        if line.upper().startswith(("BEGIN:VTIMEZONE", "END:VTIMEZONE")):
            in_timezone = line.upper().startswith("BEGIN")
            kept.append(line)
        elif in_timezone:
            kept.append(line)
        elif name in _NEEDED:
            if name == "SUMMARY" and len(line) > MAX_SUMMARY:
                line = line[:MAX_SUMMARY].rstrip("\\")
            kept.append(line)
    return "\r\n".join(kept) + "\r\n"


def _check_time(started: float, clock) -> None:
    if clock() - started > TIME_BUDGET:
        raise CalendarFileError(_("Het lezen van dit bestand duurde te lang. Exporteer alleen de vergaderingen van "
                                  "dit jaar en volgend jaar."))


def _check_events(calendar: Calendar, last: date) -> None:
    """Refuse an event whose start cannot be read or that repeats more often than daily; leave out events that
    start after the horizon (a year like 9999 cannot even be turned into Amsterdam time)."""
    keep, repetitions = [], 0
    for component in calendar.subcomponents:
        if component.name != "VEVENT":
            keep.append(component)
            continue
        title = str(component.get("SUMMARY", "")).strip()[:60] or _("zonder naam")
        broken = {name for name, _message in getattr(component, "errors", [])}
        start = component.get("DTSTART")
        if "DTSTART" in broken or start is None or not isinstance(getattr(start, "dt", None), date):
            raise CalendarFileError(_("De afspraak ‘%(title)s’ heeft geen begindatum die te lezen is (DTSTART). "
                                      "Herstel of verwijder die afspraak en probeer het opnieuw.", title=title))
        if broken & {"RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}:
            raise CalendarFileError(_("De herhaling van de afspraak ‘%(title)s’ is niet te lezen. Herstel of "
                                      "verwijder die afspraak en probeer het opnieuw.", title=title))
        if start.dt.year > last.year:
            continue  # starts after the horizon, so does every repetition
        repetitions += _repetitions(component, title, last)
        if repetitions > MAX_REPETITIONS:
            raise CalendarFileError(_("De herhalende afspraken in dit bestand zijn samen meer dan %(max)s keer uit "
                                      "te rekenen. Exporteer alleen de vergaderingen van dit jaar en volgend jaar.",
                                      max=MAX_REPETITIONS))
        keep.append(component)
    calendar.subcomponents[:] = keep


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _repetitions(component, title: str, last: date) -> int:
    """At most how many dates the event's RRULE and RDATE make from its start to the horizon (an upper bound:
    the expansion steps through every one of them)."""
    total = 0
    rdates = component.get("RDATE")
    for rdate in rdates if isinstance(rdates, list) else [rdates] if rdates is not None else []:
        total += len(getattr(rdate, "dts", ()) or ())
    rules = component.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        frequency = str((rule.get("FREQ") or [""])[0]).upper()
        if frequency in TOO_FREQUENT:
            raise CalendarFileError(_("De afspraak ‘%(title)s’ herhaalt zich vaker dan eens per dag. Dat is geen "
                                      "vergaderkalender; verwijder die afspraak en probeer het opnieuw.", title=title))
        if frequency not in _PERIOD_DAYS:
            raise CalendarFileError(_("De herhaling van de afspraak ‘%(title)s’ is niet te lezen. Herstel of "
                                      "verwijder die afspraak en probeer het opnieuw.", title=title))
        interval = max(1, int((rule.get("INTERVAL") or [1])[0]))
        end = last
        if rule.get("UNTIL"):
            end = min(end, _as_date(rule["UNTIL"][0]))
        days = max(0, (end - _as_date(component["DTSTART"].dt)).days + 1)
        bound = days // (_PERIOD_DAYS[frequency] * interval) + 1
        for part in ("BYDAY", "BYMONTHDAY", "BYMONTH", "BYYEARDAY", "BYWEEKNO", "BYHOUR", "BYMINUTE", "BYSECOND"):
            bound *= max(1, len(rule.get(part) or ()))
        if frequency in ("MONTHLY", "YEARLY") and rule.get("BYDAY"):
            bound *= 53 if frequency == "YEARLY" else 5  # "every Tuesday" of a month or a year
        if rule.get("COUNT"):
            bound = min(bound, max(0, int(rule["COUNT"][0])))
        total += bound
    return total


def read_ics(data: bytes, names: MeetingNames, today: date, body_for_unknown: str | None = None) -> ImportPreview:
    """An .ics file as a preview; a file with nothing from today to the horizon is refused with a message."""
    preview = recognise(read_events(data, today), names, today, body_for_unknown)
    if not preview.meetings and not preview.skipped:
        raise CalendarFileError(_("Het agendabestand bevat geen afspraken van vandaag tot %(last)s.",
                                  last=f"{preview.last:%d-%m-%Y}"))
    return preview


def preview_token(preview: ImportPreview, secret: str, *, plan_id: int, user_id: int) -> str:
    """The recognised meetings, signed, for the preview form's hidden field: the confirmation saves exactly what
    was shown, and no worker has to keep the file."""
    payload = {"plan": plan_id, "user": user_id,
               "meetings": [[m.body, m.day.isoformat(), m.title] for m in preview.meetings]}
    return URLSafeSerializer(secret, salt=_TOKEN_SALT).dumps(payload)


def expired_preview_message() -> str:
    return _("Deze voorvertoning is niet meer geldig. Lees het agendabestand opnieuw in of haal de vergaderingen "
             "opnieuw op.")


def meetings_from_token(token: str, secret: str, *, plan_id: int, user_id: int) -> list[ImportedMeeting]:
    """The meetings of a preview token; a token that was changed, or made for another plan or user, is refused."""
    try:
        payload = URLSafeSerializer(secret, salt=_TOKEN_SALT).loads(token or "")
        if payload["plan"] != plan_id or payload["user"] != user_id:
            raise ValueError("other plan or user")
        meetings = [ImportedMeeting(day=date.fromisoformat(day), title=str(title)[:200], body=body)
                    for body, day, title in payload["meetings"]]
    except (BadData, ValueError, TypeError, KeyError):
        raise CalendarFileError(expired_preview_message()) from None
    if any(m.body not in MEETING_BODIES for m in meetings) or len(meetings) > MAX_OCCURRENCES:
        raise CalendarFileError(expired_preview_message())
    return meetings


def write_schedule(route: Route, plan_title: str, plan_id: int, stamp: datetime) -> bytes:
    """The schedule as an .ics file: one all-day event per step, on the date the schedule proposes. A step that is
    done is on its own date; done without a date of its own (a later step is done) it is left out: its date is not
    known, and a computed one would put something in the agenda that did not happen then."""
    calendar = Calendar()
    calendar.add("prodid", "-//Participatie-assistent//Route naar vaststelling//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Route naar vaststelling: %(title)s", title=plan_title))
    for step in route.steps:
        if step.done and not step.fixed:
            continue
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


def record_download(plan, file: str, *, by) -> None:
    """The route to adoption left the assistant as a calendar file: everyone who sees the plan may take it."""
    audit.record_download(plan, AuditAction.ADOPTION_CALENDAR_DOWNLOAD, by=by, right=access.Action.VIEW, file=file)
