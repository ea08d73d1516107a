"""One timeline (issue 18, item 1): step 8, the route planner and every document of a plan show the same dates.

Every document kind of a plan (the registry's raadsvoorstel, raadsbesluit, verordening with its toelichting,
uitvoeringsprogramma and leerprogramma) is built as a DOCX and every date in it is collected: each must be a date
of the plan's timeline (or one of the law's own dates), and the dates that matter are where they belong.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone

import pytest

from app import content
from app.adoption import routes
from app.extensions import db
from app.services.plans import exchange as plan_io, plans
from app.services.adoption import schedules, timeline as timelines
from app.services.documents import kinds  # noqa: F401  registers every kind
from app.services.documents.docx_writer import render_docx
from app.services.documents.registry import kinds_for
from app.services.core.transaction import unit_of_work
from tests import helpers
from tests.documents.test_model import docx_text
from tests.services.test_plan_io import DEMO
from app.services.core.access import SYSTEM

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=timezone.utc)   # the day the issue was filed
DATE = re.compile(r"\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
                  r"december) \d{4}\b")
LAW = {"1 januari 2025", "1 januari 2027"}   # the law's own dates, written in the texts
TUESDAYS = [date(2026, 11, 3) + __import__("datetime").timedelta(weeks=n) for n in range(40)]
RAAD = [date(2026, 11, 26), date(2026, 12, 17), date(2027, 2, 4), date(2027, 5, 27)]


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(routes, "now", lambda: NOW)
    monkeypatch.setattr(timelines, "now", lambda: NOW)


def url(plan, tail=""):
    return f"/plannen/{plan.id}/route-naar-vaststelling{tail}"


def demo_plan(editor):
    plan = plan_io.import_plan(json.loads(json.dumps(DEMO)), content.handreiking(), editor.organisation, by=SYSTEM)
    db.session.commit()
    response = helpers.post_form(editor.client, url(plan, "/vergaderdata"), {
        "college": "\n".join(f"{d:%d-%m-%Y}" for d in TUESDAYS), "commissie": "",
        "raad": "\n".join(f"{d:%d-%m-%Y}" for d in RAAD)})
    assert response.status_code == 302
    return plan


def set_step_8(plan, user, **answers):
    current = plans.answers_by_step(plan).get(8, {})
    with unit_of_work():
        plans.save_step(plan, 8, {**current, **answers}, user, None)


def planner(editor, plan, **fields):
    """Save the planner's settings as the form does: the optional steps skipped, 0 weeks, and `fields`."""
    data = {"target": "1 januari 2027", "consultation_with": "adviesraad"}
    for spec in content.adoption_route().steps:
        data[f"weeks_{spec.key}"] = "0"
        if spec.optional:
            data[f"skip_{spec.key}"] = "y"
    data.update(fields)
    response = helpers.post_form(editor.client, url(plan), data)
    assert response.status_code == 302, helpers.text_of(response)[:2000]


def documents(plan) -> dict[str, str]:
    """The text of every document kind of the plan, as its DOCX holds it."""
    texts = {}
    for kind in kinds_for("plan"):
        texts[kind.key] = docx_text(render_docx(kind.build(plan, content.current()), NOW.date()))[0]
    assert {"raadsvoorstel", "raadsbesluit", "verordening", "uitvoeringsprogramma", "leerprogramma"} <= set(texts)
    return texts


def dates_in(text: str) -> set[str]:
    return set(DATE.findall(text))


