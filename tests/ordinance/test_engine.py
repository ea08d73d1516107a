"""The ordinance engine on a small fixed clause library: selection, numbering, references, terms, open points."""
from pathlib import Path

import pytest

from app.services.questions.handreiking import load_handreiking
from app.services.ordinance import PlanInput, build_ordinance, load_library
from app.services.ordinance.library import LibraryError
from app.services.ordinance.model import plain

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini_library"


@pytest.fixture(scope="module")
def handreiking():
    return load_handreiking(ROOT / "handreiking")


@pytest.fixture(scope="module")
def library():
    return load_library(MINI)


def build(library, handreiking, answers, body="gemeente"):
    return build_ordinance(library, handreiking, PlanInput("Voorbeeld", body, answers))


def test_numbering_and_references(library, handreiking):
    ordinance = build(library, handreiking, {"inspraak_procedure": "eigen", "inspraak_termijn_weken": 4})
    assert [a.heading for a in ordinance.articles()] == [
        "Artikel 1. Begripsbepalingen", "Artikel 2. Eerste artikel", "Artikel 3. Tweede artikel",
        "Artikel 4. Derde artikel"]
    assert ordinance.article("tweede").members[0].text == "Zie artikel 4 over de uitdaging."


def test_removing_an_article_renumbers_and_references_follow(library, handreiking):
    ordinance = build(library, handreiking, {"inspraak_procedure": "awb"})
    assert [a.number for a in ordinance.articles()] == [1, 2, 3]
    assert ordinance.article("eerste") is None
    assert ordinance.article("tweede").members[0].text == "Zie artikel 3 over de uitdaging."


def test_members_numbered_parts_lettered_and_last_part_closed(library, handreiking):
    article = build(library, handreiking, {"inspraak_termijn_weken": 6}).article("eerste")
    assert [m.number for m in article.members] == [1, 2]
    assert [(p.letter, p.text) for p in article.members[1].parts] == [("a", "deel een;"), ("b", "deel twee.")]
    article = build(library, handreiking, {"uitzonderingen": ["spoed"]}).article("eerste")
    assert [p.text for p in article.members[1].parts] == ["deel een;", "deel twee; en", "deel drie."]


def test_single_member_is_not_numbered(library, handreiking):
    assert build(library, handreiking, {}).article("derde").members[0].number is None


def test_open_point_for_missing_answer(library, handreiking):
    ordinance = build(library, handreiking, {"inspraak_procedure": "eigen"})
    text = plain(ordinance.article("eerste").members[1].text)
    assert "[nog te bepalen: Hoeveel weken hebben inwoners" in text
    keys = {p.key: p for p in ordinance.open_points}
    assert keys["inspraak_termijn_weken"].step_number == 5
    assert keys["inspraak_termijn_weken"].articles == ["eerste"]
    assert "vaststelling_datum" in keys  # the signing block's date is open too


def test_definitions_sorted_and_checked(library, handreiking):
    ordinance = build(library, handreiking, {})
    definitions = ordinance.article("begripsbepalingen")
    assert definitions.members[0].text == "In deze verordening wordt verstaan onder:"
    assert [p.text for p in definitions.members[0].parts] == ["participatie: meedoen;", "uitdaging: een verzoek."]
    assert not [f for f in ordinance.findings if f.level == "fout"]


def test_check_reports_unused_definition_and_missing_mandatory_elements(library, handreiking):
    # Without the first article, "participatie" is defined but unused, and inspraak etc. are missing.
    ordinance = build(library, handreiking, {"inspraak_procedure": "awb"})
    messages = [f.message for f in ordinance.findings]
    assert "Het begrip “participatie” is gedefinieerd maar wordt nergens gebruikt." in messages
    assert "Verplicht onderdeel ontbreekt: inspraak." in messages


def test_leaving_out_uitdaagrecht_gives_visible_warning(library, handreiking):
    ordinance = build(library, handreiking, {"uitdaagrecht_opnemen": False})
    warnings = [f.message for f in ordinance.findings if f.level == "waarschuwing"]
    assert any("uitdaagrecht niet" in w and "jurist" in w for w in warnings)


def test_body_type_changes_wording(library, handreiking):
    assert build(library, handreiking, {}, "provincie").aanhef[:2] == [
        "Provinciale staten van Voorbeeld;", "gelet op artikel 147 van de Provinciewet;"]
    assert build(library, handreiking, {}).aanhef[0] == "De raad van de gemeente Voorbeeld;"


def test_choice_comment_names_choice_and_alternatives(library, handreiking):
    note = build(library, handreiking, {"inspraak_procedure": "eigen"}).article("eerste").choices[0]
    assert note.chosen == "Een eigen, lichtere procedure"
    assert "Afdeling 3.4 van de Algemene wet bestuursrecht in alle gevallen" in note.alternatives
    assert "stap 5" in note.sentence()


def test_user_text_with_template_syntax_stays_literal(library, handreiking):
    ordinance = build(library, handreiking, {"inspraak_procedure": "eigen",
                                             "inspraak_termijn_weken": 4, "citeertitel": "{{ 7*7 }} {% if %}"})
    assert ordinance.title == "{{ 7*7 }} {% if %}"


def test_broken_library_names_file(tmp_path):
    for f in MINI.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "hoofdstuk.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("ref('derde')", "ref('vierde')"), encoding="utf-8")
    with pytest.raises(LibraryError, match=r"hoofdstuk.yaml: ref\('vierde'\) verwijst naar een artikel dat niet bestaat"):
        load_library(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("ref('vierde')", "ref('derde'"), encoding="utf-8")
    with pytest.raises(LibraryError, match="hoofdstuk.yaml: artikel 'tweede', lid 1: fout in de tekst"):
        load_library(tmp_path)


def test_a_broken_condition_names_file_and_place(tmp_path):
    for f in MINI.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "hoofdstuk.yaml"
    original = path.read_text(encoding="utf-8")
    for broken in ("a.inspraak_procedure != ", "a.inspraak_procedure 'awb'"):
        path.write_text(original.replace("a.inspraak_procedure != 'awb'", broken), encoding="utf-8")
        with pytest.raises(LibraryError, match="hoofdstuk.yaml: .*fout in de voorwaarde"):
            load_library(tmp_path)


def test_templates_compile_on_first_use_and_only_once(handreiking, monkeypatch):
    """Loading parses (errors stop the start); compiling waits for the first document and happens once per text:
    compiling the whole clause library at every start took a quarter of a cold start."""
    from jinja2.sandbox import SandboxedEnvironment
    compiled = []
    original = SandboxedEnvironment.compile
    monkeypatch.setattr(SandboxedEnvironment, "compile",
                        lambda self, source, *args, **kwargs: compiled.append(source) or original(
                            self, source, *args, **kwargs))
    library = load_library(MINI)
    assert compiled == []
    answers = {"inspraak_procedure": "eigen", "inspraak_termijn_weken": 4}
    first = build(library, handreiking, answers)
    used = len(compiled)
    assert used > 0
    again = build(library, handreiking, answers)
    assert len(compiled) == used  # not again
    assert [a.heading for a in again.articles()] == [a.heading for a in first.articles()]
    assert again.article("tweede").members[0].text == "Zie artikel 4 over de uitdaging."
