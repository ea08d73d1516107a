"""The tests share one app and schema (tests/apps.py): what one test stores, counts, mails or changes in the app's
settings is gone before the next test starts, although the app itself committed it."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import RateLimitCounter, User
from app.services.core.mail import outbox
from tests import helpers


def _rows(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _wrong_password(client):
    return helpers.post_form(client, "/inloggen", {"email": "nina@voorbeeld.nl", "password": "fout-wachtwoord"},
                             token_from="/inloggen")


def test_what_one_test_leaves_behind_is_gone_in_the_next(shared_app):
    with shared_app.rolled_back() as app:
        client = app.test_client()
        helpers.sign_up(client, "nina@voorbeeld.nl")  # stored and committed by the app, with a mail
        helpers.logout(client)
        for _ in range(5):  # TestConfig: 5 attempts per minute
            assert _wrong_password(client).status_code == 200
        assert _wrong_password(client).status_code == 429
        assert _rows(User) == 1 and _rows(RateLimitCounter) > 0 and outbox()
        app.config["AUDIT_PAGE_SIZE"] = 5
        app.extensions["ori_transport"] = object()

    with shared_app.rolled_back() as app:
        assert (_rows(User), _rows(RateLimitCounter), outbox()) == (0, 0, [])
        assert app.config["AUDIT_PAGE_SIZE"] == 50 and "ori_transport" not in app.extensions
        assert _wrong_password(app.test_client()).status_code == 200  # no longer limited
