"""The council's calendar: an .ics file or Open Raadsinformatie read into a preview (recurring meetings expanded,
non-meetings skipped with the reason), saved only on confirmation, and then used by the route to adoption.
Every bad file gets a Dutch message next to the upload field, never a 500."""
from __future__ import annotations

import io
import json
import re
import time
import urllib.error
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from app.adoption import routes
from app.extensions import db
from app.models.adoption import MeetingDate
from app.services.adoption import calendar_io, ori
from tests import helpers

ORI_FIXTURES = Path(__file__).parent.parent / "fixtures" / "ori"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(routes, "now", lambda: datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))


def url(plan, tail=""):
    return f"/plannen/{plan.id}/route-naar-vaststelling{tail}"


def event(uid: str, *lines: str) -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}@test", "DTSTAMP:20260101T000000Z", *lines, "END:VEVENT"]


def calendar(*events: list[str], extra: tuple[str, ...] = ()) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Griffie Voorbeeld//NL", *extra]
    for e in events:
        lines += e
    return ("\r\n".join(lines + ["END:VCALENDAR"]) + "\r\n").encode()


#: a griffie's calendar: a weekly college meeting (one week off), a commissie, the raad, and four that are not
#: meetings for the route: an information evening, a recess (all day), a cancelled raad and an unnamed appointment
COUNCIL = calendar(
    event("college", "DTSTART;TZID=Europe/Amsterdam:20260901T100000", "DTEND;TZID=Europe/Amsterdam:20260901T120000",
          "RRULE:FREQ=WEEKLY;UNTIL=20261222T235959Z", "EXDATE;TZID=Europe/Amsterdam:20260915T100000",
          "SUMMARY:Collegevergadering"),
    event("commissie", "DTSTART;TZID=Europe/Amsterdam:20261008T193000", "SUMMARY:Commissie Bestuur"),
    event("raad", "DTSTART;TZID=Europe/Amsterdam:20261112T193000", "SUMMARY:Gemeenteraad"),
    event("rib", "DTSTART;TZID=Europe/Amsterdam:20261001T193000", "SUMMARY:Raadsinformatiebijeenkomst Omgevingsvisie"),
    event("reces", "DTSTART;VALUE=DATE:20261221", "DTEND;VALUE=DATE:20270104", "SUMMARY:Kerstreces gemeenteraad"),
    event("afgelast", "DTSTART;TZID=Europe/Amsterdam:20261210T193000", "STATUS:CANCELLED", "SUMMARY:Gemeenteraad"),
    event("verjaardag", "DTSTART;TZID=Europe/Amsterdam:20261201T160000", "SUMMARY:Verjaardag wethouder"),
)


def upload(client, plan, data: bytes, body_for_unknown: str = "", name: str = "kalender.ics"):
    return helpers.post_form(client, url(plan, "/vergaderdata/importeren"),
                             {"file": (io.BytesIO(data), name), "body_for_unknown": body_for_unknown},
                             token_from=url(plan, "/vergaderdata"), content_type="multipart/form-data")


def confirm(client, plan, preview_response):
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', preview_response.get_data(as_text=True))
    assert token, "the preview has a confirmation form"
    return helpers.post_form(client, url(plan, "/vergaderdata/bevestigen"), {"token": token.group(1)},
                             token_from=url(plan, "/vergaderdata"))


def stored(plan) -> list[tuple[str, date]]:
    return [(m.body, m.day) for m in db.session.scalars(select(MeetingDate).where(MeetingDate.plan_id == plan.id)
                                                        .order_by(MeetingDate.day, MeetingDate.body))]


def section(text: str, heading: str, until: str) -> str:
    return text.split(heading, 1)[1].split(until, 1)[0]


