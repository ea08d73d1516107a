"""Opdrachten and huiswerk per round (with due dates, marked done by a team), reactions on another's shared answer,
the dashboard's huiswerk column and the round report's most taken-over examples."""
from __future__ import annotations

import io
import re

import pytest
from docx import Document
from sqlalchemy import func, select

from app import content
from app.extensions import db, limiter
from app.models import AtelierAssignment, AtelierHomeworkDone, AtelierReaction, AuditEvent
from app.services.plans import plans
from app.services.atelier import sharing
from tests import helpers
from tests.atelier import test_round_work
from tests.atelier.test_round_work import _step, _take
from tests.conftest import libreoffice_text

DEFINITIE = "participatie_definitie"
tables = test_round_work.tables  # the fixture; an assignment, so the tests may name it as their argument


def _add(t, data, client=None):
    url = f"/ateliers/{t.atelier.id}/rondes/1/opdrachten"
    return helpers.post_form(client or t.editor, url, data)


def _assignment(title):
    return db.session.scalar(select(AtelierAssignment).where(AtelierAssignment.title == title))


def _done(t, client, assignment, value="ja"):
    return helpers.post_form(client, f"/ateliers/{t.atelier.id}/opdrachten/{assignment.id}/gedaan",
                             {"done": value}, token_from=t.work)


def _react(t, client, source, body, key=DEFINITIE):
    return helpers.post_form(client, f"/ateliers/{t.atelier.id}/rondes/1/reacties",
                             {"participant": str(source.id), "step": "1", "question": key, "body": body},
                             token_from=t.work)


def _row(text, town):
    start = text.index(f"Gemeente {town}")
    return text[start:start + 300]


def _answers(plan_id):
    return _step(plan_id, 1).answers


def _actions():
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_homework_is_set_seen_with_its_due_date_marked_done_and_counted_on_the_dashboard(tables, editor):
    tables.editor = editor.client
    response = _add(tables, {"title": "Spreek de jongerenraad", "description": "Vraag wat zij willen.\nEn wanneer.",
                             "kind": "huiswerk", "due_date": "12-01-2027"})
    assert response.status_code == 302
    homework = _assignment("Spreek de jongerenraad")
    assert (homework.kind, homework.round_number, str(homework.due_date)) == ("huiswerk", 1, "2027-01-12")

    page = helpers.text_of(tables.zee_client.get(tables.work))
    assert "Spreek de jongerenraad — huiswerk, inleveren vóór 12 januari 2027" in page
    assert "Vraag wat zij willen." in page and "Nog niet gedaan." in page

    assert _done(tables, tables.zee_client, homework).status_code == 302
    page = helpers.text_of(tables.zee_client.get(tables.work))
    assert re.search(r"Gedaan — gemarkeerd door Beheerder Zeedorp op \d+ \w+ \d{4}, \d\d:\d\d uur", page)
    assert "Nog niet gedaan." in helpers.text_of(tables.lind_client.get(tables.work))  # per organisation

    board = helpers.text_of(editor.client.get(f"/ateliers/{tables.atelier.id}/dashboard?ronde=1"))
    assert "Huiswerk gedaan" in board
    assert "1 van 1" in _row(board, "Zeedorp") and "0 van 1" in _row(board, "Lindehoven")

    assert _done(tables, tables.zee_client, homework, "nee").status_code == 302  # undo
    assert "Nog niet gedaan." in helpers.text_of(tables.zee_client.get(tables.work))
    assert db.session.scalar(select(func.count()).select_from(AtelierHomeworkDone)) == 0
    assert [a for a in _actions() if a.startswith(("atelier.assignment", "atelier.homework"))] == [
        "atelier.assignment_added", "atelier.homework_done", "atelier.homework_undone"]


def test_overdue_homework_that_is_not_done_says_so(tables, editor):
    tables.editor = editor.client
    _add(tables, {"title": "Lees de nota", "kind": "huiswerk", "due_date": "01-03-2021"})
    _add(tables, {"title": "Bespreek aan tafel", "kind": "opdracht"})
    page = helpers.text_of(tables.zee_client.get(tables.work))
    assert "Lees de nota — huiswerk, inleveren vóór 1 maart 2021" in page
    assert "Te laat: nog niet gedaan, en de inleverdatum is voorbij." in page
    assert "Bespreek aan tafel — opdracht tijdens de ronde" in page
    _done(tables, tables.zee_client, _assignment("Lees de nota"))
    assert "Te laat" not in helpers.text_of(tables.zee_client.get(tables.work))


