import json
import time
from functools import partial
from urllib.parse import urlsplit

from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import bp, limits
from app.accounts.forms import (ChangePasswordForm, CodeForm, DeleteAccountForm, DisableSecondFactorForm, LoginForm,
                                RegisterForm, OrganisationSecondFactorForm)
from app.extensions import db, limiter
from app.models import User
from app.security import organisation_for
from app.services.accounts import accounts
from app.services.core import access, mail
from app.services.accounts import recovery, sessions, sso, totp
from app.services.core.access import Action
from app.services.core.transaction import unit_of_work

#: between a right password and the code of the second factor; kept in the signed cookie for a few minutes (the
#: tries are counted on the account, app/services/accounts/accounts.py try_login_code)
PENDING_LOGIN, PENDING_SECONDS = "pending_login", 300
#: the secret of a second factor being set up, until the user confirms it with a code
PENDING_SECRET = "pending_totp_secret"
#: absolute links for mail
external_link = partial(url_for, _external=True)


def _safe_next(target: str | None) -> str:
    """Only a path on this site, so a crafted link cannot send someone elsewhere after login. Browsers drop tabs
    and newlines from a URL and read a backslash as a slash, so "/\\t/evil.example" would leave the site: any
    control character is refused, and the rest is judged the way a browser would read it."""
    fallback = url_for("plans.index")
    if not target or len(target) > 2000 or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return fallback
    as_browser = urlsplit(target.replace("\\", "/"))
    if as_browser.scheme or as_browser.netloc or not as_browser.path.startswith("/") \
            or target.replace("\\", "/").startswith("//"):
        return fallback
    return target


def _log_in(user: User) -> None:
    """Start a server-side session (the cookie gets only its token) and record the login."""
    session.pop(PENDING_LOGIN, None)
    with unit_of_work():
        accounts.log_in(user, request.remote_addr or "", request.user_agent.string, by=access.PUBLIC)
    login_user(user)


@bp.route("/registreren", methods=["GET", "POST"])
@limits.register
def register():
    """Sign up: a confirmation link is mailed; the answer does not tell whether the address already has an account."""
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                message = recovery.sign_up(form.name.data, form.email.data, form.password.data, link=external_link,
                                           next_url=_safe_next(request.args.get("next")),
                                           valid_hours=current_app.config["EMAIL_CONFIRM_HOURS"], by=access.PUBLIC)
        except accounts.AccountError as exc:
            getattr(form, exc.field).errors.append(exc.message)
        else:
            mail.deliver(message)
            return redirect(url_for("accounts.check_email"))
    return render_template("accounts/register.html", form=form)


@bp.route("/inloggen", methods=["GET", "POST"])
@limits.login
def login():
    """Log in with e-mail and password; then the code of the second factor if the account has one."""
    form = LoginForm()
    if form.validate_on_submit():
        with unit_of_work():  # a failed attempt is written to the audit log
            user = accounts.authenticate(form.email.data, form.password.data, by=access.PUBLIC)
        if user and sso.password_login_blocked(user):  # the organisation allows only its own provider (SSO)
            with unit_of_work():
                sso.refuse_password_login(user, by=access.PUBLIC)
            form.password.errors.append(_("Uw organisatie staat inloggen met een wachtwoord niet toe. Kies "
                                          "‘Met het account van uw organisatie inloggen’."))
            return render_template("accounts/login.html", form=form)
        if user and user.totp_enabled:
            with unit_of_work():
                nonce = accounts.begin_login_code(user, by=access.PUBLIC)
            session[PENDING_LOGIN] = {"user": user.id, "email": user.email, "at": time.time(), "nonce": nonce}
            return redirect(url_for("accounts.login_code", next=request.args.get("next")))
        if user:
            _log_in(user)
            return redirect(_safe_next(request.args.get("next")))
        # The same message whether or not the account exists.
        form.password.errors.append(_("Deze combinatie van e-mailadres en wachtwoord is onbekend."))
    return render_template("accounts/login.html", form=form)


def _pending_user() -> User | None:
    """The account whose password was just right, if that was less than five minutes ago."""
    pending = session.get(PENDING_LOGIN)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("user"))
    # The e-mail address guards against an id that SQLite gave to a new account in the meantime.
    return user if user and user.email == pending.get("email") and user.totp_enabled \
        and accounts.login_code_pending(user, pending.get("nonce")) else None


