"""LibreOffice opens the demo project's participatieplan and -verslag: each converts to a PDF holding its sections."""
import subprocess

import pytest
from sqlalchemy import select

from app import content
from app.extensions import db
from app.models.project import Project
from app.services.documents.docx_writer import render_docx
from app.services.documents.registry import KINDS
from tests.conftest import require_tool

pytestmark = pytest.mark.tool

SECTIONS = {"participatieplan": ["Doel van de participatie", "Mate van invloed", "Wie worden betrokken",
                                 "Werkvormen", "Planning", "Twee ontwerpavonden", "Terugkoppeling"],
            "participatieverslag": ["Wat is er gedaan", "Wie deden er mee", "Totaal", "569",
                                    "Wat is er met de inbreng gedaan, en waarom", "Terugkoppeling aan de deelnemers"]}


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_libreoffice_converts_the_demo_project_s_documents(app, tmp_path, kind):
    require_tool("/usr/bin/soffice", "LibreOffice controleert dat Word-bestanden te openen zijn")
    require_tool("/usr/bin/pdftotext", "pdftotext (poppler-utils) leest de tekst uit de PDF")
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    project = db.session.scalar(select(Project).where(Project.name == "Herinrichting Stationsplein"))
    source = tmp_path / f"{kind}.docx"
    source.write_bytes(render_docx(KINDS[kind].build(project, content.handreiking())))
    result = subprocess.run(
        ["/usr/bin/soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / f"{kind}.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    text = subprocess.run(["/usr/bin/pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    for section in SECTIONS[kind]:
        assert section in flat, f"{section} ontbreekt in de PDF"
