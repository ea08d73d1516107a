"""Login loading, access to a plan by role, security headers and the error pages."""
from __future__ import annotations

from flask import Flask, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db, login_manager
from app.models import Municipality, ParticipationPlan, User
from app.models import Role
from app.services import access, audit, sessions
from app.services.access import Action

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
        user = sessions.resume(token, config["SESSION_IDLE_MINUTES"], config["SESSION_MAX_HOURS"])
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

    def error_page(status: int, title: str, message: str):
        return render_template("errors/error.html", title=title, message=message, status=status), status

    @app.errorhandler(CSRFError)
    def csrf_error(_exc):
        return error_page(400, _l("Formulier verlopen"),
                          _l("Het formulier kon niet worden gecontroleerd. Er is niets opgeslagen. Ga terug, laad "
                             "de pagina opnieuw en probeer het nog eens."))

    for status, title, message in (
        (400, _l("Ongeldig verzoek"), _l("Het verzoek kon niet worden verwerkt. Er is niets opgeslagen.")),
        (403, _l("Geen toegang"), _l("U heeft niet de rol die voor deze handeling nodig is.")),
        (404, _l("Pagina niet gevonden"), _l("Deze pagina bestaat niet, of u heeft er geen toegang toe.")),
        (405, _l("Niet toegestaan"), _l("Deze handeling is op deze pagina niet mogelijk.")),
        (413, _l("Te veel gegevens"), _l("U stuurde meer gegevens dan de assistent in één keer aanneemt. Er is niets "
                                         "opgeslagen. Maak de tekst korter of verdeel hem.")),
        (429, _l("Te veel pogingen"), _l("U heeft het te vaak geprobeerd. Wacht een minuut en probeer het opnieuw.")),
        (500, _l("Er ging iets mis"), _l("Er ging iets mis aan onze kant. Wat u eerder heeft opgeslagen, is bewaard.")),
        (503, _l("Tijdelijke storing"), _l("Door een storing kon uw wijziging nu niet worden opgeslagen. Er is niets "
                                           "gewijzigd; wat u eerder heeft opgeslagen, is bewaard. Ga terug en "
                                           "probeer het over een paar minuten opnieuw.")),
    ):
        app.register_error_handler(status, lambda _e, s=status, t=title, m=message: error_page(s, t, m))


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


def plan_for(plan_id: int, action: Action = Action.VIEW) -> tuple[ParticipationPlan, Role]:
    """The plan if the current user may do `action` on it: 404 for other workspaces, 403 for a weaker role."""
    plan = db.session.get(ParticipationPlan, plan_id)
    return plan, require_access(action, plan)


def municipality_for(municipality_id: int, action: Action = Action.VIEW) -> tuple[Municipality, Role]:
    muni = db.session.get(Municipality, municipality_id)
    return muni, require_access(action, muni)


def require_access(action: Action, target) -> Role:
    """`access.require` for the current user, as HTTP: not found and not a member look the same (404), so ids of
    other workspaces reveal nothing; a role that is too weak gets 403."""
    try:
        return access.require(current_user, action, target)
    except access.SecondFactorRequired:
        flash(_("Deze organisatie vraagt een tweede factor bij het inloggen. Stel die eerst in; daarna kunt u verder."),
              "info")
        abort(redirect(url_for("accounts.second_factor", next=request.full_path.rstrip("?"))))
    except access.AccessDenied as denied:
        abort(404 if denied.hidden else 403)
