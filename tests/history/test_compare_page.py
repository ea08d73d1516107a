"""Comparing two versions: a change that only reaches the toelichting is shown, and a long answer is shown once with
the changed words marked."""
import json
import re

from app.extensions import db
from app.services.plans import exchange as plan_io, plans
from app.services.history import versions
from tests import helpers
from tests.helpers import text_of
from tests.services.test_plan_io import DEMO
from app.services.core.access import SYSTEM

OLD_VISION = DEMO["steps"]["3"]["visie"]
NEW_VISION = OLD_VISION.replace("samen met de mensen", "samen met alle inwoners")


def _vision_changed_after_snapshot(editor):
    plan = plan_io.import_plan(json.loads(json.dumps(DEMO)), editor.client.application.extensions["handreiking"],
                               editor.organisation, by=SYSTEM)
    db.session.commit()
    plans.take_snapshot(plan, "Voor de visie", editor.user)
    db.session.commit()
    step = DEMO["steps"]["3"]
    response = helpers.save_step(editor.client, plan.id, 3, {
        "q-waarden": step["waarden"], "q-doelen": step["doelen"], "q-visie": NEW_VISION})
    assert response.status_code in (200, 302)
    return plan, versions.snapshots(plan)[0]


def test_a_change_in_the_toelichting_only_is_shown_with_the_words_marked(editor):
    plan, snapshot = _vision_changed_after_snapshot(editor)
    response = editor.client.get(f"/plannen/{plan.id}/versies/vergelijken?van={snapshot.id}&naar=huidig")
    page, html = text_of(response), response.get_data(as_text=True)
    assert response.status_code == 200
    assert "De artikelen zijn gelijk." in page      # the vision lives in the toelichting, not in an article
    assert "De toelichting is gelijk." not in page
    explanation = html.split(">Toelichting</h2>")[1]
    assert "Algemeen: " in explanation and "gewijzigd" in explanation
    assert re.search(r"<del>[^<]*\bmensen\b[^<]*</del>", explanation)
    assert re.search(r"<ins>[^<]*\binwoners\b[^<]*</ins>", explanation)


def test_a_long_answer_is_shown_once_with_the_changed_words_marked(editor):
    plan, snapshot = _vision_changed_after_snapshot(editor)
    html = editor.client.get(f"/plannen/{plan.id}/versies/vergelijken?van={snapshot.id}&naar=huidig"
                             ).get_data(as_text=True)
    answers = html.split("Conceptverordening, per artikel")[0]
    # Not the whole text twice: the unchanged part appears once, the change is marked.
    assert answers.count("We zijn vooraf duidelijk over wat er te kiezen valt") == 1
    assert re.search(r"<del>[^<]*\bmensen\b[^<]*</del>", answers)
    assert re.search(r"<ins>[^<]*\balle inwoners\b[^<]*</ins>", answers)


def test_unchanged_versions_say_both_parts_are_equal(editor):
    plan, snapshot = _vision_changed_after_snapshot(editor)
    page = text_of(editor.client.get(f"/plannen/{plan.id}/versies/vergelijken?van=huidig&naar=huidig"))
    assert "De artikelen zijn gelijk." in page and "De toelichting is gelijk." in page
