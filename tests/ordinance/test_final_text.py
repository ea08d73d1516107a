"""Issue 22: the check on the final text (articles and toelichting as printed, own texts included), and the defects a
jurist found in the drafts, each built for the three body types."""
from __future__ import annotations

import copy
import re

import pytest

from app.services.ordinance.article_texts import members_of
from app.services.ordinance.check import check_status
from app.services.ordinance.documents import ordinance_document
from app.services.ordinance.finaltext import KIND, recheck
from tests.ordinance.test_docx import DEMO, handreiking, library  # noqa: F401 (fixtures)
from tests.ordinance.test_legal_quality import BODIES, build


def city(body: str) -> dict:
    """A large city with neighbourhood rights (or the same answers for another body type)."""
    steps = copy.deepcopy(DEMO["steps"])
    steps["5"].update(buurtrechten=["biedrecht", "buurtplanrecht"], buurtplan_beslistermijn_weken=12,
                      uitdaagrecht_beslistermijn_weken=10, uitdaagrecht_overeenkomst=True, uitdaagrecht_evaluatie=True,
                      uitdaagrecht_taken="Het toezicht en de handhaving blijven uitgezonderd.")
    steps["4"].update(impact_criteria=["veel_inwoners", "leefomgeving", "kwetsbare_groepen"])
    steps["8"].update(vaststelling_datum="2026-12-17", voorstel_datum="2026-11-20",
                      inwerkingtreding="dag_na_bekendmaking")
    if body != "gemeente":  # the demo's own texts speak of "de raad" and "de gemeente": a province writes its own
        steps["1"].update(participatie_definitie="Participatie is het open betrekken van inwoners bij beleid.",
                          representatieve_democratie="Het bestuur neemt de besluiten; participatie helpt daarbij.",
                          rol_raad="Het vertegenwoordigend orgaan stelt de kaders.",
                          rol_college="Het bestuur organiseert participatie en legt daarover verantwoording af.")
        steps["3"]["doelen"] = "Beter beleid door de kennis van inwoners te gebruiken."
    return steps


def text_findings(ordinance) -> list[str]:
    return [f.message for f in ordinance.findings if f.kind == KIND]


def articles_text(ordinance) -> str:
    return "\n".join(t for a in ordinance.articles() for m in a.members for t in [m.text, *(p.text for p in m.parts)])


def toelichting(ordinance) -> str:
    return "\n".join([p for s in ordinance.general_explanation for p in s.paragraphs]
                     + [p for a in ordinance.articles() for p in a.explanation])


@pytest.fixture(scope="module", params=BODIES)
def draft(request, library, handreiking):  # noqa: F811
    return request.param, build(library, handreiking, city(request.param), request.param)


# --- (1) the check on the final text --------------------------------------------------------------------------------

def test_a_complete_draft_has_no_finding_and_the_annex_says_compleet(draft):
    body, ordinance = draft
    assert text_findings(ordinance) == []
    assert check_status(ordinance).state == "compleet", (ordinance.findings, ordinance.open_points)


def _own(ordinance, key: str, body: str) -> None:
    ordinance.article(key).members = members_of(body)
    recheck(ordinance)


def test_the_check_reads_an_own_text_like_a_jurist(draft):
    body, built = draft
    ordinance = copy.deepcopy(built)
    plan = ordinance.article("participatieplan")
    _own(ordinance, "participatieplan", "1. Het bestuursorgaan stelt een participatieplan op.\n"
                                        "2. Na afloop stelt het een afrondingsverslag (hierna: eindverslag) op.\n"
                                        "3. Het derde lid van artikel 99 blijft buiten toepassing.\n"
                                        "4. Het achtste lid geldt niet bij spoed.\n"
                                        "5. Het plan bevat:\n"
                                        "a. de planning.\n"
                                        "6. [datum invullen]")
    found = "\n".join(text_findings(ordinance))
    number = plan.number
    assert "“afrondingsverslag” wordt gebruikt" in found
    assert f"Artikel {number}, lid 2 geeft een begrip een (andere) naam" in found
    assert "artikel 99 wijst naar een artikel dat niet bestaat" in found
    assert "het achtste lid wijst naar een lid dat dit artikel niet heeft" in found
    assert f"Artikel {number}, lid 5: een opsomming met één onderdeel" in found
    assert "nog moet worden ingevuld: “[datum invullen]”" in found
    assert f"Artikel {number}, lid 4 maakt een uitzondering zonder te zeggen op welke bepaling" in found
    assert "zegt niet wie daarover beslist" in found
    assert check_status(ordinance).state != "compleet"
    # In the DOCX: a comment at the article and the findings in the annex.
    doc = ordinance_document(ordinance)
    heading = next(b for b in doc.blocks if getattr(b, "text", "") == ordinance.article("participatieplan").heading)
    assert any("artikel 99" in c for c in heading.comments)


