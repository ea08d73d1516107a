"""Issue 13: one test per class of legal defect, built so that the next instance of the class is caught too.

The plans here are generated from the handreiking itself (every question answered, every option ticked, a marked
sentence for every free text), so a new question or clause variant is covered without changing these tests.
"""
from __future__ import annotations

import copy
import itertools
import re

import pytest

from app.services.ordinance import build_ordinance
from app.services.ordinance.wording import BODY_WORDING, GENERAL_GROUNDS, GROUNDS
from app.services.plans.exchange import plan_input_from_document
from tests.ordinance.test_docx import DEMO, handreiking, library, plan_doc  # noqa: F401 (fixtures)

BODIES = ("gemeente", "provincie", "waterschap")
FREE = "Vrije tekst bij"  # every free-text answer starts with this, so the tests can find it in the document
OWN = "Eigen regel bij"  # every "anders" answer starts with this
NAMES = {"citeertitel", "inspraakverordening_naam", "beleidskader_naam", "programma_periode"}  # names, not prose


def all_answers(handreiking, option: int = 0) -> dict:  # noqa: F811
    """Every question answered: option number `option` of a choice, every option of a multiple choice."""
    steps: dict[str, dict] = {}
    for step in handreiking.steps:
        answers = steps.setdefault(str(step.number), {})
        for q in step.questions:
            if q.type == "choice":
                answers[q.key] = q.options[option % len(q.options)].value
            elif q.type == "multi_choice":
                answers[q.key] = [o.value for o in q.options]
            elif q.type == "yes_no":
                answers[q.key] = True
            elif q.type == "number":
                answers[q.key] = max(q.min or 1, min(q.max or 100, 6))
            elif q.type == "long_text":
                answers[q.key] = f"{FREE} {q.key}"
            elif q.type == "text":
                answers[q.key] = f"Naam {q.key}"
            elif q.type == "date":
                answers[q.key] = "2026-11-26"
            if q.allow_other:
                answers[q.other_key] = f"{OWN} {q.key}"
    steps["8"]["vaststelling_datum"] = "2026-11-26"
    return steps


def build(library, handreiking, steps: dict, body: str = "gemeente"):  # noqa: F811
    return build_ordinance(library, handreiking, plan_input_from_document(plan_doc(steps, body=body), handreiking))


def article_lines(ordinance) -> list[tuple[str, str, str]]:
    """(article key, kind, text) for every member and part."""
    lines = []
    for article in ordinance.articles():
        lines.append((article.key, "title", article.title))
        for member in article.members:
            lines.append((article.key, "member", member.text))
            lines.extend((article.key, "part", part.text) for part in member.parts)
    return lines


def everything_a_reader_sees(ordinance) -> list[str]:
    """Articles, toelichting, aanhef, signing, the Word comments and the open points."""
    texts = [ordinance.title, *ordinance.aanhef, *ordinance.signing]
    texts += [text for _, _, text in article_lines(ordinance)]
    for section in ordinance.general_explanation:
        texts += [section.title, *section.paragraphs]
    for article in ordinance.articles():
        texts += article.explanation
        texts += [note.sentence() for note in article.choices]
    texts += [point.label for point in ordinance.open_points]
    return texts


def variants(handreiking, body: str) -> list[dict]:  # noqa: F811
    most = max(len(q.options) for s in handreiking.steps for q in s.questions if q.type == "choice")
    return [all_answers(handreiking, i) for i in range(most)]


# --- words of another body type ---------------------------------------------------------------------------------

_MUNICIPAL = (r"[Gg]emeente\w*|[Gg]emeentelijk\w*|[Ww]ijk|[Ww]ijk(gesprek|bewoner|huis)\w*|[Bb]uurt\w*|"
              r"[Rr]aadsvoorstel\w*|[Bb]urgemeester|[Ww]ethouder\w*|de raad|[Hh]et college")
