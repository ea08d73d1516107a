"""Single sign-on against a real OpenID Connect provider (tests/sso/provider.py, Authlib's server components) on a
live port. The app's own client goes through discovery, the provider's login page (posted with requests, as a form),
the code exchange with PKCE and the ID token check; the browser journey is in tests/browser/test_sso.py."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.fernet import Fernet
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Membership, SingleSignOn, SsoIdentity, User
from app.services.accounts import sso
from tests import helpers
from tests.sso.provider import Client, Person, Provider, serve

KEY = Fernet.generate_key().decode()
SECRET = "geheim-van-de-client-0123456789"


@pytest.fixture(scope="module")
def provider():
    provider = Provider()
    server = serve(provider)
    provider.people["anna"] = Person(sub="sub-anna", username="anna", password="provider-pw", email="anna@lindehoven.nl",
                                     name="Anna Ambtenaar")
    provider.people["otto"] = Person(sub="sub-otto", username="otto", password="provider-pw", email="otto@elders.nl",
                                     name="Otto Onbekend")
    provider.clients["participatie"] = Client("participatie", SECRET, ["http://localhost/inloggen/sso/terug"])
    yield provider
    server.shutdown()


@pytest.fixture()
def org(app, provider):
    """Lindehoven with single sign-on at the test provider; its secret encrypted with the key of the environment."""
    app.config["SSO_SECRET_KEY"] = KEY
    provider.forge = None
    sso.forget_providers()
    boss = helpers.make_user("bea@lindehoven.nl", "Bea Beheerder")
    organisation = helpers.make_organisation("Lindehoven", boss, "beheerder")
    db.session.add(SingleSignOn(organisation_id=organisation.id, issuer=provider.url, client_id="participatie",
                                client_secret_encrypted=sso.encrypt_secret(SECRET, KEY), email_domain="lindehoven.nl"))
    db.session.commit()
    return organisation


def _through_provider(client, organisation_id: int, username: str = "anna"):
    """Start at the app, log in on the provider's own page, and come back: the app's answer to the callback."""
    start = client.get("/inloggen/sso?domein=lindehoven.nl")
    assert start.status_code == 302, start.status_code
    page = requests.get(start.location, timeout=10)
    assert "Testprovider: inloggen" in page.text
    granted = requests.post(start.location, data={"username": username, "password": "provider-pw"},
                            allow_redirects=False, timeout=10)
    assert granted.status_code == 302, granted.text
    back = urlsplit(granted.headers["Location"])
    assert back.path == "/inloggen/sso/terug" and "code" in parse_qs(back.query)
    return client.get(f"{back.path}?{back.query}")


def test_first_login_creates_the_account_in_the_organisation_as_meelezer(client, org, provider):
    response = _through_provider(client, org.id)
    assert response.status_code == 302 and response.location == "/"
    assert "Uitloggen (Anna Ambtenaar)" in client.get("/").get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.email == "anna@lindehoven.nl"))
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id))
    assert (membership.organisation_id, membership.role) == (org.id, "meelezer")
    assert provider.challenge_methods[-1] == "S256"  # PKCE
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == user.id))]
    assert {"sso.account_created", "sso.member_added", "sso.login", "login"} <= set(actions)


def test_an_existing_account_with_the_same_address_is_linked_and_keeps_its_role(client, org):
    anna = helpers.make_user("Anna@Lindehoven.nl", "Anna")
    helpers.add_member(org, anna, "redacteur")
    assert _through_provider(client, org.id).location == "/"
    assert db.session.scalar(select(SsoIdentity.user_id).where(SsoIdentity.subject == "sub-anna")) == anna.id
    assert db.session.scalar(select(Membership.role).where(Membership.user_id == anna.id)) == "redacteur"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sso.linked",
                                                      AuditEvent.actor_id == anna.id)) is not None


def test_an_address_outside_the_organisations_domain_is_refused(client, org):
    response = _through_provider(client, org.id, username="otto")
    assert response.location.startswith("/inloggen")
    assert "hoort niet bij het domein" in helpers.text_of(client.get(response.location))
    assert db.session.scalar(select(User).where(User.email == "otto@elders.nl")) is None


@pytest.mark.parametrize("forge, reason", [("signature", "signature"), ("nonce", "claims:nonce"),
                                           ("audience", "claims:aud")])
def test_a_forged_id_token_is_refused(client, org, provider, forge, reason):
    provider.forge = forge
    response = _through_provider(client, org.id)
    assert response.status_code == 302 and response.location.startswith("/inloggen")
    assert "Inloggen via uw organisatie is niet gelukt" in helpers.text_of(client.get(response.location))
    assert client.get("/plannen/nieuw").status_code == 302  # not logged in: sent to the login page
    assert db.session.scalar(select(User).where(User.email == "anna@lindehoven.nl")) is None
    refused = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "login.failed"))
    assert refused.detail == {"reason": "sso", "detail_reason": reason}


def test_a_callback_without_the_login_it_belongs_to_is_refused(client, org):
    response = client.get("/inloggen/sso/terug?code=abc&state=xyz")
    assert response.status_code == 302 and response.location.startswith("/inloggen")


def test_logout_ends_the_session_of_an_sso_login(client, org):
    _through_provider(client, org.id)
    cookie = client.get_cookie("session")
    helpers.logout(client)
    assert client.get("/plannen/nieuw").status_code == 302
    other = client.application.test_client()
    other.set_cookie("session", cookie.value)  # the old cookie, replayed
    assert other.get("/plannen/nieuw").status_code == 302


def test_password_login_can_be_switched_off_per_organisation(client, org):
    anna = helpers.make_user("anna@lindehoven.nl", "Anna")
    helpers.add_member(org, anna, "redacteur")
    db.session.execute(SingleSignOn.__table__.update().values(allow_password_login=False))
    db.session.commit()
    response = helpers.post_form(client, "/inloggen", {"email": "anna@lindehoven.nl", "password": helpers.PASSWORD})
    assert "staat inloggen met een wachtwoord niet toe" in helpers.text_of(response)
    assert client.get("/plannen/nieuw").status_code == 302
    db.session.execute(SingleSignOn.__table__.update().values(allow_password_login=True))
    db.session.commit()
    assert helpers.login(client, "anna@lindehoven.nl").status_code == 302


def test_the_secret_is_stored_encrypted_and_the_environment_wins(app, org):
    boss = db.session.scalar(select(User).where(User.email == "bea@lindehoven.nl"))
    config = sso.save_settings(org, issuer="https://login.lindehoven.nl/", client_id="pa", secret="nieuw-geheim-42",
                               email_domain="@Lindehoven.nl", allow_password_login=True, key=KEY, environ={}, by=boss)
    db.session.commit()
    stored = db.session.scalar(select(SingleSignOn.client_secret_encrypted))
    assert "nieuw-geheim-42" not in stored
    assert sso.client_secret(config, key=KEY, environ={}) == "nieuw-geheim-42"
    assert sso.client_secret(config, key=KEY, environ={f"SSO_CLIENT_SECRET_{org.id}": "uit-de-omgeving"}) \
        == "uit-de-omgeving"
    with pytest.raises(sso.SettingsError):  # no key: the secret is not stored at all
        sso.save_settings(org, issuer="https://login.lindehoven.nl", client_id="pa", secret="x", key=None,
                          email_domain="lindehoven.nl", allow_password_login=True, environ={}, by=boss)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sso.settings_changed"))
    assert "nieuw-geheim-42" not in str(event.detail)


def test_the_beheerder_sets_single_sign_on_on_the_settings_page(client, org):
    helpers.login(client, "bea@lindehoven.nl")
    url = f"/organisaties/{org.id}/inloggen"
    page = client.get(url)
    assert page.status_code == 200 and "/inloggen/sso/terug" in page.get_data(as_text=True)
    response = helpers.post_form(client, url, {"issuer": "niet-een-adres", "client_id": "pa", "client_secret": "",
                                               "email_domain": "lindehoven.nl", "allow_password_login": "y"})
    assert response.status_code == 422 and "begint met https://" in helpers.text_of(response)
    assert 'value="niet-een-adres"' in response.get_data(as_text=True)
    response = helpers.post_form(client, url, {"issuer": "https://login.lindehoven.nl", "client_id": "pa",
                                               "client_secret": "", "email_domain": "lindehoven.nl"})
    assert response.status_code == 302
    config = db.session.scalar(select(SingleSignOn))
    db.session.refresh(config)
    assert (config.issuer, config.allow_password_login) == ("https://login.lindehoven.nl", False)


def test_a_link_left_by_a_deleted_account_does_not_open_a_newer_account_with_its_id(client, org):
    """SQLite keeps the link of a deleted account and may give the id to the next account: that one must not be
    logged in as the provider's person; she gets her own account (by her verified address) instead."""
    from datetime import timedelta

    stranger = helpers.make_user("iemand@elders.nl", "Iemand Anders")
    db.session.add(SsoIdentity(organisation_id=org.id, subject="sub-anna", user_id=stranger.id,
                               created_at=stranger.created_at - timedelta(days=1)))
    db.session.commit()
    _through_provider(client, org.id)
    assert "Uitloggen (Anna Ambtenaar)" in client.get("/").get_data(as_text=True)
    linked = db.session.scalar(select(SsoIdentity.user_id).where(SsoIdentity.subject == "sub-anna"))
    assert linked != stranger.id


