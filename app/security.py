"""Login loading, access to a plan by role and the security headers (the error pages are in errors.py)."""
from __future__ import annotations

from flask import Flask, abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.extensions import db, login_manager
from app.models import Municipality, ParticipationPlan, User
from app.services.permissions import allowed

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'")


def init_app(app: Flask) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Log in om verder te gaan.")
    login_manager.localize_callback = str  # the lazy text is translated when it is flashed, in the request
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def plan_for(plan_id: int, action: str = "view") -> tuple[ParticipationPlan, str]:
    """The plan if the current user may do `action` on it: 404 for other municipalities, 403 for a weaker role."""
    plan = db.session.get(ParticipationPlan, plan_id)
    return plan, _role_for(plan and plan.municipality_id, action)


def municipality_for(municipality_id: int, action: str = "view") -> tuple[Municipality, str]:
    muni = db.session.get(Municipality, municipality_id)
    return muni, _role_for(muni and muni.id, action)


def _role_for(municipality_id: int | None, action: str) -> str:
    # Not found and not a member look the same (404), so ids of other municipalities reveal nothing.
    role = current_user.role_in(municipality_id) if municipality_id and current_user.is_authenticated else None
    if role is None:
        abort(404)
    if not allowed(role, action):
        abort(403)
    return role