_PROVINCIAL = r"[Pp]rovincie\w*|[Pp]rovincia\w*|[Gg]edeputeerde|[Ss]taten\w*|Provinciewet"
_WATER = r"[Ww]aterschap\w*|[Aa]lgemeen bestuur|[Dd]agelijks bestuur"
OTHER_BODY_WORDS = {  # whole words, case as written: "de Raad voor het Openbaar Bestuur" is no municipal word
    "gemeente": rf"\b({_PROVINCIAL}|{_WATER})\b",
    "provincie": rf"\b({_MUNICIPAL}|{_WATER})\b",
    "waterschap": rf"\b({_MUNICIPAL}|{_PROVINCIAL})\b",
}


@pytest.mark.parametrize("body", BODIES)
def test_no_word_of_another_body_type_in_articles_toelichting_or_comments(library, handreiking, body):  # noqa: F811
    pattern = re.compile(OTHER_BODY_WORDS[body])
    for steps in variants(handreiking, body):
        ordinance = build(library, handreiking, steps, body)
        found = sorted({m.group(0) + " … " + text[:90] for text in everything_a_reader_sees(ordinance)
                        for m in [pattern.search(text)] if m})
        assert not found, found


def test_college_of_a_province_is_plural(library, handreiking):  # noqa: F811
    singular = re.compile(r"[Gg]edeputeerde staten (kan|beslist|stelt|wijst|maakt|is|heeft|beoordeelt|deelt|stuurt|"
                          r"informeert|evalueert|betrekt|zorgt|reageert|ondersteunt|laat|brengt|weegt|verstrekt|"
                          r"volgt|gebruikt|legt|moedigt|neemt)\b|\b(kan|beslist|volgt|legt) gedeputeerde staten\b")
    for steps in variants(handreiking, "provincie"):
        text = "\n".join(everything_a_reader_sees(build(library, handreiking, steps, "provincie")))
        assert "college van gedeputeerde staten" not in text
        assert "Gedeputeerde staten beslissen" in text
        assert not singular.search(text), singular.search(text).group(0)


# --- legal grounds ---------------------------------------------------------------------------------------------

CITATION = re.compile(r"(?:artikel|afdeling) \d+(?:[.:]\d+)*[a-z]?(?:, \w+ lid,)? van (?:de|het) "
                      r"(?:Algemene wet bestuursrecht|Wet maatschappelijke ondersteuning 2015|[A-Z][a-z]+)")
ANY_CITATION = re.compile(r"(?:artikel|afdeling) \d+(?:[.:]\d+)*[a-z]?(?:, \w+ lid,)? van (?:de|het) [A-Z]")


@pytest.mark.parametrize("body", BODIES)
def test_every_cited_provision_is_in_the_table_of_grounds_for_the_body(library, handreiking, body):  # noqa: F811
    allowed = set(GROUNDS[body]) | set(GENERAL_GROUNDS)
    for steps in variants(handreiking, body):
        ordinance = build(library, handreiking, steps, body)
        text = "\n".join(everything_a_reader_sees(ordinance))
        cited = CITATION.findall(text)
        assert len(cited) == len(ANY_CITATION.findall(text)), "a citation the table test cannot read"
        assert set(cited) <= allowed, sorted(set(cited) - allowed)
        gelet_op = next(line for line in ordinance.aanhef if line.startswith("gelet op"))
        assert BODY_WORDING[body]["grondslag"] in gelet_op
        # A ground in the aanhef empowers the body to make rules; a procedure (afdeling 3.4 Awb) does not.
        assert "afdeling" not in gelet_op and "Algemene wet bestuursrecht" not in gelet_op
        rest = gelet_op[len("gelet op "):].rstrip(";")
        for ground in sorted(GROUNDS[body], key=len, reverse=True):
            rest = rest.replace(ground, "")
        assert not rest.replace(",", "").replace(" en ", "").strip(), rest


