"""Links sent by e-mail (password reset, confirming a new account) and the shared rate-limit counters."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.organisation import utcnow


class AccountToken(db.Model):
    """A single-use link sent by e-mail. Only a hash of the secret is stored, so the table alone opens nothing."""
    __tablename__ = "account_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    #: "reset" (new password for an existing account) or "confirm" (a sign-up waiting for its address to be confirmed)
    purpose: Mapped[str] = mapped_column(String(20))
    #: SHA-256 of the secret in the link, hex
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: the account a reset link is for
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: a sign-up: the address, name and password hash chosen; the account is made when the link is used
    email: Mapped[str | None] = mapped_column(String(254))
    name: Mapped[str | None] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: after this moment the link no longer works
    expires_at: Mapped[datetime] = mapped_column(index=True)
    #: set when the link was used; a link works once
    used_at: Mapped[datetime | None]


class RateLimitCounter(db.Model):
    """One fixed-window counter of the rate limiter (see app/services/core/rate_limits.py), shared by all workers."""
    __tablename__ = "rate_limit_counter"
    #: the limiter's key: limit, endpoint and who (IP address or typed e-mail address)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    #: hits in the current window
    count: Mapped[int] = mapped_column(Integer)
    #: end of the current window, in seconds since 1970 (the `limits` library counts in epoch seconds)
    expires_at: Mapped[float] = mapped_column(Float, index=True)
