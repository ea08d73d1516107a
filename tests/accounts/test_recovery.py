"""Password reset by e-mail, sign-up confirmation, the password policy and the mail itself."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AccountToken, AuditEvent, User
from app.services.core import mail
from app.services.accounts.passwords import password_problem
from tests import helpers
from tests.helpers import PASSWORD, link_in, mail_to, post_form, text_of

NEW_PASSWORD = "zeilboot-tulp-regenjas"
SAME_ANSWER = "Als er een account met dit adres is, hebben we een e-mail gestuurd"


def _user(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def _ask_reset(client, email: str):
    return post_form(client, "/wachtwoord-vergeten", {"email": email}, follow_redirects=True)


def _reset_link(client, email: str) -> str:
    assert SAME_ANSWER in text_of(_ask_reset(client, email))
    return link_in(mail_to(email))


def _audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


# --- password reset ---------------------------------------------------------------------------------

def test_login_page_offers_a_password_reset(client):
    page = client.get("/inloggen").get_data(as_text=True)
    assert 'href="/wachtwoord-vergeten"' in page and "Wachtwoord vergeten?" in page


def test_reset_request_answers_the_same_for_known_and_unknown_addresses(app, browser):
    helpers.make_user("lea@gemeente.nl", "Lea Login")
    known, unknown = _ask_reset(browser(), "Lea@Gemeente.nl "), _ask_reset(browser(), "niemand@gemeente.nl")
    assert known.status_code == unknown.status_code == 200
    assert text_of(known) == text_of(unknown) and SAME_ANSWER in text_of(known)
    assert [m.to for m in mail.outbox()] == ["lea@gemeente.nl"]
    assert mail_to("lea@gemeente.nl").subject == "Nieuw wachtwoord instellen"
    assert "60 minuten" in mail_to("lea@gemeente.nl").body
    assert [e.actor_label for e in _audit("password.reset_requested")] == ["lea@gemeente.nl"]


def test_reset_link_sets_a_new_password_once(app, browser):
    helpers.make_user("lea@gemeente.nl", "Lea Login")
    client = browser()
    link = _reset_link(client, "lea@gemeente.nl")
    secret = link.rsplit("/", 1)[1]
    assert db.session.scalar(select(func.count()).select_from(AccountToken)
                             .where(AccountToken.token_hash.contains(secret))) == 0  # stored hashed only

    assert "Voor het account lea@gemeente.nl." in text_of(client.get(link))
    response = post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/inloggen"
    assert "Uw wachtwoord is gewijzigd" in text_of(client.get("/inloggen"))
    assert _user("lea@gemeente.nl").check_password(NEW_PASSWORD)
    assert post_form(browser(), "/inloggen", {"email": "lea@gemeente.nl", "password": PASSWORD}).status_code == 200
    helpers.login(browser(), "lea@gemeente.nl", NEW_PASSWORD)
    assert len(_audit("password.reset")) == 1

    # The same link again: a clear page, nothing changed.
    for response in (client.get(link), post_form(client, link, {"password": "ander-nieuw-wachtwoord-9",
                                                                "confirm": "ander-nieuw-wachtwoord-9"},
                                                 token_from="/inloggen")):
        assert "Deze link werkt niet" in text_of(response) and "al gebruikt" in text_of(response)
    assert _user("lea@gemeente.nl").check_password(NEW_PASSWORD)
    assert len(_audit("password.reset")) == 1


def test_expired_and_unknown_reset_links_change_nothing(app, browser):
    helpers.make_user("lea@gemeente.nl", "Lea Login")
    client = browser()
    link = _reset_link(client, "lea@gemeente.nl")
    token = db.session.scalar(select(AccountToken))
    token.expires_at -= timedelta(minutes=app.config["PASSWORD_RESET_MINUTES"])
    db.session.commit()
    response = post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, token_from="/inloggen")
    assert "Deze link is verlopen." in text_of(response) and "Vraag een nieuwe link aan" in text_of(response)
    assert "onbekend" in text_of(client.get("/wachtwoord-herstellen/verzonnen"))
    assert _user("lea@gemeente.nl").check_password(PASSWORD)
    assert _audit("password.reset") == []


def test_reset_applies_the_password_policy_and_keeps_the_link(app, browser):
    helpers.make_user("lea@gemeente.nl", "Lea Login")
    client = browser()
    link = _reset_link(client, "lea@gemeente.nl")
    response = post_form(client, link, {"password": "password123", "confirm": "password123"})
    assert response.status_code == 200
    assert "Dit is (bijna) een veelgebruikt wachtwoord." in text_of(response)
    assert _user("lea@gemeente.nl").check_password(PASSWORD)
    assert post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302


def test_reset_ends_every_session_of_the_account(app, browser):
    """Whoever knew the old password and is still logged in somewhere is logged out by the reset."""
    helpers.make_user("lea@gemeente.nl", "Lea Login")
    elsewhere = browser()
    helpers.login(elsewhere, "lea@gemeente.nl")
    assert elsewhere.get("/account").status_code == 200
    client = browser()
    post_form(client, _reset_link(client, "lea@gemeente.nl"), {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    response = elsewhere.get("/account")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_parallel_requests_with_one_reset_link_change_the_password_once(worker_app):
    helpers.make_user("lea@gemeente.nl", "Lea Login")
    link = _reset_link(worker_app.test_client(), "lea@gemeente.nl")
    passwords = [f"parallel-{n}-zeilboot-tulp" for n in range(6)]
    clients = [worker_app.test_client() for _ in passwords]
    tokens = [helpers.csrf_token(c, link) for c in clients]
    results, start = {}, threading.Barrier(len(passwords))

    def post(n: int) -> None:
        with worker_app.app_context():
            start.wait()
            response = clients[n].post(link, data={"csrf_token": tokens[n], "password": passwords[n],
                                                   "confirm": passwords[n]})
            results[n] = (response.status_code, text_of(response))
            db.session.remove()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(len(passwords))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [n for n, (status, _) in results.items() if status == 302]
    assert len(winners) == 1, results
    assert all("al gebruikt" in page for n, (status, page) in results.items() if n not in winners)
    assert _user("lea@gemeente.nl").check_password(passwords[winners[0]])
    assert len(_audit("password.reset")) == 1


# --- sign-up ----------------------------------------------------------------------------------------

def _sign_up_form(client, email="nina@gemeente.nl", password=PASSWORD, name="Nina Nieuw"):
    return post_form(client, "/registreren", {"name": name, "email": email, "password": password,
                                              "confirm": password})


def test_sign_up_answers_the_same_for_new_and_known_addresses(app, browser):
    helpers.make_user("bekend@gemeente.nl", "Bea Bekend")
    new, known = browser(), browser()
    pages = [text_of(c.get(_sign_up_form(c, email=e).headers["Location"]))
             for c, e in ((new, "nieuw@gemeente.nl"), (known, "bekend@gemeente.nl"))]
    assert pages[0] == pages[1] and "Controleer uw e-mail" in pages[0]
    assert mail_to("nieuw@gemeente.nl").subject == "Bevestig uw e-mailadres"
    assert mail_to("bekend@gemeente.nl").subject == "Poging om een account aan te maken"
    assert db.session.scalar(select(func.count()).select_from(User)) == 1  # only Bea, until Nina confirms


def test_confirmation_link_works_once_and_leads_to_next(app, browser):
    client = browser()
    post_form(client, "/registreren?next=/account", {"name": "Nina Nieuw", "email": "nina@gemeente.nl",
                                                     "password": PASSWORD, "confirm": PASSWORD},
              token_from="/registreren")
    link = link_in(mail_to("nina@gemeente.nl"))
    assert "Bevestig dat nina@gemeente.nl uw e-mailadres is." in text_of(client.get(link))
    assert _user("nina@gemeente.nl") is None  # opening the link (as a mail scanner would) changes nothing
    response = post_form(client, link, {})
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200
    assert [e.actor_label for e in _audit("account.created")] == ["nina@gemeente.nl"]

    other = browser()
    assert "al gebruikt" in text_of(post_form(other, link, {}, token_from="/inloggen"))
    assert other.get("/account").status_code == 302  # not logged in by the used link
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_a_second_sign_up_for_the_same_address_cannot_take_the_account(app, browser):
    """Someone who signs up with another person's address before them does not get to choose the password."""
    _sign_up_form(browser(), password="aanvaller-kiest-dit-wachtwoord", name="Aanvaller")
    attacker_link = link_in(mail_to("nina@gemeente.nl"))
    owner = browser()
    helpers.sign_up(owner, "nina@gemeente.nl")
    assert _user("nina@gemeente.nl").check_password(PASSWORD)
    page = text_of(post_form(browser(), attacker_link, {}, token_from="/inloggen"))
    assert "Er is al een account met dit e-mailadres." in page
    assert _user("nina@gemeente.nl").name == "Nina Nieuw"


