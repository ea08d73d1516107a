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


def _mail_sent(response) -> bool:
    """Sign-up and reset redirect once a mail goes out; a form sent back with a typing error does not count, so
    an empty field or a mistyped address does not use up the few tries a whole office shares."""
    return response.status_code in (302, 303)


def register(view):
    return limiter.limit(_setting("REGISTER_RATE_LIMIT"), methods=["POST"], deduct_when=_mail_sent)(view)


def password_reset(view):
    view = limiter.limit(_setting("RESET_RATE_LIMIT"), methods=["POST"], deduct_when=_mail_sent)(view)
    return limiter.limit(_setting("RESET_ACCOUNT_RATE_LIMIT"), methods=["POST"], key_func=typed_email,
                         deduct_when=_mail_sent)(view)
