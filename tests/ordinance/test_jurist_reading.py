"""Issue 22, the fresh jurist reading (notes/jurist.md): the "ernstig" defects, each fixed in the text for every body
type, and each class caught by the check on the final text (so an own text or a later template cannot bring it
back unnoticed)."""
from __future__ import annotations

import copy
import re

import pytest

from app.services.ordinance.check import check_status
from app.services.ordinance.consistency import RULES
from app.services.ordinance.finaltext import recheck
from tests.ordinance.test_docx import handreiking, library  # noqa: F401 (fixtures)
from tests.ordinance.test_final_text import _own, articles_text, city, text_findings, toelichting
from tests.ordinance.test_legal_quality import BODIES, build

RULE = {r.name: r for r in RULES}


def _set(handreiking, steps: dict, **answers) -> dict:  # noqa: F811
    steps = copy.deepcopy(steps)
    for key, value in answers.items():
        steps.setdefault(str(handreiking.find_question(key)[0].number), {})[key] = value
    return steps


def _explanation(ordinance, key: str) -> str:
    return "\n".join(ordinance.article(key).explanation)


def _messages(ordinance) -> list[str]:
    return [f.message for f in ordinance.findings]


# --- 1. an exception lid that switched off its own article --------------------------------------------------------

@pytest.mark.parametrize("body", BODIES)
def test_the_exception_lid_keeps_the_priority_rule_of_its_own_article(body, library, handreiking):  # noqa: F811
    steps = _set(handreiking, city(body), wie_beslist="standaard_tenzij",
                 uitzonderingen=["hogere_regelgeving", "spoed", "elders_geregeld"])
    ordinance = build(library, handreiking, steps, body)
    members = [m.text for m in ordinance.article("uitzonderingen").members]
    assert not any(t.startswith("Dit artikel is niet van toepassing") for t in members), members
    assert "Het eerste lid is niet van toepassing voor zover een wettelijk voorschrift participatie of inspraak " \
           "voorschrijft." in members
    assert any(t.startswith("Regelt een andere wettelijke regeling") for t in members)
    explanation = _explanation(ordinance, "uitzonderingen")
    assert "Een uitzondering geldt nooit" not in explanation and "Die regel gaat voor op de uitzonderingen" \
        in explanation
    # a gemeente takes no projectbesluit (art. 5.44 Omgevingswet)
    assert ("projectbesluit" in explanation) == (body != "gemeente")
    assert text_findings(ordinance) == []


def test_the_check_finds_a_lid_that_switches_off_its_own_article(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, city(body), body)
        _own(ordinance, "uitzonderingen", "1. Een bestuursorgaan hoeft niemand te betrekken bij spoed.\n"
                                          "2. Dit artikel is niet van toepassing als een wet inspraak voorschrijft.")
        number = ordinance.article("uitzonderingen").number
        assert any(m.startswith(f"Artikel {number}, lid 2 zet het hele artikel buiten toepassing")
                   for m in text_findings(ordinance)), body


# --- 2. the Awb status of the decision on an uitdaging --------------------------------------------------------------

@pytest.mark.parametrize("body", BODIES)
def test_the_toelichting_leaves_the_awb_status_of_a_decision_to_article_1_3(body, library, handreiking):  # noqa: F811
    ordinance = build(library, handreiking, city(body), body)
    explanation = _explanation(ordinance, "uitdaging_besluit")
    assert "Of de beslissing op een uitdaging een beschikking is, volgt uit artikel 1:3 van de Algemene wet " \
           "bestuursrecht en niet uit deze verordening." in explanation
    assert "Is de beslissing een beschikking, dan gelden de waarborgen van die wet" in explanation
    assert "is een beschikking als bedoeld" not in toelichting(ordinance)
    assert "daarmee bepaalt wat de indiener mag of moet, is een beschikking" not in toelichting(ordinance)
    assert text_findings(ordinance) == []


def test_the_check_finds_a_toelichting_that_declares_a_decision_a_beschikking(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, city(body), body)
        article = ordinance.article("uitdaging_besluit")
        article.explanation = ["De beslissing op een uitdaging is een beschikking; bezwaar staat open."]
        recheck(ordinance)
        assert any(m.startswith(f"De toelichting op artikel {article.number} verklaart dat een beslissing een "
                                "beschikking is") for m in text_findings(ordinance)), body