def test_expired_confirmation_link_makes_no_account(app, browser):
    client = browser()
    _sign_up_form(client)
    token = db.session.scalar(select(AccountToken))
    token.expires_at -= timedelta(hours=app.config["EMAIL_CONFIRM_HOURS"])
    db.session.commit()
    page = text_of(post_form(client, link_in(mail_to("nina@gemeente.nl")), {}, token_from="/inloggen"))
    assert "Deze link is verlopen." in page and "maak een account aan" in page
    assert _user("nina@gemeente.nl") is None


@pytest.mark.parametrize(("password", "message"), [
    ("password123", "Dit is (bijna) een veelgebruikt wachtwoord."),
    ("asdfghjkl;lkj", "Toetsen die naast elkaar liggen zijn makkelijk te raden."),
    ("nina@gemeente.nl", "Gebruik niet uw e-mailadres of naam als wachtwoord."),
    ("NinaNieuw2026", "Het lijkt op uw naam, uw e-mailadres of een woord dat hier voor de hand ligt."),
])
def test_sign_up_refuses_weak_passwords_next_to_the_field(app, browser, password, message):
    response = _sign_up_form(browser(), password=password)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in text_of(response) and 'id="password-error"' in html
    assert 'value="nina@gemeente.nl"' in html and 'value="Nina Nieuw"' in html
    assert mail.outbox() == [] and db.session.scalar(select(func.count()).select_from(AccountToken)) == 0