def test_a_recurring_calendar_is_previewed_and_saved_only_on_confirmation(editor):
    response = upload(editor.client, editor.plan, COUNCIL)
    assert response.status_code == 200
    text = helpers.text_of(response)
    # the weekly college meeting: 1 September to 22 December is 17 Tuesdays, one of them (15 September) taken out
    college = section(text, "Vergaderingen van het college van burgemeester en wethouders (16)", "Vergaderingen van")
    assert "1 september 2026 — Collegevergadering" in college and "22 december 2026" in college
    assert "15 september 2026" not in college
    assert "Vergaderingen van de raadscommissie (1) 8 oktober 2026 — Commissie Bestuur" in text
    assert "Vergaderingen van de gemeenteraad (1) 12 november 2026 — Gemeenteraad" in text
    skipped = section(text, "Overgeslagen (4)", "vergaderdata opslaan")
    assert ("1 oktober 2026 — Raadsinformatiebijeenkomst Omgevingsvisie: een informatiebijeenkomst, geen vergadering "
            "waarin besloten wordt") in skipped
    assert "1 december 2026 — Verjaardag wethouder: de naam zegt niet wie vergadert" in skipped
    assert "10 december 2026 — Gemeenteraad: afgelast" in skipped
    assert "21 december 2026 — Kerstreces gemeenteraad: een hele dag zonder begintijd" in skipped
    assert stored(editor.plan) == []  # nothing before the confirmation

    saved = confirm(editor.client, editor.plan, response)
    assert saved.status_code == 302 and saved.headers["Location"].endswith(url(editor.plan))
    meetings = stored(editor.plan)
    assert len(meetings) == 18 and ("raad", date(2026, 11, 12)) in meetings
    assert ("college", date(2026, 9, 15)) not in meetings and ("raad", date(2026, 12, 10)) not in meetings
    schedule = helpers.text_of(editor.client.get(url(editor.plan)))
    assert "18 vergaderdata toegevoegd" in schedule
    # working back from 1 January 2027: the raad on 12 November, the commissie three weeks earlier on 8 October
    # and the college at least two weeks before that: 8 September (the 15th was taken out of the series)
    assert "12 november 2026 Vaststelling door de gemeenteraad" in schedule
    assert "8 oktober 2026 Bespreking in de raadscommissie" in schedule
    assert "8 september 2026 Besluit van het college van burgemeester en wethouders" in schedule


def test_events_whose_name_does_not_tell_can_be_given_a_body(editor):
    data = calendar(event("a", "DTSTART:20261103T090000Z", "SUMMARY:Vergadering"),
                    event("b", "DTSTART:20261104T180000Z", "SUMMARY:Raadsinformatieavond"))
    text = helpers.text_of(upload(editor.client, editor.plan, data, "college"))
    assert "Vergaderingen van het college van burgemeester en wethouders (1) 3 november 2026 — Vergadering" in text
    assert "Overgeslagen (1) 4 november 2026 — Raadsinformatieavond: een informatiebijeenkomst" in text


def test_a_changed_or_foreign_preview_is_refused_and_nothing_is_saved(app, editor):
    response = upload(editor.client, editor.plan, COUNCIL)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', response.get_data(as_text=True)).group(1)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    other_plan = helpers.make_plan(editor.organisation)
    for plan, value in ((editor.plan, forged), (other_plan, token)):
        refused = helpers.post_form(editor.client, url(plan, "/vergaderdata/bevestigen"), {"token": value},
                                    token_from=url(plan, "/vergaderdata"))
        assert refused.status_code == 400
        assert "Deze voorvertoning is niet meer geldig." in helpers.text_of(refused)
        assert 'id="file-error"' in refused.get_data(as_text=True)
    assert stored(editor.plan) == [] and stored(other_plan) == []


def _big_calendar(count: int, padding: int) -> bytes:
    """`count` meetings, most of them in the past, each with a description of `padding` characters."""
    events = [event(str(n), f"DTSTART;TZID=Europe/Amsterdam:{2019 + n % 9}{n % 12 + 1:02d}{n % 28 + 1:02d}T193000",
                    f"SUMMARY:Commissie Ruimte {n}", "DESCRIPTION:" + "x" * padding) for n in range(count)]
    return calendar(*events)


