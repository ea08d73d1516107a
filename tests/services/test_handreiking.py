"""The guide's content is validated at start-up; a broken file is reported with its name."""
import shutil
from pathlib import Path

import pytest

from app import create_app
from app.services.questions.handreiking import ContentError, load_handreiking
from config import TestConfig

SOURCE = Path(__file__).resolve().parents[2] / "handreiking"


@pytest.fixture()
def content_dir(tmp_path):
    target = tmp_path / "handreiking"
    shutil.copytree(SOURCE, target)
    return target


def test_real_content_has_eight_steps_with_questions():
    handreiking = load_handreiking(SOURCE)
    assert [s.number for s in handreiking.steps] == list(range(1, 9))
    assert handreiking.steps[0].title == "Begrippen en uitgangspunten"
    assert handreiking.steps[7].title == "Juridisch verankeren"
    for step in handreiking.steps:
        assert step.questions, step.title
        assert "Het goede gesprek" in step.guide_html and "Bronnen" in step.guide_html


def test_editing_content_changes_the_app_without_python(content_dir):
    path = content_dir / "03-waarom-participatie.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Waarom participatie?", "title: Waarom doen we dit?")
                    + "  - key: nieuwe_vraag\n    type: text\n    label: Een vraag van de redactie\n", encoding="utf-8")

    class Config(TestConfig):
        HANDREIKING_DIR = str(content_dir)

    app = create_app(Config)
    step = app.extensions["handreiking"].step(3)
    assert step.title == "Waarom doen we dit?"
    assert step.questions[-1].label == "Een vraag van de redactie"


@pytest.mark.parametrize("filename, change, report", [
    ("04-beleid-vormen-en-invloed.yaml", ("type: choice", "type: keuzelijst"),
     "04-beleid-vormen-en-invloed.yaml, vraag 'wie_beslist': onbekend type 'keuzelijst'"),
    ("05-instrumenten-en-aanpak.yaml", ("question: inspraak_procedure, in:", "question: bestaat_niet, in:"),
     "05-instrumenten-en-aanpak.yaml, vraag 'inspraak_termijn_weken': 'show_if' verwijst naar 'bestaat_niet'"),
    ("02-waar-staat-de-gemeente.yaml", ("number: 2", "number: two"),
     "02-waar-staat-de-gemeente.yaml: 'number' moet een geheel getal zijn"),
    ("06-uitvoeren.yaml", ("questions:", "questions: ["), "06-uitvoeren.yaml: geen geldige YAML"),
    # A key used twice is reported at the second file, naming the first (the one that was changed here).
    ("01-begrippen-en-uitgangspunten.yaml", ("key: rol_college", "key: ambitie"),
     "02-waar-staat-de-gemeente.yaml: vraag 'ambitie' bestaat ook in 01-begrippen-en-uitgangspunten.yaml"),
    ("07-leren-en-evalueren.yaml", ("label: Wie, required: true", "required: true"),
     "07-leren-en-evalueren.yaml, vraag 'leeractiviteiten': 'label' ontbreekt"),
    ("06-uitvoeren.yaml", ("not_before: start", "not_before: eigenaar"),
     "06-uitvoeren.yaml, vraag 'uitvoeringsactiviteiten': 'not_before' van 'eind' moet een ander maandveld"),
    ("06-uitvoeren.yaml", ("replaced_by: [budget]", "replaced_by: [begroting]"),
     "06-uitvoeren.yaml, vraag 'uitvoeringsactiviteiten': 'replaced_by' van 'middelen' noemt 'begroting'"),
    ("06-uitvoeren.yaml", ("options_from: waarden", "options_from: doelen"),
     "06-uitvoeren.yaml, vraag 'uitvoeringsactiviteiten': 'options_from' van 'ambitie' moet een meerkeuzevraag"),
])
def test_broken_step_file_is_reported_with_its_name(content_dir, filename, change, report):
    path = content_dir / filename
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_handreiking(content_dir)
    assert str(excinfo.value).startswith(report)
    assert filename in str(excinfo.value)


def test_missing_guide_section_is_reported(content_dir):
    path = content_dir / "06-uitvoeren.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Het goede gesprek", "## Gesprek"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"06-uitvoeren.md: het kopje '## Het goede gesprek' ontbreekt"):
        load_handreiking(content_dir)


def test_missing_guide_file_is_reported(content_dir):
    (content_dir / "08-juridisch-verankeren.md").unlink()
    with pytest.raises(ContentError, match="08-juridisch-verankeren.md: de tekst bij stap 8 ontbreekt"):
        load_handreiking(content_dir)


def test_app_start_fails_with_the_file_name(content_dir):
    (content_dir / "01-begrippen-en-uitgangspunten.yaml").write_text("number: 1\ntitle: x\n", encoding="utf-8")

    class Config(TestConfig):
        HANDREIKING_DIR = str(content_dir)

    with pytest.raises(ContentError, match="01-begrippen-en-uitgangspunten.yaml: 'questions' ontbreekt"):
        create_app(Config)
