"""Typed answers are not lost by leaving a step through the side navigation: the browser's own "leave this page?"
question appears when something changed, not when the form is submitted, and not when nothing changed. Runs with
the Content-Security-Policy on, so the script that does it is an allowed file, not inline script."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import helpers
from tests.browser.conftest import log_in, new_context

TYPED = "Wat wij hier typen, mag niet zomaar verloren gaan."


@pytest.fixture()
def own_plan(live_server):
    """A plan of its own, so the saves here change nothing other browser tests look at."""
    from app.extensions import db
    from app.services.plans import plans

    with live_server.app.app_context():
        user = helpers.make_user("olga@lindedal.nl", "Olga Onbewaard")
        organisation = plans.create_organisation("Lindedal", "gemeente", 12000, user)
        plan = plans.create_plan(organisation, "Participatieverordening Lindedal", user)
        db.session.commit()
        found = (user.email, plan.id)
        db.session.remove()
    return found


@pytest.mark.browser
def test_leaving_a_step_with_typed_text_asks_first(browser, live_server, own_plan):
    email, plan_id = own_plan
    context = new_context(browser, base_url=live_server.url)  # the policy stays on
    page = context.new_page()
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", answer)
    try:
        log_in(page, email)
        page.goto(f"/plannen/{plan_id}/stap/1")
        side_nav = page.locator("nav.step-outline")

        # Typed, then a step in the side navigation: the browser asks, and staying keeps the text.
        page.locator("#q-participatie_definitie").fill(TYPED)
        side_nav.get_by_role("link", name="2 Waar staat de gemeente?").click()
        expect(page.locator("#q-participatie_definitie")).to_have_value(TYPED)
        assert dialogs == ["beforeunload"]
        assert page.url.endswith("/stap/1")

        # Saving is no leaving: no question, and the text is saved.
        page.get_by_role("button", name="Opslaan", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="Stap 1 is opgeslagen")).to_be_visible()
        assert dialogs == ["beforeunload"]
        expect(page.locator("#q-participatie_definitie")).to_have_value(TYPED)

        # Opened and clicked into, but nothing changed: leaving asks nothing.
        page.locator("#q-participatie_definitie").click()
        side_nav.get_by_role("link", name="2 Waar staat de gemeente?").click()
        page.wait_for_url(f"**/plannen/{plan_id}/stap/2")
        assert dialogs == ["beforeunload"]
    finally:
        context.close()
