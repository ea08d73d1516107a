"""The council's calendar in a browser, at 1280 and 390 px: upload a griffie's .ics with a weekly college meeting,
check the preview, confirm, and see the route to adoption plan with those dates."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from app.adoption import routes
from app.extensions import db
from app.services.plans import plans
from tests import helpers
from tests.adoption.test_calendar_import import COUNCIL
from tests.browser.conftest import log_in, new_context, screenshot
from tests.browser.test_accessibility import describe, run_axe


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_recurring_calendar_is_previewed_confirmed_and_planned_with(browser, live_server, monkeypatch, tmp_path,
                                                                      width):
    monkeypatch.setattr(routes, "now", lambda: datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))
    email = f"griffie{width}@kalenderdorp.nl"
    with live_server.app.app_context():
        user = helpers.make_user(email, "Greet Griffie")
        organisation = plans.create_organisation(f"Kalenderdorp {width}", "gemeente", 12000, user)
        plan = plans.create_plan(organisation, "Participatieverordening Kalenderdorp", user)
        db.session.commit()
        plan_id = plan.id
    ics = tmp_path / "vergaderkalender.ics"
    ics.write_bytes(COUNCIL)

    context = new_context(browser, base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": width, "height": 800})
        log_in(page, email)
        page.goto(f"/plannen/{plan_id}/route-naar-vaststelling/vergaderdata")
        screenshot(page, f"vergaderdata-{width}")
        page.get_by_label("Agendabestand (.ics)").set_input_files(str(ics))
        page.get_by_role("button", name="Agendabestand inlezen").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Controleer de vergaderdata")
        expect(page.get_by_role("heading", name="Vergaderingen van het college van burgemeester en wethouders (16)")) \
            .to_be_visible()
        expect(page.locator("[data-body=raad] li")).to_have_text(["12 november 2026 — Gemeenteraad"])
        expect(page.locator("[data-skipped] li")).to_have_text([
            "1 oktober 2026 — Raadsinformatiebijeenkomst Omgevingsvisie: een informatiebijeenkomst, geen vergadering "
            "waarin besloten wordt",
            "1 december 2026 — Verjaardag wethouder: de naam zegt niet wie vergadert",
            "10 december 2026 — Gemeenteraad: afgelast",
            "21 december 2026 — Kerstreces gemeenteraad: een hele dag zonder begintijd, dus geen vergadering "
            "(bijvoorbeeld een reces of een vrije dag)"])
        page_width, screen = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert page_width <= screen, f"de voorvertoning is {page_width} px breed op {screen} px"
        violations = run_axe(page)
        assert not violations, describe(violations)
        screenshot(page, f"vergaderdata-voorvertoning-{width}")

        page.get_by_role("button", name="18 vergaderdata opslaan").click()
        page.wait_for_url(f"**/plannen/{plan_id}/route-naar-vaststelling")
        expect(page.get_by_text("18 vergaderdata toegevoegd")).to_be_visible()
        timeline = page.locator("main")
        expect(timeline).to_contain_text("12 november 2026 Vaststelling door de gemeenteraad")
        expect(timeline).to_contain_text("8 september 2026 Besluit van het college van burgemeester en wethouders")
        screenshot(page, f"vergaderdata-route-{width}")
    finally:
        context.close()