@pytest.mark.parametrize("issuer", ["https://localhost", "https://127.0.0.2:8443", "https://10.0.0.5",
                                    "https://192.168.1.1/realms/x", "https://169.254.169.254", "https://[::1]",
                                    "https://[::ffff:10.0.0.1]", "https://0.0.0.0", "http://127.0.0.1.nip.io"])
def test_an_issuer_on_an_internal_address_is_refused_next_to_the_field(client, org, issuer):
    """Server-side request forgery: the server would fetch the issuer's discovery document and keys."""
    helpers.login(client, "bea@lindehoven.nl")
    response = helpers.post_form(client, f"/organisaties/{org.id}/inloggen", {
        "issuer": issuer, "client_id": "pa", "client_secret": "", "email_domain": "lindehoven.nl"})
    text = helpers.text_of(response)
    assert response.status_code == 422
    assert "intern of gereserveerd netwerk" in text or "begint met https://" in text
    assert f'value="{issuer}"' in response.get_data(as_text=True)
    assert db.session.scalar(select(SingleSignOn.issuer)) != issuer


def test_without_the_allowed_host_a_provider_on_127_0_0_1_is_never_contacted(app, client, org, provider):
    app.config["SSO_ALLOWED_HOSTS"] = []
    before = len(provider.fetched)
    start = client.get("/inloggen/sso?domein=lindehoven.nl")
    assert start.status_code == 302 and start.location.startswith("/inloggen")
    assert "Inloggen via uw organisatie is niet gelukt" in helpers.text_of(client.get(start.location))
    assert len(provider.fetched) == before
    refused = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "login.failed"))
    assert refused.detail == {"reason": "sso", "detail_reason": "address"}


def test_the_discovery_document_and_keys_are_fetched_once_for_two_logins(client, org, provider):
    before = len(provider.fetched)
    assert _through_provider(client, org.id).location == "/"
    helpers.logout(client)
    assert _through_provider(client, org.id).location == "/"
    assert provider.fetched[before:] == ["/.well-known/openid-configuration", "/jwks"]