def test_only_who_may_edit_the_plan_marks_homework_done(tables, editor, browser):
    tables.editor = editor.client
    _add(tables, {"title": "Lees de nota", "kind": "huiswerk", "due_date": "01-03-2027"})
    homework = _assignment("Lees de nota")
    reader = helpers.make_user("lees@zeedorp.nl", "Mees Meelezer")
    helpers.add_member(tables.zee.organisation, reader, "meelezer")
    client = browser()
    helpers.login(client, "lees@zeedorp.nl")
    assert _done(tables, client, homework).status_code == 403
    assert "Markeer als gedaan" not in helpers.text_of(client.get(tables.work))
    assert _done(tables, editor.client, homework).status_code == 403  # the facilitator has no team here
    assert db.session.scalar(select(func.count()).select_from(AtelierHomeworkDone)) == 0


def test_bad_assignments_get_a_message_next_to_the_field_and_keep_what_was_typed(tables, editor):
    tables.editor = editor.client
    response = _add(tables, {"title": " ", "description": "Mijn uitleg blijft staan.", "kind": "opdracht"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="title-error">Geef de opdracht een titel.' in html
    assert "Mijn uitleg blijft staan." in html

    response = _add(tables, {"title": "Huiswerk zonder datum", "kind": "huiswerk", "due_date": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="due_date-error">Vul in vóór welke datum het huiswerk af moet zijn.' in html
    assert 'value="Huiswerk zonder datum"' in html

    response = _add(tables, {"title": "Huiswerk", "kind": "huiswerk", "due_date": "31-02-2027"})
    assert response.status_code == 422
    assert "Deze datum bestaat niet." in helpers.text_of(response)
    assert 'value="31-02-2027"' in response.get_data(as_text=True)

    response = _add(tables, {"title": "x" * 201, "kind": "opdracht"})
    assert response.status_code == 422 and "Houd de titel op hoogstens 200 tekens." in helpers.text_of(response)
    assert db.session.scalar(select(func.count()).select_from(AtelierAssignment)) == 0


def test_the_facilitator_edits_and_deletes_an_assignment(tables, editor):
    tables.editor = editor.client
    _add(tables, {"title": "Lees de nota", "kind": "opdracht"})
    homework = _assignment("Lees de nota")
    url = f"/ateliers/{tables.atelier.id}/opdrachten/{homework.id}"
    assert 'value="Lees de nota"' in editor.client.get(url).get_data(as_text=True)
    response = helpers.post_form(editor.client, url, {"title": "Lees de nota goed", "kind": "huiswerk",
                                                      "due_date": "2027-01-12"})
    assert response.status_code == 302
    assert "Lees de nota goed — huiswerk, inleveren vóór 12 januari 2027" in helpers.text_of(
        tables.zee_client.get(tables.work))
    # A text box that shows the stored day as people write it, and reads it back the same way.
    assert 'type="text" value="12 januari 2027"' in editor.client.get(url).get_data(as_text=True)
    assert tables.zee_client.get(url).status_code == 403  # a participant does not manage assignments

    response = helpers.post_form(editor.client, f"{url}/verwijderen", {}, token_from=url)
    assert response.status_code == 302
    assert _assignment("Lees de nota goed") is None
    assert "Lees de nota" not in helpers.text_of(tables.zee_client.get(tables.work))
    assert _actions()[-3:] == ["atelier.assignment_added", "atelier.assignment_changed",
                               "atelier.assignment_deleted"]


def test_a_reaction_is_shown_escaped_to_who_sees_the_answer_and_its_author_deletes_it(tables, editor):
    response = _react(tables, tables.zee_client, tables.lind, "Mooi! <b>vet</b> *geen markdown*")
    assert response.status_code == 302
    html = tables.zee_client.get(tables.work).get_data(as_text=True)
    assert "Mooi! &lt;b&gt;vet&lt;/b&gt; *geen markdown*" in html and "<b>vet</b>" not in html
    assert "Mijn reactie verwijderen" in html
    text = helpers.text_of(tables.lind_client.get(tables.work))  # under its own answer
    assert "Uw antwoord Samen met Lindehoven. Reacties van anderen Mooi! &lt;b&gt;vet&lt;/b&gt; *geen markdown* " \
           "Beheerder Zeedorp" in text
    assert "Mijn reactie verwijderen" not in text
    assert "Mooi!" in helpers.text_of(editor.client.get(tables.work))  # the facilitator sees group shares
    reaction = db.session.scalar(select(AtelierReaction))
    delete_url = f"/ateliers/{tables.atelier.id}/reacties/{reaction.id}/verwijderen"
    assert helpers.post_form(tables.lind_client, delete_url, {}, token_from=tables.work).status_code == 403
    assert helpers.post_form(tables.zee_client, delete_url, {}, token_from=tables.work).status_code == 302
    assert db.session.scalar(select(AtelierReaction)) is None
    assert "Mooi!" not in helpers.text_of(tables.zee_client.get(tables.work))
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("atelier.reaction%"))
                                .order_by(AuditEvent.id)).all()
    assert [(e.action, e.organisation_id) for e in events] == [
        ("atelier.reaction_added", tables.lind.organisation_id),
        ("atelier.reaction_deleted", tables.lind.organisation_id)]


def test_another_table_and_outsiders_neither_see_nor_react(tables, browser):
    _react(tables, tables.zee_client, tables.lind, "Goed voorbeeld voor onze tafel.")
    limiter.reset()  # the fixture logged in four people already
    haven_client = browser()
    helpers.login(haven_client, "bea@havenstad.nl")
    page = helpers.text_of(haven_client.get(tables.work))
    assert "Samen met Lindehoven." not in page and "Goed voorbeeld voor onze tafel." not in page
    assert _react(tables, haven_client, tables.lind, "Mag dit?").status_code == 404
    helpers.make_organisation("Buitenstad", helpers.make_user("bea@buitenstad.nl", "Bea Buiten"), "beheerder")
    outsider = browser()
    limiter.reset()
    helpers.login(outsider, "bea@buitenstad.nl")
    assert outsider.get(tables.work).status_code == 404
    assert _react(tables, outsider, tables.lind, "Mag dit?").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(AtelierReaction)) == 1


def test_reactions_on_an_answer_that_is_no_longer_shared_are_hidden(tables, editor):
    _react(tables, tables.zee_client, tables.lind, "Goed voorbeeld voor onze tafel.")
    assert "Goed voorbeeld voor onze tafel." in helpers.text_of(tables.zee_client.get(tables.work))
    share = f"/ateliers/{tables.atelier.id}/deelnemers/{tables.lind.id}/delen"
    assert helpers.post_form(tables.lind_client, share, {"stop": "1"}).status_code == 302
    for client in (tables.zee_client, editor.client, tables.lind_client):
        assert "Goed voorbeeld voor onze tafel." not in helpers.text_of(client.get(tables.work))
    assert _react(tables, tables.zee_client, tables.lind, "Nog eentje.").status_code == 404


def test_a_bad_reaction_gets_a_message_next_to_the_field_and_keeps_the_text(tables):
    too_long = "a" * 1001
    response = _react(tables, tables.zee_client, tables.lind, too_long)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    field = f"reacties-{tables.lind.id}-1-{DEFINITIE}"
    assert f'id="{field}-fout">Een reactie is hoogstens 1.000 tekens lang. Maak hem korter.' in html
    assert re.search(rf'id="{field}-tekst"[^>]*>{too_long}</textarea>', html)
    # the form with the error is open (reaction forms are closed until someone wants to react)
    assert html.count('<details class="reaction-details" open>') == 1
    response = _react(tables, tables.zee_client, tables.lind, "   ")
    assert response.status_code == 422 and "Schrijf een reactie." in helpers.text_of(response)
    assert db.session.scalar(select(func.count()).select_from(AtelierReaction)) == 0
    assert _react(tables, tables.zee_client, tables.lind, "b" * 1000).status_code == 302  # the limit itself is fine


def _take_over_three_times(tables, browser):
    """Lindehoven takes over Havenstad's definition once; Zeedorp and Havenstad both take Lindehoven's role of the
    council."""
    # Lindehoven and Havenstad share step 1 with the whole atelier, so the other table can take it over too.
    for participant in (tables.lind, tables.haven):
        sharing.set_scopes(participant, {1: "atelier"}, content.handreiking(), participant.plan.organisation
                           .memberships[0].user)
    db.session.commit()
    limiter.reset()  # the fixture logged in four people already
    haven_client = browser()
    helpers.login(haven_client, "bea@havenstad.nl")
    # Lindehoven takes over Havenstad's definition, then writes its own role of the council, which both others take.
    assert _take(tables, tables.haven, 1, DEFINITIE, 1, client=tables.lind_client).status_code == 302
    lind_user = tables.lind.plan.organisation.memberships[0].user
    plans.save_step(tables.lind.plan, 1, dict(_answers(tables.lind.plan_id), rol_raad="De raad kaders."), lind_user, 2)
    db.session.commit()
    assert _take(tables, tables.lind, 1, "rol_raad", 1).status_code == 302                     # Zeedorp
    assert _take(tables, tables.lind, 1, "rol_raad", 1, client=haven_client).status_code == 302  # Havenstad
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "atelier.taken_over")) == 3


