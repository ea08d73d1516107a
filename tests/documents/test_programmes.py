"""The uitvoeringsprogramma and the leerprogramma: built from the demo plan, shown as a page and written as DOCX,
behind the plan's access rule."""
import json

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import AuditEvent
from app.services.plans import exchange as plan_io, plans
from app.services.documents.programmes import build_leerprogramma, build_uitvoeringsprogramma
from app.services.core.access import SYSTEM
from app.services.documents.registry import kinds_for
from tests import helpers
from tests.documents.test_model import docx_text

DEMO = json.loads(open("app/demo/voorbeeldstad.json", encoding="utf-8").read())
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def demo_plan(owner=None):
    plan = plan_io.import_plan(json.loads(json.dumps(DEMO)), content.handreiking(), by=owner or SYSTEM)
    db.session.commit()
    return plan


def logged_in_demo(client):
    user = helpers.make_user("bea@voorbeeldstad.nl", "Bea Beheerder")
    plan = demo_plan(owner=user)
    helpers.login(client, "bea@voorbeeldstad.nl")
    return plan


def test_both_programmes_are_plan_documents():
    assert {"uitvoeringsprogramma", "leerprogramma"} <= {k.key for k in kinds_for("plan")}


def test_the_demo_uitvoeringsprogramma_docx_holds_activities_periods_budgets_and_total(app, client):
    plan = logged_in_demo(client)
    response = client.get(f"/plannen/{plan.id}/documenten/uitvoeringsprogramma.docx")
    assert response.status_code == 200
    assert "filename=uitvoeringsprogramma-voorbeeldstad.docx" in response.headers["Content-Disposition"]
    text, word = docx_text(response.data)
    for row in ("Training participatieplan voor projectleiders | Team Participatie | jan 2027 – jun 2027 | € 18.000 "
                "| Vertrouwen tussen inwoners en gemeente",
                "Jongerenpanel via scholen en de jongerenraad | Afdeling Sociaal Domein | mrt 2027 – feb 2028 "
                "| € 24.500 | Iedereen kan meedoen",
                "Webpagina met lopende trajecten en terugkoppeling | Communicatie | feb 2027 – sep 2027 | € 12.500,50 "
                "| Openheid en transparantie",
                "Pilotprojecten met het nieuwe participatieplan | Afdelingshoofden Ruimte | sep 2027 – jun 2028 "
                "| € 30.000 | Vertrouwen tussen inwoners en gemeente",
                "Totaal (4 activiteiten) |  | jan 2027 – jun 2028 | € 85.000,50 | "):
        assert row in text
    assert "Het programma geldt voor de periode 2027-2028." in text


def test_the_gantt_marks_exactly_the_active_months(app, client):
    plan = logged_in_demo(client)
    _text, word = docx_text(client.get(f"/plannen/{plan.id}/documenten/uitvoeringsprogramma.docx").data)
    gantt = word.tables[1]
    header = [c.text for c in gantt.rows[0].cells]
    assert header == ["Activiteit"] + [f"{m} {y}" for y in (2027, 2028) for m in MONTHS]  # 24 months from jan 2027
    marked = {row.cells[0].text: [header[i] for i, c in enumerate(row.cells) if c.text == "■"] for row in gantt.rows[1:]}
    assert marked["Jongerenpanel via scholen en de jongerenraad"] == (
        [f"{m} 2027" for m in MONTHS[2:]] + ["jan 2028", "feb 2028"])
    assert marked["Training participatieplan voor projectleiders"] == [f"{m} 2027" for m in MONTHS[:6]]
    assert marked["Pilotprojecten met het nieuwe participatieplan"] == (
        [f"{m} 2027" for m in MONTHS[8:]] + [f"{m} 2028" for m in MONTHS[:6]])


def test_each_ambition_of_step_3_lists_its_activities_and_an_unserved_one_is_an_open_point(app):
    plan = demo_plan()
    programme = build_uitvoeringsprogramma(plan, content.current()).plain_text()
    assert ("Vertrouwen tussen inwoners en gemeente\nTraining participatieplan voor projectleiders\n"
            "Pilotprojecten met het nieuwe participatieplan\n") in programme
    assert "Geen enkele activiteit dient" not in programme
    learning = build_leerprogramma(plan, content.current())
    assert "Geen enkele activiteit dient de ambitie “Iedereen kan meedoen” (stap 7)." in learning.open_points
    assert "Intervisie over de pilotprojecten | Projectleiders | sep 2027 – aug 2028 | € 6.500" in learning.plain_text()


def test_a_plan_without_activities_says_what_is_missing(app):
    user = helpers.make_user("bea@leeg.nl")
    plan = helpers.make_plan(helpers.make_organisation("Leegdorp", user))
    db.session.commit()
    doc = build_uitvoeringsprogramma(plan, content.current())
    assert "Vul de activiteiten in (stap 6)." in doc.open_points
    assert "Vul de periode van het uitvoeringsprogramma in (stap 6)." in doc.open_points
    assert "Er is nog geen activiteit met een start- en eindmaand" in doc.plain_text()


