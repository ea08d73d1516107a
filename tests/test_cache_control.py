"""No page of a logged-in person and no download stays in a browser's or proxy's cache; static files do."""
from __future__ import annotations

import pytest

from app.models import Invitation, Project, ProjectDocument
from app.models.case import Case
from app.extensions import db
from app import content
from app.services.plans import comments, plans
from app.services.surveys import surveys
from app.services.atelier import ateliers, homework
from app.services.core.access import PUBLIC
from tests import helpers

SKIPPED = {"static", "assets.vendor"}  # the same for everyone: they keep caching (tested below)
QUERY = {"history.compare": lambda ids: f"?van={ids['snapshot_id']}&naar=huidig",
         "ordinance.changes_docx": lambda ids: f"?van={ids['snapshot_id']}&naar=huidig",
         "workspaces.audit_log": lambda ids: "?soort=plan.export&van=2026-01-01"}


def _url(app, rule, ids) -> str:
    values = {name: ids[name] for name in rule.arguments}
    if rule.endpoint.startswith("atelier.") and "token" in values:
        values["token"] = ids["atelier_token"]
    if rule.endpoint.startswith("projects.") and "kind" in values:  # a project's documents are other kinds than a plan's
        values["kind"] = ids["project_kind"]
    if rule.endpoint == "documents.download_pdf":  # only the publication version has a PDF/A
        values["kind"] = "publicatie"
    url = app.url_map.bind("localhost").build(rule.endpoint, values)
    return url + QUERY.get(rule.endpoint, lambda _ids: "")(ids)


@pytest.fixture()
def ids(editor):
    user, plan = editor.user, editor.plan
    plans.save_step(plan, 1, {"participatie_definitie": "Samen beleid maken."}, user, None)
    snapshot = plans.take_snapshot(plan, "Eerste versie", user)
    comment = comments.add_comment(plan, "step:1", "Klopt dit?", by=user)
    db.session.add(Invitation(organisation_id=editor.organisation.id, token="uitnodiging-1", role="meelezer",
                              created_by_id=user.id))
    atelier = ateliers.create_atelier("Leeratelier", user)
    link = ateliers.create_invitation(atelier, "", user)
    participant = ateliers.join(link.token, plan, user)
    open_link = ateliers.create_invitation(atelier, "", user)
    assignment = homework.add_assignment(atelier, 1, user, kind="opdracht", title="Opdracht", description="",
                                         due_date=None)
    project = Project(organisation_id=editor.organisation.id, name="Stationsplein", domain="economie", phase="idee",
                      impact="klein", plan_id=plan.id)
    db.session.add(project)
    db.session.flush()
    db.session.add(ProjectDocument(project_id=project.id, kind="participatieplan", answers={"doel": "Meedenken."},
                                   version=1, published=True))
    case = Case(project_id=project.id, title="Casus", approach="Gedaan.", outcomes="Veel.", lessons="", factors="",
                published=True)
    db.session.add(case)
    survey = surveys.open_survey(project, by=user)   # with five responses, so its results and CSV exist
    for _ in range(5):
        surveys.submit(survey, {"weer_meedoen": "4"}, content.surveys(), by=PUBLIC)
    db.session.commit()
    _version, filed, initiative = helpers.make_loket(plan, snapshot, user)
    return {"request_id": filed.id, "attachment_id": filed.attachments[0].id, "initiative_id": initiative.id,
            "right_key": "uitdaagrecht", "request_token": filed.token, "support_token": "steun-voor-een-burgerinitiatief",
            "case_id": case.id, "survey_token": survey.token, "assignment_id": assignment.id,
            "atelier_id": atelier.id, "participant_id": participant.id, "link_id": open_link.id,
            "plan_id": plan.id, "organisation_id": editor.organisation.id, "snapshot_id": snapshot.id,
            "comment_id": comment.id, "membership_id": editor.user.memberships[0].id, "number": 1,
            "token": "uitnodiging-1", "action": "afhandelen", "article_key": "citeertitel",
            "atelier_token": open_link.token, "year": 2026, "kind": "uitvoeringsprogramma",
            "project_kind": "participatieplan", "project_id": project.id,
            "public_id": editor.organisation.id, "public_project_id": project.id}


def test_every_get_route_of_a_logged_in_user_is_no_store(app, editor, ids):
    app.config["SOFFICE_PATH"] = "/geen/soffice"  # the PDF/A page then answers at once (it says LibreOffice is missing)
    checked = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIPPED:
            continue
        url = _url(app, rule, ids)
        response = editor.client.get(url)
        assert response.status_code < 400, f"{url}: {response.status_code}"
        assert response.headers.get("Cache-Control") == "no-store", f"{url}: {response.headers.get('Cache-Control')}"
        checked.append(rule.endpoint)
    # The downloads are among them, and so is every kind of page.
    for endpoint in ("ordinance.download", "ordinance.changes_docx", "documents.download", "plans.export",
                     "accounts.my_data", "plans.index", "wizard.step", "workspaces.audit_log", "workspaces.settings",
                     "plans.delete", "projects.download", "projects.export", "projects.public_document",
                     "surveys.export", "surveys.answer"):
        assert endpoint in checked
    assert len(checked) >= 20


def test_error_pages_of_a_logged_in_user_are_no_store_too(editor):
    response = editor.client.get("/plannen/999999")
    assert response.status_code == 404 and response.headers["Cache-Control"] == "no-store"


def test_static_files_keep_caching_and_anonymous_pages_are_not_marked(app, editor, client):
    for url in ("/static/css/app.css", "/static/js/app.js"):
        response = editor.client.get(url)
        assert response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", "")
    anonymous = app.test_client()
    response = anonymous.get("/inloggen")
    assert response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", "")
