"""What a newcomer notices first: the pages fit a phone, list rows can be added and removed without saving first."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context, log_in

PHONE = {"width": 390, "height": 844}
PLAN_PAGES = ["/", "/plannen/nieuw", "/plannen/{plan}", *[f"/plannen/{{plan}}/stap/{n}" for n in range(1, 9)],
              "/plannen/{plan}/overzicht", "/plannen/{plan}/verordening", "/plannen/{plan}/versies"]
PUBLIC_PAGES = ["/", "/hulp", "/inloggen", "/registreren"]
WIDER_THAN_THE_SCREEN_JS = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > 391)
  .slice(0, 5).map(el => el.outerHTML.slice(0, 120))"""


@pytest.fixture()
def phone(browser, live_server, seeded_plan):
    context = new_context(browser, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    yield page
    context.close()


def _too_wide(page, path: str) -> str | None:
    response = page.goto(path)
    assert response.status == 200, f"{path}: status {response.status}"
    width = page.evaluate("document.documentElement.scrollWidth")
    print(f"{path}: {width} px")
    if width > PHONE["width"]:
        return f"{path} is {width} px breed: {page.evaluate(WIDER_THAN_THE_SCREEN_JS)}"
    return None


@pytest.mark.browser
def test_every_step_and_plan_page_fits_a_390_px_phone(phone, seeded_plan):
    problems = [_too_wide(phone, path) for path in PUBLIC_PAGES]
    log_in(phone, seeded_plan.email)
    problems += [_too_wide(phone, path.format(plan=seeded_plan.plan_id)) for path in PLAN_PAGES]
    assert not [p for p in problems if p], "\n".join(p for p in problems if p)


@pytest.mark.browser
def test_list_rows_are_added_and_removed_without_saving_first(request, seeded_plan):
    page = request.getfixturevalue("member_context").new_page()
    request.addfinalizer(page.close)
    page.goto(f"/plannen/{seeded_plan.plan_id}/stap/6")
    rows = page.locator('table[data-list="uitvoeringsactiviteiten"] tbody tr')
    expect(rows).to_have_count(3)  # one saved row and two blank ones
    add = page.get_by_role("button", name="Rij toevoegen")
    add.click()
    add.click()
    expect(rows).to_have_count(5)
    expect(page.locator("#q-uitvoeringsactiviteiten-4-activiteit")).to_be_focused()
    page.locator("#q-uitvoeringsactiviteiten-3-activiteit").fill("Wordt weer verwijderd")
    page.locator("#q-uitvoeringsactiviteiten-4-activiteit").fill("Spreekuur in de bibliotheek")
    page.locator("#q-uitvoeringsactiviteiten-4-eigenaar").fill("Team wijkzaken")
    page.locator("#q-uitvoeringsactiviteiten-4-start").fill("mei 2027")   # a month as people write it
    page.locator("#q-uitvoeringsactiviteiten-4-budget").fill("€ 2.500")
    page.get_by_role("button", name="Rij verwijderen 4").click()
    expect(rows).to_have_count(4)
    # The rows after the removed one moved up: the names the server reads run 0 .. 3 again.
    expect(page.locator("#q-uitvoeringsactiviteiten-3-activiteit")).to_have_value("Spreekuur in de bibliotheek")
    expect(page.locator('input[name="q-uitvoeringsactiviteiten-rows"]')).to_have_value("4")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Stap 6 is opgeslagen")).to_be_visible()
    page.goto(f"/plannen/{seeded_plan.plan_id}/stap/6")
    expect(page.locator("#q-uitvoeringsactiviteiten-0-activiteit")).to_have_value("Training voor projectleiders")
    expect(page.locator("#q-uitvoeringsactiviteiten-1-activiteit")).to_have_value("Spreekuur in de bibliotheek")
    expect(page.locator("#q-uitvoeringsactiviteiten-1-eigenaar")).to_have_value("Team wijkzaken")
    # The typed fields travel with their row, and the saved row's month, budget and ambition survive the round trip.
    expect(page.locator("#q-uitvoeringsactiviteiten-1-start")).to_have_value("mei 2027")
    expect(page.locator("#q-uitvoeringsactiviteiten-1-budget")).to_have_value("2.500")
    expect(page.locator("#q-uitvoeringsactiviteiten-0-start")).to_have_value("januari 2027")
    expect(page.locator("#q-uitvoeringsactiviteiten-0-budget")).to_have_value("15.000")
    expect(page.locator("#q-uitvoeringsactiviteiten-0-ambitie")).to_have_value("vertrouwen")
    expect(page.get_by_text("Wordt weer verwijderd")).to_have_count(0)
    assert page.locator('input[value="Wordt weer verwijderd"]').count() == 0
