"""`flask ordinance build PLAN.json --out FILE.docx` as legal staff or an administrator uses it."""
import json

from tests.ordinance.docx_reading import read_docx
from tests.services.test_plan_io import DEMO


def test_build_writes_docx_and_prints_open_points(app, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(DEMO), encoding="utf-8")
    out = tmp_path / "verordening.docx"
    result = app.test_cli_runner().invoke(args=["ordinance", "build", str(plan), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "24 artikelen in 8 hoofdstukken" in result.output
    assert "open punt: Wanneer treedt de verordening in werking? (stap 8)" in result.output
    docx = read_docx(out.read_bytes())
    assert docx.paragraphs[0][1] == "Participatieverordening Voorbeeldstad"
    assert "Artikel 24. Citeertitel" in docx.headings(2)


def test_build_refuses_wrong_version_and_writes_nothing(app, tmp_path):
    doc = dict(DEMO, version=3)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "verordening.docx"
    result = app.test_cli_runner().invoke(args=["ordinance", "build", str(plan), "--out", str(out)])
    assert result.exit_code != 0
    assert "version: versie 3 wordt niet ondersteund" in result.output
    assert not out.exists()


def test_build_refuses_wrong_shape(app, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps([1, 2, 3]), encoding="utf-8")
    out = tmp_path / "verordening.docx"
    result = app.test_cli_runner().invoke(args=["ordinance", "build", str(plan), "--out", str(out)])
    assert result.exit_code != 0 and "het bestand moet een JSON-object zijn" in result.output
    assert not out.exists()
