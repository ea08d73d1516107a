"""LibreOffice opens the generated documents: converting to PDF succeeds and the PDF holds the articles."""
import subprocess

import pytest

from app.services.questions.handreiking import load_handreiking
from app.services.ordinance import build_ordinance, load_library
from app.services.ordinance.docx_render import render_ordinance_docx
from app.services.plans.exchange import plan_input_from_document
from tests.conftest import require_tool
from tests.ordinance.test_docx import HOSTILE, ROOT, everything, plan_doc

pytestmark = pytest.mark.tool


@pytest.mark.parametrize("name, steps", [("minimaal", {}), ("alles", None), ("vijandig", "hostile")])
def test_libreoffice_converts_docx_to_pdf_with_all_articles(tmp_path, name, steps):
    require_tool("/usr/bin/soffice", "LibreOffice controleert dat Word-bestanden te openen zijn")
    require_tool("/usr/bin/pdftotext", "pdftotext (poppler-utils) leest de tekst uit de PDF")
    handreiking = load_handreiking(ROOT / "handreiking")
    if steps is None:
        steps = everything()
    elif steps == "hostile":
        steps = everything()
        steps["5"]["uitdaagrecht_taken"] = HOSTILE
    ordinance = build_ordinance(load_library(ROOT / "ordinance_templates"), handreiking,
                                plan_input_from_document(plan_doc(steps), handreiking))
    source = tmp_path / f"{name}.docx"
    source.write_bytes(render_ordinance_docx(ordinance))
    result = subprocess.run(
        ["/usr/bin/soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / f"{name}.pdf"
    assert result.returncode == 0 and pdf.exists() and pdf.stat().st_size > 5000, result.stderr
    text = subprocess.run(["/usr/bin/pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    for article in ordinance.articles():
        assert article.heading in flat, f"{article.heading} ontbreekt in de PDF"
    assert "Toelichting" in flat and "CONCEPT" in flat
    assert "Pagina 1 van" in flat
