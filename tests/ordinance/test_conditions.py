"""Conditions and texts of the clause library, and the reader's rules, name questions that exist: a misspelled key
or option stops the start with the file and the condition, instead of silently reading as "not answered"."""
import shutil
from pathlib import Path

import pytest

from app import create_app
from app.services.questions.handreiking import ContentError
from app.services.ordinance import LibraryError
from config import TestConfig

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = "hoofdstuk-2-participatie-bij-beleid.yaml"


def _config(**folders):
    return type("Content", (TestConfig,), {k: str(v) for k, v in folders.items()})


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_real_content_loads():
    app = create_app(TestConfig)
    assert app.extensions["clause_library"].sources


@pytest.mark.parametrize("old, new, report", [
    # a misspelled key in a condition
    ('when: "a.wie_beslist == \'eigen_bevoegdheid\'"', 'when: "a.wie_besliste == \'eigen_bevoegdheid\'"',
     "onbekende vraag 'wie_besliste'"),
    # an option the question does not have
    ('when: "a.wie_beslist == \'eigen_bevoegdheid\'"', 'when: "a.wie_beslist == \'eigen_bevoegdhied\'"',
     "'eigen_bevoegdhied' is geen optie van vraag 'wie_beslist'"),
    ("when: \"a.wie_beslist in ['standaard_tenzij', 'afwijken_na_melding']\"",
     "when: \"a.wie_beslist in ['standaard_tenzij', 'afwijken']\"", "'afwijken' is geen optie van vraag 'wie_beslist'"),
    ("when: \"(has('initiatief', 'inwoners') or", "when: \"(has('initiatief', 'bewoners') or",
     "'bewoners' is geen optie van vraag 'initiatief'"),
    # in a text, not a condition
    ("{{ a.participatieverzoek_beslistermijn_weken or 8 }}", "{{ a.beslistermijn_weken or 8 }}",
     "onbekende vraag 'beslistermijn_weken'"),
    ("decided_by: [wie_beslist, initiatief,", "decided_by: [wie_beslist, initiatieven,",
     "onbekende vraag 'initiatieven'"),
])
def test_a_misspelled_key_or_option_stops_the_start(tmp_path, old, new, report):
    folder = tmp_path / "ordinance_templates"
    shutil.copytree(ROOT / "ordinance_templates", folder)
    _break(folder / CHAPTER, old, new)
    with pytest.raises(LibraryError) as excinfo:
        create_app(_config(ORDINANCE_TEMPLATES_DIR=folder))
    message = str(excinfo.value)
    assert message.startswith(CHAPTER + ": artikel 'besluit_over_participatie'")
    assert report in message


def test_own_wording_of_a_question_without_it_stops_the_start(tmp_path):
    folder = tmp_path / "ordinance_templates"
    shutil.copytree(ROOT / "ordinance_templates", folder)
    _break(folder / CHAPTER, "a.uitzonderingen__anders", "a.participatieverzoek_beslistermijn_weken__anders")
    with pytest.raises(LibraryError, match=f"{CHAPTER}: .*onbekende vraag 'participatieverzoek_beslistermijn_weken__anders'"):
        create_app(_config(ORDINANCE_TEMPLATES_DIR=folder))


def test_a_misspelled_key_in_the_reader_rules_stops_the_start(tmp_path):
    folder = tmp_path / "handreiking"
    shutil.copytree(ROOT / "handreiking", folder)
    _break(folder / "reader" / "rules.yaml", "- key: participatie_vormen", "- key: participatievormen")
    with pytest.raises(ContentError, match="rules.yaml: beslispunt participatievormen: deze vraag bestaat niet"):
        create_app(_config(HANDREIKING_DIR=folder))
