"""The ways in: the start page names what the tool does beside the ordinance, "Mijn plannen" leads to each
organisation's projects and zelfscan, and a facilitator without an organisation lands on their ateliers."""
from __future__ import annotations

from app.extensions import db
from app.services.atelier import ateliers
from tests import helpers


def test_the_start_page_mentions_ateliers_projects_and_surveys(client):
    text = helpers.text_of(client.get("/"))
    assert "Leerateliers — teams van verschillende organisaties" in text
    assert "Trajecten — per project een participatieplan vooraf en een verslag achteraf" in text
    assert "Enquêtes — een korte vragenlijst voor de deelnemers van een traject" in text


def test_my_plans_links_each_organisations_projects_and_zelfscan(editor):
    response = editor.client.get("/")
    html, organisation = response.get_data(as_text=True), editor.organisation
    assert "Uw organisaties" in helpers.text_of(response)
    for url in (f"/organisaties/{organisation.id}/trajecten", f"/organisaties/{organisation.id}/zelfscan"):
        assert f'href="{url}"' in html
        assert editor.client.get(url).status_code == 200


def test_a_facilitator_without_an_organisation_lands_on_their_ateliers(app, browser):
    fien = helpers.make_user("fien@atelier.nl", "Fien Facilitator")
    ateliers.create_atelier("Leeratelier Rivierenland", fien)
    db.session.commit()
    client = browser()
    helpers.login(client, "fien@atelier.nl")
    landing = client.get("/", follow_redirects=True)
    text = helpers.text_of(landing)
    assert landing.request.path == "/ateliers" and "Leeratelier Rivierenland" in text
    assert "Zelf een plan beginnen" in text
    # Someone without organisation or atelier still gets "Mijn plannen" with its first step.
    helpers.make_user("nina@nieuw.nl")
    other = browser()
    helpers.login(other, "nina@nieuw.nl")
    assert "U heeft nog geen plannen." in helpers.text_of(other.get("/"))


def test_help_answers_ateliers_projects_surveys_and_the_planner(client):
    html = client.get("/hulp").get_data(as_text=True)
    for question in ("Wat is een leeratelier?", "Wat is een traject?", "Hoe werkt een enquête onder deelnemers?",
                     "Wat doet de planner?"):
        assert f"<h2>{question}</h2>" in html
    text = helpers.text_of(client.get("/hulp"))
    assert "Pas na uw bevestiging verandert uw plan." in text and "Ongedaan maken" in text


def _main_menu(client, path: str = "/account") -> str:
    html = client.get(path).get_data(as_text=True)
    start = html.index('aria-label="Hoofdmenu"')
    return html[start:html.index("</nav>", start)]


def test_the_main_menu_leads_to_the_projects_zelfscan_and_loket_of_ones_organisation(app, browser):
    """Issue 18: projects and zelfscan were reachable only from a plan's sub-menu. One organisation: its projects,
    zelfscan and (for who may handle requests) loket in the main menu on every page; several: "Mijn organisaties"."""
    boss = helpers.make_user("bea@een.nl", "Bea")
    one = helpers.make_organisation("Eenstad", boss, "beheerder")
    reader = helpers.make_user("mees@een.nl", "Mees")
    helpers.add_member(one, reader, "meelezer")
    client = browser()
    helpers.login(client, "bea@een.nl")
    menu = _main_menu(client)
    for url in (f"/organisaties/{one.id}/trajecten", f"/organisaties/{one.id}/zelfscan",
                f"/organisaties/{one.id}/loket"):
        assert f'href="{url}"' in menu
        assert client.get(url).status_code == 200
    assert "Mijn organisaties" not in menu
    client = browser()
    helpers.login(client, "mees@een.nl")
    menu = _main_menu(client)
    assert f'href="/organisaties/{one.id}/trajecten"' in menu and "/loket" not in menu   # requests: personal data
    two = helpers.make_organisation("Tweestad", boss, "beheerder")
    client = browser()
    helpers.login(client, "bea@een.nl")
    menu = _main_menu(client)
    assert "/trajecten" not in menu and 'href="/#organisaties">Mijn organisaties</a>' in menu
    mine = client.get("/").get_data(as_text=True)
    assert 'id="organisaties"' in mine
    for organisation in (one, two):
        assert f'href="/organisaties/{organisation.id}/loket"' in mine
