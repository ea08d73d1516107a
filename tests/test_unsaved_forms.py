"""Every form with answers asks before the user leaves it with changes (app/static/js/app.js reads the mark):
the wizard's steps, a project's documents and details, the zelfscan. A form shown again after an error holds
typed answers that are not saved, and says so ("dirty")."""
from __future__ import annotations

from tests import helpers
from tests.projects.helpers import make_project


def test_forms_with_answers_carry_the_unsaved_mark(editor):
    organisation, plan = editor.organisation, editor.plan
    project = make_project(organisation, plan)
    for url in (f"/plannen/{plan.id}/stap/1", f"/trajecten/{project.id}/participatieplan",
                f"/trajecten/{project.id}/participatieverslag", f"/trajecten/{project.id}/evaluatie",
                f"/trajecten/{project.id}/bewerken", f"/organisaties/{organisation.id}/zelfscan/2026"):
        html = editor.client.get(url).get_data(as_text=True)
        assert "<form" in html and "data-warn-unsaved>" in html, url


def test_a_form_shown_again_after_an_error_counts_as_changed(editor):
    response = helpers.save_step(editor.client, editor.plan.id, 5, {"q-terugkoppeling_termijn_weken": "veel"})
    assert response.status_code == 422
    assert 'data-warn-unsaved="dirty"' in response.get_data(as_text=True)
