"""At phone width (390 px) no page is wider than the screen: wide tables scroll in their own box, long words in
headings break."""
from __future__ import annotations

import pytest

from tests.browser.test_accessibility import describe, run_axe

PHONE = {"width": 390, "height": 800}

PAGES = ["/organisaties/{organisation}/team", "/organisaties/{organisation}/logboek", "/plannen/{plan}/verwijderen",
         "/plannen/{plan}/versies", "/account", "/", "/organisaties/{organisation}/zelfscan/2026",
         "/organisaties/{organisation}/benchmark", "/plannen/{plan}/documenten",
         "/plannen/{plan}/documenten/uitvoeringsprogramma", "/plannen/{plan}/stap/6", "/casussen"]


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_phone_screen(member_context, seeded_plan, path):
    page = member_context.new_page()
    try:
        page.set_viewport_size(PHONE)
        page.goto(path.format(organisation=seeded_plan.organisation_id, plan=seeded_plan.plan_id))
        width, screen = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= screen, f"{path}: de pagina is {width} px breed op een scherm van {screen} px"
        violations = run_axe(page)  # a table that scrolls must still be reachable with the keyboard
        assert not violations, describe(violations)
    finally:
        page.close()


@pytest.mark.browser
def test_own_article_text_box_fills_a_phone_screen_and_holds_the_article(member_context, seeded_plan):
    """The jurist's own-text box: as wide as the text column on a 390 px phone, as tall as the article."""
    page = member_context.new_page()
    try:
        page.set_viewport_size(PHONE)
        page.goto(f"/plannen/{seeded_plan.plan_id}/verordening/inspraakprocedure/eigen-tekst")
        width, screen = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= screen, f"de pagina is {width} px breed op een scherm van {screen} px"
        box = page.locator("textarea#body")
        size = box.bounding_box()
        lines = len(box.input_value().split("\n"))
        assert size["width"] >= screen - 60, f"het tekstvak is {size['width']} px breed op {screen} px"
        assert int(box.get_attribute("rows")) >= max(lines, 10)
        assert size["height"] >= 10 * 16, f"het tekstvak is maar {size['height']} px hoog"
        violations = run_axe(page)
        assert not violations, describe(violations)
    finally:
        page.close()


@pytest.mark.browser
def test_the_gantt_scrolls_inside_its_own_box(member_context, seeded_plan):
    page = member_context.new_page()
    try:
        page.set_viewport_size(PHONE)
        page.goto(f"/plannen/{seeded_plan.plan_id}/documenten/uitvoeringsprogramma")
        box = page.locator(".table-scroll:has(.timeline)")
        inner, outer = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
        assert inner > outer, "de tijdlijn past op het scherm en schuift dus niet in haar eigen vak"
        assert outer <= PHONE["width"]
    finally:
        page.close()


@pytest.mark.browser
def test_a_late_month_in_the_gantt_does_not_widen_a_desktop_page(member_context, seeded_plan):
    """The screen-reader text of an active month ("actief in dec 2028") stays inside the Gantt's scrolling box: with
    a month past the right edge of a 1280 px screen active, the page itself does not scroll sideways."""
    page = member_context.new_page()
    try:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(f"/plannen/{seeded_plan.plan_id}/documenten/uitvoeringsprogramma")
        # the last month of the first row made active, as the template writes an active month
        page.locator(".timeline tbody tr").first.locator("td").last.evaluate(
            "c => { c.classList.add('timeline__cell--on'); "
            "c.innerHTML = '<span class=\"visually-hidden\">actief in de laatste maand</span>'; }")
        inner, outer = page.locator(".table-scroll:has(.timeline)").evaluate("b => [b.scrollWidth, b.clientWidth]")
        assert inner > outer, "de tijdlijn past op het scherm; deze test ziet zo niets"
        width, screen = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= screen, f"de pagina is {width} px breed op een scherm van {screen} px"
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_an_activity_name_gets_a_wide_box_in_the_step_6_card(member_context, seeded_plan, width):
    """The activity's name is the longest text of a card: its box is at least twice as wide as the month beside it on
    a desktop (it was cut off after twenty letters), and the card's width on a phone."""
    page = member_context.new_page()
    try:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"/plannen/{seeded_plan.plan_id}/stap/6")
        name = page.locator("#q-uitvoeringsactiviteiten-0-activiteit").bounding_box()["width"]
        month = page.locator("#q-uitvoeringsactiviteiten-0-start").bounding_box()["width"]
        card = page.locator('table[data-list="uitvoeringsactiviteiten"] tbody tr').first.bounding_box()["width"]
        if width < 640:
            assert name >= card - 40, f"het vak voor de activiteit is {name} px breed in een kaart van {card} px"
        else:
            assert name >= 2 * month, f"het vak voor de activiteit is {name} px breed, de maand {month} px"
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("public", [False, True], ids=["team", "openbaar"])
def test_survey_pages_fit_a_phone_screen(member_context, seeded_plan, public):
    """The participant survey (and its team page with the link and QR code) at 390 px: no sideways scrolling."""
    from tests.browser.test_accessibility import _survey
    page = member_context.new_page()
    try:
        page.set_viewport_size(PHONE)
        _survey(public)(page, seeded_plan)
        width, screen = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= screen, f"de vragenlijst is {width} px breed op een scherm van {screen} px"
        violations = run_axe(page)
        assert not violations, describe(violations)
    finally:
        page.close()
