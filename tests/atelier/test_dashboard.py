"""The facilitator's dashboard and round report: progress per team and step, the group filter, a query count that
does not grow with the number of organisations, and a report (page and Word) that holds only what is shared."""
from __future__ import annotations

import io
from datetime import date, time

import pytest
from docx import Document
from sqlalchemy import event, select

from app import content
from app.extensions import db
from app.models import AtelierReaction, AuditEvent
from app.services.plans import plans
from app.services.atelier import ateliers, homework, sharing
from tests import helpers


def _team(town, answers=None):
    user = helpers.make_user(f"bea@{town.lower()}.nl", f"Bea {town}")
    organisation = helpers.make_organisation(town, user, "beheerder")
    plan = helpers.make_plan(organisation, f"Plan {town}")
    if answers:
        plans.save_step(plan, 1, answers, user, None)
    return user, plan


def _atelier(facilitator, towns):
    """Round 1 started long ago (its steps are shared with the group by default); every town at table 1."""
    atelier = ateliers.create_atelier("Leeratelier Gelderland", facilitator)
    atelier.round(1).date, atelier.round(1).start_time = date(2026, 1, 5), time(9, 0)
    participants = {}
    for town, answers in towns.items():
        user, plan = _team(town, answers)
        link = ateliers.create_invitation(atelier, town, facilitator)
        participants[town] = ateliers.join(link.token, plan, user)
    db.session.commit()
    return atelier, participants


@pytest.fixture()
def world(app, client):
    facilitator = helpers.make_user("fien@atelier.nl", "Fien Facilitator")
    atelier, participants = _atelier(facilitator, {
        "Lindehoven": {"participatie_definitie": "Samen met inwoners beslissen."},
        "Zeedorp": {"participatie_definitie": "Inwoners denken mee.", "participatie_vormen": ["uitdaagrecht"]},
        "Aadorp": {"participatie_definitie": "Geheim van Aadorp."},
    })
    t1, t2 = (ateliers.add_group(atelier, 1, n, facilitator) for n in ("Tafel 1", "Tafel 2"))
    ateliers.seat(atelier, 1, {participants["Lindehoven"].id: t1.id, participants["Zeedorp"].id: t1.id,
                               participants["Aadorp"].id: t2.id}, facilitator)
    # Aadorp shares nothing: its answers must not appear in any report.
    sharing.stop_sharing(participants["Aadorp"], content.handreiking(), participants["Aadorp"].plan.organisation
                         .memberships[0].user)
    db.session.commit()
    helpers.login(client, "fien@atelier.nl")
    return atelier, participants, (t1, t2)


def _row(text: str, town: str) -> str:
    """The dashboard's text from a town's row up to the next row's start (good enough for 'is it in this row')."""
    start = text.index(town)
    return text[start:start + 250]


def test_the_dashboard_shows_each_team_per_step(world, client):
    atelier, _participants, _ = world
    response = client.get(f"/ateliers/{atelier.id}/dashboard?ronde=1")
    text = helpers.text_of(response)
    assert response.status_code == 200
    assert "Dashboard ronde 1" in text and "Stap 1" in text and "Stap 3" in text and "Stap 4" not in text
    zeedorp, lindehoven = _row(text, "Zeedorp"), _row(text, "Lindehoven")
    assert zeedorp.split("Stap")[0].count("Afgerond") == 1  # step 1 complete, steps 2 and 3 not started
    assert "Bezig 1 vraag open" in lindehoven  # participatie_vormen is required and empty
    assert "Bea Lindehoven" in lindehoven and "Bea Zeedorp" in zeedorp  # who is active
    # Open required questions: Lindehoven 1 (step 1) + 2 (step 2; the zelfscan has its own page) + 2 (step 3);
    # Zeedorp 0 + 2 + 2.
    assert " 5 " in lindehoven and " 4 " in zeedorp


def test_the_dashboard_filters_by_group(world, client):
    atelier, _participants, (t1, t2) = world
    text = helpers.text_of(client.get(f"/ateliers/{atelier.id}/dashboard?ronde=1&groep={t2.id}"))
    assert "Aadorp" in text and "Lindehoven" not in text and "Zeedorp" not in text
    text = helpers.text_of(client.get(f"/ateliers/{atelier.id}/dashboard?ronde=1&groep={t1.id}"))
    assert "Lindehoven" in text and "Zeedorp" in text and "Aadorp" not in text
    text = helpers.text_of(client.get(f"/ateliers/{atelier.id}/dashboard?ronde=1&groep=9999"))
    assert "Die groep bestaat niet in ronde 1. U ziet alle organisaties." in text
    assert "Aadorp" in text and "Lindehoven" in text


def test_someone_who_left_the_team_is_not_active(world, client):
    atelier, participants, _ = world
    plan = participants["Lindehoven"].plan
    helpers.add_member(plan.organisation, helpers.make_user("kees@lindehoven.nl", "Kees Oudgediende"), "redacteur")
    kees = db.session.scalar(select(helpers.User).where(helpers.User.email == "kees@lindehoven.nl"))
    plans.save_step(plan, 2, {"ambitie": "Meer jongeren."}, kees, None)
    db.session.commit()
    assert "Kees Oudgediende" in _row(helpers.text_of(client.get(f"/ateliers/{atelier.id}/dashboard?ronde=1")),
                                      "Lindehoven")
    for m in list(kees.memberships):
        db.session.delete(m)
    db.session.commit()
    assert "Kees Oudgediende" not in helpers.text_of(client.get(f"/ateliers/{atelier.id}/dashboard?ronde=1"))