def test_dates_before_1_january_2027_college_done_on_its_real_date(editor):
    """The issue's plan: college on 24 November (done), raad on 17 December, in force on 1 January 2027."""
    plan = demo_plan(editor)
    set_step_8(plan, editor.user, inwerkingtreding="vaste_datum", inwerkingtreding_datum="2027-01-01")
    # the college's step is marked done on its real (past) date in the planner, the raad's date typed the Dutch way
    planner(editor, plan, day_collegebesluit="24-11-2026", day_raad="17 december 2026")
    step_8 = plans.answers_by_step(plan)[8]
    assert (step_8["voorstel_datum"], step_8["vaststelling_datum"]) == ("2026-11-24", "2026-12-17")  # kept once

    page = helpers.text_of(editor.client.get(url(plan)))
    assert "De beoogde datum van inwerkingtreding, 1 januari 2027, is haalbaar." in page
    assert "24 november 2026 Besluit van het college van burgemeester en wethouders gedaan" in page
    assert "17 december 2026 Vaststelling door de gemeenteraad vastgelegd" in page
    assert "1 januari 2027 Inwerkingtreding" in page
    assert "niet meer haalbaar" not in page

    texts = documents(plan)
    timeline = {"24 november 2026", "17 december 2026", "31 december 2026", "1 januari 2027"}
    for kind, text in texts.items():
        assert dates_in(text) <= timeline | LAW, (kind, dates_in(text) - timeline - LAW)
    voorstel, besluit, verordening = texts["raadsvoorstel"], texts["raadsbesluit"], texts["verordening"]
    assert "Datum collegebesluit | 24 november 2026" in voorstel
    assert "Vergadering van de raad | 17 december 2026" in voorstel
    assert "Beoogde datum van inwerkingtreding: 1 januari 2027." in voorstel
    assert "gelezen het voorstel van het college van burgemeester en wethouders van 24 november 2026;" in besluit
    assert "Aldus besloten in de openbare vergadering van 17 december 2026." in besluit
    for text in (besluit, verordening):   # the raadsbesluit carries the ordinance as its bijlage
        assert "Deze verordening treedt in werking op 1 januari 2027" in text
    assert "gelezen het voorstel van het college van burgemeester en wethouders van 24 november 2026;" in verordening
    assert "Aldus vastgesteld in de openbare vergadering van 17 december 2026." in verordening
    # the toelichting's tense follows the plan's dates: the law is in force, the deadline still ahead
    assert "Op 1 januari 2025 is de Wet versterking participatie op decentraal niveau" in verordening
    assert "uiterlijk op 1 januari 2027 moet de participatieverordening in werking zijn getreden" in verordening
    assert "niet meer haalbaar" not in voorstel
    # step 8 shows the same dates, the Dutch way
    step_page = editor.client.get(f"/plannen/{plan.id}/stap/8").get_data(as_text=True)
    assert 'value="24 november 2026"' in step_page and 'value="17 december 2026"' in step_page


def test_dates_after_1_january_2027_the_planner_s_proposal_taken_over(editor):
    """Nothing done yet and the usual weeks: 1 January cannot be made. The planner says so once; once its earliest
    date is taken over, every document uses it."""
    plan = demo_plan(editor)
    set_step_8(plan, editor.user, inwerkingtreding="dag_na_bekendmaking")
    data = {"target": "2027-01-01", "consultation_with": "adviesraad"}
    data.update({f"weeks_{s.key}": str(s.weeks) for s in content.adoption_route().steps})
    assert helpers.post_form(editor.client, url(plan), data).status_code == 302
    page = helpers.text_of(editor.client.get(url(plan)))
    assert page.count("niet meer haalbaar") == 1
    earliest = schedules.timeline_for(plan, content.adoption_route(), NOW.date()).route.earliest_entry
    assert earliest > date(2027, 1, 1)
    response = helpers.post_form(editor.client, url(plan), {"overnemen": "1"})
    assert response.status_code == 302
    page = helpers.text_of(editor.client.get(url(plan)))
    assert "niet meer haalbaar" not in page and "is haalbaar" in page

    found = schedules.timeline_for(plan, content.adoption_route(), NOW.date())
    assert found.inwerkingtreding == earliest and found.route.feasible
    shown = {s.key: found.date_of(s.key) for s in found.route.steps}
    timeline = {helpers_date(d) for d in shown.values() if d}
    texts = documents(plan)
    for kind, text in texts.items():
        assert dates_in(text) <= timeline | LAW, (kind, dates_in(text) - timeline - LAW)
    voorstel, besluit, verordening = texts["raadsvoorstel"], texts["raadsbesluit"], texts["verordening"]
    raad, college = helpers_date(found.vaststelling), helpers_date(found.voorstel)
    assert f"Beoogde datum van inwerkingtreding: {helpers_date(earliest)}." in voorstel
    assert f"Vergadering van de raad | {raad}" in voorstel and f"Datum collegebesluit | {college}" in voorstel
    assert f"Aldus besloten in de openbare vergadering van {raad}." in besluit
    assert f"Aldus vastgesteld in de openbare vergadering van {raad}." in verordening
    assert f"van {college};" in verordening
    # adopted after the deadline: the toelichting speaks of the transition period in the past
    assert "De wet gaf een overgangstermijn tot 1 januari 2027" in verordening
    assert "De wet gaf een overgangstermijn tot 1 januari 2027" in voorstel