@bp.route("/inloggen/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login_code():
    """The second step of logging in: the code from the authenticator app."""
    user = _pending_user()
    if user is None:
        session.pop(PENDING_LOGIN, None)
        flash(_("Log opnieuw in met uw e-mailadres en wachtwoord."), "info")
        return redirect(url_for("accounts.login", next=request.args.get("next")))
    form = CodeForm()
    if form.validate_on_submit():
        with unit_of_work():  # a used or wrong code is recorded too, and so is the try
            right = accounts.try_login_code(user, session[PENDING_LOGIN]["nonce"], form.code.data, by=access.PUBLIC)
        if right:
            _log_in(user)
            return redirect(_safe_next(request.args.get("next")))
        if right is None:  # the tries are used up: start again with the password
            session.pop(PENDING_LOGIN)
            flash(_("De code was te vaak onjuist. Log opnieuw in."), "error")
            return redirect(url_for("accounts.login", next=request.args.get("next")))
        form.code.errors.append(_("Deze code klopt niet of is al gebruikt. Wacht tot de app een nieuwe code toont en "
                                  "vul die in."))
    return render_template("accounts/login_code.html", form=form)


@bp.route("/uitloggen", methods=["POST"])
@login_required
def logout():
    """Log out: the session ends on the server, so the old cookie no longer works."""
    with unit_of_work():
        accounts.log_out(current_user, by=current_user)
    logout_user()
    flash(_("U bent uitgelogd."), "info")
    return redirect(url_for("accounts.login"))


def _account_page(**forms):
    """The account page, with the form that was just posted (and its messages) in place of a blank one."""
    forms.setdefault("password_form", ChangePasswordForm(formdata=None))
    forms.setdefault("delete_form", DeleteAccountForm(formdata=None))
    forms.setdefault("disable_form", DisableSecondFactorForm(formdata=None, prefix="uit"))
    config = current_app.config
    active = sessions.active_sessions(current_user, config["SESSION_IDLE_MINUTES"], config["SESSION_MAX_HOURS"])
    return render_template("accounts/account.html", sessions=active, current=current_user.active_session, **forms)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Show the account, and delete it on request."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.password.data):
            form.password.errors.append(_("Dit wachtwoord klopt niet."))
        else:
            try:
                with unit_of_work():
                    accounts.delete_account(current_user, by=current_user)
            except accounts.AccountError as exc:
                form.password.errors.append(exc.message)
            else:
                logout_user()
                flash(_("Uw account is verwijderd."), "ok")
                return redirect(url_for("accounts.login"))
    return _account_page(delete_form=form)


def _done(form, action) -> bool:
    """Run `action` as one unit of work; a refusal (AccountError) is shown next to its field. True if it went through."""
    try:
        with unit_of_work():
            action()
    except accounts.AccountError as exc:
        getattr(form, exc.field).errors.append(exc.message)
        return False
    return True


@bp.route("/account/wachtwoord", methods=["POST"])
@login_required
def change_password():
    """Change the password; other sessions of this user end."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if _done(form, lambda: accounts.change_password(current_user, form.current_password.data,
                                                        form.new_password.data, by=current_user)):
            flash(_("Uw wachtwoord is gewijzigd. Op uw andere apparaten bent u uitgelogd."), "ok")
            return redirect(url_for("accounts.account"))
    return _account_page(password_form=form)


@bp.route("/account/uitloggen-overal", methods=["POST"])
@login_required
def logout_everywhere():
    """End every session of this user, on every device, this one included."""
    with unit_of_work():
        count = accounts.log_out_everywhere(current_user, by=current_user)
    logout_user()
    flash(ngettext("U bent op alle apparaten uitgelogd (%(num)s sessie).",
                   "U bent op alle apparaten uitgelogd (%(num)s sessies).", count), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account/tweede-factor", methods=["GET", "POST"])
@login_required
def second_factor():
    """Set up the second factor: scan the QR code (or type the secret) and confirm with a code."""
    if current_user.totp_enabled:
        return redirect(url_for("accounts.account"))
    secret = session.get(PENDING_SECRET)
    if not secret:
        secret = session[PENDING_SECRET] = totp.new_secret()
    form = CodeForm()
    if form.validate_on_submit():
        if _done(form, lambda: accounts.enable_second_factor(current_user, secret, form.code.data, by=current_user)):
            session.pop(PENDING_SECRET, None)
            flash(_("De tweede factor staat aan. Bij het inloggen vragen we voortaan ook een code uit de app."), "ok")
            return redirect(_safe_next(request.args.get("next") or url_for("accounts.account")))
    uri = totp.provisioning_uri(secret, current_user.email)
    return render_template("accounts/second_factor.html", form=form, qr_code=totp.qr_code_data_uri(uri),
                           secret=totp.grouped(secret))


@bp.route("/account/tweede-factor/uitzetten", methods=["POST"])
@login_required
def disable_second_factor():
    """Turn the second factor off, with the password and a current code."""
    form = DisableSecondFactorForm(prefix="uit")
    if form.validate_on_submit():
        if _done(form, lambda: accounts.disable_second_factor(current_user, form.password.data, form.code.data,
                                                              by=current_user)):
            flash(_("De tweede factor staat uit."), "info")
            return redirect(url_for("accounts.account"))
    return _account_page(disable_form=form)


@bp.route("/organisaties/<int:organisation_id>/tweede-factor", methods=["POST"])
@login_required
def workspace_second_factor(organisation_id: int):
    """A beheerder decides whether the organisation's members need a second factor."""
    organisation, _role = organisation_for(organisation_id, Action.MANAGE)
    form = OrganisationSecondFactorForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                accounts.require_second_factor(organisation, form.required.data, by=current_user)
        except accounts.AccountError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Leden van deze organisatie moeten nu een tweede factor gebruiken.") if form.required.data
                  else _("Een tweede factor is voor deze organisatie niet meer verplicht."), "ok")
    return redirect(url_for("workspaces.team", organisation_id=organisation.id))


@bp.route("/account/mijn-gegevens.json")
@login_required
def my_data():
    """Download everything stored about the current user (AVG); the download itself is in it too."""
    with unit_of_work():
        data = accounts.export_personal_data(current_user, by=current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": "attachment; filename=mijn-gegevens.json"})
