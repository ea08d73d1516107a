"""Steps through the project pages in a browser, shared by the project test and the accessibility checks."""
from __future__ import annotations

import re

from playwright.sync_api import expect

TIMEOUT_MS = 10_000


def new_project(page, organisation_id: int, name: str = "Herinrichting Stationsplein") -> str:
    """Create a project through the form; returns its page's path."""
    page.goto(f"/organisaties/{organisation_id}/trajecten/nieuw")
    page.get_by_label("Naam van het traject").fill(name)
    page.get_by_label("Beleidsterrein").select_option(label="Openbare ruimte")
    page.get_by_label("Groot").check()
    page.get_by_label("Gebied").fill("Stationsplein en omgeving")
    page.get_by_role("button", name="Traject aanmaken").click()
    page.wait_for_url(re.compile(r"/trajecten/\d+$"), timeout=TIMEOUT_MS)
    return "/" + page.url.split("/", 3)[3]


def fill_plan(page, project_path: str, last_month: str = "2027-05") -> None:
    """Fill the participatieplan with an allowed level, two activities and a feedback moment, and save it."""
    page.goto(project_path + "/participatieplan")
    page.locator("#q-doel").fill("Samen een veilig en groen plein ontwerpen.")
    page.locator("#q-invloed").select_option("raadplegen")
    page.locator("#q-doelgroepen").fill("Omwonenden, ondernemers en reizigers.")
    page.get_by_label("Bijeenkomsten en inloopavonden").check()
    page.locator("#q-tijdlijn-0-activiteit").fill("Inloopavond")
    page.locator("#q-tijdlijn-0-start").fill("2027-02")
    page.locator("#q-tijdlijn-0-eind").fill("2027-02")
    page.locator("#q-tijdlijn-1-activiteit").fill("Enquête")
    page.locator("#q-tijdlijn-1-start").fill("2027-03")
    page.locator("#q-tijdlijn-1-eind").fill(last_month)
    page.locator("#q-terugkoppeling").fill("Binnen zes weken na het besluit, per brief.")
    page.get_by_role("button", name="Participatieplan opslaan").click()


def publish_plan(page, project_path: str) -> None:
    page.goto(project_path)
    page.get_by_role("button", name="Participatieplan openbaar maken").click()
    expect(page.get_by_role("button", name="Participatieplan niet meer openbaar maken")).to_be_visible(
        timeout=TIMEOUT_MS)