def test_an_old_free_text_period_shows_in_the_document(app):
    user = helpers.make_user("bea@oud.nl")
    plan = helpers.make_plan(helpers.make_organisation("Oudstad", user))
    plans.save_step(plan, 6, {"uitvoeringsactiviteiten": [{"activiteit": "Training", "periode": "Q1 2027",
                                                            "middelen": "twee fte"}]}, user, None)
    db.session.commit()
    text = build_uitvoeringsprogramma(plan, content.current()).plain_text()
    assert "Training | — | eerder ingevuld: Q1 2027 | eerder ingevuld: twee fte" in text


def test_the_documents_page_lists_every_plan_kind_with_links(app, client):
    plan = logged_in_demo(client)
    page = client.get(f"/plannen/{plan.id}/documenten")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for kind in kinds_for("plan"):
        assert str(kind.label) in helpers.text_of(page)
        assert f'href="/plannen/{plan.id}/documenten/{kind.key}"' in html
        assert f'href="/plannen/{plan.id}/documenten/{kind.key}.docx"' in html
    assert f'href="/plannen/{plan.id}/documenten"' in client.get(f"/plannen/{plan.id}").get_data(as_text=True)


def test_the_preview_shows_the_table_and_the_gantt(app, client):
    plan = logged_in_demo(client)
    page = client.get(f"/plannen/{plan.id}/documenten/uitvoeringsprogramma")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "€ 85.000,50" in helpers.text_of(page)
    assert html.count("timeline__cell--on") == 6 + 12 + 8 + 10
    assert "actief in mrt 2027" in html


def test_unknown_kind_is_404(app, client):
    plan = logged_in_demo(client)
    assert client.get(f"/plannen/{plan.id}/documenten/geheim").status_code == 404
    assert client.get(f"/plannen/{plan.id}/documenten/geheim.docx").status_code == 404


def test_the_download_is_in_the_audit_log(app, client):
    plan = logged_in_demo(client)
    client.get(f"/plannen/{plan.id}/documenten/leerprogramma.docx")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.download"))
    assert event is not None and event.target == f"plan:{plan.id}"
    assert "leerprogramma-voorbeeldstad.docx" in json.dumps(event.detail)


def test_outsider_gets_404_reader_may_look_but_not_download(app, client, browser):
    plan = logged_in_demo(client)
    reader = helpers.make_user("lezer@voorbeeldstad.nl")
    helpers.add_member(plan.organisation, reader, "meelezer")
    outsider = helpers.make_user("buiten@elders.nl")
    helpers.make_organisation("Elders", outsider)
    db.session.commit()
    urls = [f"/plannen/{plan.id}/documenten", f"/plannen/{plan.id}/documenten/uitvoeringsprogramma",
            f"/plannen/{plan.id}/documenten/uitvoeringsprogramma.docx"]
    other = browser()
    helpers.login(other, "buiten@elders.nl")
    assert [other.get(u).status_code for u in urls] == [404, 404, 404]
    lezer = browser()
    helpers.login(lezer, "lezer@voorbeeldstad.nl")
    assert [lezer.get(u).status_code for u in urls] == [200, 200, 403]
    assert "Downloaden (Word)" not in helpers.text_of(lezer.get(urls[0]))


def test_an_unknown_budget_is_left_out_of_the_total_and_a_long_activity_is_cut_at_24_months(app):
    user = helpers.make_user("bea@lang.nl")
    plan = helpers.make_plan(helpers.make_organisation("Langedijk", user))
    plans.save_step(plan, 6, {"uitvoeringsactiviteiten": [
        {"activiteit": "Spreekuur", "start": "2027-01", "eind": "2029-06", "budget": 4000},
        {"activiteit": "Evaluatie", "start": "2027-03", "eind": "2027-04"}]}, user, None)
    db.session.commit()
    doc = build_uitvoeringsprogramma(plan, content.current())
    table, gantt = [b for b in doc.blocks if type(b).__name__ in ("Table", "Timeline")]
    assert table.footer == ["Totaal (2 activiteiten)", "", "jan 2027 – jun 2029", "€ 4.000", ""]
    assert "Van 1 activiteit is het budget nog niet bekend" in table.caption
    assert "Vul het budget van “Evaluatie” in (stap 6)." in doc.open_points
    assert len(gantt.periods) == 24 and (gantt.rows[0].start, gantt.rows[0].end) == (0, 23)
    assert gantt.rows[0].note == "loopt door na dec 2028"
    assert (gantt.rows[1].start, gantt.rows[1].end) == (2, 3)
