"""Stored text that XML cannot hold (control characters from before the input was cleaned) still gives a DOCX."""
from __future__ import annotations

import io
import zipfile

from app.extensions import db
from app.models import StepAnswer
from tests.ordinance.docx_reading import read_docx


def test_docx_downloads_although_stored_names_and_answers_hold_control_characters(editor):
    # Written straight into the database, as older versions of the assistant let it in.
    editor.organisation.name = "Voor\x01beeld\x0b"
    editor.plan.title = "Plan\x1f"
    db.session.add(StepAnswer(plan=editor.plan, step_number=8, version=1,
                              answers={"citeertitel": "Participatieverordening\x02 Voorbeeld\ufffe"}))
    db.session.commit()
    response = editor.client.get(f"/plannen/{editor.plan.id}/verordening.docx")
    assert response.status_code == 200
    document = read_docx(response.data)
    text = document.text()
    assert "Voorbeeld" in text and "Participatieverordening Voorbeeld" in text
    with zipfile.ZipFile(io.BytesIO(response.data)) as docx:
        xml = "".join(docx.read(name).decode("utf-8") for name in docx.namelist() if name.endswith(".xml"))
    assert not any(c in xml for c in "\x01\x02\x0b\x1f\ufffe")
    assert "Voorbeeld" in document.doc.core_properties.category
