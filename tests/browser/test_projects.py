"""A project from start to public page: create it, fill its participatieplan, publish it, and read it as an
anonymous visitor in a new browser context."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import project_pages
from tests.browser.conftest import log_in, new_context
from tests.browser.project_pages import TIMEOUT_MS

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_a_published_participatieplan_is_readable_without_login(page, browser, live_server, seeded_plan):
    log_in(page, seeded_plan.email)
    path = project_pages.new_project(page, seeded_plan.organisation_id, "Herinrichting Marktplein")
    expect(page.get_by_role("heading", level=1)).to_have_text("Herinrichting Marktplein", timeout=TIMEOUT_MS)
    project_pages.fill_plan(page, path)
    expect(page.get_by_text("Het participatieplan is opgeslagen.")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("article.document")).to_contain_text("Samen een veilig en groen plein ontwerpen.",
                                                             timeout=TIMEOUT_MS)
    project_pages.publish_plan(page, path)
    public = page.get_by_role("link", name="Openbare pagina").get_attribute("href", timeout=TIMEOUT_MS)
    list_url = public.rsplit("/", 2)[0]

    visitor = new_context(browser, base_url=live_server.url)
    try:
        anonymous = visitor.new_page()
        anonymous.goto(list_url, timeout=TIMEOUT_MS)
        anonymous.get_by_role("link", name="Participatieplan").first.wait_for(timeout=TIMEOUT_MS)
        expect(anonymous.get_by_text("Herinrichting Marktplein")).to_be_visible(timeout=TIMEOUT_MS)
        anonymous.goto(public, timeout=TIMEOUT_MS)
        expect(anonymous.get_by_role("heading", level=1)).to_have_text("Participatieplan Herinrichting Marktplein",
                                                                       timeout=TIMEOUT_MS)
        expect(anonymous.locator("article.document")).to_contain_text("Omwonenden, ondernemers en reizigers.",
                                                                       timeout=TIMEOUT_MS)
        expect(anonymous.locator("body")).not_to_contain_text("Bea Beheerder", timeout=TIMEOUT_MS)
        expect(anonymous.get_by_role("button", name=re.compile("Uitloggen"))).to_have_count(0, timeout=TIMEOUT_MS)

        # On a phone (390 px) the visitor reads the same plan, and the project leader withdraws it from there.
        anonymous.set_viewport_size(PHONE)
        expect(anonymous.get_by_role("heading", level=1)).to_be_visible(timeout=TIMEOUT_MS)
        expect(anonymous.locator("article.document")).to_contain_text("Omwonenden, ondernemers en reizigers.",
                                                                       timeout=TIMEOUT_MS)
        for tab in (anonymous, page):
            tab.set_viewport_size(PHONE)
            width, screen = tab.evaluate("[document.documentElement.scrollWidth, "
                                         "document.documentElement.clientWidth]")
            assert width <= screen, f"{tab.url}: {width} px breed op een scherm van {screen} px"

        # Withdrawn, the page is gone for the visitor.
        page.get_by_role("button", name="Participatieplan niet meer openbaar maken").click(timeout=TIMEOUT_MS)
        expect(page.get_by_role("button", name="Participatieplan openbaar maken")).to_be_visible(timeout=TIMEOUT_MS)
        response = anonymous.goto(public, timeout=TIMEOUT_MS)
        assert response.status == 404
    finally:
        visitor.close()
