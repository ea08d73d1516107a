"""A beheerder renames and deletes plans, edits and deletes the organisation; imports never duplicate an organisation."""
from __future__ import annotations

import io
import json

from app.extensions import db
from app.models import (AuditEvent, Comment, Invitation, Membership, Organisation, ParticipationPlan, PlanRevision,
                        PlanSnapshot, StepAnswer)
from app.services.plans import comments, plans
from tests import helpers
from tests.helpers import text_of
from tests.services.test_plan_io import DEMO


def _count(model, *where) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model).where(*where))


def _actions() -> list[str]:
    return [e.action for e in db.session.scalars(db.select(AuditEvent).where(AuditEvent.action.not_like("login%")).order_by(AuditEvent.id))]


def _fill(plan, user) -> None:
    plans.save_step(plan, 1, {"participatie_definitie": "Samen beleid maken."}, user, None)
    plans.take_snapshot(plan, "Eerste versie", user)
    comments.add_comment(plan, "step:1", "Klopt dit?", by=user)


# --- plans ------------------------------------------------------------------------------------------

def test_rename_a_plan(editor):
    url = f"/plannen/{editor.plan.id}/naam"
    response = helpers.post_form(editor.client, url, {"title": "  Verordening\x00 2027\n"})
    assert response.status_code == 302
    db.session.expire_all()
    assert editor.plan.title == "Verordening 2027"        # control characters and NUL are taken out
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action.not_like("login%")))
    assert (event.action, event.detail) == ("plan.renamed", {"old": "Participatieverordening",
                                                             "new": "Verordening 2027"})
    assert "De naam van het plan is nu “Verordening 2027”." in text_of(editor.client.get(response.headers["Location"]))


def test_rename_refuses_an_empty_or_long_name_and_keeps_what_was_typed(editor):
    url = f"/plannen/{editor.plan.id}/naam"
    response = helpers.post_form(editor.client, url, {"title": " \t "})
    assert response.status_code == 422 and "Geef het plan een naam." in text_of(response)
    response = helpers.post_form(editor.client, url, {"title": "x" * 201})
    assert response.status_code == 422 and "Gebruik maximaal 200 tekens." in text_of(response)
    assert 'value="' + "x" * 201 in response.get_data(as_text=True)
    db.session.expire_all()
    assert editor.plan.title == "Participatieverordening" and _actions() == []


def test_delete_a_plan_offers_its_json_first_and_needs_its_name(editor):
    plan_id = editor.plan.id
    _fill(editor.plan, editor.user)
    url = f"/plannen/{plan_id}/verwijderen"
    page = editor.client.get(url).get_data(as_text=True)
    assert page.index(f'href="/plannen/{plan_id}/export.json"') < page.index('name="confirm"')
    response = helpers.post_form(editor.client, url, {"confirm": "Ander plan"})
    assert response.status_code == 422
    assert "Dit is niet de naam van het plan. Typ ‘Participatieverordening’." in text_of(response)
    assert _count(ParticipationPlan) == 1 and _actions() == []

    response = helpers.post_form(editor.client, url, {"confirm": " participatieverordening "})
    assert response.status_code == 302
    assert "Het plan “Participatieverordening” is verwijderd." in text_of(editor.client.get(response.headers["Location"]))
    for model in (ParticipationPlan, StepAnswer, PlanRevision, PlanSnapshot, Comment):
        assert _count(model) == 0, model.__name__           # nothing of it is left behind, also on SQLite
    assert _count(Organisation) == 1 and _count(Membership) == 1
    assert _actions() == ["plan.deleted"]
    assert editor.client.get(f"/plannen/{plan_id}").status_code == 404


def test_deleting_one_plan_leaves_the_other_plans_alone(editor):
    other = helpers.make_plan(editor.organisation, "Tweede")
    _fill(other, editor.user)
    helpers.post_form(editor.client, f"/plannen/{editor.plan.id}/verwijderen", {"confirm": "Participatieverordening"})
    assert _count(ParticipationPlan) == 1 and _count(StepAnswer, StepAnswer.plan_id == other.id) == 1
    assert _count(PlanSnapshot) == 1 and _count(Comment) == 1


# --- the organisation's details --------------------------------------------------------------------------

def test_edit_the_organisation_details(editor):
    url = f"/organisaties/{editor.organisation.id}/gegevens"
    assert "Gegevens van de organisatie en plannen" in text_of(editor.client.get(
        f"/organisaties/{editor.organisation.id}/team"))
    response = helpers.post_form(editor.client, url, {"name": "Nieuwstad\x07", "body_type": "waterschap",
                                                      "inhabitants": "41 000"})
    assert response.status_code == 302
    db.session.expire_all()
    organisation = editor.organisation
    assert (organisation.name, organisation.body_type, organisation.inhabitants) == ("Nieuwstad", "waterschap", 41000)
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action.not_like("login%")))
    assert event.action == "workspace.changed"
    assert event.detail["changes"] == {"name": ["Voorbeeld", "Nieuwstad"], "body_type": ["gemeente", "waterschap"],
                                       "inhabitants": [None, 41000]}
    assert "Team van waterschap Nieuwstad" in text_of(editor.client.get(f"/organisaties/{organisation.id}/team"))


