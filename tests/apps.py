"""The one place that sets up an app for the tests.

- `test_app(url, **config)`: the app on TestConfig (another database, other settings), with IsolatedClient.
- `fresh_app(url, **config)`: that app with an empty schema made for it and dropped afterwards (a context manager);
  for tests that need real commits, their own server or database, or an app of their own.
- `SharedApp`: one app and one schema for the whole run. Each test runs inside a transaction on one connection that
  is rolled back when the test ends: the session joins it with `join_transaction_mode="create_savepoint"`, so the
  app's own commits (unit_of_work) release a savepoint instead of committing, and the rate-limit counters
  (app/services/core/rate_limits.py) are written through the same connection, as savepoints (one written while the
  session has a savepoint open is rolled back with it; production keeps it). The app's config and extensions
  (the mail outbox, a test's stand-ins) are put back after every test; a second connection is refused.

A test that cannot run inside one rolled-back transaction says why with `@pytest.mark.fresh_app("reason")` and then
gets `fresh_app()` from the `app` fixture (tests/conftest.py).
"""
from __future__ import annotations

import copy
from contextlib import contextmanager
from typing import Iterator

import pytest
from flask import Flask, current_app
from sqlalchemy import event

from app import create_app
from app.extensions import db, limiter
from app.services.core.rate_limits import DatabaseStorage
from config import TestConfig, engine_options
from tests import helpers


def test_app(url: str | None = None, **config) -> Flask:
    """The app as the tests configure it; `url` is its database (default: TEST_DATABASE_URL or in-memory SQLite)."""
    settings = dict(config)
    if url is not None:
        settings["SQLALCHEMY_DATABASE_URI"] = url
    app = create_app(type("TestAppConfig", (TestConfig,), settings) if settings else TestConfig)
    app.test_client_class = helpers.IsolatedClient
    return app


test_app.__test__ = False  # not a test, although pytest would collect the name


@contextmanager
def fresh_app(url: str | None = None, **config) -> Iterator[Flask]:
    """An app on an empty schema of its own, inside its app context; the tables are dropped afterwards."""
    app = test_app(url, **config)
    with app.app_context():
        db.drop_all()
        db.create_all()
        limiter.reset()
        try:
            yield app
        finally:
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


class _InTransaction:
    """Stands in for the engine of the rate-limit storage: its short transactions become savepoints on the test's
    connection (SQLite in memory has one connection only, and the counters must be rolled back with the test)."""

    def __init__(self, connection):
        self.connection = connection
        self.dialect = connection.dialect

    @contextmanager
    def begin(self):
        with self.connection.begin_nested():
            yield self.connection

    @contextmanager
    def connect(self):
        yield self.connection


class SharedApp:
    """One app and schema for the session; `rolled_back()` gives a test its own transaction on it."""

    #: on PostgreSQL the shared tables live in a schema of their own, so that tests with a fresh app (which drop
    #: and create the tables of TEST_DATABASE_URL) leave them alone
    SCHEMA = "shared_app"

    def __init__(self):
        url = TestConfig.SQLALCHEMY_DATABASE_URI
        postgres = url.startswith("postgresql")
        options = {**engine_options(url), "connect_args": {"options": f"-csearch_path={self.SCHEMA}"}} \
            if postgres else {}
        self.app = test_app(**({"SQLALCHEMY_ENGINE_OPTIONS": options} if options else {}))
        with self.app.app_context():
            engine = db.engine
            if engine.dialect.name == "sqlite":
                _sqlite_savepoints(engine)
            if postgres:
                with engine.begin() as connection:
                    connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE")
                    connection.exec_driver_sql(f"CREATE SCHEMA {self.SCHEMA}")
            db.create_all()
            limiter.reset()
            db.session.remove()
        self.config = copy.deepcopy(dict(self.app.config))
        self.extensions = dict(self.app.extensions)

    @contextmanager
    def rolled_back(self) -> Iterator[Flask]:
        app = self.app
        # A patcher of its own: a test may undo its own monkeypatch halfway.
        with app.app_context(), pytest.MonkeyPatch.context() as monkeypatch:
            connection = db.engine.connect()
            outer = connection.begin()
            session_class = db.session.session_factory.class_
            plain_get_bind = session_class.get_bind

            def get_bind(session, mapper=None, clause=None, bind=None, **kwargs):
                if bind is None and current_app._get_current_object() is app:
                    return connection
                return plain_get_bind(session, mapper, clause, bind, **kwargs)

            plain_engine = DatabaseStorage.engine
            counters = _InTransaction(connection)
            monkeypatch.setattr(session_class, "get_bind", get_bind)
            monkeypatch.setitem(db.session.session_factory.kw, "join_transaction_mode", "create_savepoint")
            monkeypatch.setattr(DatabaseStorage, "engine", property(
                lambda storage: counters if current_app._get_current_object() is app else plain_engine.fget(storage)))
            event.listen(db.engine, "engine_connect", _refuse_second_connection)
            try:
                yield app
            finally:
                event.remove(db.engine, "engine_connect", _refuse_second_connection)
                db.session.remove()
                outer.rollback()
                connection.close()
                self._restore()

    def close(self) -> None:
        with self.app.app_context():
            if db.engine.dialect.name == "postgresql":
                with db.engine.begin() as connection:
                    connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE")
            db.engine.dispose()

    def _restore(self) -> None:
        """Settings and extensions a test changed or added (the mail outbox, a stand-in transport) go back."""
        config, extensions = self.app.config, self.app.extensions
        config.clear()
        config.update(copy.deepcopy(self.config))
        extensions.clear()
        extensions.update(self.extensions)


def _refuse_second_connection(*_args) -> None:
    raise AssertionError("Deze test gebruikt db.engine zelf (een tweede verbinding): die ziet de teruggedraaide "
                         "transactie van de test niet (PostgreSQL) of beëindigt haar (SQLite). Markeer de test met "
                         "@pytest.mark.fresh_app(\"reden\"); zie tests/apps.py.")


def _sqlite_savepoints(engine) -> None:
    """pysqlite begins transactions itself and so breaks SAVEPOINT; let SQLAlchemy emit BEGIN (the SQLAlchemy
    documentation's recipe for serializable isolation and savepoints on SQLite)."""

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")
