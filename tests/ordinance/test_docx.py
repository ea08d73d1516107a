"""The draft ordinance as a Word document, for contrasting plans: what a jurist sees when opening it."""
from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path

import pytest
from docx.enum.text import WD_COLOR_INDEX

from app.services.questions.handreiking import load_handreiking
from app.services.ordinance import build_ordinance, load_library
from app.services.ordinance.docx_render import render_ordinance_docx
from app.services.plans.exchange import plan_input_from_document
from tests.ordinance.docx_reading import read_docx

ROOT = Path(__file__).resolve().parents[2]
DEMO = json.loads((ROOT / "app" / "demo" / "voorbeeldstad.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def handreiking():
    return load_handreiking(ROOT / "handreiking")


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "ordinance_templates")


def plan_doc(steps: dict, name="Voorbeeldstad", body="gemeente") -> dict:
    return {"format": "participatie-assistent/plan", "version": 1,
            "municipality": {"name": name, "body_type": body, "inhabitants": None},
            "plan": {"title": "Test"}, "steps": steps}


def everything() -> dict:
    steps = copy.deepcopy(DEMO["steps"])
    steps["4"].update(verplichte_gevallen=["wettelijk", "grote_impact", "omgevingswet"],
                      omgevingswet_activiteiten="Windturbines en zonneparken buiten de bebouwde kom.",
                      impact_criteria=["veel_inwoners", "leefomgeving", "financieel", "kwetsbare_groepen"],
                      impact_criteria__anders="Beleid dat de openbare ruimte van een hele wijk verandert",
                      uitzonderingen=["begroting_belastingen", "hogere_regelgeving", "spoed", "kleine_wijzigingen"],
                      invloed_vocabulaire="zes_treden", wie_beslist="afwijken_na_melding")
    steps["5"].update(inspraak_procedure="keuze", inspraak_termijn_weken=5, projectdocumenten="beide",
                      uitdaagrecht_overeenkomst=True, uitdaagrecht_evaluatie=True,
                      uitdaagrecht_wie=["ingezetenen", "organisaties", "ondernemers"],
                      uitdaagrecht_criteria=["kwaliteit", "kosten", "draagvlak", "continuiteit", "veiligheid"],
                      uitdaagrecht_beslistermijn_weken=10, buurtrechten=["biedrecht", "buurtplanrecht"],
                      buurtplan_beslistermijn_weken=12,
                      overheidsparticipatie_steun=["contactpunt", "budget", "advies"], clientparticipatie=True)
    steps["6"] = {"programma_periode": "2027-2028",
                  "uitvoeringsactiviteiten": [{"activiteit": "Een participatieplatform inrichten"}]}
    steps["7"] = {"evaluatie_termijn_jaren": 3, "evaluatie_met_inwoners": True}
    steps["8"].update(inwerkingtreding="vaste_datum", inwerkingtreding_datum="2027-01-01",
                      voorstel_datum="2026-10-06", vaststelling_datum="2026-11-26",
                      citeertitel="Participatieverordening Voorbeeldstad 2027")
    return steps


def build(library, handreiking, doc):
    ordinance = build_ordinance(library, handreiking, plan_input_from_document(doc, handreiking))
    return ordinance, read_docx(render_ordinance_docx(ordinance, date(2026, 11, 24)))


def assert_well_formed(ordinance, docx):
    """Numbering continuous, every heading in the navigation styles, every reference resolved."""
    numbers = [int(re.match(r"Artikel (\d+)\.", h).group(1)) for h in docx.headings(2) if re.match(r"Artikel \d+\.", h)]
    assert numbers == list(range(1, len(numbers) + 1))
    chapters = [h for h in docx.headings(1) if h.startswith("Hoofdstuk")]
    assert [int(re.match(r"Hoofdstuk (\d+)\.", h).group(1)) for h in chapters] == list(range(1, len(chapters) + 1))
    assert "verwijzing naar ontbrekend artikel" not in docx.text()
    # Internal references: "artikel 7", not "artikel 150 van de Gemeentewet" or "artikel 3:10".
    for ref in re.findall(r"artikel (\d+)(?![\d.:])(?!(?:, \w+ lid,)? van )(?!(?: en \d+[.:]?\d*)* van )", docx.text()):
        assert 1 <= int(ref) <= len(numbers), f"verwijzing naar artikel {ref} bestaat niet"
    assert not [f for f in ordinance.findings if f.level == "fout"], ordinance.findings
    assert docx.paragraphs[0] == ("Title", ordinance.title)
    assert "Toelichting" in docx.headings(1)
    # Every article has its own explanation in the toelichting.
    assert [h for h in docx.headings(3) if re.match(r"Artikel \d+\.", h)] == [a.heading for a in ordinance.articles()]


def test_everything_chosen(library, handreiking):
    ordinance, docx = build(library, handreiking, plan_doc(everything()))
    assert_well_formed(ordinance, docx)
    text = docx.text()
    assert ordinance.title == "Participatieverordening Voorbeeldstad 2027"
    # Afdeling 3.4 Awb is a procedure the articles apply, not a ground for the rules (issue 13).
    assert "afdeling 3.4 van de Algemene wet bestuursrecht" not in " ".join(ordinance.aanhef)
    assert "artikel 16.55, zevende lid, van de Omgevingswet" in " ".join(ordinance.aanhef)
    assert "6 oktober 2026" in text and "26 november 2026" in text and "1 januari 2027" in text
    assert "windturbines en zonneparken buiten de bebouwde kom." in text
    assert "beleid dat de openbare ruimte van een hele wijk verandert" in text
    assert "zelfbeheer" in text
    for title in ("Biedrecht", "Buurtplanrecht", "Cliëntparticipatie", "Burgerinitiatief", "Overeenkomst",
                  "Participatieparagraaf"):
        docx.article_number(title)
    # The numbers from the plan, in the article sentences a jurist reads.
    def article(title):
        return docx.article_block(f"Artikel {docx.article_number(title)}.")
    assert "1.\tHet college beslist op een uitdaging binnen 10 weken na ontvangst ervan." in \
        article("Besluit op een uitdaging")
    assert ("d.\tde naam, het adres en de handtekening van ten minste 150 ingezetenen die het burgerinitiatief "
            "steunen.") in article("Burgerinitiatief")
    assert ("1.\tHet college stuurt de raad binnen 3 jaar na de inwerkingtreding van deze verordening, en daarna "
            "telkens na 3 jaar, een verslag over de doeltreffendheid en de effecten van deze verordening in de "
            "praktijk.") in article("Evaluatie van de verordening")
    assert not ordinance.open_points


def test_minimal_plan_shows_open_points_highlighted(library, handreiking):
    ordinance, docx = build(library, handreiking, plan_doc({}))
    text = docx.text()
    assert "[nog te bepalen:" in text
    assert ordinance.open_points and f"Open punten in dit concept ({len(ordinance.open_points)})" in docx.headings(2)
    highlighted = [r.text for p in docx.doc.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert highlighted and all(t.startswith("[nog te bepalen:") for t in highlighted)
    keys = {p.key for p in ordinance.open_points}
    assert {"inspraak_procedure", "evaluatie_termijn_jaren", "overgangsrecht", "inwerkingtreding"} <= keys
    # The mandatory parts are present even when nothing is chosen: uitdaagrecht is in by default.
    for element in ("Inspraak", "Uitdaagrecht"):
        docx.article_number(element)
    assert not [f for f in ordinance.findings if f.level == "fout"]


def test_without_afdeling_3_4(library, handreiking):
    steps = everything()
    steps["5"].update(inspraak_procedure="eigen", inspraak_termijn_weken=3)
    ordinance, docx = build(library, handreiking, plan_doc(steps))
    assert_well_formed(ordinance, docx)
    assert "3.4" not in " ".join(ordinance.aanhef)
    block = " ".join(docx.article_block(f"Artikel {docx.article_number('Eigen inspraakprocedure')}."))
    assert "3 weken" in block
    with_awb = everything()
    with_awb["5"].update(inspraak_procedure="awb")
    ordinance_awb, docx_awb = build(library, handreiking, plan_doc(with_awb))
    assert "afdeling 3.4 van de Algemene wet bestuursrecht" not in " ".join(ordinance_awb.aanhef)
    inspraak = " ".join(docx_awb.article_block(f"Artikel {docx_awb.article_number('Inspraak')}."))
    assert "afdeling 3.4" in inspraak
    with pytest.raises(AssertionError):
        docx_awb.article_number("Eigen inspraakprocedure")


def test_four_word_vocabulary(library, handreiking):
    steps = everything()
    steps["4"]["invloed_vocabulaire"] = "vier_woorden"
    ordinance, docx = build(library, handreiking, plan_doc(steps))
    assert_well_formed(ordinance, docx)
    block = " ".join(docx.article_block(f"Artikel {docx.article_number('Mate van invloed')}."))
    for word in ("meeweten", "meedenken", "meedoen", "meebeslissen"):
        assert word in block
    assert "coproduceren" not in block and "raadplegen" not in block
    five = everything()
    five["4"]["invloed_vocabulaire"] = "vijf_treden"
    _, docx5 = build(library, handreiking, plan_doc(five))
    block5 = " ".join(docx5.article_block(f"Artikel {docx5.article_number('Mate van invloed')}."))
    assert "coproduceren" in block5 and "zelfbeheer" not in block5 and "meeweten" not in block5


def test_uitdaagrecht_with_narrow_scope(library, handreiking):
    steps = everything()
    steps["5"].update(uitdaagrecht_reikwijdte="aangewezen", uitdaagrecht_wie=["organisaties"],
                      uitdaagrecht_taken="Het onderhoud van groen in de wijk en het beheer van buurthuizen.",
                      uitdaagrecht_criteria=["veiligheid"], uitdaagrecht_beslistermijn_weken=8,
                      uitdaagrecht_overeenkomst=False, uitdaagrecht_evaluatie=False, buurtrechten=[])
    ordinance, docx = build(library, handreiking, plan_doc(steps))
    assert_well_formed(ordinance, docx)
    text = docx.text()
    assert "het onderhoud van groen in de wijk en het beheer van buurthuizen." in text
    assert "8 weken" in text
    scope = " ".join(docx.article_block(f"Artikel {docx.article_number('Taken die kunnen worden uitgedaagd')}."))
    assert "aangewezen" in scope
    criteria = " ".join(docx.article_block(f"Artikel {docx.article_number('Beoordeling van een uitdaging')}."))
    assert "veiligheid" in criteria and "kosten" not in criteria
    for gone in ("Overeenkomst", "Biedrecht", "Buurtplanrecht", "Evaluatie van een overgenomen taak"):
        with pytest.raises(AssertionError):
            docx.article_number(gone)
    comment = docx.comments[f"Artikel {docx.article_number('Taken die kunnen worden uitgedaagd')}. Taken die kunnen worden uitgedaagd"]
    assert "Alleen taken die het college heeft aangewezen" in comment and "Andere mogelijkheden" in comment


def test_burgerinitiatief_and_clientparticipatie_added(library, handreiking):
    base = copy.deepcopy(DEMO["steps"])
    base["5"].update(burgerinitiatief=False, clientparticipatie=False)
    ordinance_without, docx_without = build(library, handreiking, plan_doc(base))
    added = copy.deepcopy(base)
    added["5"].update(burgerinitiatief=True, burgerinitiatief_handtekeningen=275, clientparticipatie=True)
    ordinance, docx = build(library, handreiking, plan_doc(added))
    assert_well_formed(ordinance, docx)
    assert len(docx.headings(2)) == len(docx_without.headings(2)) + 2
    block = " ".join(docx.article_block(f"Artikel {docx.article_number('Burgerinitiatief')}."))
    assert "275" in block
    docx.article_number("Cliëntparticipatie")
    with pytest.raises(AssertionError):
        docx_without.article_number("Burgerinitiatief")
    # Removing two articles in the middle renumbered the slotbepalingen and kept the citeertitel last.
    assert docx.article_number("Citeertitel") == docx_without.article_number("Citeertitel") + 2


def test_uitdaagrecht_left_out_needs_legal_review(library, handreiking):
    steps = everything()
    steps["5"]["uitdaagrecht_opnemen"] = False
    ordinance, docx = build(library, handreiking, plan_doc(steps))
    assert "Uitdaagrecht" not in [c.title for c in ordinance.chapters]
    warnings = [f.message for f in ordinance.findings if f.level == "waarschuwing"]
    assert any("uitdaagrecht" in w and "jurist" in w for w in warnings)
    assert "uitdaagrecht" in docx.text().lower()  # the toelichting says so visibly


def test_comments_on_articles_that_follow_a_choice(library, handreiking):
    ordinance, docx = build(library, handreiking, plan_doc(everything()))
    with_choice = [a for a in ordinance.articles() if a.choices]
    assert len(with_choice) >= 8
    for article in with_choice:
        comment = docx.comments.get(article.heading)
        assert comment, f"geen opmerking bij {article.heading}"
        assert "Deze tekst volgt uit de keuze bij" in comment
    without = [a for a in ordinance.articles() if not a.choices]
    for article in without:
        assert article.heading not in docx.comments


def test_document_properties_header_and_footer(library, handreiking):
    ordinance, docx = build(library, handreiking, plan_doc(everything()))
    props = docx.doc.core_properties
    assert props.title == "Participatieverordening Voorbeeldstad 2027"
    assert props.language == "nl-NL" and "Voorbeeldstad" in props.subject
    header = docx.doc.sections[0].header.paragraphs[0].text
    assert "CONCEPT" in header and "24 november 2026" in header
    footer_xml = docx.doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    styles_xml = docx.doc.styles.element.xml
    assert 'w:val="nl-NL"' in styles_xml
    members = [t for s, t in docx.paragraphs if s == "Lid"]
    assert members and all(re.match(r"\d+\.\t", t) for t in members)
    parts = [t for s, t in docx.paragraphs if s.startswith("Onderdeel")]
    assert parts and all(re.match(r"[a-z]+\.\t", t) for t in parts)


def test_provincie_wording(library, handreiking):
    ordinance, docx = build(library, handreiking, plan_doc(everything(), name="Utrecht", body="provincie"))
    assert ordinance.aanhef[0].startswith("Provinciale staten van Utrecht")
    assert "artikel 147 van de Provinciewet" in " ".join(ordinance.aanhef)
    assert "burgemeester en wethouders" not in docx.text()


HOSTILE = ("Tekst met \x01\x02 stuurtekens\x0b, emoji 🎉👩‍👩‍👧, rechts-naar-links עברית العربية, "
           "{{ x }} {% if %} {#, <b>html</b> <script>alert(1)</script>, en een veld { MERGEFIELD x }.")


def test_hostile_answers_end_up_literally_and_docx_stays_valid(library, handreiking):
    steps = everything()
    steps["5"]["uitdaagrecht_taken"] = HOSTILE
    steps["4"]["omgevingswet_activiteiten"] = "x" * 50_000
    steps["8"]["citeertitel"] = "{{ citeertitel }} <i>titel</i>"
    ordinance, docx = build(library, handreiking, plan_doc(steps))
    text = docx.text()
    expected = HOSTILE.replace("\x01", "").replace("\x02", "").replace("\x0b", "")
    # Free text is a list item of its own (issue 13): lower-case start, the rest literally.
    assert "t" + expected[1:] in text
    assert "x" * 50_000 in text
    assert docx.paragraphs[0][1] == "{{ citeertitel }} <i>titel</i>"


def test_own_wording_reaches_the_jurist_in_the_comment(library, handreiking):
    steps = everything()
    steps["5"]["inspraak_procedure__anders"] = "Bij kleine projecten volstaat een digitale reactiemogelijkheid"
    ordinance, docx = build(library, handreiking, plan_doc(steps))
    comment = docx.comments[ordinance.article("inspraak").heading]
    assert "Eigen formulering: “Bij kleine projecten volstaat een digitale reactiemogelijkheid”" in comment
    assert "Juridische toets nodig" in comment