def test_the_check_finds_agreement_words_of_another_body_and_awb_status(draft):
    body, built = draft
    ordinance = copy.deepcopy(built)
    _own(ordinance, "terugkoppeling", "Gedeputeerde staten betrekt de raad en de gemeente. Het besluit is een "
                                      "beschikking. Burgemeester en wethouders ondersteunen de deelnemers en laat "
                                      "hen weten wat er gebeurt.")
    found = "\n".join(text_findings(ordinance))
    assert "“gedeputeerde staten betrekt”" in found
    assert "ondersteunen … en laat" in found
    assert "verklaart of een beslissing een beschikking is" in found
    if body != "gemeente":
        assert "een woord van een ander soort bestuur" in found
    else:
        assert "“Gedeputeerde”" in found or "een woord van een ander soort bestuur" in found


def test_inspraak_on_execution_in_an_own_text_contradicts_the_definition(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, city(body), body)
        _own(ordinance, "inspraak", "Inspraak is ook mogelijk bij de uitvoering en de evaluatie van beleid.")
        assert any("beperkt inspraak tot voorgenomen beleid" in m for m in text_findings(ordinance)), body


# --- (2) the defects of the jurist's reading -------------------------------------------------------------------------

def test_uitdaagrecht_is_defined_as_a_request_not_an_entitlement(draft):
    body, ordinance = draft
    parts = ordinance.article("begripsbepalingen").members[0].parts
    definition = next(p.text for p in parts if p.text.startswith("uitdaagrecht:"))
    assert "het recht om" not in definition and "te verzoeken" in definition


def test_vulnerable_groups_are_described_not_an_undefined_term(draft):
    body, ordinance = draft
    assert not re.search(r"kwetsbare groep", articles_text(ordinance), re.I)
    assert "extra afhankelijk zijn van voorzieningen of hulp" in articles_text(ordinance)


def test_buurtplan_toelichting_says_who_decides_as_the_article_does(draft):
    body, ordinance = draft
    explanation = " ".join(ordinance.article("buurtplanrecht").explanation)
    assert not re.search(r"dan (beslist|beslissen) (de raad|provinciale staten|het algemeen bestuur)\.", explanation)
    assert "met een advies voor aan" in explanation


def test_biedrecht_has_a_decision_period_and_criteria_published_in_advance(draft):
    body, ordinance = draft
    text = " ".join(m.text for m in ordinance.article("biedrecht").members)
    assert "binnen 8 weken na afloop van de termijn voor het doen van een bod" in text
    assert "met welke criteria de biedingen worden beoordeeld" in text


def test_feedback_also_after_participation_in_execution_or_evaluation(draft):
    body, ordinance = draft
    text = ordinance.article("terugkoppeling").members[0].text
    assert "uitvoering of de evaluatie van beleid" in text and "afronding van het participatieproces" in text


def test_province_and_water_board_toelichting_speaks_of_their_own_instruments(draft):
    body, ordinance = draft
    text = toelichting(ordinance)
    if body == "gemeente":
        assert "artikel 10.2 van het Omgevingsbesluit" in text
    else:
        assert "omgevingsplan en" not in text and "10.2" not in text
        assert "projectbesluit" in text and "toetst de jurist" not in text
        # a water board has no omgevingsvisie (artikel 3.1 Omgevingswet: Rijk, provincie en gemeente)
        assert ("omgevingsvisie" in text) == (body == "provincie"), body
    assert "welke middelen" not in text and "praktische zaken en middelen" not in text


