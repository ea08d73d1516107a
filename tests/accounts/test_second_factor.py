"""The second factor (TOTP): set up on the account page, asked at login, turned off with password and code, and
required by a beheerder for a whole organisation."""
from __future__ import annotations

import re
import time
from html import unescape

import pyotp
import pytest
from sqlalchemy import select

from app.extensions import db, limiter
from app.models import AuditEvent, Organisation, User
from tests import helpers
from tests.helpers import PASSWORD, post_form, text_of


def _field_error(html: str, field_id: str) -> str:
    match = re.search(rf'id="{field_id}-error">([^<]*)<', html)
    return unescape(match.group(1)) if match else ""


def _user(user_id: int) -> User:
    db.session.expire_all()
    return db.session.get(User, user_id)


def _actions(user_id: int) -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == user_id)
                                   .order_by(AuditEvent.id)))


def _code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def _wrong(code: str) -> str:
    return f"{(int(code) + 500_000) % 1_000_000:06d}"


def _set_up(client) -> str:
    """Open the set-up page, read the secret as a person would type it over, confirm with a code."""
    page = client.get("/account/tweede-factor")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'src="data:image/svg+xml' in html  # the QR code
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    response = post_form(client, "/account/tweede-factor", {"code": _code(secret)})
    assert response.status_code == 302, text_of(response)[:300]
    return secret


@pytest.fixture()
def lea(app, browser):
    user = helpers.make_user("lea@gemeente.nl", "Lea Login")
    client = browser()
    helpers.login(client, user.email)
    return user, client


