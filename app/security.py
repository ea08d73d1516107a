"""Login loading, access to a plan by role and the security headers (the error pages are in errors.py)."""
from __future__ import annotations

from typing import TypeVar

from flask import Flask, current_app, g, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import joinedload

from app.extensions import db, login_manager
from app.models import Organisation, ParticipationPlan, User
from app.models import Role
from app.services.core import access, audit
from app.services.accounts import sessions
from app.services.core.access import Action

T = TypeVar("T")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'")


def init_app(app: Flask) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Log in om verder te gaan.")
    login_manager.localize_callback = str  # the lazy text is translated when it is flashed, in the request
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(token: str) -> User | None:
        # The cookie holds a session token (User.get_id), never a user id: the server decides whether it still counts.
        config = current_app.config
        user = sessions.resume(token, config["SESSION_IDLE_MINUTES"], config["SESSION_MAX_HOURS"], by=access.PUBLIC)
        if db.session.dirty:  # "last seen" moved on, or the session just timed out
            try:
                db.session.commit()
            except SQLAlchemyError:
                db.session.rollback()  # a missed "last seen" costs nothing; the next request tries again
        return user

    app.after_request(no_store_when_private)

    @app.before_request
    def remember_client_ip():
        # The audit trail records where an action came from; behind a proxy, configure ProxyFix so this is the client.
        audit.client_ip.set(request.remote_addr or "")

    @app.before_request
    def load_session_first():
        # Check the session before the view starts its own work, so the "last seen" commit above commits nothing else.
        if "_user_id" in session and request.endpoint not in ("static", "assets.vendor"):
            current_user._get_current_object()

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


#: endpoints of files that are the same for everyone and may be cached
PUBLIC_FILES = {"static", "assets.vendor"}


def no_store_when_private(response):
    """A page for a logged-in person and every download stays out of every cache (a shared computer's browser,
    a proxy): `Cache-Control: no-store`. Static files are the same for everyone and keep caching."""
    if request.endpoint in PUBLIC_FILES:
        return response
    # Read what the request already knows, without loading the user: the error pages must work without a database.
    loaded = g.get("_login_user")
    logged_in = "_user_id" in session or bool(loaded is not None and loaded.is_authenticated)
    if logged_in or response.headers.get("Content-Disposition", "").startswith("attachment"):
        response.headers["Cache-Control"] = "no-store"
    return response


_WITH_ORGANISATION = [joinedload(ParticipationPlan.organisation)]  # made once: building it costs on every request
_WITH_STEPS = [*_WITH_ORGANISATION, joinedload(ParticipationPlan.steps)]


def load_or_404(model: type[T], target_id: int, action: Action, by, options=()) -> T:
    """The one loader of a view's target: the row of `model` if `by` may do `action` on it. A missing row and a
    target the user may not know look the same (404, answered in app/errors.py), a role too weak gets 403."""
    target = db.session.get(model, target_id, options=list(options) or None)
    access.require(by, action, target)
    return target


def plan_for(plan_id: int, action: Action = Action.VIEW, with_steps: bool = False) -> tuple[ParticipationPlan, Role]:
    """The plan if the current user may do `action` on it, and their role in its organisation.
    `with_steps`: the plan's answers come in the same query (a step page reads them all, for the step outline)."""
    plan = load_or_404(ParticipationPlan, plan_id, action, current_user,
                       _WITH_STEPS if with_steps else _WITH_ORGANISATION)
    return plan, access.role_of(current_user, plan)


def organisation_for(organisation_id: int, action: Action = Action.VIEW) -> tuple[Organisation, Role]:
    organisation = load_or_404(Organisation, organisation_id, action, current_user)
    return organisation, access.role_of(current_user, organisation)


def require_access(action: Action, target) -> Role:
    """`access.require` for the current user. A refusal is answered by the handler in app/errors.py: not found and
    not a member look the same (404), so ids of other organisations reveal nothing; a role that is too weak gets 403;
    an organisation that asks for a second factor sends a member without one to set it up."""
    return access.require(current_user, action, target)
