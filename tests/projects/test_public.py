"""Publishing: the public page shows what is published, to everyone; nothing else is visible outside the organisation."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, ProjectComment
from tests import helpers
from tests.projects.helpers import PLAN_FORM, fill_ordinance, make_project


def _publish(client, project_id, kind="participatieplan", value="ja"):
    return helpers.post_form(client, f"/trajecten/{project_id}/{kind}/openbaar", {"publish": value},
                             token_from=f"/trajecten/{project_id}")


def test_anonymous_sees_a_published_plan_and_404_for_an_unpublished_one(editor, browser):
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan, owner_id=editor.user.id)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", PLAN_FORM)
    public = f"/openbaar/{editor.organisation.id}/trajecten/{project.id}/participatieplan"
    anonymous = browser()
    assert anonymous.get(public).status_code == 404
    listing = anonymous.get(f"/openbaar/{editor.organisation.id}/trajecten")
    assert "Herinrichting Stationsplein" not in helpers.text_of(listing)
    assert _publish(editor.client, project.id).status_code == 302
    listing = anonymous.get(f"/openbaar/{editor.organisation.id}/trajecten")
    assert listing.status_code == 200 and "Herinrichting Stationsplein" in helpers.text_of(listing)
    page = anonymous.get(public)
    text = helpers.text_of(page)
    assert page.status_code == 200
    assert "Samen een veilig en groen plein ontwerpen." in text and "Meedenken" in text
    assert "Bea Beheerder" not in text  # no names of the team
    assert anonymous.get(public.replace("participatieplan", "participatieverslag")).status_code == 404
    # unpublish at any time
    assert _publish(editor.client, project.id, value="nee").status_code == 302
    assert anonymous.get(public).status_code == 404
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("project.%publish%"))).all()
    assert actions == ["project.published", "project.unpublished"]


def test_another_organisation_s_member_gets_404_for_unpublished_and_sees_the_published(editor, browser):
    project = make_project(editor.organisation, editor.plan)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", PLAN_FORM)
    outsider = helpers.make_user("b@elders.nl")
    helpers.make_organisation("Elders", outsider)
    client = browser()
    helpers.login(client, "b@elders.nl")
    public = f"/openbaar/{editor.organisation.id}/trajecten/{project.id}/participatieplan"
    assert client.get(public).status_code == 404
    assert client.get(f"/trajecten/{project.id}/participatieplan").status_code == 404
    _publish(editor.client, project.id)
    assert client.get(public).status_code == 200
    # the public URL of another organisation does not show this project
    other = f"/openbaar/{outsider.memberships[0].organisation_id}/trajecten/{project.id}/participatieplan"
    assert client.get(other).status_code == 404


def test_an_empty_document_cannot_be_published(editor):
    project = make_project(editor.organisation, editor.plan)
    response = _publish(editor.client, project.id, kind="participatieverslag")
    assert response.status_code == 302
    assert "is nog leeg" in helpers.text_of(editor.client.get(f"/trajecten/{project.id}"))
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "project.published")) is None


def test_a_meelezer_cannot_publish(editor, browser):
    project = make_project(editor.organisation, editor.plan)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", PLAN_FORM)
    reader = helpers.make_user("m@voorbeeld.nl")
    helpers.add_member(editor.organisation, reader, "meelezer")
    client = browser()
    helpers.login(client, "m@voorbeeld.nl")
    assert _publish(client, project.id).status_code == 403
    public = f"/openbaar/{editor.organisation.id}/trajecten/{project.id}/participatieplan"
    assert browser().get(public).status_code == 404


def test_team_comments_stay_in_the_organisation(editor, browser):
    project = make_project(editor.organisation, editor.plan)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", PLAN_FORM)
    url = f"/trajecten/{project.id}/participatieplan"
    assert helpers.post_form(editor.client, f"{url}/opmerkingen", {"body": "Is zes weken haalbaar?"},
                             token_from=url).status_code == 302
    page = helpers.text_of(editor.client.get(url))
    assert "Is zes weken haalbaar?" in page and "Bea Beheerder" in page
    empty = helpers.post_form(editor.client, f"{url}/opmerkingen", {"body": "   "}, token_from=url)
    assert "Schrijf eerst een opmerking." in helpers.text_of(editor.client.get(empty.headers["Location"]))
    _publish(editor.client, project.id)
    public = helpers.text_of(browser().get(f"/openbaar/{editor.organisation.id}/trajecten/{project.id}/"
                                           "participatieplan"))
    assert "Is zes weken haalbaar?" not in public and "Bea Beheerder" not in public
    comment_id = db.session.scalar(select(ProjectComment.id))
    assert helpers.post_form(editor.client, f"/trajecten/{project.id}/opmerkingen/{comment_id}/afhandelen", {},
                             token_from=url).status_code == 302
    db.session.expire_all()
    assert db.session.get(ProjectComment, comment_id).resolved_at is not None
