"""LibreOffice opens the DOCX with tracked changes: it converts to PDF, and a round trip through LibreOffice's own
DOCX writer keeps the revisions, so they were read as revisions and not as plain text."""
import subprocess

import pytest

from tests.conftest import require_tool
from tests.ordinance.test_jurist import _two_versions, revisions

pytestmark = pytest.mark.tool


def _convert(tmp_path, source, to: str):
    result = subprocess.run(
        ["/usr/bin/soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", to, "--outdir", str(tmp_path / to.split(":")[0]), str(source)],
        capture_output=True, text=True, timeout=180)
    out = tmp_path / to.split(":")[0] / source.with_suffix("." + to.split(":")[0]).name
    assert result.returncode == 0 and out.exists(), result.stderr
    return out


def test_libreoffice_opens_the_tracked_changes_and_keeps_them(tmp_path, editor):
    require_tool("/usr/bin/soffice", "LibreOffice controleert dat Word-bestanden te openen zijn")
    require_tool("/usr/bin/pdftotext", "pdftotext (poppler-utils) leest de tekst uit de PDF")
    plan, snapshot = _two_versions(editor)
    response = editor.client.get(f"/plannen/{plan.id}/verordening/wijzigingen.docx?van={snapshot.id}&naar=huidig")
    assert response.status_code == 200
    source = tmp_path / "wijzigingen.docx"
    source.write_bytes(response.data)

    pdf = _convert(tmp_path, source, "pdf")
    text = " ".join(subprocess.run(["/usr/bin/pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Artikel 12. Eigen inspraakprocedure" in text and "Toelichting" in text

    again = _convert(tmp_path, source, "docx:MS Word 2007 XML")
    kept = revisions(again.read_bytes())
    print(f"revisies na LibreOffice: {len(kept['ins'])} ingevoegd, {len(kept['del'])} verwijderd")
    assert "8" in [t.strip() for t, *_ in kept["ins"]] and "4" in [t.strip() for t, *_ in kept["del"]]
    assert {author for _t, author, _d in kept["ins"] + kept["del"]} == {editor.user.name}
