"""LibreOffice opens the programmes of the demo plan: converting to PDF succeeds and the PDF holds the activities."""
import json
import subprocess

import pytest

from app import content
from app.extensions import db
from app.services import plan_io
from app.services.documents.docx_writer import render_docx
from app.services.documents.registry import KINDS
from tests.conftest import require_tool
from tests.documents.test_programmes import DEMO

pytestmark = pytest.mark.tool


@pytest.mark.parametrize("kind, expected", [
    ("uitvoeringsprogramma", ["Jongerenpanel via scholen en de jongerenraad", "€ 85.000,50", "mrt 2027 – feb 2028"]),
    ("leerprogramma", ["Intervisie over de pilotprojecten", "€ 9.500", "Iedereen kan meedoen"]),
])
def test_libreoffice_converts_the_programme_to_pdf(app, tmp_path, kind, expected):
    require_tool("/usr/bin/soffice", "LibreOffice controleert dat Word-bestanden te openen zijn")
    require_tool("/usr/bin/pdftotext", "pdftotext (poppler-utils) leest de tekst uit de PDF")
    plan = plan_io.import_plan(json.loads(json.dumps(DEMO)), content.handreiking())
    db.session.commit()
    source = tmp_path / f"{kind}.docx"
    source.write_bytes(render_docx(KINDS[kind].build(plan, content.handreiking())))
    result = subprocess.run(
        ["/usr/bin/soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / f"{kind}.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    flat = " ".join(subprocess.run(["/usr/bin/pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for text in expected + ["Planning per maand", "CONCEPT"]:
        assert text in flat, f"{text} ontbreekt in de PDF"
