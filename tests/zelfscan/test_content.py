"""The zelfscan's statements come from handreiking/zelfscan/zelfscan.yaml, checked at start-up."""
from __future__ import annotations

import pytest

from app.services.questions.handreiking import ContentError
from app.services.zelfscan.zelfscan import load_zelfscan

PERSPECTIVES = {"raad", "college", "organisatie", "inwoners"}
FACTORS = {"transparant", "budget", "afspiegeling", "faciliterend", "ervaring", "experimenteren"}


def test_the_content_file_has_the_four_perspectives_and_the_six_success_factors(app):
    from app import content
    themes = content.zelfscan().themes
    assert {t.key for t in themes if t.kind == "perspectief"} == PERSPECTIVES
    assert {t.key for t in themes if t.kind == "succesfactor"} == FACTORS
    assert all(t.statements for t in themes)


BROKEN = {
    "not YAML": "- key: raad\n  kind: [perspectief",
    "not a list": "key: raad",
    "unknown kind": "- {key: raad, kind: mening, title: De raad, statements: [{key: a, text: Tekst}]}",
    "statement twice": ("- {key: raad, kind: succesfactor, title: De raad, statements: [{key: a, text: Een}, "
                        "{key: a, text: Twee}]}"),
    "empty text": "- {key: raad, kind: succesfactor, title: De raad, statements: [{key: a, text: ''}]}",
    "missing title": "- {key: raad, kind: succesfactor, statements: [{key: a, text: Een}]}",
    "no success factor": "- {key: raad, kind: perspectief, title: De raad, statements: [{key: a, text: Een}]}",
}


@pytest.mark.parametrize("label", BROKEN)
def test_a_malformed_file_stops_the_start_naming_the_file(tmp_path, label):
    (tmp_path / "zelfscan.yaml").write_text(BROKEN[label], encoding="utf-8")
    with pytest.raises(ContentError, match=r"zelfscan/zelfscan\.yaml"):
        load_zelfscan(tmp_path)


def test_a_missing_file_names_the_file(tmp_path):
    with pytest.raises(ContentError, match=r"zelfscan/zelfscan\.yaml: het bestand ontbreekt"):
        load_zelfscan(tmp_path)


def test_the_app_does_not_start_with_a_malformed_zelfscan_file(tmp_path):
    import shutil

    from app import create_app
    from config import TestConfig

    folder = tmp_path / "handreiking"
    shutil.copytree(TestConfig.HANDREIKING_DIR, folder)
    (folder / "zelfscan" / "zelfscan.yaml").write_text(BROKEN["unknown kind"], encoding="utf-8")
    config = type("BrokenContent", (TestConfig,), {"HANDREIKING_DIR": str(folder)})
    with pytest.raises(ContentError, match=r"zelfscan/zelfscan\.yaml, thema 'raad': 'kind' moet"):
        create_app(config)
