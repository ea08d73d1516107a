"""The ordinance for a provincie and a waterschap: the words follow the body, and so do the verbs.

Provinciale staten is plural ("provinciale staten stellen ... vast"); de raad and het algemeen bestuur are singular.
"""
from __future__ import annotations

import re

import pytest

from app.services.ordinance import build_ordinance
from app.services.plans.exchange import plan_input_from_document
from tests.ordinance.test_docx import everything, handreiking, library, plan_doc  # noqa: F401 (fixtures)

BODIES = ("gemeente", "provincie", "waterschap")
SINGULAR_AFTER_STATEN = re.compile(
    r"(?:(\w+) )?[Pp]rovinciale staten (stelt|beslist|kan|mag|wijst|neemt|besluit|is|heeft|wordt|bepaalt|ontvangt|"
    r"stuurt|maakt|geeft|draagt|legt|laat|zorgt|regelt|krijgt|gaat|informeert|vermeldt|vindt|ligt)\b")
# After a preposition or "dan", provinciale staten is not the subject: "Een ander bestuursorgaan dan provinciale
# staten kan ...", "Over de rol van provinciale staten is ...", "aan provinciale staten heeft meegedeeld".
NOT_SUBJECT_AFTER = {"van", "aan", "bij", "dan", "over", "naar", "voor", "tot", "met", "op", "door"}
# Inverted word order: "Zo kan provinciale staten ...", "dan beslist provinciale staten".
SINGULAR_BEFORE_STATEN = re.compile(
    r"\b(kan|mag|beslist|besluit|krijgt|wordt|heeft|is|stelt|wijst|neemt|gaat) provinciale staten\b(?! van)")

# Verb at the end of a subordinate clause: "als provinciale staten daarover heeft besloten", "waarover provinciale
# staten niet gaat", "provinciale staten, die de verordening heeft vastgesteld".
SINGULAR_IN_SUBCLAUSE = re.compile(
    r"(?:\b(?:[Aa]ls|waarover|zodat|omdat|wanneer) provinciale staten|(?<=provinciale )staten, die) (?:\w+ ){0,4}?"
    r"(is|heeft|gaat|kan|wordt|beslist|besluit)\b")


def full_text(ordinance) -> str:
    """Everything a reader sees: aanhef, articles, signing, general explanation and the article explanations."""
    lines = [ordinance.title, *ordinance.aanhef]
    for article in ordinance.articles():
        lines.append(article.heading)
        for member in article.members:
            lines.append(member.text)
            lines.extend(part.text for part in member.parts)
    lines.extend(ordinance.signing)
    for section in ordinance.general_explanation:
        lines.extend(section.paragraphs)
    for article in ordinance.articles():
        lines.extend(article.explanation)
    return "\n".join(lines)


def build_for(library, handreiking, body: str, steps: dict | None = None):  # noqa: F811 (fixtures)
    doc = plan_doc(everything() if steps is None else steps, body=body)
    return build_ordinance(library, handreiking, plan_input_from_document(doc, handreiking))


def variants() -> list[dict]:
    """Everything chosen, plus the alternative branches that put body.raad in other sentences."""
    steps = []
    for changes in ({}, {"4": {"wie_beslist": "eigen_bevoegdheid"}}, {"4": {"wie_beslist": "standaard_tenzij"}},
                    {"4": {"verplichte_gevallen": ["wettelijk"]}}, {"5": {"projectdocumenten": "paragraaf"}},
                    {"5": {"projectdocumenten": None}}, {"5": {"terugkoppeling_aan": ["raad"]}},
                    {"5": {"terugkoppeling_aan": None}}, {"5": {"uitdaagrecht_opnemen": False}}):
        s = everything()
        for step, answers in changes.items():
            s.setdefault(step, {}).update(answers)
        steps.append(s)
    return steps


@pytest.mark.parametrize("body", BODIES)
def test_everything_chosen_builds_without_errors(library, handreiking, body):  # noqa: F811
    ordinance = build_for(library, handreiking, body)
    assert ordinance.body_type == body
    assert not [f for f in ordinance.findings if f.level == "fout"], ordinance.findings
    assert "ww(" not in full_text(ordinance)


def test_provinciale_staten_takes_plural_verbs(library, handreiking):  # noqa: F811
    for steps in variants():
        text = full_text(build_for(library, handreiking, "provincie", steps))
        assert "provinciale staten" in text
        wrong = [m.group(0) for m in SINGULAR_AFTER_STATEN.finditer(text)
                 if (m.group(1) or "").lower() not in NOT_SUBJECT_AFTER]
        assert not wrong, wrong
        assert not SINGULAR_BEFORE_STATEN.findall(text), SINGULAR_BEFORE_STATEN.findall(text)
        assert not SINGULAR_IN_SUBCLAUSE.findall(text), [m.group(0) for m in SINGULAR_IN_SUBCLAUSE.finditer(text)]
        # Never a lower-case "provinciale staten" at the start of a sentence.
        assert not re.search(r"(^|[.!?] )provinciale staten", text, re.M)