def test_the_atelier_report_lists_the_examples_taken_over_most(tables, editor, browser):
    _take_over_three_times(tables, browser)
    text = helpers.text_of(editor.client.get(f"/ateliers/{tables.atelier.id}/verslag?ronde=1"))
    most = text[text.index("Meest overgenomen voorbeelden"):]
    first = ("Gemeente Lindehoven, stap 1 (Begrippen en uitgangspunten), vraag “Wat is de rol van de raad?”: "
             "2 keer overgenomen")
    assert most.index(first) < most.index("Gemeente Havenstad, stap 1")
    assert re.search(r"Gemeente Lindehoven, stap 1 \([^)]*\), vraag “[^”]+”: 2 keer overgenomen", most)
    assert re.search(r"Gemeente Havenstad, stap 1 \([^)]*\), vraag “[^”]+”: 1 keer overgenomen", most)

    doc = Document(io.BytesIO(editor.client.get(f"/ateliers/{tables.atelier.id}/verslag.docx?ronde=1").data))
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("Meest overgenomen voorbeelden")
    assert re.match(r"Gemeente Lindehoven, stap 1 .*: 2 keer overgenomen", paragraphs[start + 1])
    assert re.match(r"Gemeente Havenstad, stap 1 .*: 1 keer overgenomen", paragraphs[start + 2])

    # Another round has its own examples, and an organisation's own report has no such section.
    assert "In deze ronde is nog geen antwoord overgenomen." in helpers.text_of(
        editor.client.get(f"/ateliers/{tables.atelier.id}/verslag?ronde=2"))
    assert "Meest overgenomen" not in helpers.text_of(editor.client.get(
        f"/ateliers/{tables.atelier.id}/deelnemers/{tables.zee.id}/verslag?ronde=1"))


