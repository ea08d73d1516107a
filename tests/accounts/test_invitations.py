"""Invitation links: they expire, can be withdrawn, are listed on the team page, and every use is in the audit log."""
from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Invitation, User
from tests import helpers
from tests.helpers import post_form, text_of


def _make_link(ctx) -> tuple[str, Invitation]:
    team_url = f"/organisaties/{ctx.organisation.id}/team"
    response = post_form(ctx.client, f"/organisaties/{ctx.organisation.id}/uitnodigingen", {"role": "redacteur"},
                         token_from=team_url)
    assert response.status_code == 302
    html = ctx.client.get(team_url).get_data(as_text=True)
    link = unescape(re.findall(r'class="[^"]*invite-link"[^>]*value="([^"]+)"', html)[0])
    invite = db.session.scalar(select(Invitation).order_by(Invitation.id.desc()))
    return link.replace("http://localhost", ""), invite


def _guest(browser, email="gast@elders.nl"):
    helpers.make_user(email, "Gast Elders")
    client = browser()
    helpers.login(client, email)
    return client


def test_the_team_page_lists_links_with_their_state_and_a_copy_button(editor, browser):
    link, invite = _make_link(editor)
    page = editor.client.get(f"/organisaties/{editor.organisation.id}/team")
    text = text_of(page)
    assert "Open" in text and "geldig tot" in text
    assert 'data-copy="link-%d"' % invite.id in page.get_data(as_text=True)
    guest = _guest(browser)
    post_form(guest, link, {}, token_from="/")
    text = text_of(editor.client.get(f"/organisaties/{editor.organisation.id}/team"))
    assert "Gebruikt" in text
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("invitation.%"))
                                                    .order_by(AuditEvent.id))]
    assert actions == ["invitation.created", "invitation.used"]


def test_an_expired_link_joins_nothing(editor, browser):
    link, invite = _make_link(editor)
    invite.expires_at = invite.created_at - timedelta(seconds=1)
    db.session.commit()
    guest = _guest(browser)
    assert "verlopen" in text_of(guest.get(link))
    post_form(guest, link, {}, token_from="/")
    assert "Deze uitnodiging is onbekend, verlopen, ingetrokken of al gebruikt." in text_of(guest.get("/"))
    assert guest.get(f"/plannen/{editor.plan.id}").status_code == 404
    assert "Verlopen" in text_of(editor.client.get(f"/organisaties/{editor.organisation.id}/team"))


def test_a_withdrawn_link_joins_nothing(editor, browser):
    link, invite = _make_link(editor)
    response = post_form(editor.client, f"/organisaties/{editor.organisation.id}/uitnodigingen/{invite.id}/intrekken",
                         {}, token_from=f"/organisaties/{editor.organisation.id}/team")
    assert response.status_code == 302
    page = text_of(editor.client.get(f"/organisaties/{editor.organisation.id}/team"))
    assert "De uitnodiging is ingetrokken" in page and "Ingetrokken" in page
    guest = _guest(browser)
    post_form(guest, link, {}, token_from="/")
    assert guest.get(f"/plannen/{editor.plan.id}").status_code == 404
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action.like("invitation.%"))
                            .order_by(AuditEvent.id.desc()).limit(1)) == "invitation.withdrawn"


def test_the_last_beheerder_cannot_be_demoted_or_removed(editor):
    membership = editor.user.memberships[0]
    team_url = f"/organisaties/{editor.organisation.id}/team"
    for url, data in ((f"/organisaties/{editor.organisation.id}/leden/{membership.id}/rol", {"role": "redacteur"}),
                      (f"/organisaties/{editor.organisation.id}/leden/{membership.id}/verwijderen", {})):
        post_form(editor.client, url, data, token_from=team_url)
        assert "Er moet ten minste één beheerder blijven." in text_of(editor.client.get(team_url))
        db.session.expire_all()
        assert editor.user.role_in(editor.organisation.id) == "beheerder"


def test_an_invitation_can_be_sent_by_mail(editor, browser):
    team_url = f"/organisaties/{editor.organisation.id}/team"
    response = post_form(editor.client, f"/organisaties/{editor.organisation.id}/uitnodigingen",
                         {"role": "jurist", "email": " Jan@Jurist.nl "}, token_from=team_url)
    assert response.status_code == 302
    assert "per e-mail verstuurd naar jan@jurist.nl" in text_of(editor.client.get(team_url))
    message = helpers.mail_to("jan@jurist.nl")
    assert "Bea Beheerder nodigt u uit voor het team van gemeente Voorbeeld" in message.body
    assert "met de rol jurist" in message.body
    helpers.make_user("jan@jurist.nl", "Jan Jurist")
    jan = browser()
    helpers.login(jan, "jan@jurist.nl")
    post_form(jan, helpers.link_in(message), {}, token_from="/")
    db.session.expire_all()
    assert [m.role for m in db.session.scalar(select(User).where(User.email == "jan@jurist.nl")).memberships] \
        == ["jurist"]


def test_a_bad_address_is_answered_next_to_the_field_and_makes_no_link(editor):
    team_url = f"/organisaties/{editor.organisation.id}/team"
    response = post_form(editor.client, f"/organisaties/{editor.organisation.id}/uitnodigingen",
                         {"role": "jurist", "email": "geen-adres"}, token_from=team_url)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Vul een geldig e-mailadres in, of laat het veld leeg." in text_of(response)
    assert 'value="geen-adres"' in html
    assert db.session.scalar(select(Invitation)) is None


def test_deleting_an_account_is_in_the_organisation_log(editor, browser):
    helpers.make_user("rob@voorbeeld.nl", "Rob Redacteur")
    helpers.add_member(editor.organisation, db.session.scalar(select(User).where(User.email == "rob@voorbeeld.nl")),
                       "redacteur")
    rob = browser()
    helpers.login(rob, "rob@voorbeeld.nl")
    assert post_form(rob, "/account", {"password": helpers.PASSWORD, "confirm": "y"}).status_code == 302
    page = text_of(editor.client.get(f"/organisaties/{editor.organisation.id}/logboek"))
    assert "Account verwijderd" in page and "rob@voorbeeld.nl" in page
