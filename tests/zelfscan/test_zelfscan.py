"""The zelfscan: typed scores per statement and year, a result per theme, a trend over the years."""
from __future__ import annotations

import re

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import AuditEvent, SelfScan, SelfScanAnswer
from tests import helpers
from tests.zelfscan.conftest import fill

LOW = {"raad": 2, "college": 4, "organisatie": 3, "inwoners": 3, "transparant": 5, "budget": 1,
       "afspiegeling": 2, "faciliterend": 4, "ervaring": 5, "experimenteren": 3}


def test_a_saved_scan_is_typed_rows_and_shows_its_theme_means(editor):
    organisation = editor.organisation
    response = fill(editor.client, organisation.id, 2025, LOW, note="Besproken in het MT")
    assert response.status_code == 302
    scan = db.session.scalar(select(SelfScan).where(SelfScan.organisation_id == organisation.id))
    assert scan.year == 2025
    rows = db.session.scalars(select(SelfScanAnswer).where(SelfScanAnswer.scan_id == scan.id)).all()
    assert len(rows) == len(content.zelfscan().statement_keys)
    assert {r.statement_key: r.score for r in rows}["budget_vast"] == 1
    assert {r.note for r in rows} == {"Besproken in het MT"}
    page = helpers.text_of(editor.client.get(f"/organisaties/{organisation.id}/zelfscan"))
    assert "Budget voor initiatieven (succesfactor) 1,0" in page
    assert "Transparant en navolgbaar proces (succesfactor) 5,0" in page
    # The lowest success factors, lowest first.
    lowest = page.split("Succesfactoren met de laagste score in 2025")[1]
    assert lowest.index("Budget voor initiatieven: 1,0") < lowest.index("Representatieve afspiegeling: 2,0") \
        < lowest.index("Ruimte om te experimenteren: 3,0")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "zelfscan.saved"))
    assert event.organisation_id == organisation.id and event.detail["year"] == 2025


def test_a_theme_mean_has_one_decimal(editor):
    organisation = editor.organisation
    data = {f"score_{k}": "3" for k in content.zelfscan().statement_keys}
    data.update({"score_raad_kaders": "4", "score_raad_afweging": "4", "score_raad_rol": "5"})  # 13/3 = 4.33
    data.update({"score_budget_vast": "4", "score_budget_bekend": "5"})                       # 4.5
    helpers.post_form(editor.client, f"/organisaties/{organisation.id}/zelfscan/2026", data)
    page = helpers.text_of(editor.client.get(f"/organisaties/{organisation.id}/zelfscan"))
    assert "De raad 4,3" in page and "Budget voor initiatieven (succesfactor) 4,5" in page


def test_one_scan_per_year_repeatable_and_the_trend_shows_every_year(editor):
    organisation = editor.organisation
    fill(editor.client, organisation.id, 2025, 2)
    fill(editor.client, organisation.id, 2026, 4)
    fill(editor.client, organisation.id, 2026, 5)  # the same year again changes that year's scan
    assert db.session.scalars(select(SelfScan.year)
                              .where(SelfScan.organisation_id == organisation.id)).all() == [2025, 2026]
    response = editor.client.get(f"/organisaties/{organisation.id}/zelfscan")
    page = helpers.text_of(response)
    assert "Thema 2025 2026" in page and "De raad 2,0 5,0" in page
    html = response.get_data(as_text=True)
    assert '<svg class="score-bar"' in html and 'aria-hidden="true"' in html  # the figure is the text alternative
    # The form of a year shows what was saved.
    form = editor.client.get(f"/organisaties/{organisation.id}/zelfscan/2025").get_data(as_text=True)
    checked = re.findall(r'<input checked[^>]*name="score_raad_kaders"[^>]*value="(\d)"', form)
    assert checked == ["2"], checked


