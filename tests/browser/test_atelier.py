"""A leeratelier in a real browser: a facilitator creates an atelier and a group, two municipalities join and share,
and each sees the other's answer."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services.plans import plans
from tests import helpers
from tests.browser.conftest import log_in, new_context, screenshot


def _team(app, town: str, definition: str) -> str:
    with app.app_context():
        user = helpers.make_user(f"bea@{town.lower()}.nl", f"Bea {town}")
        organisation = plans.create_organisation(town, "gemeente", None, user)
        plan = plans.create_plan(organisation, f"Participatieverordening {town}", user)
        db.session.flush()
        plans.save_step(plan, 1, {"participatie_definitie": definition}, user, None)
        db.session.commit()
        return user.email


@pytest.mark.browser
def test_facilitator_and_two_organisations_share_answers(browser, live_server):
    with live_server.app.app_context():
        helpers.make_user("fien@leeratelier.nl", "Fien Facilitator")
    teams = {"Havenstad": _team(live_server.app, "Havenstad", "Havenstad werkt met buurtpanels."),
             "Bosdal": _team(live_server.app, "Bosdal", "Bosdal vraagt elke straat om mee te denken.")}
    contexts = {who: new_context(browser, base_url=live_server.url) for who in ("facilitator", *teams)}
    pages = {who: ctx.new_page() for who, ctx in contexts.items()}
    try:
        fac = pages["facilitator"]
        log_in(fac, "fien@leeratelier.nl")
        fac.get_by_role("link", name="Mijn ateliers").click()
        fac.get_by_role("link", name="Nieuw leeratelier").click()
        fac.get_by_label("Naam van het leeratelier").fill("Leeratelier Rivierenland")
        fac.get_by_role("button", name="Leeratelier aanmaken").click()
        fac.wait_for_url(re.compile(r"/ateliers/\d+$"))
        atelier_url = fac.url
        # Round 1 has started (it was last week), so its steps are shared with the group by default.
        fac.get_by_role("link", name=re.compile(r"^Wijzigen\s*: ronde 1$")).click()
        fac.get_by_label("Datum").fill("2020-03-14")
        fac.get_by_label("Begintijd").fill("09:30")
        fac.get_by_role("button", name="Ronde opslaan").click()
        links = {}
        for town in teams:
            fac.get_by_label("Voor welke organisatie is de link? (niet verplicht)").fill(town)
            fac.get_by_role("button", name="Maak een uitnodigingslink").click()
            links[town] = fac.locator("input.invite-link").first.input_value()

        for town, email in teams.items():
            page = pages[town]
            log_in(page, email)
            page.goto(links[town])
            expect(page.get_by_text("De facilitator kan uw plan niet wijzigen.")).to_be_visible()
            expect(page.get_by_text("stap 1 (")).to_be_visible()
            page.get_by_label("Welk plan neemt deel?").select_option(label=f"gemeente {town} — "
                                                                          f"Participatieverordening {town}")
            page.get_by_role("button", name="Deelnemen en delen zoals hierboven beschreven").click()
            expect(page.get_by_role("status").filter(has_text=f"{town} doet nu mee")).to_be_visible()

        fac.goto(atelier_url)
        fac.get_by_role("link", name=re.compile(r"^Groepen indelen\s*: ronde 1$")).click()
        fac.get_by_label("Naam van de nieuwe groep").fill("Tafel 1")
        fac.get_by_role("button", name="Groep toevoegen").click()
        for town in teams:
            fac.get_by_label(f"gemeente {town}").select_option(label="Tafel 1")
        fac.get_by_role("button", name="Indeling opslaan").click()
        expect(fac.get_by_role("status").filter(has_text="De indeling van ronde 1 is opgeslagen.")).to_be_visible()

        for town, other, answer in (("Havenstad", "Bosdal", "Bosdal vraagt elke straat om mee te denken."),
                                    ("Bosdal", "Havenstad", "Havenstad werkt met buurtpanels.")):
            page = pages[town]
            page.goto(atelier_url + "?ronde=1")
            shared = page.locator("dl.shared-answers")
            expect(shared.get_by_text(f"Gemeente {other}")).to_be_visible()
            expect(shared.get_by_text(answer)).to_be_visible()
            expect(shared.get_by_text(f"Gemeente {town}")).to_have_count(0)
        screenshot(pages["Havenstad"], "atelier-gedeelde-antwoorden")

        # Havenstad takes over Bosdal's definition on the round page and finds it in its own step 1.
        haven = pages["Havenstad"]
        haven.get_by_role("link", name=re.compile(r"^Naar de ronde\s*1$")).click()
        expect(haven.get_by_role("heading", name="Doel van deze ronde")).to_be_visible()
        haven.get_by_role("button", name=re.compile(r"^Overnemen\s*: Wat verstaat uw gemeente onder participatie\?, "
                                                    r"gemeente Bosdal$")).click()
        expect(haven.get_by_role("heading", level=1)).to_have_text("Overnemen bevestigen")
        haven.get_by_role("button", name="Overnemen bevestigen").click()
        expect(haven.get_by_role("status").filter(has_text="Het antwoord is overgenomen in uw plan.")).to_be_visible()
        screenshot(haven, "atelier-overgenomen")
        haven.get_by_role("link", name=re.compile(r"^Naar deze stap in uw plan\s*\(stap 1\)$")).click()
        # "Toevoegen" was chosen (the default when one has an answer): Bosdal's text comes below Havenstad's own.
        expect(haven.locator("textarea[name=q-participatie_definitie]")).to_have_value(
            "Havenstad werkt met buurtpanels.\n\nBosdal vraagt elke straat om mee te denken.")

        # Bosdal stops sharing: Havenstad no longer sees its answer.
        bosdal = pages["Bosdal"]
        bosdal.get_by_role("link", name="Wat u deelt").click()
        bosdal.get_by_role("button", name="Stoppen met delen (alle stappen: niemand)").click()
        expect(bosdal.get_by_role("status").filter(has_text="U deelt nu niets meer")).to_be_visible()
        pages["Havenstad"].goto(atelier_url + "?ronde=1")
        expect(pages["Havenstad"].locator("dl.shared-answers").get_by_text("Bosdal vraagt elke straat")).to_have_count(0)
    finally:
        for ctx in contexts.values():
            ctx.close()
