"""LibreOffice opens the benchmark report: converted to PDF, its text holds the organisation's position per theme and
the group's figures, and no other organisation's name."""
from datetime import datetime

import pytest

from app.extensions import db
from tests.conftest import libreoffice_text
from tests.zelfscan.conftest import fill, scanned_organisation
from tests import helpers

pytestmark = pytest.mark.tool


def test_libreoffice_opens_the_benchmark_report_and_its_figures_read_back(tmp_path, editor):
    editor.organisation.inhabitants = 30_000
    editor.organisation.verified_at = datetime(2026, 1, 5)
    db.session.commit()
    fill(editor.client, editor.organisation.id, 2026, 3)
    helpers.post_form(editor.client, f"/organisaties/{editor.organisation.id}/benchmark/deelname", {"choice": "ja"},
                      token_from=f"/organisaties/{editor.organisation.id}/benchmark")
    others = [scanned_organisation(f"Anderdorp{i}", 2026, 1 + i) for i in range(5)]
    response = editor.client.get(f"/organisaties/{editor.organisation.id}/benchmark/2026/rapport.docx")
    text = libreoffice_text(response.data, tmp_path, "rapport", layout=True)
    assert "Benchmarkrapport 2026" in text and "Uw positie per thema" in text
    assert "De raad 3,0 ██████░░░░ op de mediaan" in text
    assert "De raad 1,0 2,0 3,0 4,0 5,0" in text
    assert "Succesfactoren met de laagste score" in text
    assert not [o.name for o in others if o.name in text]
