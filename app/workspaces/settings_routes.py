"""The beheerder's pages for the workspace itself: its details, its plans, and deleting it."""
from __future__ import annotations

import os

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.security import municipality_for
from app.services.workspaces import housekeeping
from app.services.accounts import sso
from app.services.core.access import Action, can
from app.services.core.transaction import unit_of_work
from app.workspaces import bp
from app.workspaces.settings_forms import ConfirmNameForm, SingleSignOnForm, WorkspaceForm


@bp.route("/organisaties/<int:muni_id>/gegevens", methods=["GET", "POST"])
@login_required
def settings(muni_id: int):
    """Change the workspace's name, kind and number of inhabitants; manage its plans."""
    muni, _role = municipality_for(muni_id, Action.MANAGE)
    form = WorkspaceForm(obj=muni)
    if form.validate_on_submit():
        with unit_of_work():
            changed = housekeeping.update_workspace(muni, form.name.data, form.body_type.data, form.inhabitants.data,
                                                    by=current_user, ori_source=form.ori_source.data)
        flash(_("De gegevens zijn opgeslagen.") if changed else _("Er was niets gewijzigd."), "ok")
        return redirect(url_for("workspaces.settings", muni_id=muni.id))
    return render_template("workspaces/settings.html", muni=muni, form=form,
                           can_delete=can(current_user, Action.DELETE, muni)), 422 if form.errors else 200


@bp.route("/organisaties/<int:muni_id>/verwijderen", methods=["GET", "POST"])
@login_required
def delete(muni_id: int):
    """Delete the whole workspace after its name is typed; the plans' JSON files are offered first."""
    muni, _role = municipality_for(muni_id, Action.DELETE)
    form = ConfirmNameForm()
    if form.validate_on_submit():
        if housekeeping.confirms(form.confirm.data, muni.name):
            name = muni.display_name
            with unit_of_work():
                housekeeping.delete_workspace(muni, by=current_user)
            flash(_("%(name)s is verwijderd, met alle plannen en lidmaatschappen.", name=name), "ok")
            return redirect(url_for("plans.index"))
        form.confirm.errors.append(_("Dit is niet de naam van de organisatie. Typ ‘%(name)s’.", name=muni.name))
    return render_template("workspaces/delete.html", muni=muni, form=form), 422 if form.errors else 200


@bp.route("/organisaties/<int:muni_id>/inloggen", methods=["GET", "POST"])
@login_required
def single_sign_on(muni_id: int):
    """Single sign-on: the organisation's identity provider, and whether passwords still work."""
    muni, _role = municipality_for(muni_id, Action.MANAGE)
    config = sso.settings_of(muni)
    form = SingleSignOnForm(obj=config)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                sso.save_settings(muni, issuer=form.issuer.data, client_id=form.client_id.data,
                                  secret=form.client_secret.data or "", email_domain=form.email_domain.data,
                                  allow_password_login=form.allow_password_login.data,
                                  key=current_app.config.get("SSO_SECRET_KEY"), environ=os.environ, by=current_user,
                                  allowed_hosts=current_app.config["SSO_ALLOWED_HOSTS"])
        except sso.SettingsError as exc:
            getattr(form, exc.field).errors.append(exc.message)
        else:
            flash(_("Inloggen via de organisatie is opgeslagen."), "ok")
            return redirect(url_for("workspaces.single_sign_on", muni_id=muni.id))
    return render_template("workspaces/single_sign_on.html", muni=muni, form=form, config=config,
                           secret_variable=sso.secret_variable(muni.id),
                           secret_in_environment=bool(os.environ.get(sso.secret_variable(muni.id)))), \
        422 if form.errors else 200
