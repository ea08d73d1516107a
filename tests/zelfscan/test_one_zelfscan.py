"""One zelfscan: step 2 of a plan shows the organisation's zelfscan and links to it (it is no longer a second scan
in the step), and scores filled in on step 2 before stay and show on the zelfscan page."""
from __future__ import annotations

from app import content
from app.extensions import db
from app.services.plans import plans
from tests import helpers
from tests.zelfscan.conftest import fill

EARLIER = [{"thema": "visie", "score": 3, "toelichting": "Nog niet vastgelegd"}, {"thema": "bereik", "score": 2}]


def test_step_2_shows_the_zelfscan_filled_in_on_the_zelfscan_page(editor):
    organisation, plan = editor.organisation, editor.plan
    before = editor.client.get(f"/plannen/{plan.id}/stap/2")
    page = helpers.text_of(before)
    assert "Uw organisatie heeft de zelfscan nog niet ingevuld." in page
    assert 'name="q-zelfscan-rows"' not in before.get_data(as_text=True)  # no second scan in the step
    fill(editor.client, organisation.id, 2026,
         {"raad": 2, "college": 4, "organisatie": 3, "inwoners": 3, "transparant": 5,
          "budget": 1, "afspiegeling": 2, "faciliterend": 4, "ervaring": 5,
          "experimenteren": 3})
    page = helpers.text_of(editor.client.get(f"/plannen/{plan.id}/stap/2"))
    assert "Uitkomst van de zelfscan 2026" in page
    assert "De raad: 2,0" in page and "Budget voor initiatieven: 1,0" in page
    assert "Laagst scorende succesfactoren: Budget voor initiatieven, Representatieve afspiegeling" in page
    assert "Zelfscan 2026 bewerken" in page


def test_the_zelfscan_filled_in_from_step_2_shows_on_the_zelfscan_page_and_returns_to_step_2(editor):
    organisation, plan = editor.organisation, editor.plan
    step = editor.client.get(f"/plannen/{plan.id}/stap/2").get_data(as_text=True)
    link = f"/organisaties/{organisation.id}/zelfscan/"
    start = step.index(link)
    url = step[start:step.index('"', start)].replace("&amp;", "&")
    assert url.endswith(f"?plan={plan.id}")
    form = helpers.text_of(editor.client.get(url))
    assert f"Terug naar stap 2 van “{plan.title}”" in form
    data = {f"score_{k}": "4" for k in content.zelfscan().statement_keys}
    response = helpers.post_form(editor.client, url, data)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/plannen/{plan.id}/stap/2")
    overview = helpers.text_of(editor.client.get(f"/organisaties/{organisation.id}/zelfscan"))
    assert "Er is nog geen zelfscan ingevuld." not in overview and "De raad 4,0" in overview


def test_scores_filled_in_on_step_2_before_are_kept_and_show_on_the_zelfscan_page(editor):
    organisation, plan = editor.organisation, editor.plan
    plans.save_step(plan, 2, {"ambitie": "Meer mensen bereiken.", "zelfscan": EARLIER}, editor.user, None)
    db.session.commit()
    overview = helpers.text_of(editor.client.get(f"/organisaties/{organisation.id}/zelfscan"))
    assert "Er is nog geen zelfscan ingevuld." not in overview
    assert "Eerder ingevuld in stap 2 van het plan" in overview
    assert "Visie en ambitie 3 Nog niet vastgelegd" in overview
    assert "Bereik van verschillende groepen 2 —" in overview
    # The step still shows them, and saving the step keeps them.
    step = editor.client.get(f"/plannen/{plan.id}/stap/2").get_data(as_text=True)
    assert "Zelfscan in de oude indeling" in step and "Nog niet vastgelegd" in step
    fields = {"q-ambitie": "Meer mensen bereiken.", "q-zelfscan-rows": "2", "q-zelfscan-0-thema": "visie",
              "q-zelfscan-0-score": "3", "q-zelfscan-0-toelichting": "Nog niet vastgelegd",
              "q-zelfscan-1-thema": "bereik", "q-zelfscan-1-score": "2"}
    assert all(f'name="{name}"' in step for name in fields if name != "q-zelfscan-rows")
    assert helpers.save_step(editor.client, plan.id, 2, fields).status_code == 302
    db.session.expire_all()
    assert plans.step_row(plan, 2).answers["zelfscan"] == EARLIER