def test_an_old_plan_with_step_8_dates_and_no_route_keeps_them_in_every_document(editor):
    """A plan saved before the timeline: its step-8 answers map onto it (read at build time, no migration)."""
    plan = plan_io.import_plan(json.loads(json.dumps(DEMO)), content.handreiking(), editor.organisation, by=SYSTEM)
    db.session.commit()
    set_step_8(plan, editor.user, voorstel_datum="2026-10-06", vaststelling_datum="2026-11-12",
               inwerkingtreding="vaste_datum", inwerkingtreding_datum="2027-01-01")
    texts = documents(plan)
    assert "Aldus besloten in de openbare vergadering van 12 november 2026." in texts["raadsbesluit"]
    assert "Aldus vastgesteld in de openbare vergadering van 12 november 2026." in texts["verordening"]
    assert "Datum collegebesluit | 6 oktober 2026" in texts["raadsvoorstel"]
    page = helpers.text_of(editor.client.get(url(plan)))
    assert "12 november 2026 Vaststelling door de gemeenteraad" in page and "1 januari 2027 Inwerkingtreding" in page


def helpers_date(day: date) -> str:
    from app.services.core.dates import format_date
    return format_date(day)


def test_a_plan_dated_before_the_law_took_effect_says_the_law_will_take_effect(editor):
    """The issue: "is in werking getreden" next to a vaststelling before 1 January 2025."""
    plan = plan_io.import_plan(json.loads(json.dumps(DEMO)), content.handreiking(), editor.organisation, by=SYSTEM)
    db.session.commit()
    set_step_8(plan, editor.user, voorstel_datum="2024-10-01", vaststelling_datum="2024-11-14",
               inwerkingtreding="dag_na_bekendmaking")
    texts = documents(plan)
    for kind in ("verordening",):   # the toelichting is part of the draft ordinance
        assert "Op 1 januari 2025 treedt de Wet versterking participatie op decentraal niveau" in texts[kind], kind
        assert "is de Wet versterking participatie op decentraal niveau (Kamerstukken 36 210) in werking getreden" \
            not in texts[kind]
    assert "De Wet versterking participatie op decentraal niveau treedt op 1 januari 2025 in werking." in \
        texts["raadsvoorstel"]


def test_the_planner_s_target_is_step_8_s_fixed_date_of_entry_into_force(editor):
    """Step 8 chose a fixed date: the planner's target is that same answer, and changing one changes the other."""
    plan = demo_plan(editor)
    set_step_8(plan, editor.user, inwerkingtreding="vaste_datum", inwerkingtreding_datum="2027-01-01")
    planner(editor, plan, target="1 maart 2027")
    assert plans.answers_by_step(plan)[8]["inwerkingtreding_datum"] == "2027-03-01"
    assert 'value="1 maart 2027"' in editor.client.get(f"/plannen/{plan.id}/stap/8").get_data(as_text=True)
    set_step_8(plan, editor.user, inwerkingtreding_datum="2027-02-01")
    assert 'value="1 februari 2027"' in editor.client.get(url(plan)).get_data(as_text=True)
    # clearing the raad's own date in the planner clears it in step 8 as well: one place
    planner(editor, plan, day_raad="17-12-2026")
    assert plans.answers_by_step(plan)[8]["vaststelling_datum"] == "2026-12-17"
    planner(editor, plan, day_raad="")
    assert "vaststelling_datum" not in plans.answers_by_step(plan)[8]
