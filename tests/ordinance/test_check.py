"""The check tells the truth: answers that contradict each other across steps, findings at the article in the
preview and the DOCX, and one status (compleet / compleet met bevindingen / niet gereed / onvolledig) wherever it is shown."""
from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.extensions import db
from app.services.plans import deadline, exchange as plan_io
from app.services.ordinance import build_ordinance
from app.services.ordinance.consistency import RULES
from app.services.plans.exchange import plan_input_from_document
from tests import helpers
from tests.helpers import text_of
from tests.ordinance.docx_reading import read_docx
from tests.ordinance.test_docx import everything, handreiking, library, plan_doc  # noqa: F401 (fixtures)
from app.services.core.access import SYSTEM

RULE = {r.name: r for r in RULES}


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The app's today: before the vaststelling of 26 November 2026 that everything() plans, so the pages and the
    DOCX have no finding about the plan's dates."""
    monkeypatch.setattr(deadline, "today_in_amsterdam", lambda now=None: date(2026, 11, 2))
CONSISTENCY = {r.text(body) for r in RULES for body in ("gemeente", "provincie", "waterschap")}


def _build(library, handreiking, steps):  # noqa: F811
    return build_ordinance(library, handreiking, plan_input_from_document(plan_doc(steps), handreiking))


def _contradictions(ordinance):
    return [f for f in ordinance.findings if f.message in CONSISTENCY]


def test_a_plan_whose_answers_agree_has_no_contradictions(library, handreiking):  # noqa: F811
    assert _contradictions(_build(library, handreiking, everything())) == []


def _without(option):
    def mutate(steps):
        steps["1"]["participatie_vormen"].remove(option)
    return mutate


# Each rule: how a consistent plan is made to contradict itself, and the article the finding belongs to.
CASES = [
    ("uitdaagrecht_niet_als_vorm", _without("uitdaagrecht"), "uitdaagrecht"),
    ("uitdaagrecht_gekozen_niet_opgenomen", lambda s: s["5"].update(uitdaagrecht_opnemen=False), "reikwijdte"),
    ("overheidsparticipatie_niet_als_vorm", _without("overheidsparticipatie"), "ondersteuning_initiatieven"),
    ("inwonersparticipatie_niet_als_vorm", _without("inwonersparticipatie"), "verplichte_participatie"),
    ("burgerinitiatief_zonder_initiatief_inwoners", lambda s: s["4"].update(initiatief=["gemeente"]),
     "burgerinitiatief"),
    ("uitdaagrecht_zonder_ingezetenen", lambda s: s["5"].update(uitdaagrecht_wie=["organisaties"]), "uitdaagrecht"),
    ("geen_inspraakverordening", lambda s: s["8"].update(inspraakverordening_intrekken=False), "overgangsrecht"),
    ("geen_gegarandeerde_participatie", lambda s: s["4"].update(wie_beslist="eigen_bevoegdheid",
                                                                verplichte_gevallen=["wettelijk"]),
     "besluit_over_participatie"),
    ("participatieparagraaf_zonder_terugkoppeling_raad", lambda s: s["5"].update(terugkoppeling_aan=["deelnemers"]),
     "participatieparagraaf"),
    ("regel_zonder_uitzondering", lambda s: s["4"].update(wie_beslist="standaard_tenzij", uitzonderingen=[]),
     "besluit_over_participatie"),
    ("voorstel_na_vaststelling", lambda s: s["8"].update(voorstel_datum="2026-12-01"), None),
    ("inwerkingtreding_voor_vaststelling", lambda s: s["8"].update(inwerkingtreding_datum="2026-11-26"),
     "inwerkingtreding"),
]


@pytest.mark.parametrize("name, mutate, article", CASES, ids=[c[0] for c in CASES])
def test_each_contradiction_gives_its_finding_at_the_article(library, handreiking, name, mutate, article):  # noqa: F811
    steps = everything()
    mutate(steps)
    ordinance = _build(library, handreiking, steps)
    found = _contradictions(ordinance)
    assert [f.message for f in found] == [RULE[name].text("gemeente")]
    assert found[0].level == RULE[name].level
    if article:
        assert found[0].article_key == article and ordinance.article(article) is not None


def test_findings_name_the_bodies_of_a_provincie(library, handreiking):  # noqa: F811
    steps = everything()
    steps["5"].update(terugkoppeling_aan=["deelnemers"])
    ordinance = build_ordinance(library, handreiking,
                                plan_input_from_document(plan_doc(steps, body="provincie"), handreiking))
    [finding] = _contradictions(ordinance)
    assert "voorstel aan provinciale staten" in finding.message and "de raad" not in finding.message


def test_every_rule_has_a_case():
    assert {c[0] for c in CASES} == set(RULE)


def _import(ctx, steps):
    plan = plan_io.import_plan(plan_doc(steps), ctx.client.application.extensions["handreiking"], ctx.organisation,
                               by=SYSTEM)
    db.session.commit()
    return plan


