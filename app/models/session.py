"""A login session the server can end: the browser's cookie carries only a random token, this row says whether
it still counts."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import utcnow

if TYPE_CHECKING:
    from app.models.user import User


class UserSession(db.Model):
    __tablename__ = "user_session"
    __table_args__ = (UniqueConstraint("token_hash", name="uq_user_session_token_hash"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the token in the cookie; a copy of the database does not let anyone log in
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: updated at most once a minute, for the idle timeout and the account page
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: set at logout, "log out everywhere", a password change or a timeout; an ended session never counts again
    ended_at: Mapped[datetime | None]
    #: the client's address at login
    ip: Mapped[str] = mapped_column(String(64), default="")
    #: a short label of the browser and system, e.g. "Firefox op Windows"
    device: Mapped[str] = mapped_column(String(80), default="")

    user: Mapped["User"] = relationship(back_populates="sessions")