# --- 3. the burgerinitiatief: a commissie may prepare, the raad decides ----------------------------------------------

@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("agenda", ["commissie", "raad"])
def test_the_burgerinitiatief_goes_one_way_a_committee_prepares_and_the_council_decides(body, agenda, library,
                                                                                        handreiking):  # noqa: F811
    ordinance = build(library, handreiking, _set(handreiking, city(body), burgerinitiatief=True,
                                                 burgerinitiatief_agenda=agenda), body)
    raad = {"gemeente": "de raad", "provincie": "provinciale staten", "waterschap": "het algemeen bestuur"}[body]
    beslist = "beslissen" if body == "provincie" else "beslist"
    definition = next(p.text for m in ordinance.article("begripsbepalingen").members for p in m.parts
                      if p.text.startswith("burgerinitiatief:"))
    article = " ".join(t for m in ordinance.article("burgerinitiatief").members for t in [m.text])
    explanation = _explanation(ordinance, "burgerinitiatief")
    assert "agenda" not in definition and f"aan {raad}" in definition
    assert f"een voorstel aan {raad} doen" in article and "agenda van" not in article
    assert f"{beslist} {raad} over het voorstel" in article
    assert "stelt binnen vier weken na ontvangst vast of het burgerinitiatief aan de eisen van dit artikel voldoet" \
        in article
    assert ("commissie" in article) == (agenda == "commissie")
    assert ("de commissie beslist zelf niet" in explanation) == (agenda == "commissie")
    assert "agenda van" not in explanation
    assert text_findings(ordinance) == []


def test_the_check_finds_a_committee_agenda_without_a_decision(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, city(body), body)
        _own(ordinance, "burgerinitiatief", "1. Een burgerinitiatief wordt geplaatst op de agenda van een commissie.\n"
                                            "2. De griffier laat de indiener weten welk besluit is genomen.")
        number = ordinance.article("burgerinitiatief").number
        assert any(m.startswith(f"Artikel {number} brengt een onderwerp op de agenda van een commissie")
                   for m in text_findings(ordinance)), body


# --- 4 and 5. a right without ingezetenen: the toelichting follows the article, the check warns ----------------------

@pytest.mark.parametrize("body", BODIES)
def test_an_uitdaagrecht_without_ingezetenen_is_named_so_and_warned(body, library, handreiking):  # noqa: F811
    ordinance = build(library, handreiking, _set(handreiking, city(body), uitdaagrecht_wie=["organisaties",
                                                                                         "ondernemers"]), body)
    for key in ("uitdaagrecht", "biedrecht", "buurtplanrecht"):
        explanation = _explanation(ordinance, key)
        assert not re.search(r"\b(kunnen|krijgen) (ingezetenen|bewoners)\b|\b(Ingezetenen|Bewoners) kennen\b|"
                             r"voor ingezetenen moeilijk", explanation), (key, explanation)
    assert "Deze verordening geeft ingezetenen geen eigen recht om uit te dagen" in _explanation(ordinance,
                                                                                                "uitdaagrecht")
    warning = RULE["uitdaagrecht_zonder_ingezetenen"].text(body)
    assert warning in _messages(ordinance)
    assert check_status(ordinance).state == "compleet_met_bevindingen"
    assert text_findings(ordinance) == []
    # with ingezetenen: no warning, and no sentence about their exclusion
    full = build(library, handreiking, city(body), body)
    assert warning not in _messages(full) and "geen eigen recht" not in _explanation(full, "uitdaagrecht")


def test_the_check_finds_a_toelichting_that_gives_the_right_to_others_than_the_article(library,
                                                                                      handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, _set(handreiking, city(body), uitdaagrecht_wie=["organisaties"]), body)
        article = ordinance.article("biedrecht")
        article.explanation = ["Met het biedrecht krijgen ingezetenen de kans een bod te doen."]
        recheck(ordinance)
        assert any(m.startswith(f"De toelichting op artikel {article.number} noemt ingezetenen als houders")
                   for m in text_findings(ordinance)), body


