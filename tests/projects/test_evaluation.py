"""The project leader's evaluation: a score 1–5 per theme, notes and lessons, saved like the plan; never public."""
from __future__ import annotations

import re

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import AuditEvent
from app.models.project import ProjectDocument
from tests import helpers
from tests.projects.helpers import make_project


def evaluation_form(**overrides) -> dict:
    data = {f"q-{t.score_key}": "4" for t in content.projects().evaluation_themes}
    data.update({"q-toelichting_invloed": "Vooraf goed uitgelegd op de inloopavond.",
                 "q-lessen": "Eerder naar de scholen gaan.", "version": "0"})
    data.update(overrides)
    return data


def test_a_missing_score_is_refused_next_to_the_field_and_what_was_typed_stays(editor):
    project = make_project(editor.organisation, editor.plan)
    url = f"/trajecten/{project.id}/evaluatie"
    data = evaluation_form()
    del data["q-score_budget"]
    response = helpers.post_form(editor.client, url, data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Kies een score van 1 tot 5." in helpers.text_of(response)
    assert 'id="q-score_budget-error">Kies een score van 1 tot 5.</div>' in html
    assert 'id="q-score_invloed-error"' not in html  # only the theme without a score
    chosen = re.search(r'name="q-score_invloed".*?</select>', html, re.DOTALL).group(0)
    assert '<option value="4" selected>' in chosen
    assert "Eerder naar de scholen gaan." in html and "Vooraf goed uitgelegd op de inloopavond." in html
    assert db.session.scalar(select(ProjectDocument).where(ProjectDocument.kind == "evaluatie")) is None


def test_a_full_evaluation_is_saved_with_a_revision_and_an_audit_event(editor):
    project = make_project(editor.organisation, editor.plan)
    url = f"/trajecten/{project.id}/evaluatie"
    response = helpers.post_form(editor.client, url, evaluation_form(**{"q-score_budget": "2"}))
    assert response.status_code == 302
    document = db.session.scalar(select(ProjectDocument).where(ProjectDocument.kind == "evaluatie"))
    assert document.answers["score_budget"] == "2" and document.answers["lessen"] == "Eerder naar de scholen gaan."
    assert document.version == 1 and not document.published
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "project.document_saved"))
    page = helpers.text_of(editor.client.get(url))
    assert "De evaluatie is opgeslagen." in page
    assert "Eerder naar de scholen gaan." in page  # in the trajectory report shown below the form


def test_the_evaluation_can_not_be_published_or_downloaded_as_its_own_document(editor):
    project = make_project(editor.organisation, editor.plan)
    assert helpers.post_form(editor.client, f"/trajecten/{project.id}/evaluatie", evaluation_form()).status_code == 302
    publish = helpers.post_form(editor.client, f"/trajecten/{project.id}/evaluatie/openbaar", {"publish": "ja"},
                                token_from=f"/trajecten/{project.id}")
    assert publish.status_code == 404
    assert editor.client.get(f"/trajecten/{project.id}/evaluatie.docx").status_code == 404
    assert editor.client.get(f"/openbaar/{editor.organisation.id}/trajecten/{project.id}/evaluatie").status_code == 404
    assert not db.session.scalar(select(ProjectDocument.published).where(ProjectDocument.kind == "evaluatie"))


def test_the_evaluation_marks_a_required_score_as_required_not_as_a_step_of_the_plan(editor):
    project = make_project(editor.organisation, phase="evaluatie")
    page = helpers.text_of(editor.client.get(f"/trajecten/{project.id}/evaluatie"))
    assert "(verplicht)" in page
    assert "nodig om de stap af te ronden" not in page
