"""Supporting a burgerinitiatief: online with an e-mail confirmation (once per address) or counted on paper by staff;
the ordinance's threshold decides when it goes to the raad."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app import content
from app.extensions import db
from app.models.loket import InitiativeSupport, LoketRequest
from app.services.loket import requests as loket
from app.services.core.mail import outbox
from app.services.core.access import PUBLIC
from tests import helpers
from tests.loket.factories import STEP5, adopted

TODAY = date(2027, 3, 1)


@pytest.fixture()
def initiative(app, monkeypatch):
    monkeypatch.setattr("app.loket.routes.today_in_amsterdam", lambda: TODAY)
    boss = helpers.make_user("beheerder@loketstad.nl", "Bea Beheerder")
    organisation, _plan, version = adopted(boss, step5=dict(STEP5, burgerinitiatief_handtekeningen=3))
    right = loket.rights_for(version, content.handreiking())["burgerinitiatief"]
    filed = loket.submit(version, right, "Een hondenuitlaatveld", {"onderwerp": "Een hondenuitlaatveld",
                                                                     "voorstel": "Leg een veld aan in het park."},
                         name="Henk", address="Parklaan 1", email="henk@example.nl", uploads=[], today=TODAY, by=PUBLIC)
    db.session.commit()
    return SimpleNamespace(organisation=organisation, filed=filed, boss=boss,
                           url=f"/loket/{organisation.id}/initiatieven/{filed.id}")


def _sign(client, initiative, email):
    return helpers.post_form(client, initiative.url, {"email": email, "resident": "y"})


def test_supporters_confirm_by_mail_once_per_address_and_the_threshold_sends_it_to_the_raad(initiative, client):
    page = helpers.text_of(client.get(initiative.url))
    assert "Leg een veld aan in het park." in page and "0 van de 3 benodigde ondersteuners" in page
    assert "Bijna klaar" in helpers.text_of(_sign(client, initiative, "a@example.nl"))
    link = helpers.link_in(helpers.mail_to("a@example.nl"))
    assert "geteld" not in helpers.text_of(client.get(link))            # opening the link counts nothing
    assert "Uw steun is geteld" in helpers.text_of(helpers.post_form(client, link, {}))
    helpers.post_form(client, link, {}, token_from=initiative.url)        # the link again: still one
    _sign(client, initiative, "A@example.nl ")                            # the same address again: no new row
    assert len([m for m in outbox() if m.to == "a@example.nl"]) == 1       # and no new mail once confirmed
    assert db.session.scalar(select(func.count(InitiativeSupport.id))) == 1
    assert "1 van de 3" in helpers.text_of(client.get(initiative.url))
    for email in ("b@example.nl", "c@example.nl"):
        _sign(client, initiative, email)
        helpers.post_form(client, helpers.link_in(helpers.mail_to(email)), {})
    page = helpers.text_of(client.get(initiative.url))
    assert "3 van de 3" in page and "gaat naar de raad" in page


def test_bad_addresses_are_told_next_to_the_field(initiative, client):
    response = _sign(client, initiative, "geen-adres")
    assert response.status_code == 200 and "Vul een geldig e-mailadres in" in response.get_data(as_text=True)
    assert "geen-adres" in response.get_data(as_text=True)


def test_staff_count_paper_lists_toward_the_threshold(initiative, client):
    helpers.login(client, initiative.boss.email)
    case = f"/loket/verzoeken/{initiative.filed.id}"
    bad = helpers.post_form(client, f"{case}/steun", {"count": "veel"}, token_from=case)
    assert bad.status_code == 400 and "Vul een heel getal in" in bad.get_data(as_text=True)
    assert helpers.post_form(client, f"{case}/steun", {"count": "3"}, token_from=case).status_code == 302
    assert "Drempel gehaald" in helpers.text_of(client.get(case))
    db.session.expire_all()
    assert db.session.get(LoketRequest, initiative.filed.id).paper_supporters == 3
