"""The zelfscan and the benchmark in a real browser at phone width (390 px): filled in by clicking, axe finds no
violations, nothing is wider than the screen, and the group's figures show without any other organisation's name."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import describe, run_axe

PHONE = {"width": 390, "height": 800}
OTHERS = [f"Vergelijkdorp {i}" for i in range(5)]


def _check(page, where: str) -> None:
    width, screen = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= screen, f"{where}: de pagina is {width} px breed op een scherm van {screen} px"
    violations = run_axe(page)
    assert not violations, f"axe vond op {where}:\n{describe(violations)}"


@pytest.fixture()
def five_others(live_server, seeded_plan):
    """Five verified organisations of the same size with a zelfscan; the member's own organisation is verified too
    (only verified organisations see a group in the benchmark)."""
    from datetime import datetime

    from tests.zelfscan.conftest import scanned_organisation
    from app.extensions import db
    from app.models import Organisation

    with live_server.app.app_context():
        own = db.session.get(Organisation, seeded_plan.organisation_id)
        own.verified_at = own.verified_at or datetime(2026, 1, 5)
        db.session.commit()
        if not db.session.scalar(db.select(Organisation.id).where(Organisation.name == OTHERS[0])):
            for i, name in enumerate(OTHERS):
                scanned_organisation(name, 2026, 1 + i, inhabitants=25_000)
        db.session.remove()


@pytest.mark.browser
def test_zelfscan_and_benchmark_on_a_phone(member_context, seeded_plan, five_others):
    page = member_context.new_page()
    try:
        page.set_viewport_size(PHONE)
        organisation = seeded_plan.organisation_id
        page.goto(f"/organisaties/{organisation}/zelfscan/2026")
        page.get_by_role("button", name="Zelfscan opslaan").click()
        expect(page.locator("#foutmeldingen")).to_be_visible()
        _check(page, "zelfscan met fouten")
        for radio in page.locator('input[type="radio"][value="4"]').all():
            radio.check()
        page.get_by_role("button", name="Zelfscan opslaan").click()
        expect(page.get_by_text("De zelfscan 2026 is opgeslagen.")).to_be_visible()
        expect(page.get_by_role("table", name="Trend per thema (1 helemaal oneens tot 5 helemaal eens)")).to_be_visible()
        _check(page, "zelfscan-resultaat")
        screenshot(page, "zelfscan-resultaat-390")

        page.get_by_role("link", name="Benchmark: vergelijken met andere organisaties").click()
        page.get_by_label("Ja, wij delen onze themascores").check()
        page.get_by_role("button", name="Keuze opslaan").click()
        expect(page.get_by_text("Uw organisatie neemt nu deel aan de benchmark.")).to_be_visible()
        expect(page.get_by_role("columnheader", name="Mediaan")).to_be_visible()
        _check(page, "benchmark met verdeling")
        screenshot(page, "benchmark-390")
        text = page.locator("main").inner_text()
        assert not [name for name in OTHERS if name in text]
    finally:
        page.close()
