"""Accounts and teams: sign-up, login, the AVG rights, invitation links, roles, and the first beheerder."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Comment, Invitation, Membership, Organisation, ParticipationPlan, PlanRevision, User
from app.services.plans import comments
from tests import helpers
from tests.helpers import PASSWORD, csrf_token, post_form, save_step, text_of





def _user(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def _role(user_email: str, organisation: Organisation) -> str | None:
    user = _user(user_email)
    return user.role_in(organisation.id) if user else None


def _field_error(html: str, field_id: str) -> str:
    match = re.search(rf'id="{field_id}-error">([^<]*)<', html)
    return unescape(match.group(1)) if match else ""


# --- sign-up ----------------------------------------------------------------------------------------

def _register(client, name="Nina Nieuw", email="nina@gemeente.nl", password=PASSWORD, confirm=None, url="/registreren"):
    return post_form(client, url, {"name": name, "email": email, "password": password,
                                   "confirm": password if confirm is None else confirm}, token_from="/registreren")


def test_sign_up_confirms_the_address_then_logs_in(app, browser):
    client = browser()
    response = _register(client)
    assert response.status_code == 302
    assert "Controleer uw e-mail" in text_of(client.get(response.headers["Location"]))
    assert _user("nina@gemeente.nl") is None  # no account before the address is confirmed
    assert client.get("/account").status_code == 302  # not logged in

    response = post_form(client, helpers.link_in(helpers.mail_to("nina@gemeente.nl")), {})
    assert response.status_code == 302
    home = client.get("/", follow_redirects=True)
    assert "Welkom! Uw e-mailadres is bevestigd en uw account is klaar." in text_of(home)
    assert "Uitloggen (Nina Nieuw)" in text_of(home)
    assert _user("nina@gemeente.nl").name == "Nina Nieuw"


def test_sign_up_with_a_used_email_answers_the_same_and_mails_the_owner(app, browser):
    helpers.make_user("nina@gemeente.nl", "Nina Eerder")
    client = browser()
    response = _register(client, name="Nina Tweede", email="Nina@Gemeente.nl")
    assert response.status_code == 302 and response.headers["Location"] == "/controleer-uw-email"
    mail = helpers.mail_to("nina@gemeente.nl")
    assert mail.subject == "Poging om een account aan te maken" and "Nina Eerder" in mail.body
    assert "/wachtwoord-vergeten" in mail.body and "/account-bevestigen/" not in mail.body
    assert db.session.scalar(select(func.count()).select_from(User)) == 1
    assert _user("nina@gemeente.nl").name == "Nina Eerder"
    assert client.get("/account").status_code == 302  # not logged in


def test_sign_up_checks_the_password(app, browser):
    client = browser()
    html = _register(client, password="kort").get_data(as_text=True)
    assert _field_error(html, "password") == "Gebruik ten minste 10 tekens."
    html = _register(client, confirm="iets-heel-anders").get_data(as_text=True)
    assert _field_error(html, "confirm") == "De wachtwoorden zijn niet gelijk."
    assert _user("nina@gemeente.nl") is None


# --- login and logout -------------------------------------------------------------------------------

def test_login_and_logout(app, browser):
    helpers.make_user("lea@gemeente.nl", "Lea Login")
    client = browser()
    assert client.get("/account").status_code == 302
    response = post_form(client, "/inloggen", {"email": "LEA@gemeente.nl", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Uitloggen (Lea Login)" in text_of(client.get("/"))

    response = post_form(client, "/uitloggen", {}, token_from="/")
    assert response.status_code == 302 and response.headers["Location"] == "/inloggen"
    assert "U bent uitgelogd." in text_of(client.get("/inloggen"))
    assert client.get("/account").status_code == 302


def test_login_follows_only_local_next_links(app, browser):
    helpers.make_user("lea@gemeente.nl")
    client = browser()
    response = post_form(client, "/inloggen?next=/account", {"email": "lea@gemeente.nl", "password": PASSWORD})
    assert response.headers["Location"] == "/account"
    helpers.logout(client)
    for evil in ("https://kwaadaardig.example/", "//kwaadaardig.example/"):
        response = post_form(client, f"/inloggen?next={evil}", {"email": "lea@gemeente.nl", "password": PASSWORD})
        assert response.headers["Location"] == "/"
        helpers.logout(client)


def test_wrong_password_does_not_log_in(app, browser):
    helpers.make_user("lea@gemeente.nl")
    client = browser()
    response = post_form(client, "/inloggen", {"email": "lea@gemeente.nl", "password": "niet-goed-genoeg"})
    assert response.status_code == 200
    assert "Deze combinatie van e-mailadres en wachtwoord is onbekend." in text_of(response)
    assert client.get("/account").status_code == 302


# --- AVG: my data and deleting my account -------------------------------------------------------------

@pytest.fixture()
def member(app, browser):
    """Mila is redacteur in Aadorp (whose beheerder is Bea), has commented and saved; she is logged in."""
    bea = helpers.make_user("bea@aadorp.nl", "Bea Beheerder")
    organisation = helpers.make_organisation("Aadorp", bea, "beheerder")
    plan = helpers.make_plan(organisation, "Plan van Aadorp")
    mila = helpers.make_user("mila@aadorp.nl", "Mila Redacteur")
    helpers.add_member(organisation, mila, "redacteur")
    other = helpers.make_organisation("Beestad", mila, "redacteur")
    client = browser()
    helpers.login(client, "mila@aadorp.nl")
    assert save_step(client, plan.id, 1, {"q-participatie_definitie": "Samen beleid maken."}).status_code == 302
    comments.add_comment(plan, "step:1", "Mila vindt dit een goede definitie.", by=mila)
    comments.add_comment(plan, "step:1", "Bea is het ermee eens.", by=bea)
    db.session.commit()
    return helpers.Ctx(user=mila, organisation=organisation, plan=plan, client=client), bea, other


def test_my_data_download_contains_everything_about_me(member):
    ctx, _bea, _other = member
    response = ctx.client.get("/account/mijn-gegevens.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    body = json.dumps(data, ensure_ascii=False)
    assert "Mila Redacteur" in body and "mila@aadorp.nl" in body
    memberships = {(m["organisatie"], m["rol"]) for m in data["lidmaatschappen"]}
    assert memberships == {("gemeente Aadorp", "redacteur"), ("gemeente Beestad", "redacteur")}
    assert [c["tekst"] for c in data["opmerkingen"]] == ["Mila vindt dit een goede definitie."]
    assert "Bea is het ermee eens." not in body and "bea@aadorp.nl" not in body
    assert data["wijzigingen"] and data["wijzigingen"][0]["vragen"] == ["participatie_definitie"]


def _delete(client, password, confirm=True):
    data = {"password": password}
    if confirm:
        data["confirm"] = "y"
    return post_form(client, "/account", data)


def test_deleting_the_account_requires_the_password(member):
    ctx, _bea, _other = member
    response = _delete(ctx.client, "niet-mijn-wachtwoord")
    assert response.status_code == 200
    assert _field_error(response.get_data(as_text=True), "password") == "Dit wachtwoord klopt niet."
    response = _delete(ctx.client, PASSWORD, confirm=False)
    assert _field_error(response.get_data(as_text=True), "confirm") == "Vink dit aan om door te gaan."
    assert _user("mila@aadorp.nl") is not None
    assert ctx.client.get("/account").status_code == 200  # still logged in


def test_deleting_the_account_removes_the_person_but_not_the_plans(member, browser):
    ctx, bea, _other = member
    mila_id, plan_id = ctx.user.id, ctx.plan.id
    response = _delete(ctx.client, PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/inloggen"
    assert "Uw account is verwijderd." in text_of(ctx.client.get("/inloggen"))
    assert ctx.client.get("/account").status_code == 302  # logged out

    assert _user("mila@aadorp.nl") is None
    assert db.session.scalar(select(func.count()).select_from(Membership).where(Membership.user_id == mila_id)) == 0
    plan = db.session.get(ParticipationPlan, plan_id)
    assert plan is not None and plan.organisation.name == "Aadorp"
    assert plan.step_answers(1) == {"participatie_definitie": "Samen beleid maken."}
    # Her comment and her change stay with the plan, but no longer point to her.
    kept = db.session.scalar(select(Comment).where(Comment.body == "Mila vindt dit een goede definitie."))
    assert kept is not None and kept.author_id is None
    assert all(r.user_id is None for r in db.session.scalars(select(PlanRevision)))

    # Someone who signs up later is not shown as the author of her work.
    newcomer = browser()
    helpers.sign_up(newcomer, "nico@aadorp.nl", name="Nico Nieuwkomer")
    helpers.add_member(ctx.organisation, _user("nico@aadorp.nl"), "meelezer")
    step_page = text_of(newcomer.get(f"/plannen/{plan_id}/stap/1"))
    assert "Verwijderde gebruiker" in step_page and "Nico Nieuwkomer," not in step_page
    history_page = text_of(newcomer.get(f"/plannen/{plan_id}/versies"))
    assert "opgeslagen, stap 1" in history_page and "Nico Nieuwkomer —" not in history_page

    # Logging in with the old account no longer works.
    fresh = browser()
    response = post_form(fresh, "/inloggen", {"email": "mila@aadorp.nl", "password": PASSWORD})
    assert response.status_code == 200


def test_sole_beheerder_with_team_members_cannot_delete_the_account(member, browser):
    _ctx, bea, _other = member
    client = browser()
    helpers.login(client, "bea@aadorp.nl")
    response = _delete(client, PASSWORD)
    assert response.status_code == 200
    assert _field_error(response.get_data(as_text=True), "password") == (
        "U bent de enige beheerder van gemeente Aadorp. Maak eerst een ander teamlid beheerder.")
    assert _user("bea@aadorp.nl") is not None
    assert client.get("/account").status_code == 200  # still logged in


def test_sole_member_can_delete_the_account_and_the_plan_stays(app, browser):
    solo = helpers.make_user("solo@dorp.nl")
    organisation = helpers.make_organisation("Dorp", solo, "beheerder")
    plan = helpers.make_plan(organisation)
    client = browser()
    helpers.login(client, "solo@dorp.nl")
    assert _delete(client, PASSWORD).status_code == 302
    assert _user("solo@dorp.nl") is None
    assert db.session.get(ParticipationPlan, plan.id) is not None


# --- teams: invitation links, roles, removing members -------------------------------------------------

@pytest.fixture()
def organisation(app, browser):
    bea = helpers.make_user("bea@aadorp.nl", "Bea Beheerder")
    organisation = helpers.make_organisation("Aadorp", bea, "beheerder")
    plan = helpers.make_plan(organisation, "Plan van Aadorp")
    client = browser()
    helpers.login(client, "bea@aadorp.nl")
    return helpers.Ctx(user=bea, organisation=organisation, plan=plan, client=client)


def _invite(ctx, role: str) -> str:
    response = post_form(ctx.client, f"/organisaties/{ctx.organisation.id}/uitnodigingen", {"role": role},
                         token_from=f"/organisaties/{ctx.organisation.id}/team")
    assert response.status_code == 302
    response = ctx.client.get(response.headers["Location"])
    assert "De uitnodigingslink is gemaakt." in text_of(response)
    link = re.search(r'class="[^"]*invite-link"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert link, "geen uitnodigingslink op de pagina"
    return unescape(link.group(1)).replace("http://localhost", "")


def test_invitation_link_joins_once_with_its_role(organisation, browser):
    link = _invite(organisation, "jurist")
    assert link.startswith("/uitnodiging/")

    jan = helpers.make_user("jan@jurist.nl", "Jan Jurist")
    client = browser()
    # Not logged in yet: the link leads through the login page and back.
    response = client.get(link)
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]
    response = post_form(client, response.headers["Location"], {"email": "jan@jurist.nl", "password": PASSWORD},
                         token_from="/inloggen")
    assert response.headers["Location"] == link

    page = text_of(client.get(link))
    assert "U bent uitgenodigd voor het team van gemeente Aadorp, met de rol jurist." in page
    assert _role("jan@jurist.nl", organisation.organisation) is None  # opening the link changes nothing

    response = post_form(client, link, {})
    assert response.status_code == 302
    assert "U bent nu lid van gemeente Aadorp." in text_of(client.get("/"))
    assert _role("jan@jurist.nl", organisation.organisation) == "jurist"
    assert client.get(f"/plannen/{organisation.plan.id}").status_code == 200
    assert "U kunt dit plan lezen, maar niet wijzigen." in text_of(
        client.get(f"/plannen/{organisation.plan.id}/stap/1"))
    response = post_form(client, f"/plannen/{organisation.plan.id}/stap/1", {"q-participatie_definitie": "x"},
                         token_from="/")
    assert response.status_code == 403
    assert jan.id in {m.user_id for m in organisation.organisation.memberships}

    # The link works once.
    kim = helpers.make_user("kim@elders.nl", "Kim Elders")
    other = browser()
    helpers.login(other, "kim@elders.nl")
    assert "Deze uitnodiging is onbekend, verlopen, ingetrokken of al gebruikt." in text_of(other.get(link))
    response = post_form(other, link, {}, token_from="/")
    assert response.status_code == 302
    assert "Deze uitnodiging is onbekend, verlopen, ingetrokken of al gebruikt." in text_of(other.get("/"))
    assert _role("kim@elders.nl", organisation.organisation) is None
    assert other.get(f"/plannen/{organisation.plan.id}").status_code == 404
    assert kim.id not in {m.user_id for m in db.session.scalars(select(Membership))
                          if m.organisation_id == organisation.organisation.id}


def test_unknown_invitation_token_joins_nothing(organisation, browser):
    client = browser()
    helpers.make_user("kim@elders.nl")
    helpers.login(client, "kim@elders.nl")
    assert "onbekend, verlopen, ingetrokken of al gebruikt" in text_of(client.get("/uitnodiging/verzonnen-token"))
    post_form(client, "/uitnodiging/verzonnen-token", {}, token_from="/")
    assert _role("kim@elders.nl", organisation.organisation) is None
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0


def _membership_of(email: str, organisation: Organisation) -> Membership:
    user = _user(email)
    return db.session.scalar(select(Membership).where(Membership.user_id == user.id,
                                                      Membership.organisation_id == organisation.id))


def test_beheerder_changes_a_role_and_removes_a_member(organisation, browser):
    rob = helpers.make_user("rob@aadorp.nl", "Rob Redacteur")
    helpers.add_member(organisation.organisation, rob, "redacteur")
    rob_client = browser()
    helpers.login(rob_client, "rob@aadorp.nl")
    assert save_step(rob_client, organisation.plan.id, 1, {"q-participatie_definitie": "Door Rob"}).status_code == 302

    team_url = f"/organisaties/{organisation.organisation.id}/team"
    m = _membership_of("rob@aadorp.nl", organisation.organisation)
    response = post_form(organisation.client, f"{team_url.rsplit('/', 1)[0]}/leden/{m.id}/rol", {"role": "meelezer"},
                         token_from=team_url)
    assert response.status_code == 302
    assert "De rol is gewijzigd." in text_of(organisation.client.get(team_url))
    assert _role("rob@aadorp.nl", organisation.organisation) == "meelezer"
    # Rob notices: he can read, but no longer save.
    assert "U kunt dit plan lezen, maar niet wijzigen." in text_of(
        rob_client.get(f"/plannen/{organisation.plan.id}/stap/1"))
    token = csrf_token(rob_client, "/")
    assert rob_client.post(f"/plannen/{organisation.plan.id}/stap/1",
                           data={"csrf_token": token, "q-participatie_definitie": "x"}).status_code == 403

    response = post_form(organisation.client, f"{team_url.rsplit('/', 1)[0]}/leden/{m.id}/verwijderen", {},
                         token_from=team_url)
    assert response.status_code == 302
    page = text_of(organisation.client.get(team_url))
    assert "Het lid is verwijderd." in page and "rob@aadorp.nl" not in page
    assert _role("rob@aadorp.nl", organisation.organisation) is None
    assert rob_client.get(f"/plannen/{organisation.plan.id}").status_code == 404
    assert _user("rob@aadorp.nl") is not None  # removed from the team, not deleted


def test_invalid_role_is_refused(organisation):
    team_url = f"/organisaties/{organisation.organisation.id}/team"
    m = _membership_of("bea@aadorp.nl", organisation.organisation)
    post_form(organisation.client, f"/organisaties/{organisation.organisation.id}/leden/{m.id}/rol", {"role": "koning"},
              token_from=team_url)
    assert "Kies een geldige rol." in text_of(organisation.client.get(team_url))
    assert _role("bea@aadorp.nl", organisation.organisation) == "beheerder"


def test_last_beheerder_cannot_be_demoted_or_removed(organisation, browser):
    helpers.add_member(organisation.organisation, helpers.make_user("rob@aadorp.nl", "Rob"), "redacteur")
    team_url = f"/organisaties/{organisation.organisation.id}/team"
    base = f"/organisaties/{organisation.organisation.id}/leden"
    bea = _membership_of("bea@aadorp.nl", organisation.organisation)

    post_form(organisation.client, f"{base}/{bea.id}/rol", {"role": "redacteur"}, token_from=team_url)
    assert "Er moet ten minste één beheerder blijven." in text_of(organisation.client.get(team_url))
    post_form(organisation.client, f"{base}/{bea.id}/verwijderen", {}, token_from=team_url)
    assert "Er moet ten minste één beheerder blijven." in text_of(organisation.client.get(team_url))
    assert _role("bea@aadorp.nl", organisation.organisation) == "beheerder"

    # With a second beheerder, Bea may step back.
    rob = _membership_of("rob@aadorp.nl", organisation.organisation)
    post_form(organisation.client, f"{base}/{rob.id}/rol", {"role": "beheerder"}, token_from=team_url)
    post_form(organisation.client, f"{base}/{bea.id}/rol", {"role": "redacteur"}, token_from=team_url)
    assert _role("bea@aadorp.nl", organisation.organisation) == "redacteur"
    assert _role("rob@aadorp.nl", organisation.organisation) == "beheerder"
    assert "Maak een uitnodigingslink" not in text_of(organisation.client.get(team_url))


# --- the first beheerder, from the command line --------------------------------------------------------

def test_cli_create_admin_makes_the_first_beheerder(app, browser):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "--email", "Eerste@Dorpsveen.nl", "--name", "Eerste Beheerder",
                                 "--municipality", "Dorpsveen", "--password", "een-lang-wachtwoord"])
    assert result.exit_code == 0, result.output
    assert "is beheerder van gemeente Dorpsveen" in result.output

    user = _user("eerste@dorpsveen.nl")
    assert user is not None and user.name == "Eerste Beheerder"
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == "Dorpsveen"))
    assert user.role_in(organisation.id) == "beheerder"
    client = browser()
    helpers.login(client, "eerste@dorpsveen.nl", "een-lang-wachtwoord")
    page = text_of(client.get(f"/organisaties/{organisation.id}/team"))
    assert "Uw rol: Beheerder." in page and "Maak een uitnodigingslink" in page


def test_cli_create_admin_asks_for_the_password_twice(app):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "p@dorp.nl", "--name", "P", "--municipality", "Dorp"],
        input="een-lang-wachtwoord\neen-lang-wachtwoord\n")
    assert result.exit_code == 0, result.output
    assert _user("p@dorp.nl").check_password("een-lang-wachtwoord")


def test_cli_create_admin_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "--email", "kort@dorp.nl", "--name", "Kort",
                                                "--municipality", "Dorp", "--password", "kort"])
    assert result.exit_code != 0
    assert "het wachtwoord moet ten minste 10 tekens hebben" in result.output
    assert _user("kort@dorp.nl") is None
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0
