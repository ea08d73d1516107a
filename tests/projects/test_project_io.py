"""A project as a JSON file: exported, read back into an organisation, and refused when it is not right."""
from __future__ import annotations

import io
import json

from sqlalchemy import func, select

from app.extensions import db
from app.models.project import Project, ProjectDocument
from tests import helpers
from tests.projects.helpers import PLAN_FORM, fill_ordinance, make_project


def _import(client, organisation_id, data: bytes):
    token = helpers.csrf_token(client, f"/organisaties/{organisation_id}/trajecten")
    return client.post(f"/organisaties/{organisation_id}/trajecten/importeren",
                       data={"csrf_token": token, "file": (io.BytesIO(data), "traject.json")},
                       content_type="multipart/form-data")


def test_export_and_import_give_the_same_project_without_names_or_publication(editor):
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan, owner_id=editor.user.id)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", PLAN_FORM)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan/openbaar", {"publish": "ja"},
                      token_from=f"/trajecten/{project.id}")
    exported = editor.client.get(f"/trajecten/{project.id}/traject.json")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    assert "Bea Beheerder" not in exported.get_data(as_text=True)
    response = _import(editor.client, editor.organisation.id, exported.data)
    assert response.status_code == 302
    copy = db.session.scalars(select(Project).order_by(Project.id.desc())).first()
    assert copy.id != project.id and copy.name == project.name and copy.impact == "groot"
    assert copy.document("participatieplan").answers == project.document("participatieplan").answers
    assert copy.document("participatieplan").published is False
    versions = helpers.text_of(editor.client.get(f"/trajecten/{copy.id}/versies"))
    assert "ingelezen" in versions


def test_a_wrong_file_is_refused_next_to_the_field_and_nothing_is_written(editor):
    good = {"format": "participatie-assistent/traject", "version": 1,
            "project": {"name": "X", "domain": "economie", "phase": "idee", "impact": "klein"},
            "documents": {"participatieplan": {"invloed": "alles"}}}
    cases = [(b"geen json", "geen leesbaar JSON-bestand"),
             (json.dumps({"format": "iets"}).encode(), "geen trajectbestand"),
             (json.dumps(good).encode(), "invloed"),
             (json.dumps(dict(good, documents={"participatieplan": {"doel": "a\u0000b"}})).encode(), "tekens"),
             (json.dumps(dict(good, project=dict(good["project"], domain="maan"))).encode(), "domain")]
    for data, message in cases:
        response = _import(editor.client, editor.organisation.id, data)
        assert response.status_code == 400, message
        assert message in helpers.text_of(response), message
    assert db.session.scalar(select(func.count(Project.id))) == 0
    assert db.session.scalar(select(func.count(ProjectDocument.id))) == 0