def _queries_for_dashboard(app, towns: int, page: str = "dashboard") -> int:
    with app.app_context():
        facilitator = helpers.make_user(f"fien{towns}@atelier.nl", "Fien")
        atelier, participants = _atelier(facilitator, {f"Dorp {towns}-{i}": {"participatie_definitie": "Samen."}
                                                       for i in range(towns)})
        group = ateliers.add_group(atelier, 1, "Tafel", facilitator)
        ateliers.seat(atelier, 1, {p.id: group.id for p in participants.values()}, facilitator)
        # Homework every team did and reactions on every team's answer, so a query per organisation would show here.
        tasks = [homework.add_assignment(atelier, 1, facilitator, kind=kind, title=f"Opdracht {kind}",
                                         description="", due_date=date(2027, 1, 12))
                 for kind in ("huiswerk", "opdracht")]
        shared = sharing.shared_answers(facilitator, atelier, 1, content.handreiking())
        for p in participants.values():
            user = p.plan.organisation.memberships[0].user
            homework.set_done(tasks[0], p, True, user)
            db.session.add(AtelierReaction(atelier_id=atelier.id, participant_id=p.id, step_number=1,
                                           question_key="participatie_definitie", body="Mooi.",
                                           author_id=facilitator.id))
        assert len(shared[0].answers) == towns
        db.session.commit()
        atelier_id = atelier.id
    client = app.test_client()
    helpers.login(client, f"fien{towns}@atelier.nl")
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            response = client.get(f"/ateliers/{atelier_id}/{page}?ronde=1")
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    text = helpers.text_of(response)
    assert response.status_code == 200 and f"Dorp {towns}-{towns - 1}" in text
    if page == "dashboard":
        assert text.count("1 van 1") == towns  # the homework column is filled for every team
    else:
        assert text.count("Samen.") == towns  # every team's shared answer is in the report
    return len(statements)


def test_the_number_of_queries_does_not_grow_with_the_number_of_organisations(app):
    assert _queries_for_dashboard(app, 2) == _queries_for_dashboard(app, 10)


def test_the_round_report_takes_as_many_queries_for_50_organisations_as_for_5(app):
    assert _queries_for_dashboard(app, 5, "verslag") == _queries_for_dashboard(app, 50, "verslag")


def test_the_round_report_holds_only_what_is_shared(world, client):
    atelier, participants, _ = world
    text = helpers.text_of(client.get(f"/ateliers/{atelier.id}/verslag?ronde=1"))
    assert "Rondeverslag ronde 1" in text
    assert "Samen met inwoners beslissen." in text and "Inwoners denken mee." in text
    assert "Uitdaagrecht" in text  # as the participant reads it, not the stored value
    assert "Geheim van Aadorp" not in text
    assert "Deze organisatie deelt in deze ronde nog niets met het atelier." in text  # Aadorp
    one = helpers.text_of(client.get(f"/ateliers/{atelier.id}/deelnemers/{participants['Zeedorp'].id}/verslag"
                                     "?ronde=1"))
    assert "Inwoners denken mee." in one and "Samen met inwoners beslissen." not in one


def test_the_round_report_as_word(world, client):
    atelier, participants, _ = world
    response = client.get(f"/ateliers/{atelier.id}/verslag.docx?ronde=1")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "rondeverslag-ronde-1-atelier.docx" in response.headers["Content-Disposition"]
    doc = Document(io.BytesIO(response.data))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Gemeente Lindehoven" in headings and "Gemeente Zeedorp" in headings and "1. Begrippen en uitgangspunten" in headings
    assert "Samen met inwoners beslissen." in text and "Uitdaagrecht" in text
    assert "Geheim van Aadorp" not in text
    # the house layout every generated document has: title, CONCEPT header with the date, page numbers
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == "Rondeverslag: Leeratelier Gelderland, ronde 1"
    assert "CONCEPT" in doc.sections[0].header.paragraphs[0].text
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    event_ = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "atelier.report_download"))
    assert event_ is not None and event_.detail["file"] == "rondeverslag-ronde-1-atelier.docx"

    one = client.get(f"/ateliers/{atelier.id}/deelnemers/{participants['Zeedorp'].id}/verslag.docx?ronde=1")
    text = "\n".join(p.text for p in Document(io.BytesIO(one.data)).paragraphs)
    assert "Inwoners denken mee." in text and "Lindehoven" not in text
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "atelier.report_download")).all()
    assert [e.organisation_id for e in events] == [None, participants["Zeedorp"].organisation_id]


def test_participants_see_no_dashboard_and_no_report(world, app):
    atelier, _participants, _ = world
    other = app.test_client()
    helpers.login(other, "bea@lindehoven.nl")
    assert other.get(f"/ateliers/{atelier.id}/dashboard").status_code == 403
    assert other.get(f"/ateliers/{atelier.id}/verslag.docx").status_code == 403
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "atelier.report_download")) is None


def test_the_atelier_page_leads_the_facilitator_to_the_dashboard(world, client, app):
    atelier, _participants, _ = world
    assert "Dashboard: waar staat elke organisatie?" in helpers.text_of(client.get(f"/ateliers/{atelier.id}"))
    other = app.test_client()
    helpers.login(other, "bea@lindehoven.nl")
    assert "Dashboard: waar staat elke organisatie?" not in helpers.text_of(other.get(f"/ateliers/{atelier.id}"))
