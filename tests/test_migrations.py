"""The Alembic migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""
from __future__ import annotations

import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app import create_app
from app.extensions import db
from config import TestConfig


def _config(url: str):
    return type("MigrationConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url})


def test_migrations_match_the_models(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'migrated.db'}"
    app = create_app(_config(url))
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:  # a previous run may have left Alembic's bookkeeping behind
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade()
        with db.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert differences == [], f"migrations and models differ: {differences}"
        downgrade(revision="base")
        remaining = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert remaining == set(), f"downgrade left tables behind: {remaining}"
        db.drop_all()
