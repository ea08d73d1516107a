import json
from functools import partial

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import bp, limits
from app.accounts.forms import DeleteAccountForm, LoginForm, RegisterForm
from app.services import accounts, mail, recovery
from app.services.transaction import unit_of_work

#: absolute links for mail
external_link = partial(url_for, _external=True)


def _safe_next(target: str | None) -> str:
    # Only local paths, so a crafted link cannot send someone to another site after login.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("plans.index")


@bp.route("/registreren", methods=["GET", "POST"])
@limits.register
def register():
    """Sign up: a confirmation link is mailed; the answer does not tell whether the address already has an account."""
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                message = recovery.sign_up(form.name.data, form.email.data, form.password.data, link=external_link,
                                           next_url=_safe_next(request.args.get("next")))
        except accounts.AccountError as exc:
            getattr(form, exc.field).errors.append(exc.message)
        else:
            mail.deliver(message)
            return redirect(url_for("accounts.check_email"))
    return render_template("accounts/register.html", form=form)


@bp.route("/inloggen", methods=["GET", "POST"])
@limits.login
def login():
    """Log in with e-mail and password."""
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        # The same message whether or not the account exists.
        form.password.errors.append(_("Deze combinatie van e-mailadres en wachtwoord is onbekend."))
    return render_template("accounts/login.html", form=form)


@bp.route("/uitloggen", methods=["POST"])
@login_required
def logout():
    """Log out."""
    logout_user()
    flash(_("U bent uitgelogd."), "info")
    return redirect(url_for("accounts.login"))


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
                user = current_user._get_current_object()
                logout_user()
                accounts.delete_account(user)
            except accounts.AccountError as exc:
                login_user(user)
                form.password.errors.append(exc.message)
            else:
                flash(_("Uw account is verwijderd."), "ok")
                return redirect(url_for("accounts.login"))
    return render_template("accounts/account.html", form=form)


@bp.route("/account/mijn-gegevens.json")
@login_required
def my_data():
    """Download everything stored about the current user (AVG)."""
    body = json.dumps(accounts.personal_data(current_user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": "attachment; filename=mijn-gegevens.json"})