def test_bad_organisation_details_are_answered_next_to_the_field(editor):
    url = f"/organisaties/{editor.organisation.id}/gegevens"
    for data, message in (
        ({"name": "", "body_type": "gemeente"}, "Vul de naam van de organisatie in."),
        ({"name": "x" * 121, "body_type": "gemeente"}, "Gebruik maximaal 120 tekens."),
        ({"name": "Ok", "body_type": "gemeente", "inhabitants": "1e30"}, "Vul een heel getal in, bijvoorbeeld 6."),
        ({"name": "Ok", "body_type": "gemeente", "inhabitants": "9" * 5000}, "Vul een heel getal in, bijvoorbeeld 6."),
        ({"name": "Ok", "body_type": "gemeente", "inhabitants": "41.000 huizen"},
         "Vul het aantal inwoners in, bijvoorbeeld 6 of 6 inwoners."),
        ({"name": "Ok", "body_type": "gemeente", "inhabitants": "0"}, "Vul een aantal in tussen 1 en 20.000.000."),
        ({"name": "Ok", "body_type": "stadstaat"}, "Ongeldige keuze."),
    ):
        response = helpers.post_form(editor.client, url, data)
        assert response.status_code == 422, data
        assert message in text_of(response), data
    db.session.expire_all()
    assert editor.organisation.name == "Voorbeeld" and _actions() == []


# --- deleting the organisation -------------------------------------------------------------------------

def test_delete_the_organisation_and_tell_members_who_have_none_left(editor, browser):
    organisation = editor.organisation
    _fill(editor.plan, editor.user)
    lonely, busy = helpers.make_user("alleen@voorbeeld.nl"), helpers.make_user("druk@voorbeeld.nl")
    helpers.add_member(organisation, lonely, "redacteur")
    helpers.add_member(organisation, busy, "jurist")
    elsewhere = helpers.make_organisation("Elders", busy, "beheerder")
    db.session.add(Invitation(organisation_id=organisation.id, token="t1", role="meelezer",
                              created_by_id=editor.user.id))
    db.session.commit()
    url = f"/organisaties/{organisation.id}/verwijderen"
    page = editor.client.get(url).get_data(as_text=True)
    assert page.index(f'href="/plannen/{editor.plan.id}/export.json"') < page.index('name="confirm"')
    assert "3 leden verliezen de toegang." in text_of(editor.client.get(url))

    response = helpers.post_form(editor.client, url, {"confirm": "Elders"})
    assert response.status_code == 422 and "Dit is niet de naam van de organisatie." in text_of(response)
    assert _count(Organisation) == 2

    response = helpers.post_form(editor.client, url, {"confirm": "Voorbeeld"})
    assert response.status_code == 302
    assert _count(Organisation) == 1 and _count(Membership) == 1   # only busy's membership of Elders
    for model in (ParticipationPlan, StepAnswer, PlanRevision, PlanSnapshot, Comment, Invitation):
        assert _count(model) == 0, model.__name__
    assert _actions().count("member.removed") == 3 and _actions()[-1] == "workspace.deleted"

    lonely_browser, busy_browser = browser(), browser()
    helpers.login(lonely_browser, "alleen@voorbeeld.nl")
    page = text_of(lonely_browser.get("/"))
    assert "U bent geen lid meer van een organisatie." in page
    assert "Gemeente Voorbeeld is op" in page and "verwijderd door beheerder@voorbeeld.nl" in page
    helpers.login(busy_browser, "druk@voorbeeld.nl")
    assert "U bent geen lid meer" not in text_of(busy_browser.get("/"))
    assert elsewhere.id is not None
    # Joining another organisation ends the message.
    helpers.add_member(elsewhere, lonely, "meelezer")
    assert "U bent geen lid meer" not in text_of(lonely_browser.get("/"))


def test_only_the_beheerder_deletes(editor, browser):
    helpers.add_member(editor.organisation, helpers.make_user("red@voorbeeld.nl"), "redacteur")
    other = browser()
    helpers.login(other, "red@voorbeeld.nl")
    response = helpers.post_form(other, f"/organisaties/{editor.organisation.id}/verwijderen",
                                 {"confirm": "Voorbeeld"}, token_from="/")
    assert response.status_code == 403 and _count(Organisation) == 1


# --- import into an organisation one already belongs to -------------------------------------------------------

def _upload(client, doc: dict, organisation="nieuw"):
    token = helpers.csrf_token(client, "/plannen/importeren")
    return client.post("/plannen/importeren", data={"csrf_token": token, "workspace": organisation,
                                                    "file": (io.BytesIO(json.dumps(doc).encode()), "plan.json")},
                       content_type="multipart/form-data")


def test_import_as_new_organisation_joins_the_existing_one_of_that_name(app, client):
    user = helpers.make_user("import@gemeente.nl")
    organisation = helpers.make_organisation("voorbeeldstad", user, "redacteur")  # same name, other case
    helpers.make_organisation("Voorbeeldstad", None, body_type="provincie")
    helpers.login(client, "import@gemeente.nl")
    response = _upload(client, DEMO)
    assert response.status_code == 302
    assert _count(Organisation) == 2 and len(organisation.plans) == 1
    assert "is ingelezen bij gemeente voorbeeldstad, waarvan u al lid bent" in text_of(
        client.get(response.headers["Location"]))
    assert _actions() == ["plan.imported"]


def test_import_is_refused_where_the_user_may_not_add_plans(app, client):
    user = helpers.make_user("lezer@gemeente.nl")
    organisation = helpers.make_organisation("Voorbeeldstad", user, "meelezer")
    helpers.login(client, "lezer@gemeente.nl")
    response = _upload(client, DEMO)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="workspace-error"' in html and "U bent al lid van gemeente Voorbeeldstad" in text_of(response)
    assert _count(Organisation) == 1 and organisation.plans == [] and _actions() == []


def test_import_of_another_body_type_still_makes_a_new_organisation(app, client):
    user = helpers.make_user("import@gemeente.nl")
    helpers.make_organisation("Voorbeeldstad", user, "meelezer", body_type="waterschap")
    helpers.login(client, "import@gemeente.nl")
    assert _upload(client, DEMO).status_code == 302
    assert _count(Organisation) == 2