def test_a_missing_score_is_refused_next_to_the_statement_and_nothing_is_written(editor):
    organisation = editor.organisation
    data = {f"score_{k}": "3" for k in content.zelfscan().statement_keys}
    del data["score_budget_vast"]
    data["note_budget_bekend"] = "Wat ik typte"
    response = helpers.post_form(editor.client, f"/organisaties/{organisation.id}/zelfscan/2026", data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Kies een score van 1 tot en met 5 bij deze stelling." in helpers.text_of(response)
    assert 'id="score_budget_vast-error"' in html and 'value="Wat ik typte"' in html
    assert db.session.scalar(select(SelfScan)) is None


def test_a_score_outside_1_to_5_is_refused(editor):
    data = {f"score_{k}": "3" for k in content.zelfscan().statement_keys}
    data["score_raad_rol"] = "6"
    response = helpers.post_form(editor.client, f"/organisaties/{editor.organisation.id}/zelfscan/2026", data)
    assert response.status_code == 400 and db.session.scalar(select(SelfScan)) is None


def test_readers_see_the_result_but_only_editors_fill_it_in(editor, browser):
    organisation = editor.organisation
    fill(editor.client, organisation.id, 2026, 4)
    reader = helpers.make_user("lezer@voorbeeld.nl", "Lea Lezer")
    helpers.add_member(organisation, reader, "meelezer")
    client = browser()
    helpers.login(client, reader.email)
    page = helpers.text_of(client.get(f"/organisaties/{organisation.id}/zelfscan"))
    assert "De raad 4,0" in page and "bewerken" not in page
    assert client.get(f"/organisaties/{organisation.id}/zelfscan/2026").status_code == 403
    outsider = browser()
    helpers.make_user("ander@elders.nl")
    helpers.login(outsider, "ander@elders.nl")
    assert outsider.get(f"/organisaties/{organisation.id}/zelfscan").status_code == 404


def test_a_year_outside_the_range_is_not_found(editor):
    assert editor.client.get(f"/organisaties/{editor.organisation.id}/zelfscan/1999").status_code == 404


def test_the_demo_has_two_scans_for_voorbeeldstad_and_a_benchmark_with_a_distribution(app, browser):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    client = browser()
    helpers.login(client, "demo@voorbeeldstad.nl", "participatie-demo")
    from app.models import Organisation
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == "Voorbeeldstad"))
    page = helpers.text_of(client.get(f"/organisaties/{organisation.id}/zelfscan"))
    assert "Thema 2025 2026" in page and "Budget voor initiatieven (succesfactor) 1,0 2,0" in page
    page = helpers.text_of(client.get(f"/organisaties/{organisation.id}/benchmark"))
    assert "Uw organisatie neemt deel aan de benchmark." in page and "Mediaan" in page
    assert "Nog te weinig" not in page and "Demogemeente" not in page
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0  # again: nothing added
    assert db.session.query(SelfScan).count() == 2 + 6 * 2


def test_two_editors_saving_the_same_new_year_at_once_lose_nothing_silently(editor, monkeypatch):
    """The other save wins the race between 'is there a scan?' and the insert: a clear message, answers kept."""
    from app.services.zelfscan import zelfscan as service
    organisation = editor.organisation
    db.session.add(SelfScan(organisation_id=organisation.id, year=2026))  # the colleague's save, committed first
    db.session.commit()
    monkeypatch.setattr(service, "scan_of", lambda *_args: None)  # both requests saw no scan yet
    response = fill(editor.client, organisation.id, 2026, 4, note="Mijn toelichting")
    assert response.status_code == 409
    assert "een collega sloeg hem tegelijk op" in helpers.text_of(response)
    assert 'value="Mijn toelichting"' in response.get_data(as_text=True)
    assert db.session.scalar(select(SelfScan).where(SelfScan.year == 2026)).answers == []


def test_the_zelfscan_is_one_click_from_every_page_of_a_plan(editor):
    """A newcomer found the zelfscan only behind the team page: the plan's menu links to it."""
    html = editor.client.get(f"/plannen/{editor.plan.id}/documenten").get_data(as_text=True)
    menu = html.split('class="plan-nav"')[1].split("</nav>")[0]
    assert f'href="/organisaties/{editor.organisation.id}/zelfscan">Zelfscan</a>' in menu