@pytest.mark.parametrize("body", ["provincie", "waterschap"])
def test_omgevingswet_designation_is_never_a_power_of_another_body(library, handreiking, body):  # noqa: F811
    ordinance = build(library, handreiking, all_answers(handreiking), body)
    articles = " ".join(text for _, _, text in article_lines(ordinance))
    assert "16.55" not in articles and "Omgevingswet" not in " ".join(ordinance.aanhef)
    assert any("16.55" in f.message and f.article_key == "verplichte_participatie" for f in ordinance.findings)
    gemeente = build(library, handreiking, all_answers(handreiking), "gemeente")
    assert "artikel 16.55, zevende lid, van de Omgevingswet" in " ".join(gemeente.aanhef)
    assert "16.55" in " ".join(m.text for m in gemeente.article("verplichte_participatie").members)


# --- free text -------------------------------------------------------------------------------------------------

def test_free_text_is_never_spliced_into_a_sentence(library, handreiking):  # noqa: F811
    marker = re.compile(rf"({FREE}|{OWN}) \w+", re.I)
    for body in BODIES:
        for steps in variants(handreiking, body):
            ordinance = build(library, handreiking, steps, body)
            paragraphs = [(kind, text) for _, kind, text in article_lines(ordinance)]
            paragraphs += [("paragraph", p) for a in ordinance.articles() for p in a.explanation]
            paragraphs += [("paragraph", p) for s in ordinance.general_explanation for p in s.paragraphs]
            for kind, text in paragraphs:
                m = marker.search(text)
                if not m:
                    continue
                own = m.group(0)
                if kind == "part":  # a list item of its own
                    assert text in (own[0].lower() + own[1:] + ";", own[0].lower() + own[1:] + "."), text
                else:  # a paragraph of its own, or the only item of a list, inside the member that introduces it
                    # (issue 22: a list of one is one sentence, not a loose line outside the numbered member)
                    item = own[0].lower() + own[1:] + "."
                    assert text == own + "." or re.search(rf"(:| van| op| met| door| over| voor| bij| naar| tot| om"
                                                          rf"| in) {re.escape(item)}$", text), text


# --- "anders" --------------------------------------------------------------------------------------------------

def _questions_with_other(handreiking):  # noqa: F811
    return [q for s in handreiking.steps for q in s.questions if q.allow_other]


def test_an_own_answer_without_a_ticked_option_lands_in_the_document_and_asks_for_review(library, handreiking):  # noqa: F811,E501
    decided = {key for c in library.chapters for a in c.articles for key in a.decided_by}
    for q in _questions_with_other(handreiking):
        steps = all_answers(handreiking)
        step = next(s for s in steps.values() if q.key in s)
        step.pop(q.key)
        for other in _questions_with_other(handreiking):
            steps[next(k for k, s in steps.items() if other.key in s or other.other_key in s)].pop(other.other_key,
                                                                                                    None)
        step[q.other_key] = f"{OWN} {q.key}"
        ordinance = build(library, handreiking, steps)
        wanted = f"{OWN} {q.key}."
        in_articles = [key for key, _, text in article_lines(ordinance) if text.lower().startswith(wanted[:-1].lower())
                       or re.search(rf"(:| van| op| met| door| over| voor| bij| naar| tot| om| in) "
                                    rf"{re.escape(wanted[:-1].lower())}", text.lower())]  # a list of one: one sentence
        if q.key in decided:
            assert in_articles, f"{q.key}: the own answer is not in the articles"
            notes = [n.sentence() for a in ordinance.articles() for n in a.choices if n.question_key == q.key]
            assert any("Juridische toets nodig" in n for n in notes), q.key
        else:
            assert any(wanted in t for t in everything_a_reader_sees(ordinance)), q.key


# --- decisions: their own period and their Awb status ------------------------------------------------------------