@pytest.mark.parametrize(("data", "message"), [
    pytest.param(calendar(event("x", "DTSTART:2026-13-45T99", "SUMMARY:Gemeenteraad")),
                 "De afspraak ‘Gemeenteraad’ heeft geen begindatum die te lezen is (DTSTART).", id="malformed-dtstart"),
    pytest.param(calendar(event("x", "SUMMARY:Gemeenteraad")),
                 "De afspraak ‘Gemeenteraad’ heeft geen begindatum die te lezen is (DTSTART).", id="no-dtstart"),
    pytest.param(calendar(event("x", "DTSTART:99991231T230000Z", "SUMMARY:Gemeenteraad")),
                 "Het agendabestand bevat geen afspraken van vandaag tot", id="year-9999"),
    pytest.param(calendar(event("x", "DTSTART;VALUE=DATE:99991231", "RRULE:FREQ=YEARLY", "SUMMARY:Raad")),
                 "Het agendabestand bevat geen afspraken van vandaag tot", id="year-9999-recurring"),
    pytest.param(calendar(event("x", "DTSTART:20261006T100000Z", "RRULE:FREQ=SECONDLY", "SUMMARY:Raad")),
                 "herhaalt zich vaker dan eens per dag", id="every-second"),
    pytest.param(calendar(event("x", "DTSTART:20261006T100000Z", "RRULE:FREQ=FOO", "SUMMARY:Raad")),
                 "De herhaling van de afspraak ‘Raad’ is niet te lezen.", id="bad-rrule"),
    pytest.param(calendar(*[event(str(n), "DTSTART:19000101T100000Z", "RRULE:FREQ=DAILY", "SUMMARY:Raad")
                            for n in range(3)]),
                 "samen meer dan 5000 keer uit te rekenen", id="daily-since-1900"),
    pytest.param(calendar(*[event(str(n), "DTSTART:20260401T100000Z", "RRULE:FREQ=DAILY;COUNT=600", "SUMMARY:Raad")
                            for n in range(2)]),
                 "bevat in de komende twee jaar meer dan 1000 afspraken", id="too-many-meetings"),
    pytest.param(b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><icalendar>&lol;</icalendar>',
                 "Dit bestand bevat een DTD of entiteiten (XML).", id="xml-entity"),
    pytest.param(calendar(event("x", "DTSTART:20261006T100000Z", "SUMMARY:<!ENTITY x SYSTEM 'file:///etc/passwd'>")),
                 "Dit bestand bevat een DTD of entiteiten (XML).", id="ics-with-entity"),
    pytest.param(b'<?xml version="1.0"?>\n<!DOCTYPE icalendar PUBLIC "-//x//y//EN" "http://x/y.dtd">\n<icalendar/>',
                 "Dit bestand bevat een DTD of entiteiten (XML).", id="xml-with-external-dtd"),
    pytest.param(b"Dit is een brief, geen agenda.", "Dit is geen agendabestand (.ics)", id="not-ics"),
    pytest.param(b"\xff\xfe\x00bin", "Dit is geen agendabestand (.ics)", id="binary"),
    pytest.param(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
                 "Het agendabestand bevat geen afspraken met een datum.", id="empty-calendar"),
    pytest.param(b"BEGIN:VCALENDAR\r\nX-PAD:" + b"x" * (1024 * 1024) + b"\r\nEND:VCALENDAR\r\n",
                 "Het bestand is groter dan 1 MB.", id="over-1-mb"),
    pytest.param(_big_calendar(2600, 220), "Het bestand bevat meer dan 1000 afspraken.", id="1-mb-too-many-events"),
    pytest.param(calendar(*[event(str(n), "DTSTART:20261006T100000Z", "SUMMARY:Raad",
                                  *[f"EXDATE:2025{m + 1:02d}01T100000Z" for m in range(12)]) for n in range(900)]),
                 "Het bestand is te uitgebreid om te lezen (meer dan 12000 regels", id="too-many-lines"),
])
def test_a_bad_file_is_refused_next_to_the_field_within_five_seconds(editor, data, message):
    started = time.monotonic()
    response = upload(editor.client, editor.plan, data, "raad")
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert message in helpers.text_of(response)
    assert 'id="file-error"' in response.get_data(as_text=True)
    assert stored(editor.plan) == []