# --- 6. a drafting note printed in the toelichting --------------------------------------------------------------------

@pytest.mark.parametrize("body", BODIES)
def test_without_an_uitdaagrecht_the_toelichting_carries_no_drafting_note(body, library, handreiking):  # noqa: F811
    ordinance = build(library, handreiking, _set(handreiking, city(body), uitdaagrecht_opnemen=False), body)
    general = "\n".join(p for s in ordinance.general_explanation for p in s.paragraphs)
    assert "LET OP" not in general and "toetsen" not in general and "niet zonder risico" not in general
    assert "Deze verordening bevat geen regeling van het uitdaagrecht." in general
    # the warning stays where it belongs: in the check
    assert any("regelt het uitdaagrecht niet" in m for m in _messages(ordinance))
    assert text_findings(ordinance) == []


def test_the_check_finds_a_drafting_note_in_the_printed_text(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, city(body), body)
        ordinance.general_explanation[0].paragraphs.append("LET OP: laat dit juridisch toetsen.")
        ordinance.article("inspraak").explanation.append("Deze keuze is juridisch niet zonder risico.")
        recheck(ordinance)
        found = "\n".join(text_findings(ordinance))
        assert "bevat een aantekening voor wie het concept opstelt (“LET OP”)" in found, body
        assert f"De toelichting op artikel {ordinance.article('inspraak').number} bevat een aantekening" in found


# --- 7. a replacement claimed without a repeal article -----------------------------------------------------------------

@pytest.mark.parametrize("body", BODIES)
def test_without_an_old_inspraakverordening_nothing_claims_to_replace_it(body, library, handreiking):  # noqa: F811
    ordinance = build(library, handreiking, _set(handreiking, city(body), inspraakverordening_intrekken=False), body)
    assert ordinance.article("intrekking") is None
    text = toelichting(ordinance)
    assert "inspraakverordening vervangen" not in text and "oude inspraakverordening" not in text
    assert "vervangt de" not in text
    assert RULE["geen_inspraakverordening"].text(body) in _messages(ordinance)
    assert text_findings(ordinance) == []
    with_old = build(library, handreiking, city(body), body)  # the demo repeals its inspraakverordening
    assert with_old.article("intrekking") is not None
    assert "de inspraakverordening die zij vervangt" in toelichting(with_old)
    assert RULE["geen_inspraakverordening"].text(body) not in _messages(with_old)


def test_the_check_finds_a_replacement_claimed_without_a_repeal_article(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, _set(handreiking, city(body), inspraakverordening_intrekken=False),
                          body)
        ordinance.article("reikwijdte").explanation.append("Deze verordening vervangt de Inspraakverordening 2010.")
        recheck(ordinance)
        assert any("zegt dat de verordening een oudere regeling vervangt of intrekt" in m
                   for m in text_findings(ordinance)), body


# --- the annex never says "compleet" while a Fout is open ---------------------------------------------------------------

def test_the_status_is_never_compleet_with_an_open_fout(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, city(body), body)
        assert check_status(ordinance).state == "compleet"
        assert "een juridische toets blijft nodig" in check_status(ordinance).explanation
        ordinance.article("inspraak").explanation.append("LET OP: nog bekijken.")
        recheck(ordinance)
        status = check_status(ordinance)
        assert status.state == "fouten" and status.label == "niet gereed: 1 fout", (body, ordinance.findings)
        assert "compleet" not in status.label and "compleet" not in status.explanation


# --- middel: one-item lists and free text inside the numbered member --------------------------------------------------

