"""A whole round of a leeratelier in real browsers (issue 10, "Done when").

A facilitator creates an atelier and a group through the pages; two municipalities join by their invitation links
and share; the facilitator seats them at one table; Havenstad's editor takes over Bosdal's answer with "Overnemen"
and finds it in the own plan and its history; the facilitator sees the progress change on the dashboard and sends
a message that appears on Havenstad's open page without reloading. axe checks the pages in the states no page in
test_accessibility.PAGES shows (shared answers with "Overnemen", a dashboard with two teams).

Every wait has a cap (TIMEOUT_MS for actions, POLL_WAIT_MS for the live poll), so a hang fails in seconds with the
step that hung; a watchdog prints every thread's stack if the whole test still runs after WATCHDOG_S.
"""
from __future__ import annotations

import faulthandler
import re
import sys

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services.plans import plans
from tests import helpers
from tests.browser.conftest import log_in, new_context, screenshot
from tests.browser.test_accessibility import describe, run_axe

POLL_WAIT_MS = 12_000  # the live section asks every 5 seconds
WATCHDOG_S = 240
DEFINITION = "Participatie is dat inwoners meedenken voordat het college een besluit neemt."
MESSAGE = "Tafel 1: nog tien minuten voor de definitie."


def _people(app) -> dict[str, object]:
    """The facilitator's account, and two municipalities with a plan. Havenstad has begun step 1 (its definition is
    still open); Bosdal has finished it. Havenstad's editor (redacteur) will take over Bosdal's definition."""
    with app.app_context():
        helpers.make_user("fien@ronde.nl", "Fien Facilitator")
        haven_bea = helpers.make_user("bea@havenstad-ronde.nl", "Bea Havenstad")
        haven = plans.create_organisation("Havenstad", "gemeente", None, haven_bea)
        haven_plan = plans.create_plan(haven, "Participatieverordening Havenstad", haven_bea)
        helpers.add_member(haven, helpers.make_user("rik@havenstad-ronde.nl", "Rik Redacteur"), "redacteur")
        bos_bo = helpers.make_user("bo@bosdal-ronde.nl", "Bo Bosdal")
        bos_plan = plans.create_plan(plans.create_organisation("Bosdal", "gemeente", None, bos_bo),
                                     "Participatieverordening Bosdal", bos_bo)
        db.session.flush()
        plans.save_step(haven_plan, 1, {"participatie_vormen": ["inwonersparticipatie"]}, haven_bea, None)
        plans.save_step(bos_plan, 1, {"participatie_definitie": DEFINITION,
                                      "participatie_vormen": ["inwonersparticipatie", "uitdaagrecht"]}, bos_bo, None)
        db.session.commit()
        return {"haven_plan": haven_plan.id}


def _no_violations(page, name: str) -> None:
    violations = run_axe(page)
    assert not violations, f"axe vond op {name} ({page.url}):\n{describe(violations)}"


def _team_row(page, town: str):
    return page.locator("table.dashboard-table tr").filter(
        has=page.get_by_role("rowheader", name=re.compile(f"^Gemeente {town}")))


