"""The route-to-adoption pages: the schedule, the meeting dates, the .ics import and export."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from icalendar import Calendar
from sqlalchemy import select

from app.adoption import routes
from app.extensions import db
from app.models import AuditEvent
from app.models.adoption import AdoptionSchedule, MeetingDate
from tests import helpers


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(routes, "now", lambda: datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))


def url(plan, tail=""):
    return f"/plannen/{plan.id}/route-naar-vaststelling{tail}"


def meetings(plan) -> list[tuple[str, date]]:
    return [(m.body, m.day) for m in db.session.scalars(select(MeetingDate).where(MeetingDate.plan_id == plan.id)
                                                        .order_by(MeetingDate.day))]


def test_the_outline_and_step_8_link_to_the_route(editor):
    for page in (f"/plannen/{editor.plan.id}", f"/plannen/{editor.plan.id}/stap/8"):
        assert url(editor.plan) in editor.client.get(page).get_data(as_text=True), page


def test_the_schedule_shows_the_steps_with_dates_and_that_the_target_can_be_met(editor):
    text = helpers.text_of(editor.client.get(url(editor.plan)))
    assert "De beoogde datum van inwerkingtreding, 1 januari 2027, is haalbaar." in text
    assert "Publicatie in het Gemeenteblad" in text and "Juridische toets" in text
    assert "1 januari 2027 Inwerkingtreding" in text   # the timeline: a list with the date before each step


def test_a_province_sees_its_own_words(app, client):
    user = helpers.make_user("gs@provincie.nl")
    organisation = helpers.make_organisation("Voorland", user, body_type="provincie")
    plan = helpers.make_plan(organisation)
    helpers.login(client, user.email)
    text = helpers.text_of(client.get(url(plan)))
    assert "Besluit van gedeputeerde staten" in text and "Publicatie in het Provinciaal blad" in text


def test_a_target_that_cannot_be_met_warns_with_the_earliest_date(editor):
    response = helpers.post_form(editor.client, url(editor.plan), {
        "target": "2026-04-01", "consultation_with": "inwoners", "weeks_ambtelijk_concept": "4",
        "weeks_juridische_toets": "2", "weeks_consultatie": "6", "weeks_collegebesluit": "2",
        "weeks_commissie": "3", "weeks_raad": "2", "weeks_publicatie": "1", "weeks_inwerkingtreding": "0"})
    assert response.status_code == 302
    schedule = db.session.scalar(select(AdoptionSchedule))
    assert schedule.target_date == date(2026, 4, 1) and schedule.consultation_with == "inwoners"
    text = helpers.text_of(editor.client.get(url(editor.plan)))
    # 2 March + 4 + 2 + 6 + 2 + 3 + 2 + 1 = 20 weeks, and the day after publication
    assert ("De beoogde datum van inwerkingtreding, 1 april 2026, is niet meer haalbaar. "
            "De vroegst mogelijke datum is 21 juli 2026.") in text


def test_skipping_steps_brings_the_earliest_date_forward(editor):
    form = {"target": "2026-04-01", "consultation_with": "adviesraad", "weeks_ambtelijk_concept": "4",
            "weeks_juridische_toets": "2", "weeks_consultatie": "6", "weeks_collegebesluit": "2",
            "weeks_commissie": "3", "weeks_raad": "2", "weeks_publicatie": "1", "weeks_inwerkingtreding": "0",
            "skip_juridische_toets": "y", "skip_consultatie": "y"}
    assert helpers.post_form(editor.client, url(editor.plan), form).status_code == 302
    text = helpers.text_of(editor.client.get(url(editor.plan)))
    assert "De vroegst mogelijke datum is 26 mei 2026." in text   # eight weeks earlier


@pytest.mark.parametrize(("field", "value", "message"), [
    ("target", "31-02-2027", "Deze datum bestaat niet."),
    ("target", "volgend jaar", "Vul een bestaande datum in, bijvoorbeeld 12 januari 2027 of 12-01-2027."),
    ("target", "01-01-9999", "Kies een datum tussen 2020 en 2100."),
    ("weeks_raad", "-3", "Vul een aantal weken in van 0 tot en met 104."),
    ("weeks_raad", "veel", "Vul een aantal weken in, 0 of meer."),
])
def test_bad_settings_are_refused_next_to_the_field_and_kept(editor, field, value, message):
    data = {"target": "2027-01-01", "consultation_with": "adviesraad", "weeks_raad": "2", field: value}
    response = helpers.post_form(editor.client, url(editor.plan), data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in helpers.text_of(response)
    assert f'value="{value}"' in html
    assert db.session.scalar(select(AdoptionSchedule)) is None


def test_meeting_dates_typed_by_hand_snap_the_raad_step(editor):
    response = helpers.post_form(editor.client, url(editor.plan, "/vergaderdata"),
                                 {"college": "", "commissie": "", "raad": "10-12-2026\n2026-11-12\n"})
    assert response.status_code == 302
    assert meetings(editor.plan) == [("raad", date(2026, 11, 12)), ("raad", date(2026, 12, 10))]
    text = helpers.text_of(editor.client.get(url(editor.plan)))
    assert "10 december 2026 Vaststelling door de gemeenteraad" in text


def test_a_bad_meeting_date_is_named_with_its_line_and_nothing_is_stored(editor):
    response = helpers.post_form(editor.client, url(editor.plan, "/vergaderdata"),
                                 {"raad": "10-12-2026\n31-02-2027", "college": "3-3-2026"})
    assert response.status_code == 400
    assert "Regel 2 (‘31-02-2027’) is geen datum" in helpers.text_of(response)
    assert "31-02-2027" in response.get_data(as_text=True) and "3-3-2026" in response.get_data(as_text=True)
    assert meetings(editor.plan) == []


def test_the_schedule_exports_as_ics_that_reads_back_and_is_audited(editor):
    response = editor.client.get(url(editor.plan, ".ics"))
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(response.data)
    events = {str(e["SUMMARY"]).split(" — ")[0]: e["DTSTART"].dt for e in calendar.walk("VEVENT")}
    assert events["Inwerkingtreding"] == date(2027, 1, 1)
    assert events["Publicatie in het Gemeenteblad"] == date(2026, 12, 31)
    assert len(events) == 8
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "adoption.calendar_download"))
    assert event is not None and event.target == f"plan:{editor.plan.id}"


def test_a_meelezer_reads_the_schedule_without_a_form(app, editor, browser):
    reader = helpers.make_user("lezer@voorbeeld.nl")
    helpers.add_member(editor.organisation, reader, "meelezer")
    client = browser()
    helpers.login(client, reader.email)
    response = client.get(url(editor.plan))
    assert response.status_code == 200
    assert "U kunt deze planning lezen, maar niet wijzigen." in helpers.text_of(response)
    assert client.post(url(editor.plan), data={"csrf_token": helpers.csrf_token(client)}).status_code == 403


def test_the_ics_export_leaves_out_a_done_step_without_a_date_and_keeps_a_done_step_on_its_own_date(editor):
    form = {"target": "2027-01-01", "consultation_with": "adviesraad", "weeks_ambtelijk_concept": "4",
            "weeks_juridische_toets": "2", "weeks_consultatie": "6", "weeks_collegebesluit": "2",
            "weeks_commissie": "3", "weeks_raad": "2", "weeks_publicatie": "1", "weeks_inwerkingtreding": "0",
            "day_collegebesluit": "20 februari 2026"}   # done before today (2 March 2026): the steps before it too
    assert helpers.post_form(editor.client, url(editor.plan), form).status_code == 302
    calendar = Calendar.from_ical(editor.client.get(url(editor.plan, ".ics")).data)
    events = {str(e["SUMMARY"]).split(" — ")[0]: e["DTSTART"].dt for e in calendar.walk("VEVENT")}
    assert events["Besluit van het college van burgemeester en wethouders"] == date(2026, 2, 20)
    assert "Ambtelijk concept gereed" not in events and len(events) == 5   # done, but on no known day: not guessed
    assert events["Inwerkingtreding"] == date(2027, 1, 1)


def test_the_meeting_dates_box_shows_dates_in_dutch_and_saving_it_unchanged_keeps_them(editor):
    assert helpers.post_form(editor.client, url(editor.plan, "/vergaderdata"),
                             {"college": "", "commissie": "", "raad": "10-12-2026\n2026-11-12\n"}).status_code == 302
    html = editor.client.get(url(editor.plan, "/vergaderdata")).get_data(as_text=True)
    box = html[html.index('name="raad"'):]
    box = box[box.index(">") + 1:box.index("</textarea>")]
    assert box.split() == ["12", "november", "2026", "10", "december", "2026"] and "12 november 2026\n" in box
    assert helpers.post_form(editor.client, url(editor.plan, "/vergaderdata"),
                             {"college": "", "commissie": "", "raad": box}).status_code == 302
    assert meetings(editor.plan) == [("raad", date(2026, 11, 12)), ("raad", date(2026, 12, 10))]
