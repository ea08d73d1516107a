"""During a round, in real browsers: what the facilitator sends appears on a participant's open page without
reloading, and a participant's "Hulp vragen" appears on the facilitator's open page."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import AtelierGroup, AtelierParticipant, AtelierSeat
from app.services.atelier import ateliers
from tests import helpers
from tests.browser.conftest import log_in, new_context

POLL_WAIT_MS = 12_000  # the page asks every 5 seconds


def _atelier(app) -> int:
    """Fien facilitates; Havenstad sits at Tafel 1 and Bosdal at Tafel 2 in round 1."""
    with app.app_context():
        fien = helpers.make_user("fien@live.nl", "Fien Facilitator")
        atelier = ateliers.create_atelier("Leeratelier Live", fien)
        db.session.flush()
        for town, table in (("Havenstad", "Tafel 1"), ("Bosdal", "Tafel 2")):
            user = helpers.make_user(f"bea@{town.lower()}-live.nl", f"Bea {town}")
            plan = helpers.make_plan(helpers.make_organisation(town, user, "beheerder"), f"Plan {town}")
            participant = AtelierParticipant(atelier_id=atelier.id, organisation_id=plan.organisation_id,
                                             plan_id=plan.id)
            group = AtelierGroup(atelier_id=atelier.id, round_number=1, name=table)
            db.session.add_all([participant, group])
            db.session.flush()
            db.session.add(AtelierSeat(group_id=group.id, participant_id=participant.id, round_number=1))
        db.session.commit()
        return atelier.id


@pytest.mark.browser
def test_a_message_and_a_help_request_appear_without_reloading(browser, live_server):
    atelier_id = _atelier(live_server.app)
    url = f"/ateliers/{atelier_id}?ronde=1"
    people = {"fien": "fien@live.nl", "haven": "bea@havenstad-live.nl", "bos": "bea@bosdal-live.nl"}
    contexts = {who: new_context(browser, base_url=live_server.url) for who in people}
    pages = {who: ctx.new_page() for who, ctx in contexts.items()}
    try:
        for who, email in people.items():
            log_in(pages[who], email)
            pages[who].goto(url)
            pages[who].evaluate("window.notReloaded = true")
        haven, bos, fien = pages["haven"], pages["bos"], pages["fien"]
        expect(haven.get_by_text("Er zijn nog geen berichten in deze ronde.")).to_be_visible()

        fien.get_by_label("Bericht", exact=True).fill("Tafel 1: nog tien minuten voor deze vraag.")
        fien.get_by_label("Aan wie").select_option(label="Tafel 1")
        fien.get_by_role("button", name="Bericht versturen").click()
        fien.get_by_label("Aantal minuten").fill("10")
        fien.get_by_role("button", name="Aftellen starten").click()
        expect(fien.get_by_role("status").filter(has_text="Het aftellen loopt")).to_be_visible()
        fien.evaluate("window.notReloaded = true")  # her own forms reloaded her page; from here on it stays

        live = haven.locator("#berichten")
        expect(live).to_have_attribute("aria-live", "polite")
        expect(live.get_by_text("Tafel 1: nog tien minuten voor deze vraag.")).to_be_visible(timeout=POLL_WAIT_MS)
        expect(haven.locator("#aftellen")).to_contain_text("Nog 9:", timeout=POLL_WAIT_MS)
        assert haven.evaluate("window.notReloaded") is True
        # Bosdal sits at Tafel 2: it gets the countdown but not the message.
        expect(bos.locator("#aftellen")).to_contain_text("Nog 9:", timeout=POLL_WAIT_MS)
        expect(bos.get_by_text("Tafel 1: nog tien minuten")).to_have_count(0)

        haven.get_by_role("button", name="Hulp vragen").click()
        expect(haven.get_by_role("status").filter(has_text="De facilitator ziet uw hulpvraag")).to_be_visible()
        expect(fien.locator("#hulpvragen strong").get_by_text("Gemeente Havenstad")).to_be_visible(timeout=POLL_WAIT_MS)
        assert fien.evaluate("window.notReloaded") is True
        expect(bos.get_by_text("vraagt hulp")).to_have_count(0)
        fien.get_by_role("button", name=re.compile(r"^Afgehandeld\s*: Gemeente Havenstad$")).click()
        expect(fien.get_by_text("Er staan geen hulpvragen open.")).to_be_visible()
    finally:
        for ctx in contexts.values():
            ctx.close()
