"""The loket in a browser: a resident files an uitdaagrecht request and follows it by the private link; staff postpone
it once, decide and download the letter; the public register shows it without personal data."""
from __future__ import annotations

import io
import re
from datetime import date

import docx
import pytest
from playwright.sync_api import expect

from app.services.core.mail import outbox
from tests import helpers
from tests.browser.conftest import log_in, new_context, screenshot
from tests.browser.test_accessibility import describe, run_axe
from tests.loket.factories import adopted

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
TODAY = date(2027, 3, 1)       # + 10 weeks = Monday 10 May 2027


def test_a_request_from_intake_to_the_register(browser, live_server, monkeypatch):
    monkeypatch.setattr("app.loket.routes.today_in_amsterdam", lambda: TODAY)
    with live_server.app.app_context():
        boss = helpers.make_user("beheerder@loketdorp.nl", "Bea Behandelaar")
        organisation, _plan, _version = adopted(boss, name="Loketdorp")
        organisation_id = organisation.id

    resident = new_context(browser, base_url=live_server.url, bypass_csp=True)   # bypass: to inject axe-core
    page = resident.new_page()
    page.goto(f"/loket/{organisation_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Loketdorp")
    page.get_by_role("link", name="Uitdaagrecht").click()
    page.set_viewport_size(PHONE)                    # the form on a phone: no sideways scrolling, nothing for axe
    width, screen = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= screen
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.get_by_label("Welke taak wilt u overnemen?").fill("Onderhoud van het speeltuintje aan de Lindelaan")
    page.get_by_label("Hoe wilt u de taak uitvoeren en wat wilt u bereiken?").fill("Wekelijks maaien en vegen.")
    page.get_by_label("Waarom kunt u de taak beter, goedkoper of dichter bij de buurt uitvoeren?").fill("Wij wonen er.")
    page.get_by_label("Wat kost de uitvoering en welk bedrag vraagt u?").fill("800 euro per jaar.")
    page.get_by_label("Hoeveel steun heeft uw uitdaging in de buurt?").fill("De hele straat.")
    page.get_by_label("In welke periode wilt u de taak uitvoeren?").fill("2027 en 2028")
    page.get_by_label("Uw naam, of de naam van uw organisatie").fill("Rosa de Vries")
    page.get_by_label("Uw adres").fill("Lindelaan 4, Loketdorp")
    page.get_by_label("Uw e-mailadres").fill("rosa@example.nl")
    screenshot(page, "loket-intake")
    page.get_by_role("button", name="Verzoek indienen").click()
    expect(page.get_by_text("Bevestig dat u hebt gelezen wat er met uw gegevens gebeurt.").first).to_be_visible()
    expect(page.get_by_label("Uw adres")).to_have_value("Lindelaan 4, Loketdorp")      # nothing typed is lost
    violations = run_axe(page)                       # the form with its error messages
    assert not violations, describe(violations)
    page.get_by_label("Ik heb gelezen wat er met mijn gegevens gebeurt").check()
    page.get_by_role("button", name="Verzoek indienen").click()
    expect(page.get_by_test_id("due")).to_have_text("10 mei 2027")
    reference = re.search(r"LK-2027-\d{5}", page.get_by_role("heading", level=1).inner_text()).group(0)
    page.set_viewport_size(PHONE)
    width, screen = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= screen
    screenshot(page, "loket-follow-phone")
    resident.close()

    with live_server.app.app_context():
        message = next(m for m in reversed(outbox()) if m.to == "rosa@example.nl")
    link = helpers.link_in(message)
    assert "10 mei 2027" in message.body
    other = new_context(browser, base_url=live_server.url)
    page = other.new_page()
    page.goto(link)
    expect(page.get_by_test_id("status")).to_have_text("Ontvangen")

    staff = new_context(browser, base_url=live_server.url, accept_downloads=True)
    desk = staff.new_page()
    log_in(desk, "beheerder@loketdorp.nl")
    desk.goto(f"/organisaties/{organisation_id}/loket")
    desk.get_by_role("link", name=reference).click()
    desk.get_by_role("button", name="In behandeling nemen").click()
    expect(desk.get_by_test_id("status")).to_have_text("In behandeling")
    desk.get_by_label("Nieuwe uiterste datum").fill("2027-05-24")
    desk.get_by_label("Reden van de verdaging").fill("Wij vragen advies aan de wijkraad.")
    desk.get_by_role("button", name="Verdagen").click()
    expect(desk.get_by_test_id("due")).to_contain_text("24 mei 2027")
    expect(desk.get_by_role("button", name="Verdagen")).to_have_count(0)               # once
    desk.get_by_label("Toegekend", exact=True).check()
    desk.get_by_label("Motivering").fill("De buurt steunt het plan en de kosten blijven binnen het budget.")
    desk.get_by_role("button", name="Besluit vastleggen").click()
    expect(desk.get_by_test_id("status")).to_have_text("Besloten: Toegekend")
    screenshot(desk, "loket-case")
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Brief met het besluit (Word)").click()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)
    assert "toe te wijzen" in text and "binnen zes weken" in text and "24 mei 2027" in text

    page.goto(link)
    expect(page.get_by_test_id("status")).to_have_text("Besloten: Toegekend")
    page.goto(f"/loket/{organisation_id}/register")
    expect(page.get_by_role("table")).to_contain_text(reference)
    expect(page.get_by_role("table")).to_contain_text("speeltuintje")
    assert "Rosa" not in page.content() and "rosa@example.nl" not in page.content()
    screenshot(page, "loket-register")
    other.close()
    staff.close()
