"""The jurist's flow in a real browser with the Content-Security-Policy on: the review counter that moves without a
reload, an own article text kept across a plan change and flagged, and the DOCX with tracked changes."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from tests import helpers
from tests.browser.conftest import COMPLETE_ANSWERS, log_in, screenshot
from tests.browser.test_accessibility import describe, run_axe
from tests.browser.test_journey import _watch_console
from tests.ordinance.test_jurist import revisions

OWN = "De inspraaktermijn is zes weken, ook voor wie buiten de gemeente woont."


@pytest.fixture(scope="module")
def jurist_plan(live_server):
    """A complete plan of Kleidijk with a named version, and its jurist."""
    from app.services.plans import plans

    with live_server.app.app_context():
        owner = helpers.make_user("beheerder@kleidijk.nl", "Kees Beheerder")
        organisation = plans.create_organisation("Kleidijk", "gemeente", 18000, owner)
        plan = plans.create_plan(organisation, "Participatieverordening Kleidijk", owner)
        db.session.commit()
        jurist = helpers.make_user("jurist@kleidijk.nl", "Joke Jurist")
        helpers.add_member(organisation, jurist, "jurist")
        for number, answers in COMPLETE_ANSWERS.items():
            plans.save_step(plan, number, answers, owner, None)
            db.session.commit()
        snapshot = plans.take_snapshot(plan, "Voor de griffie", owner)
        db.session.commit()
        return {"plan_id": plan.id, "snapshot_id": snapshot.id, "owner_id": owner.id}


def _change_inspraak_period(live_server, plan_id: int, owner_id: int, weeks: int) -> None:
    """A colleague changes step 5 (as the wizard stores it) while the jurist works."""
    from app.models import ParticipationPlan, User
    from app.services.plans import plans

    with live_server.app.app_context():
        plan, owner = db.session.get(ParticipationPlan, plan_id), db.session.get(User, owner_id)
        plans.save_step(plan, 5, {**COMPLETE_ANSWERS[5], "inspraak_termijn_weken": weeks}, owner, None)
        db.session.commit()


@pytest.mark.browser
def test_jurist_reviews_rewrites_and_downloads_tracked_changes(page, live_server, jurist_plan, tmp_path):
    problems = _watch_console(page)
    plan_id = jurist_plan["plan_id"]
    log_in(page, "jurist@kleidijk.nl")
    page.goto(f"/plannen/{plan_id}/verordening")
    counter = page.locator("#beoordeeld-teller")
    total = int(re.search(r"van (\d+) beoordeeld", counter.inner_text()).group(1))
    expect(counter).to_have_text(f"0 van {total} beoordeeld")

    # Review two articles: the counter and the live region change, the page is not reloaded.
    page.evaluate("window.zelfdePagina = true")
    first = page.locator(".ordinance__article").nth(0)
    first.get_by_role("button", name=re.compile("^Markeer als beoordeeld")).click()
    expect(counter).to_have_text(f"1 van {total} beoordeeld")
    heading = first.locator("h4").inner_text()
    expect(page.locator("#beoordeling-melding")).to_have_text(
        f"{heading} is gemarkeerd als beoordeeld. 1 van {total} beoordeeld.")
    expect(first.get_by_text("Beoordeeld door Joke Jurist")).to_be_visible()
    expect(first.get_by_role("button", name=re.compile("^Beoordeling intrekken"))).to_be_focused()
    page.locator(".ordinance__article").nth(1).get_by_role("button", name=re.compile("^Markeer als beoordeeld")).click()
    expect(counter).to_have_text(f"2 van {total} beoordeeld")
    first.get_by_role("button", name=re.compile("^Beoordeling intrekken")).click()
    expect(counter).to_have_text(f"1 van {total} beoordeeld")
    assert page.evaluate("window.zelfdePagina") is True, "de pagina is herladen"
    page.reload()
    expect(counter).to_have_text(f"1 van {total} beoordeeld")  # stored, not only shown

    # An own text for the inspraak article.
    article = page.locator("#artikel-inspraakprocedure")
    article.get_by_role("link", name=re.compile("^Eigen tekst schrijven")).click()
    page.get_by_label("Eigen tekst van het artikel").fill(OWN)
    page.get_by_role("button", name="Eigen tekst opslaan").click()
    page.wait_for_url(re.compile(r"/verordening#artikel-inspraakprocedure$"))
    expect(article).to_contain_text(OWN)
    expect(article).to_contain_text("Eigen tekst van de jurist (Joke Jurist")
    expect(article).not_to_contain_text("De antwoorden waarop deze tekst steunde, zijn gewijzigd")

    # A colleague changes the period: the own text stays and is flagged, in the text and in the index.
    _change_inspraak_period(live_server, plan_id, jurist_plan["owner_id"], 8)
    page.reload()
    expect(article).to_contain_text(OWN)
    expect(article).to_contain_text("De antwoorden waarop deze tekst steunde, zijn gewijzigd.")
    expect(page.locator("#stand-inspraakprocedure")).to_have_text("nog niet beoordeeld, eigen tekst, antwoorden gewijzigd")
    screenshot(page, "jurist-conceptverordening")

    # The same page on a phone (390 px): the counter, the own text and its flag, a review that still counts, and
    # nothing wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(counter).to_have_text(f"1 van {total} beoordeeld")
    expect(article).to_contain_text("De antwoorden waarop deze tekst steunde, zijn gewijzigd.")
    first.get_by_role("button", name=re.compile("^Markeer als beoordeeld")).click()
    expect(counter).to_have_text(f"2 van {total} beoordeeld")
    width, screen = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= screen, f"de conceptverordening is {width} px breed op een scherm van {screen} px"
    page.set_viewport_size({"width": 1280, "height": 720})

    # The version comparison offers the Word document with tracked changes.
    page.goto(f"/plannen/{plan_id}/versies/vergelijken?van={jurist_plan['snapshot_id']}&naar=huidig")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de conceptverordening met bijgehouden wijzigingen (Word)").click()
    download = download_info.value
    assert download.suggested_filename == "wijzigingen-participatieverordening-kleidijk.docx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    found = revisions(path.read_bytes())
    assert found["ins"] and found["del"]
    assert {author for _t, author, _d in found["ins"] + found["del"]} == {"Joke Jurist"}
    assert problems == [], problems


@pytest.mark.browser
def test_review_update_in_place_has_no_wcag_violations(member_context, seeded_plan):
    """axe on the preview after the script swapped a review block, and on the own-text page."""
    page = member_context.new_page()
    try:
        page.goto(f"/plannen/{seeded_plan.plan_id}/verordening")
        counter = page.locator("#beoordeeld-teller")
        before = counter.inner_text()
        page.locator(".ordinance__article").last.get_by_role("button", name=re.compile("^Markeer als beoordeeld")).click()
        expect(counter).not_to_have_text(before)
        violations = run_axe(page)
        assert not violations, describe(violations)
        page.locator(".ordinance__article").last.get_by_role("button", name=re.compile("^Beoordeling intrekken")).click()
        expect(counter).to_have_text(before)
    finally:
        page.close()
