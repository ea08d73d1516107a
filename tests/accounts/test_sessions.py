"""Sessions the server can end: a cookie copied before logout, "log out everywhere", a password change, a timeout
or an account deletion no longer opens any page. Each test captures the real cookie and replays it in a fresh
browser, as someone who copied it would."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, User, UserSession
from app.models.organisation import utcnow
from app.services.accounts import sessions
from tests import helpers
from tests.helpers import PASSWORD, post_form, text_of

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.5 Mobile/15E148 Safari/604.1")


def _cookie(response) -> str:
    """The value of the session cookie a response sets."""
    values = [h.split(";", 1)[0].split("=", 1)[1] for h in response.headers.getlist("Set-Cookie")
              if h.startswith("session=")]
    assert values, "geen sessiecookie gezet"
    return values[-1]


def _login(client, email: str, password: str = PASSWORD) -> str:
    """Log in through the form; returns the cookie the browser got."""
    return _cookie(helpers.login(client, email, password))


def _replay(browser, cookie: str):
    """A fresh browser with nothing but the copied cookie asks for the account page."""
    fresh = browser()
    fresh.set_cookie("session", cookie)
    return fresh.get("/account")


def _opens(response, email: str) -> bool:
    return response.status_code == 200 and email in text_of(response)


def _refused(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


def _actions(user_id: int | None = None) -> list[str]:
    db.session.expire_all()
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    if user_id is not None:
        query = query.where(AuditEvent.actor_id == user_id)
    return list(db.session.scalars(query))


@pytest.fixture()
def lea(app):
    return helpers.make_user("lea@gemeente.nl", "Lea Login")


def test_the_cookie_carries_a_token_not_the_user_id(lea, browser):
    client = browser()
    cookie = _login(client, lea.email)
    with client.session_transaction() as session:
        token = session["_user_id"]
    assert token != str(lea.id) and len(token) >= 40
    stored = db.session.scalar(select(UserSession).where(UserSession.user_id == lea.id))
    assert stored.token_hash != token and len(stored.token_hash) == 64  # only a hash is kept
    assert _opens(_replay(browser, cookie), lea.email)  # the replay itself works while the session is open


def test_old_cookie_is_refused_after_logout(lea, browser):
    client = browser()
    cookie = _login(client, lea.email)
    response = post_form(client, "/uitloggen", {}, token_from="/")
    assert response.status_code == 302
    assert _refused(_replay(browser, cookie))
    assert _actions(lea.id) == ["login", "logout"]


def test_log_out_everywhere_ends_every_session(lea, browser):
    laptop, phone = browser(), browser()
    laptop_cookie, phone_cookie = _login(laptop, lea.email), _login(phone, lea.email)
    response = post_form(laptop, "/account/uitloggen-overal", {}, token_from="/account")
    assert response.status_code == 302
    assert "U bent op alle apparaten uitgelogd (2 sessies)." in text_of(laptop.get("/inloggen"))
    assert _refused(phone.get("/account")) and _refused(laptop.get("/account"))
    assert _refused(_replay(browser, laptop_cookie)) and _refused(_replay(browser, phone_cookie))
    assert _actions(lea.id)[-1] == "logout.everywhere"


def _change_password(client, current: str, new: str, confirm: str | None = None):
    return post_form(client, "/account/wachtwoord", {"current_password": current, "new_password": new,
                                                     "new_password_confirm": new if confirm is None else confirm},
                     token_from="/account")


def test_password_change_ends_the_other_sessions(lea, browser):
    laptop, phone = browser(), browser()
    _login(laptop, lea.email)
    phone_cookie = _login(phone, lea.email)
    response = _change_password(laptop, PASSWORD, "een-heel-nieuw-wachtwoord")
    assert response.status_code == 302
    assert "Uw wachtwoord is gewijzigd." in text_of(laptop.get("/account"))  # this device stays logged in
    assert _refused(phone.get("/account"))
    assert _refused(_replay(browser, phone_cookie))
    # The new password works, the old one no longer does.
    assert post_form(browser(), "/inloggen", {"email": lea.email, "password": PASSWORD}).status_code == 200
    assert _login(browser(), lea.email, "een-heel-nieuw-wachtwoord")
    assert "password.changed" in _actions(lea.id)


def test_password_change_with_a_wrong_current_password_explains_next_to_the_field(lea, browser):
    laptop, phone = browser(), browser()
    _login(laptop, lea.email)
    _login(phone, lea.email)
    response = _change_password(laptop, "niet-mijn-wachtwoord", "een-heel-nieuw-wachtwoord")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="current_password-error">Dit is niet uw huidige wachtwoord.<' in html
    response = _change_password(laptop, PASSWORD, "een-heel-nieuw-wachtwoord", confirm="iets-anders-dan-dat")
    assert 'id="new_password_confirm-error">De wachtwoorden zijn niet gelijk.<' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, lea.id).check_password(PASSWORD)
    assert _opens(phone.get("/account"), lea.email)  # nothing ended
    assert "password.changed" not in _actions(lea.id)


def _move_clock(monkeypatch, delta: timedelta) -> None:
    """The sessions service sees the clock `delta` ahead of now (no sleeping)."""
    start = utcnow()
    monkeypatch.setattr(sessions, "utcnow", lambda: start + delta)


def test_idle_session_ends_after_the_configured_minutes(lea, browser, app, monkeypatch):
    assert app.config["SESSION_IDLE_MINUTES"] == 120  # the default
    client = browser()
    cookie = _login(client, lea.email)
    _move_clock(monkeypatch, timedelta(minutes=110))
    assert _opens(client.get("/account"), lea.email)  # still within two hours; this use counts as activity
    _move_clock(monkeypatch, timedelta(minutes=110 + 115))
    assert _opens(client.get("/account"), lea.email)
    _move_clock(monkeypatch, timedelta(minutes=110 + 115 + 121))
    assert _refused(client.get("/account"))
    monkeypatch.undo()  # back to the real time: the session stays ended
    assert _refused(_replay(browser, cookie))
    db.session.expire_all()
    assert db.session.scalar(select(UserSession.ended_at).where(UserSession.user_id == lea.id)) is not None


def test_session_ends_after_its_absolute_lifetime_even_when_in_use(lea, browser, app, monkeypatch):
    assert app.config["SESSION_MAX_HOURS"] == 12
    client = browser()
    cookie = _login(client, lea.email)
    for minutes in range(100, 12 * 60, 100):  # in use every 100 minutes, never idle
        _move_clock(monkeypatch, timedelta(minutes=minutes))
        assert _opens(client.get("/account"), lea.email), minutes
    _move_clock(monkeypatch, timedelta(hours=12, minutes=1))
    assert _refused(client.get("/account"))
    monkeypatch.undo()
    assert _refused(_replay(browser, cookie))


def test_last_seen_is_written_at_most_once_a_minute(lea, browser, monkeypatch):
    client = browser()
    _login(client, lea.email)

    def last_seen():
        db.session.expire_all()
        return db.session.scalar(select(UserSession.last_seen_at).where(UserSession.user_id == lea.id))
    first = last_seen()
    _move_clock(monkeypatch, timedelta(seconds=40))
    client.get("/account")
    client.get("/")
    assert last_seen() == first
    _move_clock(monkeypatch, timedelta(seconds=70))
    client.get("/account")
    assert last_seen() > first


def test_account_page_lists_the_active_sessions(lea, browser):
    laptop, phone, old = browser(), browser(), browser()
    laptop.environ_base["HTTP_USER_AGENT"] = FIREFOX
    phone.environ_base["HTTP_USER_AGENT"] = SAFARI
    _login(laptop, lea.email)
    _login(phone, lea.email)
    _login(old, lea.email)
    helpers.logout(old)  # an ended session is not listed
    page = text_of(laptop.get("/account"))
    assert "Firefox op Windows (dit apparaat)" in page
    assert "Safari op iPhone" in page and "Safari op iPhone (dit apparaat)" not in page
    assert page.count(" uur ") >= 4  # since and last seen, for both sessions
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 3
    assert "onbekend apparaat" not in page


def test_deleted_accounts_cookie_does_not_log_in_as_the_next_account(app, browser):
    """SQLite may give the next account the deleted one's id; the cookie names a session, not an id."""
    anna = helpers.make_user("anna@gemeente.nl", "Anna Weg")
    anna_id = anna.id
    client = browser()
    cookie = _login(client, anna.email)
    response = post_form(client, "/account", {"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0  # the rows went with the account

    newcomer = browser()
    response = helpers.sign_up(newcomer, "nico@gemeente.nl", "Nico Nieuw")
    assert response.status_code == 302
    nico = db.session.scalar(select(User).where(User.email == "nico@gemeente.nl"))
    if db.engine.dialect.name == "sqlite":
        assert nico.id == anna_id  # the situation that used to let the old cookie in
    replayed = _replay(browser, cookie)
    assert _refused(replayed)
    assert "nico@gemeente.nl" not in replayed.get_data(as_text=True)
    assert _opens(newcomer.get("/account"), "nico@gemeente.nl")


def test_failed_login_records_the_typed_address(lea, browser):
    client = browser()
    post_form(client, "/inloggen", {"email": " Onbekend\x07@Gemeente.NL ", "password": "fout-wachtwoord-1"})
    post_form(client, "/inloggen", {"email": lea.email, "password": "fout-wachtwoord-2"})
    db.session.expire_all()
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.actor_label, e.actor_id) for e in events] == [
        ("login.failed", "onbekend@gemeente.nl", None), ("login.failed", "lea@gemeente.nl", lea.id)]
    assert all("fout-wachtwoord" not in str(e.detail) for e in events)


def test_typed_address_is_cut_to_254_characters():
    from app.services.accounts.accounts import typed_email
    assert typed_email("A" * 300 + "\x00@x.nl") == "a" * 254


def test_nul_byte_in_the_login_address_never_reaches_the_database(lea, browser):
    """PostgreSQL refuses a NUL in a query: every form drops control characters on the way in (app/forms.py), so
    the address is read without it."""
    response = post_form(browser(), "/inloggen", {"email": "lea\x00@gemeente.nl", "password": PASSWORD})
    assert response.status_code == 302
    assert _actions() == ["login"]
    response = post_form(browser(), "/inloggen", {"email": "lea\x00@gemeente.nl", "password": "fout-wachtwoord-1"})
    assert response.status_code == 200
    assert "Deze combinatie van e-mailadres en wachtwoord is onbekend." in text_of(response)
    assert _actions() == ["login", "login.failed"]
