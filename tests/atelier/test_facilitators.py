"""A second facilitator: added by e-mail address through the page, removed again, never the last one."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Atelier, AtelierRole, AuditEvent
from app.services.atelier import ateliers
from tests import helpers


def _atelier(editor) -> Atelier:
    atelier = ateliers.create_atelier("Leeratelier Gelderland", editor.user)
    db.session.commit()
    return atelier


def _facilitator_ids(atelier: Atelier) -> set[int]:
    return set(db.session.scalars(select(AtelierRole.user_id).where(AtelierRole.atelier_id == atelier.id,
                                                                    AtelierRole.role == "facilitator")))


def _logged_in(browser, email: str, name: str):
    user = helpers.make_user(email, name)
    client = browser()
    helpers.login(client, email)
    return user, client


def test_an_added_facilitator_sees_the_dashboard(editor, browser):
    atelier = _atelier(editor)
    url = f"/ateliers/{atelier.id}/facilitatoren"
    fenna, fenna_client = _logged_in(browser, "fenna@leeratelier.nl", "Fenna Facilitator")
    assert fenna_client.get(f"/ateliers/{atelier.id}/dashboard").status_code == 404

    show = helpers.text_of(editor.client.get(f"/ateliers/{atelier.id}"))
    assert "Facilitatoren: wie begeleidt dit leeratelier?" in show
    response = helpers.post_form(editor.client, url, {"email": " Fenna@Leeratelier.nl "})
    assert response.status_code == 302
    page = helpers.text_of(editor.client.get(url))
    assert "Fenna Facilitator is nu facilitator van dit leeratelier." in page
    assert "fenna@leeratelier.nl" in page
    assert _facilitator_ids(atelier) == {editor.user.id, fenna.id}
    assert db.session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "atelier.facilitator_added")) \
        == {"user": fenna.id}

    dashboard = fenna_client.get(f"/ateliers/{atelier.id}/dashboard")
    assert dashboard.status_code == 200 and "Leeratelier Gelderland" in helpers.text_of(dashboard)
    assert "Leeratelier Gelderland" in helpers.text_of(fenna_client.get("/ateliers"))

    again = helpers.post_form(editor.client, url, {"email": "fenna@leeratelier.nl"})
    assert again.status_code == 422
    assert "Fenna Facilitator is al facilitator van dit leeratelier." in helpers.text_of(again)


def test_a_participant_cannot_add_a_facilitator_and_an_outsider_does_not_see_the_page(editor, browser):
    atelier = _atelier(editor)
    url = f"/ateliers/{atelier.id}/facilitatoren"
    bea, bea_client = _logged_in(browser, "bea@lindehoven.nl", "Bea Lindehoven")
    plan = helpers.make_plan(helpers.make_organisation("Lindehoven", bea, "beheerder"), "Plan Lindehoven")
    ateliers.join(ateliers.create_invitation(atelier, "", editor.user).token, plan, bea)
    db.session.commit()
    _outsider, outsider_client = _logged_in(browser, "olaf@elders.nl", "Olaf Elders")

    assert bea_client.get(url).status_code == 403
    refused = helpers.post_form(bea_client, url, {"email": "bea@lindehoven.nl"}, token_from="/account")
    assert refused.status_code == 403
    assert "U heeft niet de rol die voor deze handeling nodig is." in helpers.text_of(refused)
    removed = helpers.post_form(bea_client, f"{url}/{editor.user.id}/verwijderen", {}, token_from="/account")
    assert removed.status_code == 403
    assert outsider_client.get(url).status_code == 404
    assert helpers.post_form(outsider_client, url, {"email": "olaf@elders.nl"},
                             token_from="/account").status_code == 404
    assert _facilitator_ids(atelier) == {editor.user.id}


def test_an_unknown_address_gets_a_message_next_to_the_field_and_keeps_the_text(editor):
    atelier = _atelier(editor)
    url = f"/ateliers/{atelier.id}/facilitatoren"
    response = helpers.post_form(editor.client, url, {"email": "niemand@nergens.nl"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = re.search(r'id="email-error">([^<]*)<', html)
    assert error and "Er is geen account met dit e-mailadres." in error.group(1)
    assert 'value="niemand@nergens.nl"' in html
    bad = helpers.post_form(editor.client, url, {"email": "geen adres"})
    assert bad.status_code == 422 and "Vul een geldig e-mailadres in." in helpers.text_of(bad)
    assert 'value="geen adres"' in bad.get_data(as_text=True)
    assert _facilitator_ids(atelier) == {editor.user.id}
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "atelier.facilitator_added")) is None


def test_the_last_facilitator_cannot_be_removed(editor, browser):
    atelier = _atelier(editor)
    url = f"/ateliers/{atelier.id}/facilitatoren"
    assert "De laatste facilitator blijft." in helpers.text_of(editor.client.get(url))
    refused = helpers.post_form(editor.client, f"{url}/{editor.user.id}/verwijderen", {}, token_from=url)
    assert refused.status_code == 409
    assert "Een leeratelier heeft altijd minstens één facilitator." in helpers.text_of(refused)
    assert _facilitator_ids(atelier) == {editor.user.id}

    fenna, fenna_client = _logged_in(browser, "fenna@leeratelier.nl", "Fenna Facilitator")
    assert helpers.post_form(editor.client, url, {"email": "fenna@leeratelier.nl"}).status_code == 302
    assert helpers.post_form(fenna_client, f"{url}/{editor.user.id}/verwijderen", {}, token_from=url).status_code == 302
    assert _facilitator_ids(atelier) == {fenna.id}
    # the removal is in the audit trail
    assert db.session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "atelier.facilitator_removed")) \
        == {"user": editor.user.id}
    last = helpers.post_form(fenna_client, f"{url}/{fenna.id}/verwijderen", {}, token_from=url)
    assert last.status_code == 409
    assert "Een leeratelier heeft altijd minstens één facilitator." in helpers.text_of(last)
    assert _facilitator_ids(atelier) == {fenna.id}


def test_a_facilitator_who_removes_themself_loses_the_atelier_and_the_organiser_keeps_it(editor, browser):
    atelier = _atelier(editor)
    url = f"/ateliers/{atelier.id}/facilitatoren"
    fenna, fenna_client = _logged_in(browser, "fenna@leeratelier.nl", "Fenna Facilitator")
    assert helpers.post_form(editor.client, url, {"email": "fenna@leeratelier.nl"}).status_code == 302
    gone = helpers.post_form(fenna_client, f"{url}/{fenna.id}/verwijderen", {}, token_from=url)
    assert gone.status_code == 302 and gone.headers["Location"].endswith("/ateliers")
    assert fenna_client.get(f"/ateliers/{atelier.id}/dashboard").status_code == 404
    assert _facilitator_ids(atelier) == {editor.user.id}
    # the organiser, no longer facilitator after Fenna removed them, still manages the atelier as its organiser
    assert helpers.post_form(editor.client, url, {"email": "fenna@leeratelier.nl"}).status_code == 302
    assert helpers.post_form(fenna_client, f"{url}/{editor.user.id}/verwijderen", {}, token_from=url).status_code == 302
    assert editor.client.get(url).status_code == 200
