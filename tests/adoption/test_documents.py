"""The draft raadsvoorstel and the raadsbesluit: every section in the DOCX, the dates of the route to adoption, the
bodies of each body type by their own names, and open points where the plan has no answer yet."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from app.services.adoption import load_route_folder, plan_route, schedules
from app.services.adoption.documents import AdoptionInput, build_raadsbesluit, build_raadsvoorstel, load_texts
from app.services.adoption.planner import StepSetting
from app.services.documents import kinds  # noqa: F401  registers every kind
from app.services.documents.docx_writer import render_docx
from app.services.documents.model import ListBlock
from app.services.documents.registry import KINDS, kinds_for
from app.services.questions.handreiking import load_handreiking
from app.services.ordinance import build_ordinance, load_library
from app.services.ordinance.wording import GROUNDS
from app.services.plans.exchange import plan_input_from_document
from tests.conftest import libreoffice_text
from tests.documents.test_model import docx_text
from tests.ordinance.test_legal_quality import OTHER_BODY_WORDS

ROOT = Path(__file__).resolve().parents[2]
DEMO = json.loads((ROOT / "app" / "demo" / "voorbeeldstad.json").read_text(encoding="utf-8"))
TEXTS = load_texts(str(ROOT / "handreiking" / "documents" / "raadsvoorstel.yaml"))
SECTIONS = list(TEXTS["voorstel"]["sections"].values())
TODAY = date(2026, 3, 2)
MEETINGS = {"college": [date(2026, 9, 15), date(2026, 10, 6)], "commissie": [date(2026, 11, 2)],
            "raad": [date(2026, 11, 26)]}


@pytest.fixture(scope="module")
def handreiking():
    return load_handreiking(ROOT / "handreiking")


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "ordinance_templates")


def source(library, handreiking, steps=None, body="gemeente", name="Voorbeeldstad", route=True):
    doc = {**DEMO, "municipality": {"name": name, "body_type": body, "inhabitants": None},
           "steps": DEMO["steps"] if steps is None else steps}
    plan = plan_input_from_document(doc, handreiking)
    planned = plan_route(load_route_folder(ROOT / "handreiking" / "route"), {}, date(2027, 1, 1), TODAY, MEETINGS,
                         body) if route else None
    return AdoptionInput(plan.organisation, plan.body_type, plan.answers,
                         build_ordinance(library, handreiking, plan), planned, "beide" if route else None)


def text_of(document) -> str:
    return docx_text(render_docx(document, TODAY))[0]


def test_the_raadsvoorstel_has_every_section_and_the_dates_of_the_route(library, handreiking):
    steps = {**DEMO["steps"], "6": {"programma_periode": "2027-2028"},
             "8": {**DEMO["steps"]["8"], "portefeuillehouder": "Wethouder A. de Vries", "agendapunt": "7"}}
    text = text_of(build_raadsvoorstel(source(library, handreiking, steps=steps), TEXTS))
    assert text.startswith("Raadsvoorstel: Participatieverordening Voorbeeldstad")
    # the standard header (issue 18)
    for expected in ("Onderwerp | Vaststelling van de Participatieverordening Voorbeeldstad",
                     "Portefeuillehouder | Wethouder A. de Vries", "Agendapunt | 7",
                     "Datum collegebesluit | 6 oktober 2026", "Vergadering van de raad | 26 november 2026"):
        assert expected in text, expected
    for heading in SECTIONS:
        assert heading in text.split("\n"), heading
    # college, commissie and raad on their meeting dates; publication and entry into force worked back from the target
    for expected in ("Besluit van het college van burgemeester en wethouders | 6 oktober 2026",
                     "Bespreking in de raadscommissie | 2 november 2026",
                     "Vaststelling door de gemeenteraad | 26 november 2026",
                     "Publicatie in het Gemeenteblad | 31 december 2026", "Inwerkingtreding | 1 januari 2027"):
        assert expected in text
    assert "De Participatieverordening Voorbeeldstad vast te stellen" in text
    assert "De Inspraakverordening Voorbeeldstad 2005 in te trekken" in text
    assert "de adviesraad en inwoners en belanghebbenden, met een reactietermijn van 6 weken" in text
    assert "Over twee jaar weten inwoners bij elk groot project" in text  # the ambition of step 2
    assert "vertrouwen tussen inwoners en gemeente" in text               # a value of step 3, by its label
    assert "Het uitvoeringsprogramma loopt over de periode 2027-2028." in text
    assert "[nog te bepalen" not in text and "Open punten" not in text


def test_the_costs_in_the_raadsvoorstel_are_in_euros_as_typed_in_step_6(library, handreiking):
    activities = [{"activiteit": "Training", "budget": 18000}, {"activiteit": "Webpagina", "budget": 12500.5},
                  {"activiteit": "Panel", "middelen": "uit het bestaande budget"}]
    steps = {**DEMO["steps"], "6": {"programma_periode": "2027-2028", "uitvoeringsactiviteiten": activities}}
    text = text_of(build_raadsvoorstel(source(library, handreiking, steps=steps), TEXTS))
    assert "Training | € 18.000" in text
    assert "Webpagina | € 12.500,50" in text
    assert "Panel | uit het bestaande budget" in text
    assert "12500.5" not in text


def test_an_empty_plan_gives_open_points_instead_of_gaps(library, handreiking):
    document = build_raadsvoorstel(source(library, handreiking, steps={}, route=False), TEXTS)
    text = text_of(document)
    for heading in SECTIONS:
        assert heading in text.split("\n"), heading
    assert f"Open punten ({len(document.open_points)})" in text and len(document.open_points) >= 4
    for point in ("Beschrijf de ambitie met participatie (stap 2)", "Plan de route naar vaststelling",
                  "De portefeuillehouder (stap 8)", "Het agendapunt van de raadsvergadering (stap 8)",
                  "Datum van het voorstel van het college"):
        assert f"[nog te bepalen: {point}" in text
    assert "None" not in text and "{" not in text
    besluit = build_raadsbesluit(source(library, handreiking, steps={}, route=False), TEXTS)
    besluit_text = text_of(besluit)
    assert "gelezen het voorstel van het college van burgemeester en wethouders van [nog te bepalen: Datum" in \
        besluit_text
    assert "Aldus besloten in de openbare vergadering van [nog te bepalen: Datum" in besluit_text


def test_the_raadsbesluit_adopts_the_ordinance_with_its_articles_as_bijlage(library, handreiking):
    adoption = source(library, handreiking)
    text = text_of(build_raadsbesluit(adoption, TEXTS))
    lines = text.split("\n")
    assert lines[:5] == ["Raadsbesluit tot vaststelling van de Participatieverordening Voorbeeldstad",
                         "De raad van de gemeente Voorbeeldstad;",
                         "gelezen het voorstel van het college van burgemeester en wethouders van 6 oktober 2026;",
                         "gelet op artikel 150 van de Gemeentewet;", "besluit:"]
    assert "1.\tvast te stellen de Participatieverordening Voorbeeldstad, zoals opgenomen in de bijlage bij " \
           "dit besluit." in lines
    assert "Aldus besloten in de openbare vergadering van 26 november 2026." in lines
    assert "Bijlage: Participatieverordening Voorbeeldstad" in lines
    for article in adoption.ordinance.articles():
        assert article.heading in lines
        assert all(line in text for line in article.full_text().split("\n"))


@pytest.mark.parametrize("body, name, voorstel, besluit, opening, college", [
    ("gemeente", "Voorbeeldstad", "Raadsvoorstel", "Raadsbesluit", "De raad van de gemeente Voorbeeldstad;",
     "het college van burgemeester en wethouders"),
    ("provincie", "Utrecht", "Statenvoorstel", "Statenbesluit", "Provinciale staten van Utrecht;",
     "gedeputeerde staten"),
    ("waterschap", "De Dommel", "Voorstel aan het algemeen bestuur", "Besluit van het algemeen bestuur",
     "Het algemeen bestuur van het waterschap De Dommel;", "het dagelijks bestuur"),
])
def test_each_body_type_names_its_own_bodies(library, handreiking, body, name, voorstel, besluit, opening, college):
    steps = json.loads(json.dumps(DEMO["steps"]))  # the demo's own words are municipal; typed text is the user's
    steps["3"]["doelen"] = "Beter beleid door de kennis van inwoners te gebruiken."
    steps["5"]["uitdaagrecht_taken"] = "Handhaving is uitgezonderd."
    adoption = source(library, handreiking, steps=steps, body=body, name=name)
    voorstel_text = text_of(build_raadsvoorstel(adoption, TEXTS))
    besluit_text = text_of(build_raadsbesluit(adoption, TEXTS))
    assert voorstel_text.startswith(f"{voorstel}: ") and besluit_text.startswith(f"{besluit} tot vaststelling")
    assert opening in besluit_text.split("\n")
    assert f"gelezen het voorstel van {college} van 6 oktober 2026;" in besluit_text
    ground = re.search(r"gelet op (.+);", besluit_text).group(1)
    assert ground in GROUNDS[body]
    other = re.compile(OTHER_BODY_WORDS[body])
    for text in (voorstel_text, besluit_text):
        assert not other.search(text), other.search(text).group(0)


def test_the_kinds_are_registered_and_build_from_a_stored_plan_with_its_schedule(app, editor, monkeypatch):
    from app.services.adoption import documents
    monkeypatch.setattr(documents, "now", lambda: datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))
    assert {"verordening", "raadsvoorstel", "raadsbesluit"} <= {k.key for k in kinds_for("plan")}
    from app import content
    with app.app_context():
        plan = editor.plan
        route_content = content.adoption_route()
        schedules.save_settings(plan, route_content, target=date(2027, 1, 1), consultation_with="inwoners",
                                steps={s.key: StepSetting(weeks=s.weeks) for s in route_content.steps},
                                by=editor.user)
        for body, days in MEETINGS.items():
            schedules.replace_meetings(plan, body, days, by=editor.user)
        text = text_of(KINDS["raadsvoorstel"].build(plan, content.current()))
        besluit = text_of(KINDS["raadsbesluit"].build(plan, content.current()))
        ordinance = text_of(KINDS["verordening"].build(plan, content.current()))
    assert "Vaststelling door de gemeenteraad | 26 november 2026" in text
    assert "inwoners en belanghebbenden, met een reactietermijn van 6 weken" in text
    assert "Aldus besloten in de openbare vergadering van 26 november 2026." in besluit
    assert "Controle van dit concept" in ordinance


@pytest.mark.tool
def test_libreoffice_opens_the_raadsvoorstel_and_the_raadsbesluit(library, handreiking, tmp_path):
    adoption = source(library, handreiking)
    voorstel = libreoffice_text(render_docx(build_raadsvoorstel(adoption, TEXTS)), tmp_path, "voorstel")
    besluit = libreoffice_text(render_docx(build_raadsbesluit(adoption, TEXTS)), tmp_path, "besluit")
    assert all(heading in voorstel for heading in SECTIONS)
    assert "26 november 2026" in voorstel
    assert "gelet op artikel 150 van de Gemeentewet;" in besluit
    assert all(a.heading in besluit for a in adoption.ordinance.articles())


def test_lines_with_dashes_in_an_answer_become_a_real_list(library, handreiking):
    """Issue 18: the raadsvoorstel printed "- a - b" inline."""
    steps = {**DEMO["steps"], "2": {**DEMO["steps"].get("2", {}),
                                    "ambitie": "Wij willen:\n- vroeg betrekken\n- terugkoppelen binnen zes weken"}}
    document = build_raadsvoorstel(source(library, handreiking, steps=steps), TEXTS)
    lists = [b.items for b in document.blocks if isinstance(b, ListBlock)]
    assert ["vroeg betrekken", "terugkoppelen binnen zes weken"] in lists
    text = text_of(document)
    assert "De ambitie: Wij willen:" in text and "- vroeg" not in text
