"""The zelfscan runs on the question engine: statements are scale questions, loaded, parsed and exported by it."""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import AuditEvent, SelfScanAnswer
from app.services.questions.handreiking import ContentError
from app.services.zelfscan.zelfscan import load_zelfscan
from tests import helpers
from tests.zelfscan.conftest import fill


def test_every_statement_is_a_choice_of_one_to_five_as_the_survey_scale(app):
    for statement in content.zelfscan().statements.values():
        q = statement.question
        assert q.type == "choice" and [o.value for o in q.options] == ["1", "2", "3", "4", "5"]
        assert q.label == statement.text and q.csv_value("4") == "4 eens"


def test_a_bad_statement_key_is_reported_by_the_question_loader_naming_the_file(tmp_path):
    (tmp_path / "zelfscan.yaml").write_text(
        "- {key: raad, kind: succesfactor, title: De raad, statements: [{key: a__b, text: Een}]}", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^zelfscan/zelfscan\.yaml, vraag 'a__b': de sleutel mag alleen"):
        load_zelfscan(tmp_path)


def test_the_scores_are_stored_as_integers(editor):
    assert fill(editor.client, editor.organisation.id, 2026, 4).status_code == 302
    scores = db.session.scalars(select(SelfScanAnswer.score)).all()
    assert scores and all(s == 4 and isinstance(s, int) for s in scores)


def test_the_scans_download_as_csv_with_the_types_labels_and_safe_notes(editor):
    organisation = editor.organisation
    fill(editor.client, organisation.id, 2025, 2, note="=SOM(A1)")
    fill(editor.client, organisation.id, 2026, 5)
    page = editor.client.get(f"/organisaties/{organisation.id}/zelfscan").get_data(as_text=True)
    assert f'href="/organisaties/{organisation.id}/zelfscan.csv"' in page
    response = editor.client.get(f"/organisaties/{organisation.id}/zelfscan.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Thema", "Stelling", "Score 2025", "Toelichting 2025", "Score 2026", "Toelichting 2026"]
    first = content.zelfscan().themes[0]
    assert rows[1] == [first.title, first.statements[0].text, "2 oneens", "'=SOM(A1)", "5 helemaal eens", ""]
    assert len(rows) == 1 + len(content.zelfscan().statement_keys)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "zelfscan.exported")) is not None


def test_a_meelezer_sees_no_download_link_and_gets_403(editor, browser):
    organisation = editor.organisation
    fill(editor.client, organisation.id, 2026, 4)
    reader = helpers.make_user("lezer@voorbeeld.nl", "Lea Lezer")
    helpers.add_member(organisation, reader, "meelezer")
    client = browser()
    helpers.login(client, reader.email)
    page = client.get(f"/organisaties/{organisation.id}/zelfscan").get_data(as_text=True)
    assert "De raad 4,0" in helpers.text_of(client.get(f"/organisaties/{organisation.id}/zelfscan"))
    assert f"/organisaties/{organisation.id}/zelfscan.csv" not in page
    assert client.get(f"/organisaties/{organisation.id}/zelfscan.csv").status_code == 403
