"""The question engine: each type exports its answers to CSV, and a content file with an unknown type is reported
with its name (for a question and for a field of a list)."""
import shutil
from pathlib import Path

import pytest

from app import content, question_html
from app.services.questions.answers import csv_value
from app.services.questions.handreiking import (LIST_FIELD_TYPES, QUESTION_TYPES, ContentError, Question,
                                                load_handreiking)
from app.services.projects.content import load_project_content
from app.services.questions.questions import TYPES, Option

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = (Option("raad", "De raad"), Option("college", "Het college"))


def q(type_, **extra):
    return Question(key="vraag", type=type_, label="Vraag", **extra)


@pytest.mark.parametrize("question, value, cell", [
    (q("text"), "Inwoners van Oost", "Inwoners van Oost"),
    (q("text"), "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),  # not a formula to a spreadsheet
    (q("long_text"), "Regel een\nRegel twee", "Regel een\nRegel twee"),
    (q("long_text"), "+31 6 1234", "'+31 6 1234"),
    (q("choice", options=OPTIONS), "raad", "De raad"),
    (q("multi_choice", options=OPTIONS), ["raad", "college"], "De raad; Het college"),
    (q("yes_no"), True, "ja"),
    (q("yes_no"), False, "nee"),
    (q("number"), 12000, "12000"),
    (q("number"), -3, "-3"),
    (q("date"), "2027-03-01", "2027-03-01"),
    (q("month"), "2027-03", "2027-03"),
    (q("money"), 1500, "1500.00"),
    (q("money"), 12.5, "12.50"),
    (q("answer_choice", options=OPTIONS, options_from="waarden"), "college", "Het college"),
    (q("answer_choice", options_from="waarden"), "@eigen ambitie", "'@eigen ambitie"),
    (q("list", fields=(Question(key="wat", type="text", label="Wat"),
                       Question(key="budget", type="money", label="Budget"))),
     [{"wat": "Avond", "budget": 250}, {"wat": "Enquête"}], "Wat: Avond; Budget: 250.00\nWat: Enquête"),
])
def test_each_type_exports_a_csv_cell(question, value, cell):
    assert question.csv_value(value) == cell
    assert csv_value(question, value) == cell


@pytest.mark.parametrize("type_", sorted(TYPES))
def test_no_answer_is_an_empty_cell(type_):
    assert q(type_).csv_value(None) == ""
    assert q(type_).csv_value([] if type_ in ("multi_choice", "list") else "") == ""


def test_every_type_is_allowed_somewhere():
    assert QUESTION_TYPES | LIST_FIELD_TYPES == set(TYPES)
    assert QUESTION_TYPES == {"text", "long_text", "choice", "multi_choice", "yes_no", "number", "date", "list"}
    assert LIST_FIELD_TYPES == {"text", "choice", "number", "date", "month", "money", "answer_choice"}


@pytest.fixture()
def content_dir(tmp_path):
    target = tmp_path / "handreiking"
    shutil.copytree(ROOT / "handreiking", target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_type_of_a_list_field_names_the_file(content_dir):
    _replace(content_dir / "06-uitvoeren.yaml", "{key: budget, type: money", "{key: budget, type: geld")
    with pytest.raises(ContentError) as excinfo:
        load_handreiking(content_dir)
    assert str(excinfo.value).startswith("06-uitvoeren.yaml, vraag 'budget': onbekend type 'geld' (kies uit "
                                         "answer_choice, choice, date, money, month, number, text)")


def test_a_list_type_is_not_allowed_inside_a_list(content_dir):
    _replace(content_dir / "06-uitvoeren.yaml", "{key: eigenaar, type: text", "{key: eigenaar, type: list")
    with pytest.raises(ContentError, match="06-uitvoeren.yaml, vraag 'eigenaar': onbekend type 'list'"):
        load_handreiking(content_dir)


def test_an_unknown_type_in_another_question_set_names_the_file(content_dir):
    folder = content_dir / "projects"
    text = (folder / "participatieplan.yaml").read_text(encoding="utf-8")
    assert "type: long_text" in text
    (folder / "participatieplan.yaml").write_text(text.replace("type: long_text", "type: lange_tekst", 1),
                                                  encoding="utf-8")
    with pytest.raises(ContentError, match=r"participatieplan.yaml, vraag '\w+': onbekend type 'lange_tekst'"):
        load_project_content(folder)


def test_every_type_has_its_html(app):
    with app.app_context():
        macros = question_html.type_macros()  # a fieldset type's macro also takes the other types' macros
    missing = [name for name, t in TYPES.items()
               if t.macro not in macros or ("types" in macros[t.macro].arguments) != t.fieldset]
    assert missing == []


def test_every_question_shows_a_hostile_answer_as_text(app):
    """What a user typed comes back in the form escaped, in every question of every step, and so does an error."""
    hostile = '"><script>alert(1)</script>'
    with app.test_request_context():
        for step in content.handreiking().steps:
            for question in step.questions:
                value = [{f.key: hostile for f in question.fields}] if question.type == "list" else hostile
                values = {question.key: value, question.other_key: hostile}
                errors = {f"q-{question.key}": hostile}
                html = question_html.question(question, values, errors, step, True)
                assert "<script>" not in html, (step.number, question.key)
                assert "&lt;script&gt;" in html, (step.number, question.key)


def test_every_choice_a_question_offers_is_an_answer_its_type_accepts(app):
    """What the ordinance's notes and the reader offer as choices (kind.choices, kind.answer_of) must be answers the
    type itself accepts and reads back (kind.check, kind.chosen), for every question of the handreiking."""
    checked = 0
    for step in content.handreiking().steps:
        for question in step.questions:
            kind = question.kind
            for value, label in kind.choices(question):
                answer = kind.answer_of(question, value)
                assert kind.check(question, answer) is None, (question.key, value)
                assert kind.chosen(question, answer) == [value], (question.key, value)
                assert label, (question.key, value)
                checked += 1
    assert checked > 50  # 89 when written
    yes_no = q("yes_no")
    assert yes_no.kind.choices(yes_no) == [(True, "Ja"), (False, "Nee")]
    several = q("multi_choice", options=OPTIONS)
    assert several.kind.chosen(several, ["college", "raad"]) == ["college", "raad"]
