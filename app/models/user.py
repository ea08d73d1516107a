"""A person who logs in; belongs to one or more municipality organisations."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.organisation import Membership, utcnow

if TYPE_CHECKING:
    from app.models.session import UserSession


class User(UserMixin, db.Model):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    #: login name, stored lower case
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    #: scrypt hash from werkzeug; never the password itself
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: base32 secret of the authenticator app (TOTP); None when the second factor is off
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    #: the time step of the last accepted code, so one code cannot be used twice
    totp_last_step: Mapped[int | None]
    #: the login waiting for its code since the last right password; the cookie of that login carries it, so a
    #: cookie from before (saved and replayed) no longer works once a new login began or the tries ran out
    login_code_nonce: Mapped[str | None] = mapped_column(String(32))
    #: wrong codes for that login, counted here and not in the cookie, so a replayed cookie gets no new tries
    login_code_failures: Mapped[int] = mapped_column(default=0, server_default="0")

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", cascade="all, delete-orphan")
    sessions: Mapped[list["UserSession"]] = relationship(back_populates="user", cascade="all, delete-orphan")

    #: the login session of the current request and its cookie token; set by app/services/accounts/sessions.py, not
    #: stored
    active_session = None
    session_token = None

    # Flask-Login keeps get_id() in the cookie: the session token, never the user id, which SQLite may give to the
    # next account after a deletion. Two user objects are equal only if they are the same row object.
    def get_id(self) -> str:
        if not self.session_token:
            raise RuntimeError("start a session with app.services.accounts.sessions.start() before login_user()")
        return self.session_token

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    @property
    def totp_enabled(self) -> bool:
        return bool(self.totp_secret)

    def set_password(self, password: str) -> None:
        # scrypt by default; the test configuration picks a cheaper method to keep the suite fast.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def role_in(self, organisation_id: int) -> str | None:
        for m in self.memberships:
            if m.organisation_id == organisation_id:
                return m.role
        return None