@pytest.mark.parametrize("body", BODIES)
def test_a_list_of_one_and_a_free_text_stay_inside_their_member(body, library, handreiking):  # noqa: F811
    steps = _set(handreiking, city(body), monitoring=["enquete_deelnemers"], uitdaagrecht_reikwijdte="alle_tenzij",
                 uitdaagrecht_taken="uitgezonderd zijn handhaving, vergunningverlening en taken waarvoor een "
                                    "aanbesteding verplicht is")
    ordinance = build(library, handreiking, steps, body)
    for key in ("evaluatie_participatieproces", "uitdaagrecht_reikwijdte"):
        article = ordinance.article(key)
        assert all(m.number and not (len(m.parts) == 1) for m in article.members), [
            (m.number, m.text, [p.text for p in m.parts]) for m in article.members]
    monitoring = [m.text for m in ordinance.article("evaluatie_participatieproces").members]
    assert any(t.endswith("de participatiepraktijk daarnaast door middel van een enquête onder deelnemers aan "
                          "participatieprocessen.") for t in monitoring), monitoring
    scope = [m.text for m in ordinance.article("uitdaagrecht_reikwijdte").members]
    assert "Een uitdaging kan geen betrekking hebben op de volgende taken: handhaving, vergunningverlening en taken " \
           "waarvoor een aanbesteding verplicht is." in scope, scope
    assert text_findings(ordinance) == []


def test_the_check_finds_a_free_text_that_does_not_fit_its_sentence(library, handreiking):  # noqa: F811
    for body in BODIES:
        steps = _set(handreiking, city(body), uitdaagrecht_reikwijdte="alle_tenzij",
                     uitdaagrecht_taken="niet uitdaagbaar zijn de taken van de buitendienst")
        ordinance = build(library, handreiking, steps, body)
        number = ordinance.article("uitdaagrecht_reikwijdte").number
        assert any(m.startswith(f"Artikel {number}, lid 2: de tekst na de dubbele punt past niet")
                   for m in text_findings(ordinance)), (body, text_findings(ordinance))


# --- middel: the toelichting reads the same answers as the article ------------------------------------------------------

@pytest.mark.parametrize("body", BODIES)
def test_the_toelichting_weighs_only_the_criteria_the_article_names(body, library, handreiking):  # noqa: F811
    for chosen, said, unsaid in ((["kwaliteit", "continuiteit"], "betrouwbaar is", "veilig"),
                                 (["kosten", "veiligheid"], "veilig is", "betrouwbaar"),
                                 (["continuiteit", "veiligheid"], "betrouwbaar en veilig is", None)):
        ordinance = build(library, handreiking, _set(handreiking, city(body), uitdaagrecht_criteria=chosen), body)
        explanation = _explanation(ordinance, "uitdaging_beoordeling")
        assert f"weegt ook mee of de uitvoering {said}" in explanation, (chosen, explanation)
        if unsaid:
            assert unsaid not in explanation, (chosen, explanation)


# --- middel: a decision period that may be extended once, with reasons -----------------------------------------------------

@pytest.mark.parametrize("body", BODIES)
def test_the_decision_on_an_uitdaging_may_be_postponed_once_with_reasons(body, library, handreiking):  # noqa: F811
    ordinance = build(library, handreiking, _set(handreiking, city(body), uitdaagrecht_beslistermijn_weken=4), body)
    members = [m.text for m in ordinance.article("uitdaging_besluit").members]
    college = {"gemeente": "Het college kan", "provincie": "Gedeputeerde staten kunnen",
               "waterschap": "Het dagelijks bestuur kan"}[body]
    assert f"{college} de beslissing eenmaal met ten hoogste 4 weken verdagen." in members[1], members
    assert "vóór het einde van de termijn" in members[1]
    assert "eenmaal verdagen, met ten hoogste dezelfde termijn" in _explanation(ordinance, "uitdaging_besluit")
    assert text_findings(ordinance) == []


# --- middel: a date of vaststelling before the date of the concept ---------------------------------------------------------

def test_a_vaststelling_before_the_date_of_the_concept_is_a_finding(library, handreiking):  # noqa: F811
    from datetime import date

    from app.services.ordinance import build_ordinance
    from app.services.plans.exchange import plan_input_from_document
    from tests.ordinance.test_docx import plan_doc

    for body in BODIES:
        steps = _set(handreiking, city(body), vaststelling_datum="2026-11-26", voorstel_datum="2026-10-13")
        plan = plan_input_from_document(plan_doc(steps, body=body), handreiking)
        late = build_ordinance(library, handreiking, plan, today=date(2026, 12, 6))
        found = [f for f in late.findings if "ligt vóór de datum van dit concept" in f.message]
        assert len(found) == 1 and "(26 november 2026)" in found[0].message and "(6 december 2026)" in \
            found[0].message, (body, late.findings)
        assert found[0].article_key == "inwerkingtreding"
        assert check_status(late).state != "compleet"
        for today in (date(2026, 11, 26), date(2026, 11, 1), None):
            early = build_ordinance(library, handreiking, plan, today=today)
            assert not any("ligt vóór de datum van dit concept" in f.message for f in early.findings), (body, today)