def test_a_file_beyond_the_servers_limit_gets_the_message_next_to_the_field(editor):
    response = upload(editor.client, editor.plan, b"BEGIN:VCALENDAR\r\n" + b"x" * (3 * 1024 * 1024))
    assert response.status_code == 413
    assert "Het bestand is groter dan 1 MB." in helpers.text_of(response)
    assert 'id="file-error"' in response.get_data(as_text=True)
    assert stored(editor.plan) == []


def test_a_1_mb_calendar_within_the_limits_is_read_within_five_seconds(editor):
    data = _big_calendar(1000, 850)  # the descriptions are most of it, as in a real export
    assert 0.9 * 1024 * 1024 < len(data) <= calendar_io.MAX_ICS_BYTES
    started = time.monotonic()
    response = upload(editor.client, editor.plan, data)
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    text = helpers.text_of(response)
    # of 1000 meetings from 2019 to 2027, those from 2 March 2026 on are shown
    count = int(re.search(r"Vergaderingen van de raadscommissie \((\d+)\)", text).group(1))
    days = {date(2019 + n % 9, n % 12 + 1, n % 28 + 1) for n in range(1000)}  # a date the commissie meets, once
    assert count == len({day for day in days if day >= date(2026, 3, 2)}) > 20


def test_an_outlook_calendar_with_an_html_description_is_read(editor):
    """Outlook writes every event's description also as HTML, with a doctype: that is no DTD to refuse. Its own
    time zone, a reminder and folded lines are read as well (the parser only gets the lines the import needs)."""
    zone = ("BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time", "BEGIN:STANDARD", "DTSTART:16010101T030000",
            "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE")
    data = calendar(event("a", "DTSTART;TZID=W. Europe Standard Time:20261112T193000", "SUMMARY:Gemeen",
                          " teraad", "DESCRIPTION:Agenda\\nOpening", 'X-ALT-DESC;FMTTYPE=text/html:<!DOCTYPE HTML '
                          'PUBLIC "-//W3C//DTD HTML 3.2//EN">\\n<HTML><BODY>Agenda</BODY></HTML>', "BEGIN:VALARM",
                          "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Herinnering", "END:VALARM"), extra=zone)
    response = upload(editor.client, editor.plan, data)
    assert response.status_code == 200
    assert "Vergaderingen van de gemeenteraad (1) 12 november 2026 — Gemeenteraad" in helpers.text_of(response)


def test_a_year_9999_event_next_to_real_meetings_is_left_out(editor):
    data = calendar(event("a", "DTSTART:99991231T230000Z", "SUMMARY:Gemeenteraad"),
                    event("b", "DTSTART:20261112T183000Z", "SUMMARY:Gemeenteraad"))
    text = helpers.text_of(upload(editor.client, editor.plan, data))
    assert "Vergaderingen van de gemeenteraad (1) 12 november 2026 — Gemeenteraad" in text and "9999" not in text


# --- Open Raadsinformatie -------------------------------------------------------------------------------------------

class RecordedOri:
    """A transport that answers like ORI's Elasticsearch from the recorded files, and notes what was asked."""

    def __init__(self, fail: Exception | None = None):
        self.requests: list[tuple[str, dict, float]] = []
        self.fail = fail

    def __call__(self, url: str, body: bytes, timeout: float) -> bytes:
        query = json.loads(body)
        self.requests.append((url, query, timeout))
        if self.fail is not None:
            raise self.fail
        name = "committees.json" if "ids" in query["query"] else "meetings.json"
        return (ORI_FIXTURES / name).read_bytes()


def set_source(editor, source: str | None):
    editor.organisation.ori_source = source
    db.session.commit()


def fetch(client, plan):
    return helpers.post_form(client, url(plan, "/vergaderdata/ophalen"), {}, token_from=url(plan, "/vergaderdata"))


