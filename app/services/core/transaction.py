"""The one place that commits: a request or a command is one unit of work.

Services add, change and flush, but never commit; the view or CLI command that called them wraps the work in
`unit_of_work()`, so everything a user asked for is written together or not at all (audit entries included).
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from app.extensions import db

log = logging.getLogger(__name__)
#: keys in the session's info: commits the database confirmed (any), and whether a unit of work was stored
_DATABASE_COMMITS, SAVED = "database_commits", "unit_of_work_saved"


class SaveFailed(Exception):
    """The database refused the work; nothing of it was written."""


class SaveUncertain(Exception):
    """The connection to the database broke while it committed: the work may have been written or not."""


@event.listens_for(db.session, "after_commit")
def _count_commit(session) -> None:
    # Registered at import, so it runs before any listener added later; it marks the moment the database said yes.
    session.info[_DATABASE_COMMITS] = session.info.get(_DATABASE_COMMITS, 0) + 1


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit everything or nothing. A domain error raised inside rolls back and passes through unchanged;
    a database error before the commit rolls back and becomes SaveFailed. Once the database has committed, the
    work counts as saved even if something fails after it (and `saved_in_this_session()` says so to the error
    page); a connection lost during the commit itself becomes SaveUncertain, never "failed"."""
    try:
        yield
        db.session.flush()  # every statement runs here: a failure up to this point means nothing was written
    except SQLAlchemyError as exc:
        _rollback()
        raise SaveFailed(str(exc)) from exc
    except BaseException:
        _rollback()
        raise
    info = db.session.info
    before = info.get(_DATABASE_COMMITS, 0)
    try:
        db.session.commit()
    except SQLAlchemyError as exc:
        _rollback()
        if info.get(_DATABASE_COMMITS, 0) > before:
            info[SAVED] = True
            log.warning("opgeslagen; daarna een databasefout: %s", exc)
            return
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            raise SaveUncertain(str(exc)) from exc
        raise SaveFailed(str(exc)) from exc
    except BaseException:
        _rollback()
        raise
    info[SAVED] = True


def saved_in_this_session() -> bool:
    """Whether a unit of work of the current request (its session) reached the database."""
    return bool(db.session.info.get(SAVED))


def forget_saves() -> None:
    """At the start of a request: nothing saved yet (the session object may be reused, as in tests)."""
    db.session.info.pop(SAVED, None)


def _rollback() -> None:
    try:
        db.session.rollback()
    except SQLAlchemyError:  # the connection is gone (or the commit half done): start the session afresh
        try:
            db.session.close()
        except SQLAlchemyError:
            pass


def insert_if_absent(model, **values) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING in the dialect in use (SQLite or PostgreSQL): of two parallel inserts of
    one unique key, exactly one writes a row. True if this one did."""
    from sqlalchemy.dialects import postgresql, sqlite
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
    return db.session.execute(statement).scalar() is not None
