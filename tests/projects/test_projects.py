"""Projects in an organisation: create, edit, delete, the list and its fixed number of queries."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import event, select

from app.extensions import db
from app.models import AuditEvent
from app.models.project import Project, ProjectDocument, ProjectRevision
from tests import helpers
from tests.projects.helpers import make_project


def _new(client, organisation_id, **overrides):
    data = {"name": "Nieuw park", "domain": "openbare_ruimte", "owner": "", "owner_name": "Piet Projectleider",
            "phase": "idee", "impact": "middel", "area": "Noord", "plan": "", **overrides}
    return helpers.post_form(client, f"/organisaties/{organisation_id}/trajecten/nieuw", data)


def test_a_beheerder_creates_a_project_and_sees_it_in_the_list(editor):
    response = _new(editor.client, editor.organisation.id, plan=str(editor.plan.id))
    assert response.status_code == 302
    project = db.session.scalar(select(Project))
    assert (project.name, project.owner_name, project.plan_id) == ("Nieuw park", "Piet Projectleider", editor.plan.id)
    page = helpers.text_of(editor.client.get(f"/organisaties/{editor.organisation.id}/trajecten"))
    assert "Nieuw park" in page and "Idee" in page
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "project.created"))


def test_a_project_without_name_or_with_an_unknown_domain_is_refused_and_kept_on_the_page(editor):
    response = _new(editor.client, editor.organisation.id, name="", domain="maan", area="Zuidwijk")
    assert response.status_code == 400
    text = helpers.text_of(response)
    assert "Vul de naam van het traject in." in text
    assert "Ongeldige keuze." in text
    assert "Zuidwijk" in response.get_data(as_text=True)
    assert db.session.scalar(select(Project)) is None


def test_owner_is_a_member_or_a_free_name_not_both(editor):
    response = _new(editor.client, editor.organisation.id, owner=str(editor.user.id), owner_name="Iemand")
    assert response.status_code == 400
    assert "niet allebei" in helpers.text_of(response)
    assert _new(editor.client, editor.organisation.id, owner=str(editor.user.id), owner_name="").status_code == 302
    assert db.session.scalar(select(Project.owner_id)) == editor.user.id


def test_an_edit_from_an_older_version_is_a_conflict_not_an_overwrite(editor):
    project = make_project(editor.organisation, editor.plan, phase="idee")
    url = f"/trajecten/{project.id}/bewerken"
    data = {"name": project.name, "domain": "openbare_ruimte", "owner": "", "owner_name": "", "phase": "uitvoering",
            "impact": "groot", "area": "", "plan": str(editor.plan.id), "version": "1"}
    assert helpers.post_form(editor.client, url, data).status_code == 302
    stale = helpers.post_form(editor.client, url, dict(data, phase="evaluatie", version="1"))
    assert stale.status_code == 400
    assert "Iemand anders heeft het traject intussen gewijzigd" in helpers.text_of(stale)
    db.session.expire_all()
    assert db.session.get(Project, project.id).phase == "uitvoering"
    versions = helpers.text_of(editor.client.get(f"/trajecten/{project.id}/versies"))
    assert "Bea Beheerder" in versions and "opgeslagen: fase" in versions


def test_only_a_beheerder_deletes_after_typing_the_name(editor):
    project = make_project(editor.organisation, editor.plan)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", {"q-doel": "Een revisie."})
    assert db.session.scalar(select(ProjectRevision)) is not None
    redacteur = helpers.make_user("r@voorbeeld.nl", "Rik Redacteur")
    helpers.add_member(editor.organisation, redacteur, "redacteur")
    other = helpers.make_user("r2@voorbeeld.nl")
    client = editor.client.application.test_client()
    helpers.login(client, "r@voorbeeld.nl")
    assert client.get(f"/trajecten/{project.id}/verwijderen").status_code == 403
    wrong = helpers.post_form(editor.client, f"/trajecten/{project.id}/verwijderen", {"confirm": "iets anders"})
    assert wrong.status_code == 422 and db.session.get(Project, project.id) is not None
    ok = helpers.post_form(editor.client, f"/trajecten/{project.id}/verwijderen", {"confirm": project.name})
    assert ok.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Project)) is None and other
    assert db.session.scalar(select(ProjectRevision)) is None


def test_another_organisation_gets_404_for_every_project_page(editor, browser):
    project = make_project(editor.organisation, editor.plan)
    outsider = helpers.make_user("b@elders.nl")
    helpers.make_organisation("Elders", outsider)
    client = browser()
    helpers.login(client, "b@elders.nl")
    for url in (f"/trajecten/{project.id}", f"/trajecten/{project.id}/participatieplan",
                f"/trajecten/{project.id}/participatieplan.docx", f"/trajecten/{project.id}/versies",
                f"/organisaties/{editor.organisation.id}/trajecten"):
        assert client.get(url).status_code == 404, url


@pytest.mark.fresh_app("counts the statements a page sends; the savepoints of a shared transaction would count")
def test_500_projects_list_quickly_with_a_fixed_number_of_queries(editor):
    organisation = editor.organisation

    def add(count):
        projects = [Project(organisation_id=organisation.id, name=f"Traject {i}", domain="economie", phase="idee",
                            impact="klein") for i in range(count)]
        db.session.add_all(projects)
        db.session.flush()
        db.session.add_all(ProjectDocument(project_id=p.id, kind="participatieplan", answers={"doel": "x"},
                                           published=i % 2 == 0) for i, p in enumerate(projects))
        db.session.commit()

    def count_queries(url):
        statements = []
        engine = db.engine
        listener = lambda *args: statements.append(args[2])
        event.listen(engine, "before_cursor_execute", listener)
        try:
            started = time.perf_counter()
            response = editor.client.get(url)
            elapsed = time.perf_counter() - started
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        assert response.status_code == 200
        return len(statements), elapsed, response

    url = f"/organisaties/{organisation.id}/trajecten"
    add(5)
    few, _t, _r = count_queries(url)
    add(495)
    many, elapsed, response = count_queries(url)
    assert many == few, f"{few} queries for 5 projects, {many} for 500"
    assert "500 trajecten" in helpers.text_of(response)
    assert elapsed < 1.0  # generous for a shared test machine; bench/projects.py measures against the 100 ms target
    assert db.session.scalar(select(ProjectRevision)) is None