def _three_places(client, plan_id):
    """The status as the preview, the step overview and the DOCX annex show it."""
    preview = text_of(client.get(f"/plannen/{plan_id}/verordening"))
    outline = text_of(client.get(f"/plannen/{plan_id}"))
    docx = read_docx(client.get(f"/plannen/{plan_id}/verordening.docx").data)
    return preview, outline, docx


def _annex(docx) -> list[str]:
    texts = [t for _, t in docx.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("Controle van dit concept"))
    assert "de jurist verwijdert deze bijlage voordat het voorstel naar de raad gaat" in texts[start]
    return texts[start:]


def test_status_compleet_everywhere(editor):
    plan = _import(editor, everything())
    preview, outline, docx = _three_places(editor.client, plan.id)
    for page in (preview, outline):
        assert "Status: compleet " in page and "de controle vond geen gebrek van de soorten die zij kent" in page
        assert "een juridische toets blijft nodig" in page
    annex = _annex(docx)
    assert annex[1].startswith("Status: compleet. ")
    assert "Bevindingen (0)" in annex and "Open punten in dit concept (0)" in annex


def test_status_niet_gereed_when_step_1_and_step_5_disagree(editor):
    """The new user's case: uitdaagrecht unticked in step 1 while step 5 still says yes. That finding is a Fout, so
    the status never says "compleet" (issue 22, the fresh jurist reading)."""
    plan = _import(editor, everything())
    helpers.save_step(editor.client, plan.id, 1, {
        "q-participatie_definitie": "Samen werken aan beleid.",
        "q-participatie_vormen": ["inwonersparticipatie", "overheidsparticipatie"]})
    preview, outline, docx = _three_places(editor.client, plan.id)
    message = RULE["uitdaagrecht_niet_als_vorm"].text("gemeente")
    number = docx.article_number("Uitdaagrecht")
    assert "Status: niet gereed: 1 fout" in preview and "Status: niet gereed: 1 fout" in outline
    assert "compleet" not in preview.split("Status:")[1][:40]
    assert f"Fout: {message} ( artikel {number} )" in preview and "Bevindingen (1)" in preview
    annex = _annex(docx)
    assert annex[1].startswith("Status: niet gereed: 1 fout.")
    assert f"Fout: {message} — artikel {number}" in annex
    # A Word comment on the heading of the article the finding concerns, and on no other article.
    assert any(message in c for c in comments_at(docx, f"Artikel {number}. Uitdaagrecht"))
    elsewhere = [h for h in docx.headings(2) if h != f"Artikel {number}. Uitdaagrecht"
                 and any(message in c for c in comments_at(docx, h))]
    assert elsewhere == []


def test_status_onvolledig_with_the_number_of_open_points_for_an_unfinished_plan(editor):
    """One step answered of eight: never "Geen bevindingen: alle verplichte onderdelen staan erin"."""
    helpers.save_step(editor.client, editor.plan.id, 1, {
        "q-participatie_definitie": "Samen werken aan beleid.",
        "q-participatie_vormen": ["inwonersparticipatie", "overheidsparticipatie", "uitdaagrecht"]})
    ordinance = build_ordinance(editor.client.application.extensions["clause_library"],
                                editor.client.application.extensions["handreiking"],
                                plan_io.plan_input(editor.plan, editor.client.application.extensions["content"]))
    count = len(ordinance.open_points)
    # Unanswered required questions of unfinished steps count, also those that leave no blank in the text.
    assert {"ambitie", "programma_periode", "inspraak_procedure"} <= {p.key for p in ordinance.open_points}
    preview, outline, docx = _three_places(editor.client, editor.plan.id)
    assert f"Status: onvolledig: {count} open punten" in preview and f"Open punten ({count})" in preview
    assert f"Status: onvolledig: {count} open punten" in outline
    assert "alle verplichte onderdelen staan erin" not in preview
    annex = _annex(docx)
    assert annex[1].startswith(f"Status: onvolledig: {count} open punten.")
    assert f"Open punten in dit concept ({count})" in annex
    assert "Wat is de ambitie van uw gemeente met participatie? (stap 2)" in annex


def comments_at(docx, heading: str) -> list[str]:
    """The texts of every Word comment anchored in the paragraph with this text (docx_reading keeps one)."""
    texts = {str(c.comment_id): c.text for c in docx.doc.comments}
    found = []
    for p in docx.doc.paragraphs:
        if p.text == heading:
            found += [texts[s.get(qn("w:id"))] for s in p._p.iter(qn("w:commentRangeStart"))]
    return found


def test_docx_opens_again_after_the_check_added_comments(library, handreiking):  # noqa: F811
    """Two comments on one heading (the choices and the check) still make a document Word can open."""
    from app.services.ordinance.docx_render import render_ordinance_docx
    steps = everything()
    steps["1"]["participatie_vormen"].remove("uitdaagrecht")
    data = render_ordinance_docx(_build(library, handreiking, steps))
    doc = Document(io.BytesIO(data))
    heading = next(p for p in doc.paragraphs if p.text.endswith(". Uitdaagrecht") and p.style.name == "Heading 2")
    assert len(list(heading._p.iter(qn("w:commentRangeStart")))) == 2