def test_meetings_from_open_raadsinformatie_are_previewed_and_plan_the_route(app, editor):
    transport = app.extensions["ori_transport"] = RecordedOri()
    set_source(editor, "ori_voorbeeld")
    page = helpers.text_of(editor.client.get(url(editor.plan, "/vergaderdata")))
    assert "Ophalen uit Open Raadsinformatie" in page and "uit de bron ori_voorbeeld" in page

    response = fetch(editor.client, editor.plan)
    assert response.status_code == 200
    text = helpers.text_of(response)
    assert "Dit zijn de vergaderingen die Open Raadsinformatie geeft" in text
    assert ("Vergaderingen van het college van burgemeester en wethouders (1) 15 september 2026 — College van "
            "burgemeester en wethouders — Collegevergadering") in text
    assert "Vergaderingen van de raadscommissie (1) 8 oktober 2026 — Commissie Bestuur en Middelen — Vergadering" in text
    assert ("Vergaderingen van de gemeenteraad (2) 12 november 2026 — Gemeenteraad — Raadsvergadering "
            "28 januari 2027 — Gemeenteraad — Raadsvergadering") in text
    skipped = section(text, "Overgeslagen (3)", "vergaderdata opslaan")
    assert "1 oktober 2026 — Gemeenteraad — Raadsinformatiebijeenkomst Omgevingsvisie: een informatiebijeenkomst" in skipped
    assert "20 oktober 2026 — Gemeenteraad — Presidium: een voorbereidend overleg" in skipped
    assert "10 december 2026 — Gemeenteraad — Raadsvergadering: afgelast" in skipped
    # what was asked: the organisation's indexes, meetings from today, with a timeout; then the committees' names
    (first_url, meetings_query, timeout), (second_url, names_query, _t) = transport.requests
    assert first_url == second_url == f"{ori.ELASTIC_URL}/ori_voorbeeld_*/_search" and timeout == ori.TIMEOUT
    assert {"range": {"start_date": {"gte": "2026-03-02", "lte": "2028-03-03"}}} in meetings_query["query"]["bool"]["filter"]
    assert names_query["query"] == {"ids": {"values": ["9100002", "9100003", "9100004"]}}
    assert stored(editor.plan) == []

    assert confirm(editor.client, editor.plan, response).status_code == 302
    assert stored(editor.plan) == [("college", date(2026, 9, 15)), ("commissie", date(2026, 10, 8)),
                                   ("raad", date(2026, 11, 12)), ("raad", date(2027, 1, 28))]
    schedule = helpers.text_of(editor.client.get(url(editor.plan)))
    assert "15 september 2026 Besluit van het college van burgemeester en wethouders" in schedule
    assert "8 oktober 2026 Bespreking in de raadscommissie" in schedule
    assert "12 november 2026 Vaststelling door de gemeenteraad" in schedule

    # refreshed on request: fetching again marks what is already there and offers only what is new
    again = helpers.text_of(fetch(editor.client, editor.plan))
    assert "12 november 2026 — Gemeenteraad — Raadsvergadering (staat er al)" in again
    assert "Alle herkende vergaderdata staan er al; er is niets nieuws om op te slaan." in again
    db.session.delete(db.session.scalar(select(MeetingDate).where(MeetingDate.day == date(2027, 1, 28))))
    db.session.commit()
    refreshed = fetch(editor.client, editor.plan)
    assert "1 vergaderdatum opslaan" in helpers.text_of(refreshed)
    assert confirm(editor.client, editor.plan, refreshed).status_code == 302
    assert len(stored(editor.plan)) == 4


@pytest.mark.parametrize(("source", "fail", "message"), [
    (None, None, "Er is nog geen bron bij Open Raadsinformatie ingesteld."),
    ("ori_bestaatniet", urllib.error.HTTPError("https://x", 404, "Not Found", {},
                                               io.BytesIO((ORI_FIXTURES / "not_found.json").read_bytes())),
     "Open Raadsinformatie kent deze bron niet."),
    ("ori_voorbeeld", TimeoutError("timed out"), "Open Raadsinformatie is nu niet bereikbaar."),
    ("ori_voorbeeld", urllib.error.URLError("no route"), "Open Raadsinformatie is nu niet bereikbaar."),
])
def test_open_raadsinformatie_trouble_is_told_next_to_the_button(app, editor, source, fail, message):
    app.extensions["ori_transport"] = RecordedOri(fail)
    set_source(editor, source)
    response = fetch(editor.client, editor.plan)
    assert response.status_code == 400
    assert message in helpers.text_of(response)
    assert stored(editor.plan) == []


