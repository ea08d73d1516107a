"""Fifty supporters confirm one burgerinitiatief at the same moment, each twice (a double click), against gunicorn
with several workers: every supporter is counted exactly once."""
from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent
from app.models.loket import InitiativeSupport, LoketRequest
from app.services.loket.rights import Right
from tests import helpers
from tests.live import at_once

pytestmark = pytest.mark.live
SUPPORTERS = 50


def _seed():
    boss = helpers.make_user("bea@steunstad.nl", "Bea Beheerder")
    organisation = helpers.make_organisation("Steunstad", boss, "beheerder")
    filed = LoketRequest(organisation_id=organisation.id, token="initiatief-steunstad", reference="LK-2027-00001",
                         right="burgerinitiatief", subject="Een speeltuin in de Vogelbuurt",
                         rules=Right("burgerinitiatief", 8, "awb", "de raad", False, supporters_needed=40).as_rules(),
                         received_on=date(2026, 12, 1), due_on=date(2027, 1, 26))
    db.session.add(filed)
    db.session.flush()
    db.session.add_all(InitiativeSupport(request_id=filed.id, email=f"inwoner{i}@example.nl", token=f"steun-{i:03d}")
                       for i in range(SUPPORTERS))


def test_fifty_supporters_confirm_at_once_and_each_counts_once(live_server):
    server = live_server(_seed)

    def open_link(i):
        browser = server.browser()
        page = browser.get(f"/loket/steun/steun-{i:03d}")
        return browser, i, browser.csrf_token(page)

    opened = at_once([lambda i=i: open_link(i) for i in range(SUPPORTERS)])
    clicks = [(b, i, t) for b, i, t in opened] * 2            # every supporter clicks twice
    replies = at_once([lambda b=b, i=i, t=t: b.post(f"/loket/steun/steun-{i:03d}", {"csrf_token": t})
                       for b, i, t in clicks])
    assert all(r.status == 200 and "Uw steun is geteld" in r.body for r in replies), \
        sorted({(r.status, r.body[:200]) for r in replies if r.status != 200})
    with server.app.app_context():
        confirmed = db.session.scalar(select(func.count(InitiativeSupport.id))
                                      .where(InitiativeSupport.confirmed_at.is_not(None)))
        audited = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "loket.support"))
    assert confirmed == SUPPORTERS
    assert audited == SUPPORTERS      # one "counted" event per supporter, not per click
    page = server.browser().get("/loket/1/initiatieven/1")
    assert "50 van de 40 benodigde ondersteuners" in page.body and "gaat naar de raad" in page.body

    # One address asks to support twenty times at once: the unique constraint keeps one row (one mail link).
    def open_form(_i):
        browser = server.browser()
        return browser, browser.csrf_token(browser.get("/loket/1/initiatieven/1"))

    forms = at_once([lambda i=i: open_form(i) for i in range(20)])
    replies = at_once([lambda b=b, t=t: b.post("/loket/1/initiatieven/1", {"csrf_token": t, "resident": "y",
                                                                           "email": "dubbel@example.nl"})
                       for b, t in forms])
    assert all(r.status == 200 and "Bijna klaar" in r.body for r in replies)
    with server.app.app_context():
        assert db.session.scalar(select(func.count(InitiativeSupport.id))
                                 .where(InitiativeSupport.email == "dubbel@example.nl")) == 1
