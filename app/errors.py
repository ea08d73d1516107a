"""The error pages: rendered without the database, so they also work while the database is down."""
from __future__ import annotations

import logging

from flask import Flask, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from werkzeug.exceptions import InternalServerError
from werkzeug.routing import IntegerConverter

from app.extensions import db
from app.services.core.access import AccessDenied, SecondFactorRequired
from app.services.core.transaction import SaveFailed, SaveUncertain, forget_saves, saved_in_this_session

log = logging.getLogger(__name__)

PAGES = {
    400: (_l("Ongeldig verzoek"), _l("Het verzoek kon niet worden verwerkt. Er is niets opgeslagen.")),
    403: (_l("Geen toegang"), _l("U heeft niet de rol die voor deze handeling nodig is.")),
    404: (_l("Pagina niet gevonden"), _l("Deze pagina bestaat niet, of u heeft er geen toegang toe.")),
    405: (_l("Niet toegestaan"), _l("Deze handeling is op deze pagina niet mogelijk.")),
    413: (_l("Te veel gegevens"), _l("U stuurde meer gegevens dan de assistent in één keer aanneemt. Er is niets "
                                     "opgeslagen. Maak de tekst korter of verdeel hem.")),
    429: (_l("Te veel pogingen"), _l("U heeft het te vaak geprobeerd. Wacht een minuut en probeer het opnieuw.")),
    500: (_l("Er ging iets mis"), _l("Er ging iets mis aan onze kant. Wat u eerder heeft opgeslagen, is bewaard.")),
    503: (_l("Tijdelijke storing"), _l("Door een storing kon uw wijziging nu niet worden opgeslagen. Er is niets "
                                       "gewijzigd; wat u eerder heeft opgeslagen, is bewaard. Ga terug en probeer "
                                       "het over een paar minuten opnieuw.")),
}
#: the 503 page when this request's change was stored before the database went away
SAVED_THEN_OUTAGE = _l("Uw wijziging is opgeslagen. Daarna viel de verbinding met de database weg, zodat deze pagina "
                       "niet kon worden getoond; wat u eerder heeft opgeslagen, is bewaard. Probeer het over een paar "
                       "minuten opnieuw.")
#: the 503 page when the connection broke during the commit itself: the database may or may not have stored it
SAVE_UNCERTAIN = _l("De verbinding met de database viel weg terwijl uw wijziging werd opgeslagen. Mogelijk is zij "
                    "opgeslagen; wat u eerder heeft opgeslagen, is bewaard. Kijk over een paar minuten na of uw "
                    "wijziging er staat voordat u haar opnieuw invoert.")


def error_page(status: int, title=None, message=None):
    """The error page as a response. A 503 page, and a 500 page for a visitor whose user was not loaded yet, is
    rendered straight from the template, without Flask's context processors: Flask-Login's would load the user from
    the database, which may be what failed; it is shown as to a visitor. Other error pages show the user's menu: a
    500 page too when the request had already loaded its user (the bug was elsewhere, so a logged-in user does not
    seem logged out), unless reading the user fails."""
    default_title, default_message = PAGES[status]
    context = {"title": title or default_title, "message": message or default_message, "status": status}
    if status < 500 or status == 500 and _user_already_loaded():
        if status == 500:
            _forget_transaction()  # the failed request's changes are not kept, and the session can read again
        try:
            return render_template("errors/error.html", **context), status
        except Exception:  # noqa: BLE001 (an error page must not fail: fall back to the visitor's page)
            log.warning("foutpagina zonder gebruiker getoond", exc_info=True)
            _forget_transaction()
    html = current_app.jinja_env.get_template("errors/error.html").render(**context, current_user=AnonymousUserMixin())
    return html, status


def _user_already_loaded() -> bool:
    """Flask-Login keeps the request's user in g once a view or hook asked for it."""
    user = g.get("_login_user")
    return user is not None and bool(getattr(user, "is_authenticated", False))


def is_database_outage(exc: BaseException | None) -> bool:
    """The database cannot be reached or is locked, as opposed to a bug in a query."""
    return isinstance(exc, OperationalError) or isinstance(exc, DBAPIError) and exc.connection_invalidated


class DatabaseId(IntegerConverter):
    """<int:...> in an address: a number no row can have (beyond a 32-bit integer) is 'not found', not a database
    error. Must be installed before the blueprints add their routes."""

    def __init__(self, map, fixed_digits=0, min=None, max=2**31 - 1, signed=False):  # noqa: A002 (werkzeug's names)
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseId
    @app.errorhandler(CSRFError)
    def csrf_error(_exc):
        return error_page(400, _l("Formulier verlopen"),
                          _l("Het formulier kon niet worden gecontroleerd. Er is niets opgeslagen. Ga terug, laad "
                             "de pagina opnieuw en probeer het nog eens."))

    @app.before_request
    def nothing_saved_yet():
        forget_saves()

    @app.errorhandler(DBAPIError)
    def database_error(exc: DBAPIError):
        if not is_database_outage(exc):
            raise exc  # a real bug: the 500 page below, with the traceback in the log
        log.warning("database niet bereikbaar: %s", exc.orig)
        return _outage_page()

    @app.errorhandler(SaveUncertain)
    def save_uncertain(exc: SaveUncertain):
        log.warning("verbinding verbroken tijdens opslaan: %s", exc)
        _forget_transaction()
        return error_page(503, message=SAVE_UNCERTAIN)

    @app.errorhandler(AccessDenied)
    def access_denied(denied: AccessDenied):
        # access.py's rule as HTTP: whoever may not know the target exists gets 404, a role too weak 403.
        if isinstance(denied, SecondFactorRequired):
            flash(_("Deze organisatie vraagt een tweede factor bij het inloggen. Stel die eerst in; daarna kunt u "
                    "verder."), "info")
            return redirect(url_for("accounts.second_factor", next=request.full_path.rstrip("?")))
        return error_page(404 if denied.hidden else 403)

    @app.errorhandler(SaveFailed)
    def save_failed(exc: SaveFailed):
        # The database refused the work and nothing was written: a view that keeps the user's input on the page
        # catches SaveFailed itself; everywhere else this is the answer.
        log.warning("opslaan mislukt: %s", exc)
        _forget_transaction()
        return error_page(503)

    @app.errorhandler(InternalServerError)
    def internal_error(exc: InternalServerError):
        # An outage that surfaced outside a view (a hook, a template) still gets the outage page.
        if is_database_outage(exc.original_exception):
            return _outage_page()
        return error_page(500)

    # Registered after Flask-SQLAlchemy's, so it runs first: the session is closed here, where a failing rollback
    # (the database went away) is logged instead of reaching the server as its bare 500.
    @app.teardown_appcontext
    def close_session(_exc):
        try:
            db.session.remove()
        except SQLAlchemyError as exc:
            log.warning("sessie sluiten mislukt: %s", exc)
            try:
                db.session.registry().invalidate()  # drop the connection without asking it to roll back again
            except SQLAlchemyError:
                pass
            db.session.registry.clear()

    for status in PAGES:
        if status != 500:
            app.register_error_handler(status, lambda _exc, s=status: error_page(s))


def _outage_page():
    _forget_transaction()
    return error_page(503, message=SAVED_THEN_OUTAGE if saved_in_this_session() else None)


def _forget_transaction() -> None:
    try:
        db.session.rollback()
    except DBAPIError:  # the connection is gone; the session is discarded at the end of the request anyway
        pass