# --- middel: the toelichting says what the articles say, no more ----------------------------------------------------------

@pytest.mark.parametrize("body", BODIES)
def test_the_toelichting_follows_the_articles_on_terms_inspraak_and_plans(body, library, handreiking):  # noqa: F811
    steps = _set(handreiking, city(body), belanghebbende_begrip="ruim", inspraak_procedure="keuze",
                 inspraak_fasen="alle_fasen", participatie_definitie="Participatie is samen werken aan beleid.",
                 monitoring=["benchmark", "enquete_deelnemers"], participatieplan_uitzonderingen=[])
    ordinance = build(library, handreiking, steps, body)
    definitions = _explanation(ordinance, "begripsbepalingen")
    assert "zoals bestuursorgaan en ingezetene" not in definitions and "zoals bestuursorgaan," in definitions
    general = "\n".join(p for s in ordinance.general_explanation for p in s.paragraphs)
    assert "verstaat onder participatie" not in general
    assert "Voor de toepassing van de verordening geldt de omschrijving van participatie in artikel 1." in general
    inspraak = [m.text for m in ordinance.article("inspraak").members]
    assert "Geldt afdeling 3.4 van de Algemene wet bestuursrecht, dan kan iedere ingezetene en iedere " \
           "belanghebbende als bedoeld in artikel 1 een zienswijze naar voren brengen." in inspraak
    assert "Gekozen is om inspraak in alle fasen mogelijk te maken." in _explanation(ordinance, "inspraak")
    assert "volstaat een beknopt plan" not in _explanation(ordinance, "participatieplan")
    own = {"gemeente": "gemeenten", "provincie": "provincies", "waterschap": "waterschappen"}[body]
    monitoring = " ".join(m.text for m in ordinance.article("evaluatie_participatieproces").members for m in [m]
                          ) + " ".join(p.text for m in ordinance.article("evaluatie_participatieproces").members
                                       for p in m.parts)
    assert f"een vergelijking met andere {own}" in monitoring and "andere overheden" not in monitoring
    assert text_findings(ordinance) == []


def test_a_provincie_may_speak_of_gemeenten_without_a_warning(library, handreiking):  # noqa: F811
    steps = _set(handreiking, city("provincie"), impact_criteria__anders="het beleid heeft gevolgen voor meer dan "
                                                                        "één gemeente")
    ordinance = build(library, handreiking, steps, "provincie")
    assert not any("een woord van een ander soort bestuur" in m for m in text_findings(ordinance)), \
        text_findings(ordinance)
    _own(ordinance, "terugkoppeling", "Het college van de gemeente informeert de deelnemers.")
    assert any("een woord van een ander soort bestuur" in m for m in text_findings(ordinance))


# --- middel: transitional law leaves no process between two regimes; "in ieder geval" yields to the exceptions ------------

@pytest.mark.parametrize("body", BODIES)
def test_a_running_participation_process_falls_under_the_new_ordinance(body, library, handreiking):  # noqa: F811
    for repeal in (True, False):
        ordinance = build(library, handreiking, _set(handreiking, city(body), overgangsrecht="oude_regels",
                                                     inspraakverordening_intrekken=repeal), body)
        members = [m.text for m in ordinance.article("overgangsrecht").members]
        assert members[0].startswith("Op inspraak die vóór de inwerkingtreding van deze verordening is aangekondigd, "
                                     + ("blijft de " if repeal else "blijven de regels")), members
        assert "Op een participatieproces dat vóór de inwerkingtreding van deze verordening is begonnen, is deze " \
               "verordening van toepassing voor zover dat redelijkerwijs mogelijk is." in members
        assert not re.search(r"\bvoor (de|haar|die) inwerkingtreding", articles_text(ordinance))
        assert text_findings(ordinance) == []