def test_an_unanswered_question_with_a_default_is_not_called_open(draft):
    body, ordinance = draft
    notes = [n for a in ordinance.articles() for n in a.choices]
    open_keys = {p.key for p in ordinance.open_points}
    assert not [n.question_key for n in notes if n.chosen == "nog niet gekozen" and n.question_key not in open_keys]


def test_rule_without_exception_warns_and_drops_the_redundant_request_right(library, handreiking):  # noqa: F811
    for body in BODIES:
        steps = city(body)
        steps["4"]["uitzonderingen"] = []
        ordinance = build(library, handreiking, steps, body)
        article = ordinance.article("besluit_over_participatie")
        text = " ".join(m.text for m in article.members)
        assert "verzoeken om participatie" not in text, body
        assert any(f.article_key == "besluit_over_participatie" and "zonder uitzondering" in f.message
                   for f in ordinance.findings), body


def test_the_raad_does_not_adopt_every_participatieplan(draft):
    body, ordinance = draft
    first = ordinance.article("participatieplan").members[0].text
    assert first.startswith("Bij de start van een participatieproces stelt het bestuursorgaan dat over het beleid")
    assert "het participatieplan vast en" in first


def test_one_item_lists_have_no_letter_and_a_lone_exception_is_no_daarnaast(library, handreiking):  # noqa: F811
    for body in BODIES:
        steps = city(body)
        steps["5"]["uitdaagrecht_criteria"] = ["kwaliteit"]
        steps["4"]["uitzonderingen"] = []
        steps["4"]["uitzonderingen__anders"] = "Beleid over de eigen bedrijfsvoering"
        ordinance = build(library, handreiking, steps, body)
        for article in ordinance.articles():
            for m in article.members:
                assert len(m.parts) != 1 or m.parts[0].letter == "", (body, article.key, m.text)
        assert "Daarnaast is een eigen uitzondering" not in toelichting(ordinance), body


def test_the_check_annex_names_the_body_that_receives_the_proposal(draft):
    body, ordinance = draft
    doc = ordinance_document(ordinance)
    annex = next(b.text for b in doc.blocks if getattr(b, "text", "").startswith("Controle van dit concept"))
    raad = {"gemeente": "de raad", "provincie": "provinciale staten", "waterschap": "het algemeen bestuur"}[body]
    assert annex.endswith(f"naar {raad} gaat)")


def test_inspraak_with_awb_procedure_has_no_redundant_condition(library, handreiking):  # noqa: F811
    for body in BODIES:
        steps = city(body)
        steps["5"]["inspraak_procedure"] = "awb"
        text = articles_text(build(library, handreiking, steps, body))
        assert "Als afdeling 3.4" not in text and "Op de inspraak is afdeling 3.4" in text, body


def test_an_own_wording_in_the_articles_keeps_the_annex_from_saying_compleet(library, handreiking):  # noqa: F811
    for body in BODIES:
        steps = city(body)
        steps["5"]["inspraak_procedure__anders"] = "Bij kleine projecten volstaat een digitale reactiemogelijkheid"
        ordinance = build(library, handreiking, steps, body)
        own = [m for m in ordinance.article("inspraak").members if m.own]
        assert own and own[0].text == "Bij kleine projecten volstaat een digitale reactiemogelijkheid.", body
        assert any(f.article_key == "inspraak" and "eigen formulering" in f.message for f in ordinance.findings), body
        assert check_status(ordinance).state == "compleet_met_bevindingen", body


def test_a_hidden_question_gets_no_choice_note(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, city(body), body)  # no omgevingswet case: its question is hidden
        notes = [n.question_key for a in ordinance.articles() for n in a.choices]
        assert "omgevingswet_activiteiten" not in notes and "inspraak_termijn_weken" in notes, body


def test_the_note_of_an_unanswered_question_says_which_default_the_text_follows(draft):
    body, ordinance = draft
    notes = {n.question_key: n.chosen for a in ordinance.articles() for n in a.choices}
    assert notes["biedrecht_beslistermijn_weken"] == "niet beantwoord; daarom geldt acht weken"
    assert notes["belanghebbende_begrip"] == ("niet beantwoord; daarom volgt de verordening de Algemene wet "
                                              "bestuursrecht")