def test_password_policy():
    assert password_problem("kort", "a@b.nl", "A") == "Gebruik ten minste 10 tekens."
    assert password_problem("correct-horse-battery", "a@b.nl", "A") is None
    assert password_problem("Lea Lammers", "lea@b.nl", "Lea Lammers") is not None
    assert password_problem("letmein123", "a@b.nl", "A") is not None


def test_cli_create_admin_refuses_a_common_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "--email", "p@dorp.nl", "--name", "P",
                                                "--municipality", "Dorp", "--password", "password1234"])
    assert result.exit_code != 0 and "veelgebruikt wachtwoord" in result.output
    assert _user("p@dorp.nl") is None


# --- the mail itself --------------------------------------------------------------------------------

def test_without_a_mail_server_mail_is_written_to_instance_mail(app, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(app.config, "TESTING", False)
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    mail.send("lea@gemeente.nl", "Nieuw wachtwoord instellen", "Beste Lea,\n\nDe link: https://x/y\n")
    [eml] = list((tmp_path / "mail").glob("*-lea@gemeente.nl.eml"))
    text = eml.read_text()
    assert "To: lea@gemeente.nl" in text and "Subject: Nieuw wachtwoord instellen" in text
    assert "Beste Lea," in text
    assert "lea@gemeente.nl" in capsys.readouterr().out


def test_with_a_mail_server_mail_goes_through_flask_mail(app, monkeypatch):
    from app.extensions import mail as flask_mail
    sent = []
    monkeypatch.setitem(app.config, "TESTING", False)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.voorbeeld.nl")
    monkeypatch.setattr(flask_mail, "send", sent.append)
    mail.send("lea@gemeente.nl", "Onderwerp", "Tekst")
    assert [(m.recipients, m.subject, m.body) for m in sent] == [(["lea@gemeente.nl"], "Onderwerp", "Tekst")]