@pytest.mark.tool
def test_libreoffice_opens_the_atelier_report_with_header_page_numbers_and_examples(tables, editor, browser,
                                                                                   tmp_path):
    _take_over_three_times(tables, browser)
    response = editor.client.get(f"/ateliers/{tables.atelier.id}/verslag.docx?ronde=1")
    assert response.status_code == 200
    flat = libreoffice_text(response.data, tmp_path, "rondeverslag")
    assert f"Rondeverslag: {tables.atelier.name}, ronde 1" in flat
    assert "CONCEPT" in flat  # the shared header
    assert "1. Gemeente Lindehoven, stap 1 (Begrippen en uitgangspunten), vraag “Wat is de rol van de raad?”: " \
           "2 keer overgenomen" in flat
    # every organisation on its own page, the examples on the last; the footer numbers the pages
    order = ["Gemeente Lindehoven", "Pagina 1 van 4", "Gemeente Zeedorp", "Pagina 2 van 4", "Gemeente Havenstad",
             "Pagina 3 van 4", "Meest overgenomen voorbeelden", "Pagina 4 van 4"]
    assert all(text in flat for text in order), [text for text in order if text not in flat]
    assert [flat.index(text) for text in order] == sorted(flat.index(text) for text in order)


def test_an_unknown_step_is_not_found_rather_than_a_server_error(tables):
    data = {"participant": str(tables.lind.id), "step": "999", "question": DEFINITIE}
    assert helpers.post_form(tables.zee_client, f"/ateliers/{tables.atelier.id}/rondes/1/reacties",
                             dict(data, body="Hallo"), token_from=tables.work).status_code == 404
    assert _take(tables, tables.lind, 999, DEFINITIE, 1).status_code == 404


def test_only_its_author_may_delete_a_reaction_as_access_decides(tables, editor):
    """The author-only rule is a rule of access.py: the service and the page ask the same question."""
    from app.models import User
    from app.services.core import access
    from app.services.core.access import Action

    _react(tables, tables.zee_client, tables.lind, "Mooi gedaan.")
    reaction = db.session.scalar(select(AtelierReaction))
    author = db.session.scalar(select(User).where(User.email == "bea@zeedorp.nl"))
    other = db.session.scalar(select(User).where(User.email == "bea@lindehoven.nl"))
    assert access.can(author, Action.DELETE, reaction)
    assert not access.can(other, Action.DELETE, reaction)  # sees the reaction under its own answer
    assert not access.can(editor.user, Action.DELETE, reaction)  # the facilitator sees it too, but did not write it
    with pytest.raises(access.AccessDenied) as refused:
        access.require(other, Action.DELETE, reaction)
    assert not refused.value.hidden
