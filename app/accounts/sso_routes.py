"""Single sign-on for staff: log in at the organisation's own identity provider (OpenID Connect).

Beside the password login, not in it: /inloggen/organisatie asks for the work address, /inloggen/sso?domein=… sends the
browser to the provider and /inloggen/sso/terug receives it back. Logging out is the same as for a password login:
the app's session ends on the server.
"""
from __future__ import annotations

import os
import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from app.accounts import bp
from app.accounts.forms import OrganisationLoginForm
from app.accounts.routes import _log_in, _safe_next
from app.extensions import db, limiter
from app.models import SingleSignOn
from app.services.accounts import sso
from app.services.core import access
from app.services.core.transaction import unit_of_work

#: what this login sent to the provider (state, nonce, PKCE verifier), in the signed session cookie
PENDING_SSO, PENDING_SECONDS = "pending_sso", 600


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/inloggen/organisatie", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def organisation_login():
    """Log in through the organisation: the work address's domain finds its identity provider."""
    form = OrganisationLoginForm()
    if form.validate_on_submit():
        config = sso.by_email_domain(form.email.data)
        if config is not None:
            # A link, not a redirect: the page's Content-Security-Policy (form-action 'self') would stop a form
            # submission that ends at another site, and a link click is the user's own step to the provider.
            return render_template("accounts/organisation_login.html", form=form, found=config.organisation,
                                   start=url_for("accounts.sso_start", domein=config.email_domain,
                                                 next=request.args.get("next")))
        form.email.errors.append(_("Voor dit e-mailadres is geen inloggen via de organisatie ingesteld. Log in met uw "
                                   "wachtwoord, of vraag de beheerder van uw organisatie om het in te stellen."))
    return render_template("accounts/organisation_login.html", form=form, found=None)


@bp.route("/inloggen/sso")
@limiter.limit(_login_limit)
def sso_start():
    """Send the browser to the provider of the organisation of an e-mail domain (?domein=…), with state, nonce and
    a PKCE challenge."""
    config = sso.by_email_domain("@" + request.args.get("domein", ""))
    if config is None:
        flash(_("Voor deze organisatie is geen inloggen via de organisatie ingesteld."), "error")
        return redirect(url_for("accounts.organisation_login"))
    try:
        url, pending = sso.begin(config, url_for("accounts.sso_callback", _external=True),
                                 allowed_hosts=current_app.config["SSO_ALLOWED_HOSTS"])
    except sso.SsoError as error:
        with unit_of_work():
            sso.refuse(config, error, by=access.PUBLIC)
        flash(error.message, "error")
        return redirect(url_for("accounts.login"))
    session[PENDING_SSO] = {**pending.as_dict(), "at": time.time(), "next": _safe_next(request.args.get("next"))}
    return redirect(url)


@bp.route("/inloggen/sso/terug")
@limiter.limit(_login_limit)
def sso_callback():
    """The provider sends the browser back with a code: exchange it, check the ID token, log in."""
    stored = session.pop(PENDING_SSO, None)
    config = None
    try:
        if not isinstance(stored, dict) or time.time() - stored.get("at", 0) > PENDING_SECONDS:
            raise sso.SsoError("no_pending", _("Het inloggen duurde te lang of is al afgerond. Probeer het opnieuw."))
        pending = sso.Pending.from_dict(stored)
        config = db.session.scalar(db.select(SingleSignOn)
                                   .where(SingleSignOn.organisation_id == pending.organisation_id))
        if config is None:
            raise sso.SsoError("no_config")
        secret = sso.client_secret(config, key=current_app.config.get("SSO_SECRET_KEY"), environ=os.environ)
        claims = sso.finish(config, pending, request.url, request.args, secret=secret,
                            allowed_hosts=current_app.config["SSO_ALLOWED_HOSTS"])
        with unit_of_work():
            user = sso.sign_in(config, claims, by=access.PUBLIC)
    except sso.SsoError as error:
        db.session.rollback()
        with unit_of_work():
            sso.refuse(config, error, by=access.PUBLIC)
        flash(error.message, "error")
        return redirect(url_for("accounts.login"))
    _log_in(user)
    return redirect(stored.get("next") or url_for("plans.index"))
