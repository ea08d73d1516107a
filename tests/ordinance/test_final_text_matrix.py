"""Issue 22, the matrix: a draft for every body type x every option of every question the ordinance reads, each run
through the check on the final text. A draft whose answers are complete has no finding. Text only (no DOCX), so the
whole matrix stays within seconds."""
from __future__ import annotations

import copy

import pytest

from app.services.ordinance.conditions import _references
from app.services.ordinance.check import check_status
from app.services.ordinance.finaltext import KIND
from app.services.ordinance.library import make_environment
from tests.ordinance.test_docx import handreiking, library  # noqa: F401 (fixtures)
from tests.ordinance.test_final_text import city
from tests.ordinance.test_legal_quality import BODIES, build


def read_keys(library, handreiking) -> list[str]:  # noqa: F811
    """Every question the clause library reads, in the order of the guide."""
    env = make_environment()
    keys = {key for _, _, text in library.sources for key, _ in _references(env.parse(text))}
    keys |= {k for c in library.chapters for a in c.articles for k in [*a.decided_by, *a.own_text]}
    return [q.key for s in handreiking.steps for q in s.questions if q.key in keys or s.number == 8]


def values(question) -> list:
    """The answers worth trying: each option alone, all options, yes and no, the bounds of a number."""
    if question.type == "choice":
        return [o.value for o in question.options]
    if question.type == "multi_choice":
        return [[o.value] for o in question.options] + [[o.value for o in question.options]]
    if question.type == "yes_no":
        return [True, False]
    if question.type == "number":
        return sorted({question.min or 1, question.max or 52})  # "1 week" and the largest number
    if question.type == "date":
        return ["2026-12-18"] if question.key in ("vaststelling_datum",) else ["2026-11-20"]
    if question.type == "text":
        return [f"Naam voor {question.key}"]
    if question.type == "long_text":
        return [f"Vrije tekst bij {question.key}."]
    return []


def step_of(handreiking, key: str) -> str:  # noqa: F811
    return str(handreiking.find_question(key)[0].number)


def complete(body: str) -> dict:
    steps = city(body)
    steps["5"].update(inspraak_fasen="voorgenomen", verslag_naam="participatieverslag", clientparticipatie=False,
                      biedrecht_beslistermijn_weken=8, burgerinitiatief_agenda="raad")
    steps["8"].update(inwerkingtreding="vaste_datum", inwerkingtreding_datum="2027-01-01",
                      vaststelling_datum="2026-12-17")
    return steps


def test_every_option_of_every_question_gives_a_clean_final_text(library, handreiking):  # noqa: F811
    keys = read_keys(library, handreiking)
    assert {"verslag_naam", "inspraak_fasen", "participatieplan_uitzonderingen", "handboek", "afwijken_plan_melding",
            "clientparticipatie_wetten", "biedrecht_beslistermijn_weken", "overgangsrecht"} <= set(keys)
    failures, builds = [], 0
    for body in BODIES:
        base = complete(body)
        for key in keys:
            question = handreiking.find_question(key)[1]
            for value in values(question):
                steps = copy.deepcopy(base)
                steps[step_of(handreiking, key)][key] = value
                if key == "clientparticipatie_wetten":
                    steps["5"]["clientparticipatie"] = True
                ordinance = build(library, handreiking, steps, body)
                builds += 1
                for f in ordinance.findings:
                    if f.kind == KIND:
                        failures.append(f"{body} {key}={value!r}: {f.message}")
    assert builds > 150
    assert not failures, "\n".join(failures[:40])


@pytest.mark.parametrize("body", BODIES)
def test_the_seven_choices_land_in_the_articles(library, handreiking, body):  # noqa: F811
    steps = complete(body)
    steps["5"].update(inspraak_fasen="alle_fasen", verslag_naam="afrondingsverslag", biedrecht_beslistermijn_weken=6,
                      clientparticipatie=True, clientparticipatie_wetten=True)
    steps["8"].update(participatieplan_uitzonderingen=["bescherming", "klein"], handboek=True,
                      afwijken_plan_melding=True)
    ordinance = build(library, handreiking, steps, body)
    definitions = [p.text for p in ordinance.article("begripsbepalingen").members[0].parts]
    assert any(d.startswith("afrondingsverslag:") for d in definitions)
    text = "\n".join(t for a in ordinance.articles() for m in a.members for t in [a.title, m.text,
                                                                                   *(p.text for p in m.parts)])
    assert "participatieverslag" not in text.lower()
    assert "Participatieplan en afrondingsverslag" in text
    inspraak = next(d for d in definitions if d.startswith("inspraak:"))
    assert "over de uitvoering en de evaluatie van beleid" in inspraak
    assert "In afwijking van het derde lid kan het bestuursorgaan het participatieplan geheel of gedeeltelijk" in text
    assert "In afwijking van het eerste en het tweede lid" in text
    assert "meldt het de afwijking met de redenen daarvan aan" in text
    assert "een handboek vaststellen" in text
    assert "binnen 6 weken na afloop van de termijn voor het doen van een bod" in text
    if body == "gemeente":
        assert "Dit artikel geeft uitvoering aan artikel 47 van de Participatiewet" in text
    assert [f.message for f in ordinance.findings if f.kind == KIND] == []


@pytest.mark.parametrize("body", BODIES)
def test_an_older_plan_without_the_new_questions_gets_the_defaults(library, handreiking, body):  # noqa: F811
    steps = city(body)
    for key in ("participatieverzoek_beslistermijn_weken", "buurtplan_beslistermijn_weken"):
        steps[step_of(handreiking, key)].pop(key, None)
    ordinance = build(library, handreiking, steps, body)
    text = "\n".join(m.text for a in ordinance.articles() for m in a.members)
    assert "[nog te bepalen" not in text
    assert "binnen 8 weken na afloop van de termijn voor het doen van een bod" in text
    assert "verzoek om participatie binnen 8 weken" in text
    assert "participatieverslag" in text and "handboek" not in text
    assert [f.message for f in ordinance.findings if f.kind == KIND] == []


#: questions that are not required but have no default: the text leaves them open and the check reports them
OPEN_WITHOUT_DEFAULT = {"overheidsparticipatie_steun"}


def test_a_question_that_is_not_required_has_a_default_or_is_reported_open(library, handreiking):  # noqa: F811
    """Issue 22: a question added after a plan was made must not leave "[nog te bepalen" in every older plan without
    the check saying so. A new question that is not required gets a default the text states; a question on the
    list above stays open and the annex reports it."""
    base = complete("gemeente")
    for key in read_keys(library, handreiking):
        question = handreiking.find_question(key)[1]
        if question.required:
            continue
        steps = copy.deepcopy(base)
        steps[step_of(handreiking, key)].pop(key, None)
        ordinance = build(library, handreiking, steps)
        left_open = [p for p in ordinance.open_points if p.key == key and p.articles]
        if key in OPEN_WITHOUT_DEFAULT:
            assert left_open and check_status(ordinance).state == "onvolledig", key
        else:
            assert not left_open, f"{key}: geen standaard in de tekst; geef er een of zet de vraag op de lijst"
            assert [f.message for f in ordinance.findings if f.kind == KIND] == [], key
