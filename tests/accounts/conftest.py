"""Apps that share one database file (or the PostgreSQL test database), as the workers of one server do."""
from __future__ import annotations

import os

import pytest

from app import create_app
from app.extensions import db, limiter
from config import TestConfig
from tests import helpers


@pytest.fixture()
def shared_db_url(tmp_path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'shared.db'}"


@pytest.fixture()
def worker_app(shared_db_url):
    """One 'worker': an app on the shared database, with its tables fresh and its counters empty."""
    config = type("SharedDbConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": shared_db_url})
    app = create_app(config)
    app.test_client_class = helpers.IsolatedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        limiter.reset()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
