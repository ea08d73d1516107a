"""Rate limits of the account pages: per IP address, and per typed e-mail address where one is typed.

The counts live in the storage of RATELIMIT_STORAGE_URI (the app's database by default, see
app/services/rate_limits.py), so every worker sees the same numbers."""
from __future__ import annotations

from typing import Callable

from flask import current_app, request

from app.extensions import limiter
from app.services import accounts


def typed_email() -> str:
    """The address in the posted form, as the account is looked up and logged: cleaned, trimmed, lower case."""
    return "email:" + accounts.typed_email(request.form.get("email"))


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def login(view):
    view = limiter.limit(_setting("LOGIN_RATE_LIMIT"), methods=["POST"])(view)
    return limiter.limit(_setting("LOGIN_ACCOUNT_RATE_LIMIT"), methods=["POST"], key_func=typed_email)(view)


def register(view):
    return limiter.limit(_setting("REGISTER_RATE_LIMIT"), methods=["POST"])(view)


def password_reset(view):
    view = limiter.limit(_setting("RESET_RATE_LIMIT"), methods=["POST"])(view)
    return limiter.limit(_setting("RESET_ACCOUNT_RATE_LIMIT"), methods=["POST"], key_func=typed_email)(view)