@pytest.mark.parametrize("body", BODIES)
def test_the_cases_of_mandatory_participation_yield_to_the_exceptions(body, library, handreiking):  # noqa: F811
    steps = _set(handreiking, city(body), verplichte_gevallen=["wettelijk", "grote_impact"],
                 uitzonderingen=["spoed", "hogere_regelgeving"])
    ordinance = build(library, handreiking, steps, body)
    first = ordinance.article("verplichte_participatie").members[0].text
    assert first.startswith(f"Onverminderd artikel {ordinance.article('uitzonderingen').number} betrekt een "
                            "bestuursorgaan"), first
    without = build(library, handreiking, _set(handreiking, steps, uitzonderingen=[]), body)
    assert without.article("verplichte_participatie").members[0].text.startswith("Een bestuursorgaan betrekt")
    assert text_findings(ordinance) == [] and text_findings(without) == []


def test_the_legal_deadline_is_a_finding_when_no_timely_vaststelling_is_planned(library, handreiking):  # noqa: F811
    from datetime import date

    from app.services.ordinance import build_ordinance
    from app.services.plans.exchange import plan_input_from_document
    from tests.ordinance.test_docx import plan_doc

    def deadline_findings(steps, body, today):
        plan = plan_input_from_document(plan_doc(steps, body=body), handreiking)
        ordinance = build_ordinance(library, handreiking, plan, today=today)
        return [f.message for f in ordinance.findings if "uiterlijk op 1 januari 2027 in werking" in f.message]

    for body in BODIES:
        missing = copy.deepcopy(city(body))
        missing["8"].pop("vaststelling_datum")
        assert any("Er is nog geen datum van vaststelling gekozen" in m
                   for m in deadline_findings(missing, body, date(2026, 12, 6))), body
        late = _set(handreiking, city(body), vaststelling_datum="2027-01-14")
        assert any("De datum van vaststelling (14 januari 2027) ligt niet vóór die dag" in m
                   for m in deadline_findings(late, body, date(2026, 12, 6))), body
        assert deadline_findings(city(body), body, date(2026, 12, 6)) == []  # adopted 17 december 2026
        assert deadline_findings(missing, body, None) == []
        assert deadline_findings(missing, body, date(2027, 2, 1)) == []  # after the deadline: nothing to plan for


@pytest.mark.parametrize("body", BODIES)
def test_the_burgerinitiatief_without_an_age_says_so_and_a_deviation_is_stated_in_the_proposal(body, library,
                                                                                               handreiking):  # noqa: F811
    ordinance = build(library, handreiking, _set(handreiking, city(body), burgerinitiatief=True,
                                                 burgerinitiatief_leeftijd=None), body)
    assert "Er geldt geen minimumleeftijd" in _explanation(ordinance, "burgerinitiatief")
    aged = build(library, handreiking, _set(handreiking, city(body), burgerinitiatief=True,
                                            burgerinitiatief_leeftijd=16), body)
    assert "minimumleeftijd" not in _explanation(aged, "burgerinitiatief")
    melding = build(library, handreiking, _set(handreiking, city(body), wie_beslist="afwijken_na_melding"), body)
    text = " ".join(m.text for m in melding.article("besluit_over_participatie").members)
    assert "voorstel om af te wijken" not in text and "over het beleid dat en waarom van participatie wordt " \
        "afgezien" in text
    assert text_findings(ordinance) == [] and text_findings(melding) == []


# --- klein: words that fit the body type ----------------------------------------------------------------------------------

def test_small_words_fit_each_body_type(library, handreiking):  # noqa: F811
    expected = {"gemeente": ("en zendt het dit aan de raad", "de raad, die de verordening", "leegstaand schoolgebouw"),
                "provincie": ("en zenden zij het aan provinciale staten", "provinciale staten, die de verordening",
                              "steunpunt voor het wegbeheer"),
                "waterschap": ("en zendt het dit aan het algemeen bestuur", "het algemeen bestuur, dat de verordening",
                               "gemaal of een dienstwoning")}
    for body, (plan, report, building) in expected.items():
        ordinance = build(library, handreiking, _set(handreiking, city(body), projectdocumenten="plan_en_verslag"),
                          body)
        assert plan in ordinance.article("participatieplan").members[0].text, body
        assert report in _explanation(ordinance, "evaluatie_verordening"), body
        assert building in _explanation(ordinance, "biedrecht"), body
        plural = "leggen zij het plan" if body == "provincie" else "en legt het plan"
        assert plural in _explanation(ordinance, "buurtplanrecht"), body
        assert "Dat is de gebruikelijke regeling" not in toelichting(ordinance)


