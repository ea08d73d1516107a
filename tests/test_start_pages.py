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
    html, muni = response.get_data(as_text=True), editor.municipality
    assert "Uw organisaties" in helpers.text_of(response)
    for url in (f"/organisaties/{muni.id}/trajecten", f"/organisaties/{muni.id}/zelfscan"):
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