def test_set_up_needs_a_right_code(lea, browser):
    user, client = lea
    phone = browser()  # opened before the second factor, so it ends once the factor is on
    helpers.login(phone, user.email)
    html = client.get("/account/tweede-factor").get_data(as_text=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert "Tweede factor instellen" in html and len(secret) == 32
    response = post_form(client, "/account/tweede-factor", {"code": _wrong(_code(secret))})
    assert response.status_code == 200
    assert _field_error(response.get_data(as_text=True), "code").startswith("Deze code klopt niet")
    assert not _user(user.id).totp_enabled
    # The same secret stays on the page, so the app the user already set up keeps working.
    assert secret in response.get_data(as_text=True).replace(" ", "")
    response = post_form(client, "/account/tweede-factor", {"code": _code(secret)})
    assert response.status_code == 302
    assert _user(user.id).totp_secret == secret
    assert "De tweede factor staat aan." in text_of(client.get("/account"))
    assert phone.get("/account").status_code == 302
    assert _actions(user.id)[-1] == "totp.enabled"


def _password_step(client, email: str = "lea@gemeente.nl", next_url: str = ""):
    return post_form(client, "/inloggen" + next_url, {"email": email, "password": PASSWORD}, token_from="/inloggen")


def test_login_asks_for_the_code_after_the_password(lea, browser):
    user, client = lea
    secret = _set_up(client)
    phone = browser()
    response = _password_step(phone, next_url="?next=/account")
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen/code")
    assert phone.get("/account").status_code == 302  # the password alone does not log in

    response = post_form(phone, response.headers["Location"], {"code": _wrong(_code(secret))})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert _field_error(html, "code") == "Deze code klopt niet of is al gebruikt. Wacht tot de app een nieuwe code toont en vul die in."
    assert phone.get("/account").status_code == 302
    assert _actions(user.id)[-1] == "login.failed"

    code = _code(secret, steps_ahead=1)
    response = post_form(phone, "/inloggen/code?next=/account", {"code": code})
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert "lea@gemeente.nl" in text_of(phone.get("/account"))
    assert _actions(user.id)[-1] == "login"

    # The same code does not work a second time.
    other = browser()
    _password_step(other)
    response = post_form(other, "/inloggen/code", {"code": code})
    assert _field_error(response.get_data(as_text=True), "code").startswith("Deze code klopt niet")
    assert other.get("/account").status_code == 302


def test_code_page_without_a_password_sends_to_login(app, browser):
    client = browser()
    response = client.get("/inloggen/code")
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")
    response = post_form(client, "/inloggen/code", {"code": "123456"}, token_from="/inloggen")
    assert response.status_code == 302 and client.get("/account").status_code == 302


def test_too_many_wrong_codes_start_the_login_again(lea, browser):
    _user_, client = lea
    secret = _set_up(client)
    phone = browser()
    _password_step(phone)
    for _ in range(4):
        assert post_form(phone, "/inloggen/code", {"code": _wrong(_code(secret))}).status_code == 200
    response = post_form(phone, "/inloggen/code", {"code": _wrong(_code(secret))})
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")
    assert "De code was te vaak onjuist." in text_of(phone.get("/inloggen"))
    # Even the right code no longer helps: the password comes first again (past the rate limit as well).
    limiter.reset()
    response = post_form(phone, "/inloggen/code", {"code": _code(secret)}, token_from="/inloggen")
    assert response.status_code == 302 and phone.get("/account").status_code == 302


def test_turning_it_off_needs_password_and_code(lea):
    user, client = lea
    secret = _set_up(client)
    response = post_form(client, "/account/tweede-factor/uitzetten",
                         {"uit-password": "niet-mijn-wachtwoord", "uit-code": _code(secret, 1)}, token_from="/account")
    assert _field_error(response.get_data(as_text=True), "uit-password") == "Dit wachtwoord klopt niet."
    response = post_form(client, "/account/tweede-factor/uitzetten",
                         {"uit-password": PASSWORD, "uit-code": _wrong(_code(secret, 1))}, token_from="/account")
    assert _field_error(response.get_data(as_text=True), "uit-code").startswith("Deze code klopt niet")
    assert _user(user.id).totp_enabled
    response = post_form(client, "/account/tweede-factor/uitzetten",
                         {"uit-password": PASSWORD, "uit-code": _code(secret, 1)}, token_from="/account")
    assert response.status_code == 302
    assert not _user(user.id).totp_enabled
    assert _actions(user.id)[-1] == "totp.disabled"


# --- an organisation that requires a second factor ------------------------------------------------------

@pytest.fixture()
def team(app, browser):
    bea = helpers.make_user("bea@aadorp.nl", "Bea Beheerder")
    organisation = helpers.make_organisation("Aadorp", bea, "beheerder")
    plan = helpers.make_plan(organisation, "Plan van Aadorp")
    rik = helpers.make_user("rik@aadorp.nl", "Rik Redacteur")
    helpers.add_member(organisation, rik, "redacteur")
    bea_client, rik_client = browser(), browser()
    helpers.login(bea_client, bea.email)
    helpers.login(rik_client, rik.email)
    return organisation, plan, bea_client, rik_client


def _require(client, organisation_id: int, on: bool = True):
    data = {"required": "y"} if on else {}
    return post_form(client, f"/organisaties/{organisation_id}/tweede-factor", data,
                     token_from=f"/organisaties/{organisation_id}/team", follow_redirects=True)


def test_beheerder_needs_a_second_factor_before_requiring_one(team):
    organisation, _plan, bea_client, _rik = team
    response = _require(bea_client, organisation.id)
    assert "Zet eerst voor uzelf een tweede factor aan" in text_of(response)
    db.session.expire_all()
    assert not db.session.get(Organisation, organisation.id).require_second_factor


def test_required_second_factor_closes_the_organisation_until_set_up(team):
    organisation, plan, bea_client, rik_client = team
    assert rik_client.get(f"/plannen/{plan.id}").status_code == 200
    _set_up(bea_client)
    response = _require(bea_client, organisation.id)
    assert "Leden van deze organisatie moeten nu een tweede factor gebruiken." in text_of(response)
    db.session.expire_all()
    assert db.session.get(Organisation, organisation.id).require_second_factor

    for path in (f"/plannen/{plan.id}", f"/plannen/{plan.id}/stap/1", f"/organisaties/{organisation.id}/team"):
        response = rik_client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/account/tweede-factor?next=")
    response = helpers.save_step(bea_client, plan.id, 1, {"q-participatie_definitie": "Door Bea."})
    assert response.status_code == 302  # the beheerder has a second factor and works on
    response = rik_client.post(f"/plannen/{plan.id}/versies",
                               data={"csrf_token": helpers.csrf_token(rik_client, "/account"), "name": "Poging"})
    assert response.status_code == 302 and "/account/tweede-factor" in response.headers["Location"]
    page = rik_client.get(f"/plannen/{plan.id}", follow_redirects=True)
    assert "Deze organisatie vraagt een tweede factor" in text_of(page)

    _set_up(rik_client)
    assert rik_client.get(f"/plannen/{plan.id}").status_code == 200
    assert "Door Bea." in rik_client.get(f"/plannen/{plan.id}/stap/1").get_data(as_text=True)


def test_a_replayed_cookie_gets_no_new_tries(lea, browser):
    """Issue 19: the tries lived in the cookie, so the cookie saved after the password step gave five more each time
    it was sent again. They are counted on the account now."""
    user, client = lea
    secret = _set_up(client)
    attacker = browser()
    _password_step(attacker)
    saved = attacker.get_cookie("session").value
    for n in range(4):
        response = post_form(attacker, "/inloggen/code", {"code": _wrong(_code(secret))},
                             environ_base={"REMOTE_ADDR": f"10.1.0.{n}"})
        assert response.status_code == 200
    attacker.set_cookie("session", saved)  # back to "no tries yet", as far as the cookie knows
    response = post_form(attacker, "/inloggen/code", {"code": _wrong(_code(secret))},
                         environ_base={"REMOTE_ADDR": "10.1.0.9"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")
    attacker.set_cookie("session", saved)
    response = post_form(attacker, "/inloggen/code", {"code": _code(secret, steps_ahead=1)}, token_from="/inloggen",
                         environ_base={"REMOTE_ADDR": "10.1.0.10"})
    assert response.status_code == 302 and attacker.get("/account").status_code == 302  # not even the right code
    # The owner logs in normally: a right password starts a new login with its own five tries, and a right code
    # resets the count.
    owner = browser()
    _password_step(owner)
    for n in range(2):
        post_form(owner, "/inloggen/code", {"code": _wrong(_code(secret))}, environ_base={"REMOTE_ADDR": f"10.2.0.{n}"})
    response = post_form(owner, "/inloggen/code", {"code": _code(secret, steps_ahead=1)},
                         environ_base={"REMOTE_ADDR": "10.2.0.9"})
    assert response.status_code == 302 and "lea@gemeente.nl" in text_of(owner.get("/account"))
    assert _user(user.id).login_code_failures == 0 and _user(user.id).login_code_nonce is None
