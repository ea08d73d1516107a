"""Login sessions that the server can end.

The browser's cookie carries a random token; the server keeps its hash with the user, the time of login and of
the last request. A session counts while it has not been ended, has been used within SESSION_IDLE_MINUTES and is
younger than SESSION_MAX_HOURS. Logging out, "log out everywhere" and a password change end sessions here, so an
old cookie is refused from then on, whatever it still says.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import User, UserSession
from app.models.organisation import utcnow
from app.services.core import access
from app.services.core.access import Action

#: "last seen" is written at most this often, so a page view is not a database write
TOUCH_INTERVAL = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def device_label(user_agent: str) -> str:
    """A short, readable label such as "Firefox op Windows"; the full user agent is not kept."""
    browsers = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
                ("Safari/", "Safari"))
    systems = (("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
               ("Mac OS X", "macOS"), ("Linux", "Linux"))
    browser = next((name for key, name in browsers if key in user_agent), "")
    system = next((name for key, name in systems if key in user_agent), "")
    if browser and system:
        return f"{browser} op {system}"
    return browser or system or re.sub(r"[^\w ./-]", "", user_agent)[:40] or "onbekend apparaat"


def start(user: User, ip: str = "", user_agent: str = "", *, by: access.Actor) -> str:
    """A new session for the user; returns the token for the cookie (only its hash is stored)."""
    access.require(by, Action.SIGN_IN, user)
    token = secrets.token_urlsafe(32)
    record = UserSession(user=user, token_hash=_hash(token), ip=ip[:64], device=device_label(user_agent)[:80])
    db.session.add(record)
    user.active_session, user.session_token = record, token
    return token


def resume(token: str, idle_minutes: int, max_hours: int, *, by: access.Actor) -> User | None:
    """The user of a session token if the session still counts; ends it if it timed out. Marks the session as
    seen (at most once a minute). The caller commits. `by`: access.PUBLIC, whoever shows the cookie."""
    access.require(by, Action.SIGN_IN, None)
    if not token or len(token) > 100:
        return None
    # With the user and their memberships in the same query: every page checks access, so it needs them anyway.
    record = db.session.execute(_resume_statement(), {"token_hash": _hash(token)}).unique().scalar_one_or_none()
    if record is None or record.ended_at is not None:
        return None
    now = utcnow()
    if now - record.last_seen_at > timedelta(minutes=idle_minutes) or \
            now - record.created_at > timedelta(hours=max_hours):
        record.ended_at = now
        return None
    if now - record.last_seen_at >= TOUCH_INTERVAL:
        record.last_seen_at = now
    user = record.user
    user.active_session, user.session_token = record, token
    return user


@lru_cache(maxsize=1)
def _resume_statement():
    """Built once: every request of a logged-in user runs it."""
    return (select(UserSession).options(joinedload(UserSession.user).joinedload(User.memberships))
            .where(UserSession.token_hash == bindparam("token_hash")))


def end(user: User, *, by: User) -> None:
    """End the session the user is in now."""
    access.require(by, Action.SIGN_IN, user)
    record = user.active_session
    if record is not None and record.ended_at is None:
        record.ended_at = utcnow()


def end_all(user: User, keep: UserSession | None = None, *, by: User | access.Actor) -> int:
    """End every open session of the user, except `keep` (the one in use); returns how many. `by`: the user, or
    the public with a reset link."""
    access.require(by, Action.SIGN_IN, user)
    query = update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    if keep is not None:
        query = query.where(UserSession.id != keep.id)
    return db.session.execute(query.values(ended_at=utcnow()), execution_options={"synchronize_session": "fetch"}
                              ).rowcount or 0


def active_sessions(user: User, idle_minutes: int, max_hours: int) -> list[UserSession]:
    """The sessions that still count, newest first, for the account page."""
    now = utcnow()
    return list(db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None),
                                  UserSession.last_seen_at > now - timedelta(minutes=idle_minutes),
                                  UserSession.created_at > now - timedelta(hours=max_hours))
        .order_by(UserSession.last_seen_at.desc())))
