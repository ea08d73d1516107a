"""Confirming a sign-up and resetting a forgotten password, both by a link in an e-mail."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.accounts import bp, limits
from app.accounts.forms import ConfirmEmailForm, ForgotPasswordForm, ResetPasswordForm
from app.accounts.routes import _log_in, _safe_next, external_link
from app.services.accounts import accounts
from app.services.core import access, mail
from app.services.accounts import recovery
from app.services.accounts.recovery import LinkProblem
from app.services.core.transaction import SaveFailed, unit_of_work


def _link_problem(problem: LinkProblem, purpose: str):
    # A plain page that says what is wrong with the link and what to do next; nothing was changed.
    return render_template("accounts/link_problem.html", problem=problem, purpose=purpose)


@bp.route("/controleer-uw-email")
def check_email():
    """Tell that a mail is on its way; the same words whether or not the address has an account."""
    return render_template("accounts/check_email.html", reset=request.args.get("na") == "herstel")


@bp.route("/account-bevestigen/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """Confirm the e-mail address of a sign-up with a button, which makes the account and logs in."""
    try:
        email = recovery.check_confirmation(token).email
    except LinkProblem as problem:
        return _link_problem(problem, recovery.CONFIRM)
    form = ConfirmEmailForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                user = recovery.confirm_sign_up(token, by=access.PUBLIC)
        except LinkProblem as problem:
            return _link_problem(problem, recovery.CONFIRM)
        except SaveFailed:
            if accounts.find_by_email(email) is None:
                raise
            return _link_problem(LinkProblem("exists"), recovery.CONFIRM)  # confirmed twice at the same moment
        _log_in(user)
        flash(_("Welkom! Uw e-mailadres is bevestigd en uw account is klaar."), "ok")
        return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/confirm_email.html", form=form, email=email)


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@limits.password_reset
def forgot_password():
    """Ask for a link to set a new password."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        with unit_of_work():
            message = recovery.request_password_reset(form.email.data, link=external_link,
                                                       minutes=current_app.config["PASSWORD_RESET_MINUTES"],
                                                       by=access.PUBLIC)
        mail.deliver(message)
        return redirect(url_for("accounts.check_email", na="herstel"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Set a new password with the link from the mail; every session of the account ends."""
    try:
        user = recovery.user_for_reset(token)
    except LinkProblem as problem:
        return _link_problem(problem, recovery.RESET)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                recovery.reset_password(token, form.password.data, by=access.PUBLIC)
        except accounts.AccountError as exc:
            getattr(form, exc.field).errors.append(exc.message)
        except LinkProblem as problem:
            return _link_problem(problem, recovery.RESET)
        else:
            if current_user.is_authenticated:
                logout_user()
            flash(_("Uw wachtwoord is gewijzigd en u bent op alle apparaten uitgelogd. Log in met uw nieuwe "
                    "wachtwoord."), "ok")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form, email=user.email)
