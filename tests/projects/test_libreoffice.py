"""LibreOffice opens the demo project's participatieplan and -verslag: each converts to a PDF holding its sections."""
import pytest
from sqlalchemy import select

from app import content
from app.extensions import db
from app.models.project import Project
from app.services.documents.docx_writer import render_docx
from app.services.documents.registry import KINDS
from tests.conftest import libreoffice_text

pytestmark = pytest.mark.tool

SECTIONS = {"participatieplan": ["Doel van de participatie", "Mate van invloed", "Wie worden betrokken",
                                 "Werkvormen", "Planning", "Twee ontwerpavonden", "Terugkoppeling"],
            "participatieverslag": ["Wat is er gedaan", "Wie deden er mee", "Totaal", "569",
                                    "Wat is er met de inbreng gedaan, en waarom", "Terugkoppeling aan de deelnemers"]}


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_libreoffice_converts_the_demo_project_s_documents(app, tmp_path, kind):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    project = db.session.scalar(select(Project).where(Project.name == "Herinrichting Stationsplein"))
    flat = libreoffice_text(render_docx(KINDS[kind].build(project, content.current())), tmp_path, kind, layout=True)
    for section in SECTIONS[kind]:
        assert section in flat, f"{section} ontbreekt in de PDF"
