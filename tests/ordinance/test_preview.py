"""The draft ordinance in the app: preview, download, the jurist's review marks and comments on articles."""
import json

from app.extensions import db
from app.services.plans import exchange as plan_io
from tests import helpers
from tests.helpers import text_of
from tests.ordinance.docx_reading import read_docx
from tests.services.test_plan_io import DEMO
from app.services.core.access import SYSTEM


def _demo_plan(ctx):
    plan = plan_io.import_plan(json.loads(json.dumps(DEMO)), ctx.client.application.extensions["handreiking"],
                               ctx.organisation, by=SYSTEM)
    db.session.commit()
    return plan


def test_preview_shows_articles_open_points_and_check(editor):
    plan = _demo_plan(editor)
    response = editor.client.get(f"/plannen/{plan.id}/verordening")
    page = text_of(response)
    assert "Artikel 1. Begripsbepalingen" in page and "Artikel 24. Citeertitel" in page
    # Four blanks in the text (step 6 of the demo is answered): incomplete, whatever the check found.
    assert "Open punten (4)" in page
    assert "Status: onvolledig: 4 open punten" in page
    assert "alle verplichte onderdelen staan erin" not in page
    html = response.get_data(as_text=True)
    # Each open point links to the question that settles it.
    assert f'href="/plannen/{plan.id}/stap/8#q-inwerkingtreding"' in html
    assert '<mark class="open-point">' in html
    assert "Download als Word-document (DOCX)" in page


def test_answer_change_shows_in_preview(editor):
    plan = _demo_plan(editor)
    helpers.save_step(editor.client, plan.id, 8, {"q-inspraakverordening_intrekken": "ja",
                      "q-inspraakverordening_naam": "Inspraakverordening Voorbeeldstad 2005",
                      "q-overgangsrecht": "oude_regels", "q-inwerkingtreding": "vaste_datum",
                      "q-inwerkingtreding_datum": "2027-01-01"})
    page = text_of(editor.client.get(f"/plannen/{plan.id}/verordening"))
    assert "1 januari 2027" in page and "Open punten (3)" in page


def test_download_is_a_word_document_with_the_plan(editor):
    plan = _demo_plan(editor)
    response = editor.client.get(f"/plannen/{plan.id}/verordening.docx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "concept-participatieverordening-voorbeeld.docx" in response.headers["Content-Disposition"]
    docx = read_docx(response.data)
    assert "Artikel 1. Begripsbepalingen" in docx.headings(2)
    # Burgerinitiatief: the number of supporters chosen in the plan, in the article itself.
    number = docx.article_number("Burgerinitiatief")
    assert ("d.\tde naam, het adres en de handtekening van ten minste 150 ingezetenen die het burgerinitiatief "
            "steunen.") in docx.article_block(f"Artikel {number}.")


def test_jurist_marks_article_reviewed_and_change_shows_it_outdated(editor):
    plan = _demo_plan(editor)
    jurist = helpers.make_user("jurist@voorbeeld.nl", "Jan Jurist")
    helpers.add_member(editor.organisation, jurist, "jurist")
    client = editor.client.application.test_client()
    helpers.login(client, "jurist@voorbeeld.nl")
    url = f"/plannen/{plan.id}/verordening"
    response = helpers.post_form(client, f"{url}/inspraakprocedure/beoordeling", {"action": "beoordeeld"},
                                 token_from=url)
    assert response.status_code == 302
    assert "Beoordeeld door Jan Jurist" in text_of(client.get(url))
    # The editor changes the period: the article text changes, so the review is shown as outdated.
    helpers.save_step(editor.client, plan.id, 5, dict(_step5_form(plan), **{"q-inspraak_termijn_weken": "8"}))
    page = text_of(client.get(url))
    assert "Gewijzigd na beoordeling" in page and "Beoordeeld door Jan Jurist" not in page


def _step5_form(plan):
    answers = plan.step_answers(5)
    form = {}
    for key, value in answers.items():
        if isinstance(value, bool):
            form[f"q-{key}"] = "ja" if value else "nee"
        elif isinstance(value, list):
            form[f"q-{key}"] = value
        else:
            form[f"q-{key}"] = str(value)
    return form


def test_comments_on_article_resolve_and_reopen(editor):
    plan = _demo_plan(editor)
    url = f"/plannen/{plan.id}/verordening"
    response = helpers.post_form(editor.client, f"/plannen/{plan.id}/opmerkingen",
                                 {"target": "article:uitzonderingen", "body": "Is spoed hier wel nodig?"},
                                 token_from=url)
    assert response.status_code == 302 and response.headers["Location"].endswith("#artikel-uitzonderingen")
    assert "Is spoed hier wel nodig?" in text_of(editor.client.get(url))
    from app.models import Comment
    comment = db.session.scalar(db.select(Comment))
    helpers.post_form(editor.client, f"/plannen/{plan.id}/opmerkingen/{comment.id}/afhandelen", {}, token_from=url)
    assert "afgehandeld" in text_of(editor.client.get(url))
    helpers.post_form(editor.client, f"/plannen/{plan.id}/opmerkingen/{comment.id}/heropenen", {}, token_from=url)
    db.session.refresh(comment)
    assert comment.resolved_at is None


def test_comment_on_step(editor):
    url = f"/plannen/{editor.plan.id}/stap/3"
    helpers.post_form(editor.client, f"/plannen/{editor.plan.id}/opmerkingen",
                      {"target": "step:3", "body": "Visie bespreken met de raad"}, token_from=url)
    assert "Visie bespreken met de raad" in text_of(editor.client.get(url))
    empty = helpers.post_form(editor.client, f"/plannen/{editor.plan.id}/opmerkingen",
                              {"target": "step:3", "body": ""}, token_from=url, follow_redirects=True)
    assert "Schrijf eerst een opmerking." in text_of(empty)
