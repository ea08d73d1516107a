"""Rate limits of the account pages: per IP address, and per typed e-mail address where one is typed.

The counts live in the storage of RATELIMIT_STORAGE_URI (the app's database by default, see
app/services/core/rate_limits.py), so every worker sees the same numbers.

The per-account login limit must not let a stranger lock the owner out (OWASP, "device cookies"): a right password
sets a signed cookie on that device naming the account, and a device with that cookie counts its tries for the
account on a counter of its own, which the stranger cannot fill. A right password never counts: its try is given
back. The per-IP limit counts every try, as before.
"""
from __future__ import annotations

import hashlib
import secrets
from functools import wraps
from typing import Callable

from flask import abort, current_app, request
from itsdangerous import BadData, URLSafeTimedSerializer
from limits import parse
from limits.strategies import FixedWindowRateLimiter

from app.extensions import limiter
from app.services.accounts import accounts

#: the cookie that marks a device on which an account logged in; it holds no secret, only a nonce and account marks
DEVICE_COOKIE, DEVICE_DAYS, DEVICE_ACCOUNTS = "apparaat", 365, 10


def typed_email() -> str:
    """The address in the posted form, as the account is looked up and logged: cleaned, trimmed, lower case."""
    return "email:" + accounts.typed_email(request.form.get("email"))


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def login(view):
    view = limiter.limit(_setting("LOGIN_RATE_LIMIT"), methods=["POST"])(view)

    @wraps(view)
    def limited_per_account(*args, **kwargs):
        if request.method != "POST" or not limiter.enabled or not current_app.config.get("RATELIMIT_ENABLED", True):
            return view(*args, **kwargs)
        email = accounts.typed_email(request.form.get("email"))
        device = _device()
        mark = _account_mark(email)
        who = f"device:{device['nonce']}:{email}" if mark in device["accounts"] else f"email:{email}"
        item, strategy = parse(current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]), FixedWindowRateLimiter(limiter.storage)
        if not strategy.hit(item, "login-account", who):
            abort(429)
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code in (302, 303):  # the password was right: the try is given back, the device marked
            limiter.storage.incr(item.key_for("login-account", who), item.get_expiry(), amount=-1)
            _remember_device(response, device, mark)
        return response
    return limited_per_account


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="login-device")


def _account_mark(email: str) -> str:
    # The cookie need not show which addresses log in on the device: a keyed hash of the address is enough.
    return hashlib.sha256(f"{current_app.secret_key}:{email}".encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _device() -> dict:
    """The device cookie's contents if its signature is right, else a new device with no accounts."""
    try:
        data = _serializer().loads(request.cookies.get(DEVICE_COOKIE, ""), max_age=DEVICE_DAYS * 86400)
        if isinstance(data, dict) and isinstance(data.get("nonce"), str) and isinstance(data.get("accounts"), list):
            return {"nonce": data["nonce"], "accounts": [a for a in data["accounts"] if isinstance(a, str)]}
    except BadData:  # no cookie, a forged or an expired one
        pass
    return {"nonce": secrets.token_urlsafe(16), "accounts": []}


def _remember_device(response, device: dict, mark: str) -> None:
    marks = [mark] + [a for a in device["accounts"] if a != mark]
    value = _serializer().dumps({"nonce": device["nonce"], "accounts": marks[:DEVICE_ACCOUNTS]})
    response.set_cookie(DEVICE_COOKIE, value, max_age=DEVICE_DAYS * 86400, httponly=True, samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))


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
