"""Apps that share one database file (or the PostgreSQL test database), as the workers of one server do."""
from __future__ import annotations

import os

import pytest

from tests.apps import fresh_app


@pytest.fixture()
def shared_db_url(tmp_path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'shared.db'}"


@pytest.fixture()
def worker_app(shared_db_url):
    """One 'worker': an app on the shared database, with its tables fresh and its counters empty."""
    with fresh_app(shared_db_url) as app:
        yield app