def test_provincie_aanhef_and_plural_sentences(library, handreiking):  # noqa: F811
    ordinance = build_for(library, handreiking, "provincie")
    assert ordinance.aanhef[0] == "Provinciale staten van Voorbeeldstad;"
    assert ordinance.aanhef[-1] == "besluiten vast te stellen de volgende verordening:"
    assert "gelet op artikel 147 van de Provinciewet" in ordinance.aanhef[3]
    text = full_text(ordinance)
    assert "Als provinciale staten zelf bevoegd zijn, vermeldt" in text
    assert "waarover provinciale staten niet bevoegd zijn te beslissen" in text
    # Art. 16.55 lid 7 Omgevingswet is a power of the gemeenteraad only (issue 13).
    assert "geeft die bevoegdheid niet aan provinciale staten" in text
    assert "kunnen provinciale staten gevallen aanwijzen" not in text
    assert "die de verordening hebben vastgesteld en haar zo nodig kunnen aanpassen" in text
    # the Provinciewet does not define "ingezetene" (issue 22, jurist reading): the toelichting does not say so
    assert "Begrippen die de Algemene wet bestuursrecht al omschrijft" in text and "de Provinciewet of de Algemene wet" not in text
    assert "Gemeentewet" not in text


def test_gemeente_keeps_singular_raad(library, handreiking):  # noqa: F811
    ordinance = build_for(library, handreiking, "gemeente")
    assert ordinance.aanhef[0] == "De raad van de gemeente Voorbeeldstad;"
    assert ordinance.aanhef[-1] == "besluit vast te stellen de volgende verordening:"
    text = full_text(ordinance)
    assert "Als de raad zelf bevoegd is, vermeldt" in text
    assert "kan de raad gevallen aanwijzen" in text
    assert "Zo kan de raad de inbreng meewegen" in text
    assert "als de raad daarover heeft besloten" in text
    assert "die de verordening heeft vastgesteld en haar zo nodig kan aanpassen" in text
    # the Gemeentewet does not define "ingezetene" (issue 22, jurist reading): the toelichting does not say so
    assert "Begrippen die de Algemene wet bestuursrecht al omschrijft" in text and "de Gemeentewet of de Algemene wet" not in text


def test_waterschap_uses_singular_bestuur(library, handreiking):  # noqa: F811
    ordinance = build_for(library, handreiking, "waterschap")
    assert ordinance.aanhef[0].startswith("Het algemeen bestuur van het waterschap")
    assert ordinance.aanhef[0] == "Het algemeen bestuur van het waterschap Voorbeeldstad;"
    assert ordinance.aanhef[-1] == "besluit vast te stellen de volgende verordening:"
    assert "gelet op artikel 79 van de Waterschapswet" in ordinance.aanhef[3]
    text = full_text(ordinance)
    assert "Als het algemeen bestuur zelf bevoegd is, vermeldt" in text
    assert "geeft die bevoegdheid niet aan het algemeen bestuur" in text
    assert "Het dagelijks bestuur stuurt het algemeen bestuur" in text
    assert "provinciale staten" not in text  # (the demo answers themselves still speak of "de raad")


@pytest.mark.parametrize("body, ground", [("provincie", "artikel 147 van de Provinciewet"),
                                          ("waterschap", "artikel 79 van de Waterschapswet")])
def test_uitdaagrecht_warning_names_the_body_ground(library, handreiking, body, ground):  # noqa: F811
    steps = everything()
    steps["5"]["uitdaagrecht_opnemen"] = False
    steps["1"]["participatie_vormen"].remove("uitdaagrecht")  # step 1 agrees, or the check reports the conflict
    ordinance = build_for(library, handreiking, body, steps)
    warnings = [f.message for f in ordinance.findings if f.level == "waarschuwing"]
    assert any("uitdaagrecht niet" in w and ground in w for w in warnings), warnings
    assert not [f for f in ordinance.findings if f.level == "fout"], ordinance.findings


def test_gemeente_only_grounds_are_flagged_for_other_bodies(library, handreiking):  # noqa: F811
    ordinance = build_for(library, handreiking, "provincie", everything())
    warnings = [f.message for f in ordinance.findings if f.level == "waarschuwing"]
    assert any("(Omgevingswet) geldt voor gemeenten" in w for w in warnings)
    assert any("(Participatiewet) geldt voor gemeenten" in w for w in warnings)
    gemeente = build_for(library, handreiking, "gemeente", everything())
    assert not [f for f in gemeente.findings if "geldt voor gemeenten" in f.message]
