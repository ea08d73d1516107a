"""The beheerder's pages for the organisation itself: its details, its plans, and deleting it."""
from __future__ import annotations

import os

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.security import organisation_for
from app.services.organisations import housekeeping
from app.services.accounts import sso
from app.services.core.access import Action, can
from app.services.core.transaction import unit_of_work
from app.organisations import bp
from app.organisations.settings_forms import ConfirmNameForm, SingleSignOnForm, OrganisationForm


@bp.route("/organisaties/<int:organisation_id>/gegevens", methods=["GET", "POST"])
@login_required
def settings(organisation_id: int):
    """Change the organisation's name, kind and number of inhabitants; manage its plans."""
    organisation, _role = organisation_for(organisation_id, Action.MANAGE)
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        with unit_of_work():
            changed = housekeeping.update_organisation(organisation, form.name.data, form.body_type.data,
                                                       form.inhabitants.data, by=current_user,
                                                       ori_source=form.ori_source.data)
        flash(_("De gegevens zijn opgeslagen.") if changed else _("Er was niets gewijzigd."), "ok")
        return redirect(url_for("workspaces.settings", organisation_id=organisation.id))
    return render_template("organisations/settings.html", organisation=organisation, form=form,
                           can_delete=can(current_user, Action.DELETE, organisation)), 422 if form.errors else 200


@bp.route("/organisaties/<int:organisation_id>/verwijderen", methods=["GET", "POST"])
@login_required
def delete(organisation_id: int):
    """Delete the whole organisation after its name is typed; the plans' JSON files are offered first."""
    organisation, _role = organisation_for(organisation_id, Action.DELETE)
    form = ConfirmNameForm()
    if form.validate_on_submit():
        if housekeeping.confirms(form.confirm.data, organisation.name):
            name = organisation.display_name
            with unit_of_work():
                housekeeping.delete_organisation(organisation, by=current_user)
            flash(_("%(name)s is verwijderd, met alle plannen en lidmaatschappen.", name=name), "ok")
            return redirect(url_for("plans.index"))
        form.confirm.errors.append(_("Dit is niet de naam van de organisatie. Typ ‘%(name)s’.",
                                     name=organisation.name))
    return (render_template("organisations/delete.html", organisation=organisation, form=form),
            422 if form.errors else 200)


@bp.route("/organisaties/<int:organisation_id>/inloggen", methods=["GET", "POST"])
@login_required
def single_sign_on(organisation_id: int):
    """Single sign-on: the organisation's identity provider, and whether passwords still work."""
    organisation, _role = organisation_for(organisation_id, Action.MANAGE)
    config = sso.settings_of(organisation)
    form = SingleSignOnForm(obj=config)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                sso.save_settings(organisation, issuer=form.issuer.data, client_id=form.client_id.data,
                                  secret=form.client_secret.data or "", email_domain=form.email_domain.data,
                                  allow_password_login=form.allow_password_login.data,
                                  key=current_app.config.get("SSO_SECRET_KEY"), environ=os.environ, by=current_user,
                                  allowed_hosts=current_app.config["SSO_ALLOWED_HOSTS"])
        except sso.SettingsError as exc:
            getattr(form, exc.field).errors.append(exc.message)
        else:
            flash(_("Inloggen via de organisatie is opgeslagen."), "ok")
            return redirect(url_for("workspaces.single_sign_on", organisation_id=organisation.id))
    return render_template("organisations/single_sign_on.html", organisation=organisation, form=form, config=config,
                           secret_variable=sso.secret_variable(organisation.id),
                           secret_in_environment=bool(os.environ.get(sso.secret_variable(organisation.id)))), \
        422 if form.errors else 200
