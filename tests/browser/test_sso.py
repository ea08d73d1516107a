"""Single sign-on in Chromium: from the app's login page to the provider's own login page and back, into the right
organisation with the lowest role; then logging out ends the session. The provider is a real OpenID Connect provider
built from Authlib's server components (tests/sso/provider.py) on its own live port."""
from __future__ import annotations

import re

import pytest
from cryptography.fernet import Fernet
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Membership, Organisation, SingleSignOn, User
from app.services.accounts import sso
from tests import helpers
from tests.browser.conftest import screenshot
from tests.sso.provider import Client, Person, Provider, serve


@pytest.fixture()
def organisation_with_sso(live_server):
    provider = Provider()
    server = serve(provider)
    provider.people["noor"] = Person(sub="sub-noor", username="noor", password="provider-pw",
                                     email="noor@heuvelrug-sso.nl", name="Noor Medewerker")
    provider.clients["participatie"] = Client("participatie", "het-geheim", [live_server.url + "/inloggen/sso/terug"])
    key = Fernet.generate_key().decode()
    live_server.app.config["SSO_SECRET_KEY"] = key
    with live_server.app.app_context():
        boss = helpers.make_user("bea@heuvelrug-sso.nl", "Bea Beheerder")
        organisation = helpers.make_organisation("Heuvelrug", boss, "beheerder")
        helpers.make_organisation("Andere gemeente")  # an organisation she must not land in
        db.session.add(SingleSignOn(organisation_id=organisation.id, issuer=provider.url, client_id="participatie",
                                    client_secret_encrypted=sso.encrypt_secret("het-geheim", key),
                                    email_domain="heuvelrug-sso.nl"))
        db.session.commit()
        organisation_id = organisation.id
        db.session.remove()
    yield provider, organisation_id
    server.shutdown()


@pytest.mark.browser
def test_staff_log_in_through_the_providers_page_and_land_in_their_organisation(page, live_server,
                                                                                organisation_with_sso):
    provider, organisation_id = organisation_with_sso
    page.goto("/inloggen")
    page.get_by_role("link", name="Met het account van uw organisatie inloggen").click()
    page.get_by_label("E-mailadres van uw werk").fill("noor@heuvelrug-sso.nl")
    page.get_by_role("button", name="Verder naar uw organisatie").click()
    page.get_by_role("link", name="Verder naar de inlogpagina van gemeente Heuvelrug").click()
    # The provider's own login page, on its own origin.
    expect(page.get_by_role("heading", name="Testprovider: inloggen")).to_be_visible()
    assert page.url.startswith(provider.url + "/authorize")
    page.get_by_label("Gebruikersnaam").fill("noor")
    page.get_by_label("Wachtwoord").fill("provider-pw")
    page.get_by_role("button", name="Aanmelden bij de provider").click()
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("button", name="Uitloggen (Noor Medewerker)")).to_be_visible()
    screenshot(page, "sso-na-inloggen")
    with live_server.app.app_context():
        noor = db.session.scalar(select(User).where(User.email == "noor@heuvelrug-sso.nl"))
        roles = db.session.execute(select(Organisation.name, Membership.role).join(Membership.organisation)
                                   .where(Membership.user_id == noor.id)).all()
        db.session.remove()
    assert roles == [("Heuvelrug", "meelezer")]
    # Her team page is open to her, as a meelezer: no button to invite anyone.
    page.goto(f"/organisaties/{organisation_id}/team")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Heuvelrug")
    expect(page.get_by_role("button", name=re.compile("uitnodigingslink", re.I))).to_have_count(0)
    # Logging out ends the app's session: the team page asks for a login again.
    page.get_by_role("button", name=re.compile("Uitloggen")).click()
    page.goto(f"/organisaties/{organisation_id}/team")
    expect(page).to_have_url(re.compile(r"/inloggen"))
