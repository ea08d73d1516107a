"""The step page as the editor sees it, and what it costs: its content is checked field by field here because the
page was made faster (texts looked up once per request, the aria attributes of an input built in Python); the
number of queries of a GET is fixed so a new per-question or per-comment query shows up as a failure."""
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import event

from app.extensions import db
from app.models import ParticipationPlan, StepAnswer, User
from app.services.plans import comments
from tests.helpers import post_form, save_step, text_of

_CSRF_VALUE = re.compile(r'name="csrf_token"([^>]*)value="[^"]+"')

DEMO = json.loads((Path(__file__).resolve().parents[2] / "app" / "demo" / "voorbeeldstad.json")
                  .read_text(encoding="utf-8"))["steps"]
#: a GET of a step page: the session (with its user and their memberships), the plan (with its municipality and its
#: answers), the comments (this step's, and the open ones per step, together), and on steps 5 and 7 the published
#: cases of other organisations (the examples from the casusbibliotheek)
STEP_PAGE_QUERIES = 4
#: while the step is at its first version, also its latest revision: were the answers pre-filled from an ordinance?
FIRST_VERSION_QUERIES = 1


def _fill(plan_id, user_id, *numbers):
    db.session.add_all(StepAnswer(plan_id=plan_id, step_number=n, answers=DEMO[str(n)], version=1,
                                  updated_by_id=user_id) for n in numbers if str(n) in DEMO)
    db.session.commit()


def test_step_page_shows_questions_answers_statuses_and_guide(editor):
    _fill(editor.plan.id, editor.user.id, 4, 5)
    response = editor.client.get(f"/plannen/{editor.plan.id}/stap/5")
    html, page = response.get_data(as_text=True), text_of(response)
    assert response.status_code == 200
    assert "Stap 5. Instrumenten en aanpak" in page and "Uit de handreiking" in page
    assert "Welke procedure geldt voor inspraak? (nodig om de stap af te ronden)" in page
    # the saved answers are filled in: a number, a chosen option, ticked boxes, a yes/no
    assert 'id="q-terugkoppeling_termijn_weken" name="q-terugkoppeling_termijn_weken" value="6">' in html
    assert f'<option value="{DEMO["5"]["inspraak_procedure"]}" selected>' in html
    for value in DEMO["5"]["instrumenten"]:
        assert f'name="q-instrumenten" value="{value}" checked>' in html
    assert html.count("checked") >= len(DEMO["5"]["instrumenten"]) + 1
    # a help text is announced with its input; a conditional question says when it applies
    assert 'value="8" aria-describedby="q-participatieverzoek_beslistermijn_weken-help">' not in html  # step 4's
    assert 'aria-describedby="q-inspraak_termijn_weken-help"' in html
    assert "Deze vraag geldt als" in page
    # the step list beside it: step 4 and 5 begun or done, the others not begun
    assert page.count("Niet begonnen") == 6
    assert "Opslaan en naar stap 6" in page and "Opmerkingen van het team" in page


