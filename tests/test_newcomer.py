"""A newcomer's first visit: the start page, the help page, the favicon, and what colleagues did since last time."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import event

from app.extensions import db
from app.models.review import ArticleReview
from app.services.plans import comments, deadline, plans
from tests import helpers
from tests.helpers import text_of


def test_a_visitor_gets_the_start_page_with_the_days_left(client, monkeypatch):
    monkeypatch.setattr(deadline, "today_in_amsterdam", lambda now=None: datetime(2026, 12, 2).date())
    page = text_of(client.get("/"))
    assert "Nog 30 dagen tot 1 januari 2027" in page
    assert "Account maken" in page and "Inloggen" in page
    assert "Juridisch verankeren" in page and "Instrumenten en aanpak" in page  # the eight steps, one line each
    assert "veelgestelde vragen" in page


def test_the_countdown_counts_amsterdam_days_and_says_when_the_date_has_passed():
    # 23:30 UTC on 31 December is already 1 January in Amsterdam.
    assert deadline.countdown(datetime(2026, 12, 31, 22, 59, tzinfo=timezone.utc)).days == 1
    assert deadline.countdown(datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)).days == 0
    assert deadline.countdown(datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)).passed


def test_after_the_deadline_the_start_page_says_the_ordinance_is_due(client, monkeypatch):
    monkeypatch.setattr(deadline, "today_in_amsterdam", lambda now=None: datetime(2027, 2, 1).date())
    page = text_of(client.get("/"))
    assert "Sinds 1 januari 2027 moet uw organisatie een participatieverordening hebben" in page
    assert "Nog " not in page


def test_logged_in_users_keep_getting_their_plans(editor):
    page = text_of(editor.client.get("/"))
    assert "Mijn plannen" in page and "Account maken" not in page


def test_help_page_answers_the_questions_users_ask(client):
    response = client.get("/hulp")
    assert response.status_code == 200
    page = text_of(response)
    for question in ("Wat vraagt de wet van mijn gemeente?", "Wanneer moet de verordening klaar zijn?",
                     "Wat is het uitdaagrecht?", "Wat doet een jurist in de assistent?",
                     "Hoe werken we samen aan één plan?", "Hoe nodig ik een collega uit?",
                     "Wat gebeurt er met mijn gegevens?"):
        assert question in page
    assert '<h2>Wat is het uitdaagrecht?</h2>' in response.get_data(as_text=True)  # Markdown, rendered
    assert 'href="/hulp"' in client.get("/").get_data(as_text=True)


def test_favicon(client):
    assert 'rel="icon" href="/static/favicon.svg"' in client.get("/hulp").get_data(as_text=True)
    response = client.get("/favicon.ico", follow_redirects=True)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"


def _count_queries(app):
    statements: list[str] = []

    def remember(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", remember)
    return statements, lambda: event.remove(db.engine, "before_cursor_execute", remember)


def test_my_plans_shows_open_comments_and_reviews_in_one_query(app, editor):
    colleague = helpers.make_user("collega@voorbeeld.nl", "Cor Collega")
    helpers.add_member(editor.organisation, colleague, "jurist")
    others = [plans.create_plan(editor.organisation, f"Plan {n}", editor.user) for n in range(5)]
    db.session.commit()
    comments.add_comment(editor.plan, "step:3", "Is dit de goede visie?", by=colleague)
    comments.add_comment(editor.plan, "step:3", "En de doelen?", by=colleague)
    done = comments.add_comment(editor.plan, "step:5", "Afgehandeld", by=colleague)
    db.session.add(ArticleReview(plan_id=editor.plan.id, article_key="inspraak", text_digest="x",
                                 user_id=colleague.id))
    db.session.commit()
    comments.set_resolved(done, True, by=colleague)
    db.session.commit()

    statements, stop = _count_queries(app)
    page = text_of(editor.client.get("/"))
    stop()
    assert "2 open opmerkingen" in page and "1 artikel beoordeeld" in page
    assert page.count("Geen opmerkingen") == len(others)
    about_comments = [s for s in statements if "comment" in s.lower()]
    assert len(about_comments) == 1, about_comments  # one query for all plans, not one per plan

    outline = text_of(editor.client.get(f"/plannen/{editor.plan.id}"))
    assert "2 open opmerkingen" in outline and outline.count("open opmerking") == 1  # step 3 only; step 5's is done