def test_each_decision_on_a_request_has_its_own_period_and_its_awb_status(library, handreiking):  # noqa: F811
    """The period is in the article; whether the decision is a beschikking follows from art. 1:3 Awb, so only the
    toelichting speaks of it, once and without contradicting itself (issue 22)."""
    steps = all_answers(handreiking)
    steps["4"]["participatieverzoek_beslistermijn_weken"] = 9
    steps["5"].update(uitdaagrecht_beslistermijn_weken=7, buurtplan_beslistermijn_weken=11)
    ordinance = build(library, handreiking, steps)
    expected = {"besluit_over_participatie": ("9 weken", "in de regel geen beschikking"),
                "uitdaging_besluit": ("7 weken", "een beschikking is, volgt uit artikel 1:3"),
                "buurtplanrecht": ("11 weken", "een beschikking is, volgt uit artikel 1:3")}
    for key, (period, status) in expected.items():
        article = ordinance.article(key)
        text = " ".join(m.text for m in article.members)
        assert period in text and "beschikking" not in text, (key, text)
        explanation = " ".join(article.explanation)
        assert status in explanation and "per geval" not in explanation, (key, explanation)
        others = {p for k, (p, _) in expected.items() if k != key}
        assert not any(p in text for p in others), key


# --- an exception that cancels itself ----------------------------------------------------------------------------

def test_no_exception_excludes_exactly_what_it_covers(library, handreiking):  # noqa: F811
    cases = ["wettelijk", "grote_impact", "omgevingswet"]
    for n in range(1, len(cases) + 1):
        for chosen in itertools.combinations(cases, n):
            steps = all_answers(handreiking)
            steps["4"]["verplichte_gevallen"] = list(chosen)
            ordinance = build(library, handreiking, steps)
            for member in ordinance.article("uitzonderingen").members:
                text = member.text
                # "geldt ook voor X, maar niet voor Y" cancels itself when Y is all of X.
                assert not re.search(r"geldt ook voor .* maar niet", text), text
                if "verplichte participatie" in text.lower() or "bedoeld in artikel" in text and "impact" in text:
                    assert "grote_impact" in chosen, (chosen, text)


# --- wording that binds the deciding body ------------------------------------------------------------------------

BINDING = re.compile(r"neemt (die|de) keuze over|\bovernee?mt\b|dat het bestuursorgaan volgt|volgt het advies|"
                     r"is (daaraan )?gebonden|zal besluiten|besluit conform", re.I)


@pytest.mark.parametrize("body", BODIES)
def test_no_wording_binds_the_deciding_body_in_advance(library, handreiking, body):  # noqa: F811
    for steps in variants(handreiking, body):
        ordinance = build(library, handreiking, steps, body)
        texts = [t for _, _, t in article_lines(ordinance)] + [p for a in ordinance.articles() for p in a.explanation]
        assert not [t for t in texts if BINDING.search(t)], [t for t in texts if BINDING.search(t)]
        invloed = " ".join(m.text for m in ordinance.article("mate_van_invloed").members)
        assert f"zonder last stemmen, zoals bepaald in {BODY_WORDING[body]['stemmen_zonder_last']}" in invloed


#: the article that says the members vote without instruction, checked against the law's text (docs/grounds.md)
NO_INSTRUCTION = {"gemeente": "artikel 27 van de Gemeentewet", "provincie": "artikel 27 van de Provinciewet",
                  "waterschap": "artikel 38 van de Waterschapswet"}


@pytest.mark.parametrize("body", BODIES)
def test_the_article_on_voting_without_instruction_is_the_right_one(library, handreiking, body):  # noqa: F811
    ordinance = build(library, handreiking, all_answers(handreiking), body)
    invloed = " ".join(m.text for m in ordinance.article("mate_van_invloed").members)
    assert f"zonder last stemmen, zoals bepaald in {NO_INSTRUCTION[body]}" in invloed


# --- means without a budget basis (art. 4:23 Awb) ----------------------------------------------------------------

