"""An organisation with nothing published has no public page (issue 19: /openbaar/<n>/trajecten listed the name of
every organisation, so self-made ones such as "Gemeente Sybil 0" could be found and looked real)."""
from __future__ import annotations

from tests import helpers
from tests.projects.helpers import PLAN_FORM, fill_ordinance, make_project
from tests.projects.test_public import _publish


def test_the_public_listing_of_an_organisation_with_nothing_published_is_the_same_404_as_none(editor, browser):
    anonymous = browser()
    listing = anonymous.get(f"/openbaar/{editor.organisation.id}/trajecten")
    missing = anonymous.get("/openbaar/99999/trajecten")
    assert listing.status_code == missing.status_code == 404
    assert helpers.text_of(listing) == helpers.text_of(missing)
    assert "Voorbeeld" not in helpers.text_of(listing)
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan, owner_id=editor.user.id)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", PLAN_FORM)
    assert anonymous.get(f"/openbaar/{editor.organisation.id}/trajecten").status_code == 404  # a draft: still none
    assert _publish(editor.client, project.id).status_code == 302
    listing = anonymous.get(f"/openbaar/{editor.organisation.id}/trajecten")
    assert listing.status_code == 200 and "Voorbeeld" in helpers.text_of(listing)