def test_an_unreadable_answer_from_open_raadsinformatie_is_told(app, editor):
    app.extensions["ori_transport"] = lambda _url, _body, _timeout: b"<html>Bad gateway</html>"
    set_source(editor, "ori_voorbeeld")
    response = fetch(editor.client, editor.plan)
    assert response.status_code == 400
    assert "Het antwoord van Open Raadsinformatie is niet te lezen." in helpers.text_of(response)


def test_the_beheerder_sets_the_source_and_a_bad_one_is_refused(editor):
    settings = f"/organisaties/{editor.organisation.id}/gegevens"
    base = {"name": "Voorbeeld", "body_type": "gemeente", "inhabitants": ""}
    refused = helpers.post_form(editor.client, settings, {**base, "ori_source": "ori_../../_all"})
    assert refused.status_code == 422
    assert "Vul de naam van de index in met kleine letters" in helpers.text_of(refused)
    assert "ori_../../_all" in refused.get_data(as_text=True)
    assert helpers.post_form(editor.client, settings, {**base, "ori_source": "ori_voorbeeld"}).status_code == 302
    db.session.refresh(editor.organisation)
    assert editor.organisation.ori_source == "ori_voorbeeld"


def test_a_meelezer_has_no_import_forms_and_cannot_post(app, editor, browser):
    reader = helpers.make_user("lezer@voorbeeld.nl")
    helpers.add_member(editor.organisation, reader, "meelezer")
    client = browser()
    helpers.login(client, reader.email)
    page = helpers.text_of(client.get(url(editor.plan, "/vergaderdata")))
    assert "Vergaderingen ophalen" not in page and "Agendabestand inlezen" not in page
    token = helpers.csrf_token(client, url(editor.plan, "/vergaderdata"))
    for tail in ("/vergaderdata/ophalen", "/vergaderdata/bevestigen"):
        assert client.post(url(editor.plan, tail), data={"csrf_token": token}).status_code == 403


@pytest.mark.parametrize(("text", "problem"), [
    ("not_meetings: []\n", "verwacht 'not_meetings' (een lijst) en 'bodies'"),
    ("not_meetings: [{words: [reces]}]\nbodies: {college: [college], commissie: [commissie], raad: [raad]}\n",
     "not_meetings 1: verwacht 'words' (een lijst) en 'reason'"),
    ("not_meetings: []\nbodies: {college: [college], raad: [raad]}\n", "'bodies' moet precies college, commissie, raad"),
])
def test_a_mistake_in_the_meeting_names_file_stops_the_start_with_the_file_and_the_problem(tmp_path, text, problem):
    from app.services.adoption import AdoptionContentError
    from app.services.adoption.meeting_names import load_meeting_names
    path = tmp_path / "meeting_names.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AdoptionContentError, match=re.escape(problem)) as raised:
        load_meeting_names(path)
    assert str(path) in str(raised.value)


def test_a_time_zone_defined_in_the_file_decides_the_date(editor):
    """08:00 on 13 November in a zone 13 hours ahead of UTC is the evening of 12 November in Amsterdam."""
    zone = ("BEGIN:VTIMEZONE", "TZID:Eilandtijd", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:+1300", "TZOFFSETTO:+1300", "TZNAME:EIL", "END:STANDARD", "END:VTIMEZONE")
    data = calendar(event("a", "DTSTART;TZID=Eilandtijd:20261113T080000", "SUMMARY:Gemeenteraad"), extra=zone)
    text = helpers.text_of(upload(editor.client, editor.plan, data))
    assert "Vergaderingen van de gemeenteraad (1) 12 november 2026 — Gemeenteraad" in text


def test_reading_that_takes_longer_than_the_time_budget_is_refused(app):
    """The clock is passed in: a clock that jumps past the budget stands for a machine too busy to finish in time."""
    ticks = iter([0.0, calendar_io.TIME_BUDGET + 1])
    with pytest.raises(calendar_io.CalendarFileError, match="Het lezen van dit bestand duurde te lang."):
        calendar_io.read_events(COUNCIL, date(2026, 3, 2), clock=lambda: next(ticks))
    assert len(calendar_io.read_events(COUNCIL, date(2026, 3, 2), clock=lambda: 0.0)) == 16 + 6