@pytest.mark.browser
def test_a_whole_round_from_creating_the_atelier_to_the_progress_on_the_dashboard(browser, live_server):
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=False, file=sys.stderr)
    ids = _people(live_server.app)
    # The facilitator's and Bosdal's profiles take the injected axe-core; Havenstad's editor runs with the
    # Content-Security-Policy on, so the live updates are seen as a participant's browser gets them.
    contexts = {"fien": new_context(browser, base_url=live_server.url, bypass_csp=True),
                "haven": new_context(browser, base_url=live_server.url),
                "rik": new_context(browser, base_url=live_server.url),
                "bos": new_context(browser, base_url=live_server.url, bypass_csp=True)}
    fien, haven, rik, bos = (contexts[who].new_page() for who in ("fien", "haven", "rik", "bos"))
    try:
        # The facilitator creates the atelier; round 1 started last week, so its steps are shared by default.
        log_in(fien, "fien@ronde.nl")
        fien.get_by_role("link", name="Mijn ateliers").click()
        fien.get_by_role("link", name="Nieuw leeratelier").click()
        fien.get_by_label("Naam van het leeratelier").fill("Leeratelier Rivierenland")
        fien.get_by_role("button", name="Leeratelier aanmaken").click()
        fien.wait_for_url(re.compile(r"/ateliers/\d+$"))
        atelier_url = fien.url
        fien.get_by_role("link", name=re.compile(r"^Wijzigen\s*: ronde 1$")).click()
        fien.get_by_label("Datum").fill("2020-03-14")
        fien.get_by_label("Begintijd").fill("09:30")
        fien.get_by_role("button", name="Ronde opslaan").click()
        expect(fien.get_by_role("status").filter(has_text="Ronde 1 is opgeslagen.")).to_be_visible()
        links = {}
        for town in ("Havenstad", "Bosdal"):
            fien.get_by_label("Voor welke organisatie is de link? (niet verplicht)").fill(town)
            fien.get_by_role("button", name="Maak een uitnodigingslink").click()
            expect(fien.get_by_role("status").filter(has_text="De uitnodigingslink is gemaakt.")).to_be_visible()
            links[town] = fien.locator("input.invite-link").first.input_value()

        # Each beheerder joins by the link and shares what the page says before joining.
        for page, email, town in ((haven, "bea@havenstad-ronde.nl", "Havenstad"),
                                  (bos, "bo@bosdal-ronde.nl", "Bosdal")):
            log_in(page, email)
            page.goto(links[town])
            expect(page.get_by_text("De facilitator kan uw plan niet wijzigen.")).to_be_visible()
            page.get_by_label("Welk plan neemt deel?").select_option(
                label=f"gemeente {town} — Participatieverordening {town}")
            page.get_by_role("button", name="Deelnemen en delen zoals hierboven beschreven").click()
            expect(page.get_by_role("status").filter(has_text=f"{town} doet nu mee")).to_be_visible()
        haven.context.close()  # Havenstad's beheerder is done; its editor works on from here

        # The facilitator makes a table and seats both municipalities at it.
        fien.goto(atelier_url)
        fien.get_by_role("link", name=re.compile(r"^Groepen indelen\s*: ronde 1$")).click()
        fien.get_by_label("Naam van de nieuwe groep").fill("Tafel 1")
        fien.get_by_role("button", name="Groep toevoegen").click()
        expect(fien.get_by_role("status").filter(has_text="De groep is toegevoegd.")).to_be_visible()
        for town in ("Havenstad", "Bosdal"):
            fien.get_by_label(f"gemeente {town}").select_option(label="Tafel 1")
        fien.get_by_role("button", name="Indeling opslaan").click()
        expect(fien.get_by_role("status").filter(has_text="De indeling van ronde 1 is opgeslagen.")).to_be_visible()

        # The dashboard before: Havenstad is busy with step 1, one required question open; Bosdal has finished it.
        fien.goto(atelier_url)
        fien.get_by_role("link", name="Dashboard: waar staat elke organisatie?").click()
        expect(fien.get_by_role("heading", level=1)).to_have_text("Dashboard ronde 1")
        expect(_team_row(fien, "Havenstad").locator("td").first).to_have_text(re.compile(r"^Bezig\s*1 vraag open$"))
        expect(_team_row(fien, "Bosdal").locator("td").first).to_have_text("Afgerond")
        _no_violations(fien, "dashboard met twee organisaties")
        # On a phone the table scrolls in its own box and a town's name stays whole (it broke letter by letter).
        fien.set_viewport_size({"width": 390, "height": 800})
        name = _team_row(fien, "Havenstad").locator("th").bounding_box()["width"]
        assert name >= 150, f"de naam van de organisatie staat in een kolom van {name} px"
        assert fien.evaluate("document.documentElement.scrollWidth") <= 390
        fien.set_viewport_size({"width": 1280, "height": 720})

        # Bosdal sees Havenstad's shared step beside its own; its round page offers "Overnemen" (axe checks it).
        bos.goto(atelier_url + "/rondes/1/werk")
        expect(bos.locator("dl.shared-answers").get_by_text("Gemeente Havenstad").first).to_be_visible()
        expect(bos.get_by_role("button", name=re.compile(r"^Overnemen\s*:")).first).to_be_visible()
        _no_violations(bos, "rondepagina met gedeelde antwoorden")

        # Havenstad's editor takes over Bosdal's definition on the round page.
        log_in(rik, "rik@havenstad-ronde.nl")
        rik.goto(atelier_url)
        rik.get_by_role("link", name=re.compile(r"^Naar de ronde\s*1$")).click()
        expect(rik.get_by_role("heading", name="Doel van deze ronde")).to_be_visible()
        rik.get_by_role("button", name=re.compile(r"^Overnemen\s*: Wat verstaat uw gemeente onder participatie\?, "
                                                  r"gemeente Bosdal$")).click()
        # First the confirm page: the own answer beside Bosdal's, and the choice; nothing is saved yet.
        expect(rik.get_by_role("heading", level=1)).to_have_text("Overnemen bevestigen")
        expect(rik.locator("#eigen-antwoord")).to_contain_text("Nog niet ingevuld.")
        expect(rik.locator("#ander-antwoord")).to_contain_text(DEFINITION)
        rik.set_viewport_size({"width": 390, "height": 800})
        assert rik.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(rik, "atelier-overnemen-bevestigen-390")
        rik.set_viewport_size({"width": 1280, "height": 720})
        rik.get_by_label(re.compile(r"^Vervangen")).check()
        rik.get_by_role("button", name="Overnemen bevestigen").click()
        expect(rik.get_by_role("status").filter(has_text="Het antwoord is overgenomen in uw plan.")).to_be_visible()
        rik.get_by_role("link", name=re.compile(r"^Naar deze stap in uw plan\s*\(stap 1\)$")).click()
        expect(rik.locator("textarea[name=q-participatie_definitie]")).to_have_value(DEFINITION)
        rik.goto(f"/plannen/{ids['haven_plan']}/versies")
        expect(rik.get_by_text(re.compile(r"\(overgenomen van gemeente Bosdal in leeratelier "))).to_be_visible()

        # The dashboard after (reloaded): Havenstad's step 1 is complete, and Rik counts as active.
        fien.reload()
        havenstad = _team_row(fien, "Havenstad")
        expect(havenstad.locator("td").first).to_have_text("Afgerond")
        expect(havenstad).to_contain_text("Rik Redacteur")

        # The take-over is undone from the versions page: Havenstad's own (empty) answer is back.
        rik.goto(f"/plannen/{ids['haven_plan']}/versies")
        taken = rik.locator("ol.revisions li").filter(has_text="overgenomen van gemeente Bosdal")
        screenshot(rik, "versies-met-overnemen")
        taken.get_by_role("button", name=re.compile(r"^Ongedaan maken")).click()
        expect(rik.get_by_role("status").filter(has_text="De wijziging is ongedaan gemaakt.")).to_be_visible()
        rik.goto(f"/plannen/{ids['haven_plan']}/stap/1")
        expect(rik.locator("textarea[name=q-participatie_definitie]")).to_have_value("")

        # Havenstad's editor keeps the atelier page of round 1 open; the facilitator's message appears there.
        rik.goto(atelier_url + "?ronde=1")
        expect(rik.get_by_text("Er zijn nog geen berichten in deze ronde.")).to_be_visible()
        rik.evaluate("window.notReloaded = true")
        fien.goto(atelier_url + "?ronde=1")
        fien.get_by_label("Bericht", exact=True).fill(MESSAGE)
        fien.get_by_label("Aan wie").select_option(label="Tafel 1")
        fien.get_by_role("button", name="Bericht versturen").click()
        expect(fien.locator("#berichten").get_by_text(MESSAGE)).to_be_visible()
        expect(rik.locator("#berichten").get_by_text(MESSAGE)).to_be_visible(timeout=POLL_WAIT_MS)
        assert rik.evaluate("window.notReloaded") is True, "de pagina van Havenstad is herladen"
    finally:
        faulthandler.cancel_dump_traceback_later()
        for context in contexts.values():
            context.close()
