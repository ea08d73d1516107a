"""LibreOffice opens the benchmark report: converted to PDF, its text holds the workspace's position per theme and
the group's figures, and no other workspace's name."""
import subprocess

import pytest

from app.extensions import db
from tests.conftest import require_tool
from tests.zelfscan.conftest import fill, scanned_workspace
from tests import helpers

pytestmark = pytest.mark.tool


def test_libreoffice_opens_the_benchmark_report_and_its_figures_read_back(tmp_path, editor):
    require_tool("/usr/bin/soffice", "LibreOffice controleert dat Word-bestanden te openen zijn")
    require_tool("/usr/bin/pdftotext", "pdftotext (poppler-utils) leest de tekst uit de PDF")
    editor.municipality.inhabitants = 30_000
    db.session.commit()
    fill(editor.client, editor.municipality.id, 2026, 3)
    helpers.post_form(editor.client, f"/organisaties/{editor.municipality.id}/benchmark/deelname", {"choice": "ja"},
                      token_from=f"/organisaties/{editor.municipality.id}/benchmark")
    others = [scanned_workspace(f"Anderdorp{i}", 2026, 1 + i) for i in range(5)]
    response = editor.client.get(f"/organisaties/{editor.municipality.id}/benchmark/2026/rapport.docx")
    source = tmp_path / "rapport.docx"
    source.write_bytes(response.data)
    result = subprocess.run(["/usr/bin/soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(source)],
                            capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "pdf" / "rapport.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    text = " ".join(subprocess.run(["/usr/bin/pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Benchmarkrapport 2026" in text and "Uw positie per thema" in text
    assert "De raad 3,0 ██████░░░░ op de mediaan" in text
    assert "De raad 1,0 2,0 3,0 4,0 5,0" in text
    assert "Succesfactoren met de laagste score" in text
    assert not [o.name for o in others if o.name in text]
