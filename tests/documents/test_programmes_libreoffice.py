"""LibreOffice opens the programmes of the demo plan: converting to PDF succeeds and the PDF holds the activities."""
import json

import pytest

from app import content
from app.extensions import db
from app.services.plans import exchange as plan_io
from app.services.documents.docx_writer import render_docx
from app.services.documents.registry import KINDS
from tests.conftest import libreoffice_text
from tests.documents.test_programmes import DEMO
from app.services.core.access import SYSTEM

pytestmark = pytest.mark.tool


@pytest.mark.parametrize("kind, expected", [
    ("uitvoeringsprogramma", ["Jongerenpanel via scholen en de jongerenraad", "€ 85.000,50", "mrt 2027 – feb 2028"]),
    ("leerprogramma", ["Intervisie over de pilotprojecten", "€ 9.500", "Iedereen kan meedoen"]),
])
def test_libreoffice_converts_the_programme_to_pdf(app, tmp_path, kind, expected):
    plan = plan_io.import_plan(json.loads(json.dumps(DEMO)), content.handreiking(), by=SYSTEM)
    db.session.commit()
    flat = libreoffice_text(render_docx(KINDS[kind].build(plan, content.current())), tmp_path, kind)
    for text in expected + ["Planning per maand", "CONCEPT"]:
        assert text in flat, f"{text} ontbreekt in de PDF"
