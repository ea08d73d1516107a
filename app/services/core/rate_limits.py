"""Rate-limit counters in the application's own database, shared by every worker.

A storage backend for the `limits` library (which Flask-Limiter uses), registered as the scheme "database://":
`RATELIMIT_STORAGE_URI=database://` counts in the table rate_limit_counter of the app's database; a Redis URI there
uses Redis instead. Only fixed windows are supported, which is what Flask-Limiter uses by default.

Each hit is one atomic INSERT ... ON CONFLICT DO UPDATE ... RETURNING in a short transaction of its own, on a
connection apart from the request's session, so a request that is rolled back still counts and parallel requests in
different processes never both read the same count. (On SQLite a request that has already written holds the
database's write lock, so a hit must come before the request's own writes; Flask-Limiter checks before the view.)
"""
from __future__ import annotations

import hashlib
import time
from typing import Callable

from limits.storage import Storage
from sqlalchemy import case, delete, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

#: how often (seconds) a process removes expired counters; the removal is one indexed DELETE
CLEANUP_INTERVAL = 60.0
_MAX_KEY = 255


def _app_engine() -> Engine:
    from app.extensions import db  # the engine of the app that handles the current request
    return db.engine


def _table():
    from app.models.recovery import RateLimitCounter
    return RateLimitCounter.__table__


def _stored_key(key: str) -> str:
    # Keys hold what the visitor typed; a long one is stored as its hash so it fits the column.
    if len(key) <= _MAX_KEY:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class DatabaseStorage(Storage):
    """Fixed-window counters in the table rate_limit_counter."""

    STORAGE_SCHEME = ["database"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False,
                 engine: Engine | Callable[[], Engine] | None = None, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._engine = engine or _app_engine
        self._next_cleanup = 0.0

    @property
    def engine(self) -> Engine:
        return self._engine() if callable(self._engine) else self._engine

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def _insert(self, dialect: str):
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        elif dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            raise NotImplementedError(f"database:// rate limits need SQLite or PostgreSQL, not {dialect}")
        return insert

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        table, now = _table(), time.time()
        engine = self.engine
        insert = self._insert(engine.dialect.name)
        statement = insert(table).values(key=_stored_key(key), count=amount, expires_at=now + expiry)
        expired = table.c.expires_at <= now
        # A window that has ended starts again at `amount`; otherwise add to it. One statement, so it is atomic.
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={"count": case((expired, amount), else_=table.c.count + amount),
                  "expires_at": case((expired, now + expiry), else_=table.c.expires_at)},
        ).returning(table.c.count)
        with engine.begin() as conn:
            count = conn.execute(statement).scalar_one()
        if now >= self._next_cleanup:
            self._next_cleanup = now + CLEANUP_INTERVAL
            with engine.begin() as conn:
                conn.execute(delete(table).where(table.c.expires_at <= now))
        return count

    def get(self, key: str) -> int:
        table = _table()
        with self.engine.connect() as conn:
            count = conn.execute(select(table.c.count).where(table.c.key == _stored_key(key),
                                                             table.c.expires_at > time.time())).scalar()
        return count or 0

    def get_expiry(self, key: str) -> float:
        table = _table()
        with self.engine.connect() as conn:
            expires = conn.execute(select(table.c.expires_at).where(table.c.key == _stored_key(key))).scalar()
        return expires if expires and expires > time.time() else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        table = _table()
        with self.engine.begin() as conn:
            return conn.execute(delete(table)).rowcount

    def clear(self, key: str) -> None:
        table = _table()
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.key == _stored_key(key)))