def test_no_promise_of_means_without_a_budget_basis(library, handreiking):  # noqa: F811
    means = re.compile(r"middelen|financiële bijdrage|vergoeding|subsidie", re.I)
    steps = all_answers(handreiking)
    steps["5"]["overheidsparticipatie_steun"] = ["contactpunt", "advies"]
    steps["5"].pop("overheidsparticipatie_steun__anders")
    for option in range(5):
        steps["5"]["overheidsparticipatie_rol"] = handreiking.find_question("overheidsparticipatie_rol")[1] \
            .options[option].value
        ordinance = build(library, handreiking, steps)
        for article in ordinance.articles():
            text = " ".join([m.text for m in article.members] + [p.text for m in article.members for p in m.parts])
            if means.search(text):
                assert "begroting" in text, (article.key, means.search(text).group(0))
        support = " ".join(m.text for m in ordinance.article("ondersteuning_initiatieven").members)
        assert "financiële bijdrage" not in support
    for chosen in (["budget"], ["contactpunt", "budget", "advies"]):  # one sentence, and a list
        steps["5"]["overheidsparticipatie_steun"] = chosen
        support = build(library, handreiking, steps).article("ondersteuning_initiatieven")
        offers = [t for m in support.members for t in [m.text, *(p.text for p in m.parts)]
                  if t.startswith(("met een financiële bijdrage", "Het college kan een initiatief ondersteunen met een"))]
        assert offers and all("budget dat daarvoor in de begroting beschikbaar is" in t for t in offers), offers


# --- belanghebbende ----------------------------------------------------------------------------------------------

def _definition(ordinance, term: str) -> str:
    parts = ordinance.article("begripsbepalingen").members[0].parts
    return next(p.text for p in parts if p.text.startswith(term + ":"))


def test_belanghebbende_has_the_awb_meaning_unless_the_user_chose_wider(library, handreiking):  # noqa: F811
    for choice in (None, "awb"):
        steps = all_answers(handreiking)
        steps["1"]["belanghebbende_begrip"] = choice
        ordinance = build(library, handreiking, steps)
        assert "artikel 1:2 van de Algemene wet bestuursrecht" in _definition(ordinance, "belanghebbende")
        assert "ruimer" not in " ".join(ordinance.article("begripsbepalingen").explanation)
    steps = all_answers(handreiking)
    steps["1"]["belanghebbende_begrip"] = "ruim"
    ordinance = build(library, handreiking, steps)
    assert "wiens belang door beleid wordt geraakt" in _definition(ordinance, "belanghebbende")
    assert "ruimer begrip belanghebbende" in " ".join(ordinance.article("begripsbepalingen").explanation)


# --- tense of the toelichting ------------------------------------------------------------------------------------

def test_toelichting_speaks_of_the_law_in_the_tense_of_the_adoption_date(library, handreiking):  # noqa: F811
    def toelichting(adopted: str) -> str:
        steps = copy.deepcopy(DEMO["steps"])
        steps["8"]["vaststelling_datum"] = adopted
        ordinance = build(library, handreiking, steps)
        return " ".join([p for s in ordinance.general_explanation for p in s.paragraphs]
                        + [p for a in ordinance.articles() for p in a.explanation])

    before, after = toelichting("2026-11-26"), toelichting("2027-03-02")
    for text in (before, after):
        assert "Op 1 januari 2025 is de Wet versterking participatie op decentraal niveau" in text
        assert not re.search(r"zal .* in werking treden|treedt op 1 januari 2025", text)
    assert "uiterlijk op 1 januari 2027 moet de participatieverordening in werking zijn getreden" in before
    assert "De wet gaf een overgangstermijn tot 1 januari 2027" in after
    assert "uiterlijk op 1 januari 2027" not in after
    # adopted before the law took effect: the law "treedt in werking", it has not yet (issue 18)
    early = toelichting("2024-11-14")
    assert "Op 1 januari 2025 treedt de Wet versterking participatie op decentraal niveau" in early
    assert "is de Wet versterking participatie op decentraal niveau (Kamerstukken 36 210) in werking getreden" \
        not in early
