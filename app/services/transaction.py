"""The one place that commits: a request or a command is one unit of work.

Services add, change and flush, but never commit; the view or CLI command that called them wraps the work in
`unit_of_work()`, so everything a user asked for is written together or not at all (audit entries included).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db


class SaveFailed(Exception):
    """The database refused the work; nothing of it was written."""


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit everything or nothing. A domain error raised inside rolls back and passes through unchanged;
    a database error rolls back and becomes SaveFailed."""
    try:
        yield
        db.session.commit()
    except SQLAlchemyError as exc:
        db.session.rollback()
        raise SaveFailed(str(exc)) from exc
    except BaseException:
        db.session.rollback()
        raise


def insert_if_absent(model, **values) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING in the dialect in use (SQLite or PostgreSQL): of two parallel inserts of
    one unique key, exactly one writes a row. True if this one did."""
    from sqlalchemy.dialects import postgresql, sqlite
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
    return db.session.execute(statement).scalar() is not None