def test_een_as_a_number_is_written_with_accents(library, handreiking):  # noqa: F811
    for body in BODIES:
        text = articles_text(build(library, handreiking, city(body), body))
        assert "ten minste één van de volgende" in text and "met één van de volgende" in text, body
        assert not re.search(r"\b(ten minste|met|aangeduid met) een van de\b|\bop een of meer\b", text), body


def test_client_participation_cites_the_third_lid_and_requires_a_form_of_advice(library, handreiking):  # noqa: F811
    ordinance = build(library, handreiking, _set(handreiking, city("gemeente"), clientparticipatie=True,
                                                 clientparticipatie_wetten=True), "gemeente")
    members = [m.text for m in ordinance.article("clientparticipatie").members]
    cited = "artikel 2.1.3, derde lid, van de Wet maatschappelijke ondersteuning 2015"
    assert cited in " ".join(ordinance.aanhef) and any(cited in t for t in members)
    assert not any("kan daarvoor een adviesraad" in t for t in members)
    assert any(t.startswith("Het college stelt daarvoor een adviesraad of een andere vorm van overleg in, waarin de "
                            "betrokkenen voorstellen voor het beleid kunnen doen") for t in members), members
    assert text_findings(ordinance) == []


def test_a_reference_to_the_steps_of_influence_names_the_lid(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, _set(handreiking, city(body), projectdocumenten="beide"), body)
        number = ordinance.article("mate_van_invloed").number
        for key in ("participatieplan", "participatieparagraaf"):
            parts = [p.text for m in ordinance.article(key).members for p in m.parts]
            assert any(f"bedoeld in artikel {number}, tweede lid;" in t for t in parts), (body, key, parts)
        assert text_findings(ordinance) == []


def test_handbook_report_and_agreement_read_as_a_jurist_writes(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, _set(handreiking, city(body), handboek=True,
                                                     projectdocumenten="plan_en_verslag"), body)
        assert "Gekozen is voor een handboek" in _explanation(ordinance, "uitgangspunten"), body
        assert "geen algemeen verbindende voorschriften" in _explanation(ordinance, "uitgangspunten")
        number = ordinance.article("participatieplan").number
        assert any(m.text.endswith(f"het participatieverslag, bedoeld in artikel {number}, gebruiken.")
                   for m in ordinance.article("terugkoppeling").members), body
        first = ordinance.article("uitdaging_overeenkomst").members[0].text
        assert "bij de toewijzing van een uitdaging de afspraken over de overname vast in een overeenkomst" in first
        assert not first.startswith("Bij de toewijzing"), first
        assert text_findings(ordinance) == []


def test_scope_and_evaluation_name_the_neighbourhood_rights(library, handreiking):  # noqa: F811
    for body in BODIES:
        ordinance = build(library, handreiking, city(body), body)  # biedrecht and buurtplanrecht chosen
        plan = "het buurtplanrecht" if body == "gemeente" else "het recht op een gebiedsplan"
        scope = [p.text for m in ordinance.article("reikwijdte").members for p in m.parts]
        assert "het biedrecht;" in scope and f"{plan};" in scope, (body, scope)
        topics = " ".join(p.text for m in ordinance.article("evaluatie_verordening").members for p in m.parts)
        assert f"het gebruik van het biedrecht, bedoeld in artikel {ordinance.article('biedrecht').number}" in topics
        assert f"het gebruik van {plan}, bedoeld in artikel {ordinance.article('buurtplanrecht').number}" in topics
        assert text_findings(ordinance) == []
        without = build(library, handreiking, _set(handreiking, city(body), buurtrechten=[]), body)
        assert "biedrecht" not in articles_text(without)