def test_a_wrong_answer_is_tied_to_its_field_and_its_help_text(editor):
    response = save_step(editor.client, editor.plan.id, 4, {"q-participatieverzoek_beslistermijn_weken": "acht"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert ('value="acht" aria-describedby="q-participatieverzoek_beslistermijn_weken-help '
            'q-participatieverzoek_beslistermijn_weken-error" aria-invalid="true">') in html
    assert ('<div class="utrecht-form-field-error-message" id="q-participatieverzoek_beslistermijn_weken-error">'
            'Vul een heel getal in, bijvoorbeeld 6.</div>') in html
    assert 'href="#q-participatieverzoek_beslistermijn_weken"' in html  # the error summary links to the field


@pytest.mark.fresh_app("counts the statements a page sends; the savepoints of a shared transaction would count")
def test_a_step_page_costs_a_fixed_number_of_queries(app, editor):
    plan_id, user_id = editor.plan.id, editor.user.id
    url = f"/plannen/{plan_id}/stap/5"

    def queries_for_step_5():
        statements = []
        db.session.remove()  # as at the start of a request in production: nothing loaded yet

        def count(conn, cursor, statement, *args):
            statements.append(statement)
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            response = editor.client.get(url)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        assert response.status_code == 200
        return statements

    assert len(queries_for_step_5()) == STEP_PAGE_QUERIES, queries_for_step_5()
    plan, user = db.session.get(ParticipationPlan, plan_id), db.session.get(User, user_id)
    _fill(plan_id, user_id, *range(1, 9))
    for n in range(3):
        comments.add_comment(plan, "step:5", f"Opmerking {n}", by=user)
        comments.add_comment(plan, f"step:{n + 1}", "Elders", by=user)
    db.session.commit()
    statements = queries_for_step_5()
    assert len(statements) == STEP_PAGE_QUERIES + FIRST_VERSION_QUERIES, statements
    page = text_of(editor.client.get(url))
    assert "Opmerking 2" in page and "Elders" not in page  # only this step's comments
    assert page.count("1 open opmerking") == 3 and "3 open opmerkingen" in page  # per step, in the step outline
    assert post_form(editor.client, url, {"then": "stay", "base_version": "1"}).status_code == 302
    assert len(queries_for_step_5()) == STEP_PAGE_QUERIES  # saved again: no longer pre-filled, no history needed


def _without_tokens(page: str) -> str:
    return _CSRF_VALUE.sub('name="csrf_token" value=""', page)


def test_a_kept_form_never_shows_old_answers(app, editor):
    """The form of a step is kept per process (app/question_html.py step_questions): opened twice it is the same page,
    and after any change (a save, another step's answer it draws options from, the language) it shows the change."""
    url = f"/plannen/{editor.plan.id}/stap/1"
    save_step(editor.client, editor.plan.id, 1, {"q-participatie_definitie": "Eerste omschrijving."})
    editor.client.get(url)  # shows the flash "opgeslagen"
    first = _without_tokens(editor.client.get(url).get_data(as_text=True))
    # the kept form: the same page (CSRF tokens carry a timestamp, so two loads a second apart differ only there)
    assert _without_tokens(editor.client.get(url).get_data(as_text=True)) == first
    save_step(editor.client, editor.plan.id, 1, {"q-participatie_definitie": "Tweede omschrijving."})
    page = editor.client.get(url).get_data(as_text=True)
    assert "Tweede omschrijving." in page and "Eerste omschrijving." not in page
    # step 6 offers step 3's values as choices: a new value there shows in step 6's kept form
    url_6 = f"/plannen/{editor.plan.id}/stap/6"
    editor.client.get(url_6)
    save_step(editor.client, editor.plan.id, 3, {"q-waarden": ["vertrouwen"], "q-waarden__anders": "Speelsheid"})
    assert '<option value="Speelsheid"' in editor.client.get(url_6).get_data(as_text=True)
    # a form with errors is never kept: the next GET shows the saved answer, not what failed
    response = save_step(editor.client, editor.plan.id, 1, {"q-participatie_definitie": "x" * 100_000})
    assert response.status_code == 422
    page = editor.client.get(url).get_data(as_text=True)
    assert "Tweede omschrijving." in page and "x" * 1000 not in page


def test_only_forms_of_ordinary_size_are_kept(app, editor):
    """128 kept forms must stay small: a step whose answers are very large is rendered each time, never kept."""
    from app.question_html import _kept_step_questions

    url = f"/plannen/{editor.plan.id}/stap/2"
    save_step(editor.client, editor.plan.id, 2, {"q-huidige_praktijk": "Informatieavonden."})
    editor.client.get(url)
    before = _kept_step_questions.cache_info()
    editor.client.get(url)
    after = _kept_step_questions.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)  # the same form: found
    large = '"' * 40_000  # within the field's limit; 80 KB as JSON
    assert save_step(editor.client, editor.plan.id, 2, {"q-huidige_praktijk": large}).status_code == 302
    before = _kept_step_questions.cache_info()
    page = editor.client.get(url).get_data(as_text=True)
    after = _kept_step_questions.cache_info()
    assert "&#34;" * 40_000 in page  # the large answer is on the page
    assert (after.hits, after.misses) == (before.hits, before.misses)  # but the kept forms were not asked
