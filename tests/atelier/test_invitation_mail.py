"""An atelier invitation can be mailed, as a team invitation can: the same mail, worded for the atelier."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import AtelierInvitation
from tests import helpers
from tests.atelier.test_atelier_web import _create


def test_an_atelier_invitation_is_mailed_with_its_link(editor):
    atelier = _create(editor.client)
    url = f"/ateliers/{atelier.id}"
    assert "E-mailadres van de beheerder (niet verplicht)" in helpers.text_of(editor.client.get(url))
    response = helpers.post_form(editor.client, f"{url}/uitnodigingen",
                                 {"label": "Lindehoven", "email": " Bea@Lindehoven.nl "}, token_from=url)
    assert response.status_code == 302
    page = helpers.text_of(editor.client.get(response.headers["Location"]))
    assert "De uitnodiging is gemaakt en per e-mail verstuurd naar bea@lindehoven.nl." in page
    token = db.session.scalar(select(AtelierInvitation.token))
    message = helpers.mail_to("bea@lindehoven.nl")
    assert message.subject == "Uitnodiging voor het leeratelier Leeratelier Gelderland"
    assert "Bea Beheerder nodigt uw organisatie uit voor het leeratelier Leeratelier Gelderland" in message.body
    assert f"/leeratelier/uitnodiging/{token}" in message.body
    assert "het team van" not in message.body


def test_a_wrong_address_is_refused_next_to_the_field_and_no_link_is_made(editor):
    atelier = _create(editor.client)
    url = f"/ateliers/{atelier.id}"
    response = helpers.post_form(editor.client, f"{url}/uitnodigingen", {"label": "Lindehoven", "email": "bea@"},
                                 token_from=url)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Vul een geldig e-mailadres in, of laat het veld leeg." in helpers.text_of(response)
    assert 'value="bea@"' in html and 'value="Lindehoven"' in html
    assert db.session.scalar(select(func.count(AtelierInvitation.id))) == 0
