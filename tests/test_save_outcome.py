"""What a user is told when the database fails during a save (issue 19, item 7): "mislukt" only when nothing was
stored; once the database committed, never "mislukt"; and never the server's bare 500, also when the rollback at
the end of the request fails. Each test makes the database fail at one moment with an SQLAlchemy event."""
from __future__ import annotations

import contextlib
import re

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import StepAnswer
from tests import helpers
from tests.apps import test_app
from tests.helpers import text_of

pytestmark = pytest.mark.fresh_app("makes the database's own COMMIT fail or succeed; in a shared transaction the "
                                   "app's commits are savepoints")

ANSWER = {"participatie_definitie": "Samen beleid maken met inwoners."}
FORM = {f"q-{key}": value for key, value in ANSWER.items()}


def _gone(statement: str = "COMMIT", invalidated: bool = False) -> OperationalError:
    return OperationalError(statement, {}, Exception("server closed the connection unexpectedly"),
                            connection_invalidated=invalidated)


def _post_step(client, plan_id: int, armed: list | None = None):
    """Save step 1 as the wizard's form does; `armed` gets an item once the page is loaded, just before the post."""
    html = client.get(f"/plannen/{plan_id}/stap/1").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    version = re.search(r'name="base_version" value="(\d+)"', html).group(1)
    if armed is not None:
        armed.append(True)
    return client.post(f"/plannen/{plan_id}/stap/1", data={**FORM, "csrf_token": token, "base_version": version})


@contextlib.contextmanager
def listening(target, name: str, fn):
    event.listen(target, name, fn)
    try:
        yield
    finally:
        event.remove(target, name, fn)


def _stored(plan_id: int) -> dict | None:
    db.session.expire_all()
    row = db.session.scalar(select(StepAnswer).where(StepAnswer.plan_id == plan_id, StepAnswer.step_number == 1))
    return row.answers if row else None


def test_a_failure_before_the_commit_says_mislukt_and_nothing_is_stored(editor):
    def refuse(*_args):
        raise _gone()

    with listening(db.engine, "commit", refuse):  # fires before the database is asked to commit
        response = helpers.save_step(editor.client, editor.plan.id, 1, FORM)
    assert response.status_code == 503 and "Opslaan is mislukt" in text_of(response)
    assert _stored(editor.plan.id) is None


def test_a_failure_right_after_the_commit_reports_the_save(editor):
    def fail_after(_session):
        raise _gone()

    with listening(db.session, "after_commit", fail_after):
        response = helpers.save_step(editor.client, editor.plan.id, 1, FORM)
    assert response.status_code == 302
    assert _stored(editor.plan.id) == ANSWER
    assert "Stap 1 is opgeslagen" in text_of(editor.client.get(response.headers["Location"]))


def test_the_database_gone_after_the_commit_gives_an_outage_page_that_says_it_was_saved(editor):
    armed, committed = [], []

    def note(_session):
        if armed:
            committed.append(True)

    def gone_once_committed(_conn, _cursor, statement, *_args):
        if committed:
            raise _gone(statement, invalidated=True)

    with listening(db.session, "after_commit", note), \
            listening(db.engine, "before_cursor_execute", gone_once_committed):
        response = _post_step(editor.client, editor.plan.id, armed)
    page = text_of(response)
    assert response.status_code == 503 and "Uw wijziging is opgeslagen" in page
    assert "mislukt" not in page and "niets gewijzigd" not in page
    assert _stored(editor.plan.id) == ANSWER


def test_a_connection_lost_during_the_commit_is_not_called_mislukt(editor):
    def lost(*_args):
        raise _gone(invalidated=True)

    with listening(db.engine, "commit", lost):
        response = helpers.save_step(editor.client, editor.plan.id, 1, FORM)
    page = text_of(response)
    assert response.status_code == 503 and "Mogelijk is zij opgeslagen" in page and "mislukt" not in page


@pytest.fixture()
def app_without_outer_context(tmp_path):
    """An app whose requests each push and tear down their own app context, as under gunicorn."""
    app = test_app(f"sqlite:///{tmp_path / 'p.db'}", PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        db.create_all()
        user = helpers.make_user("bea@a.nl")
        organisation = helpers.make_organisation("Voorbeeld", user)
        plan_id = helpers.make_plan(organisation).id
        db.session.remove()
    yield app, plan_id
    with app.app_context():
        db.engine.dispose()


def test_a_rollback_that_fails_at_the_end_of_the_request_is_not_the_servers_500(app_without_outer_context):
    app, plan_id = app_without_outer_context
    client = app.test_client()
    helpers.login(client, "bea@a.nl")

    def gone(*_args):
        raise _gone("ROLLBACK", invalidated=True)

    with app.app_context():
        engine = db.engine
    with listening(engine, "rollback", gone):
        response = client.get(f"/plannen/{plan_id}/stap/1")  # reads only: the session is rolled back at teardown
    assert response.status_code == 200 and "Participatieverordening" in text_of(response)

    def fail_reads(_conn, _cursor, statement, *_args):
        raise _gone(statement, invalidated=True)

    with listening(engine, "rollback", gone), listening(engine, "before_cursor_execute", fail_reads):
        response = client.get(f"/plannen/{plan_id}/stap/1")
    assert response.status_code == 503 and "Tijdelijke storing" in text_of(response)
