"""The beheerder renames or deletes a plan."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user, login_required
from app.forms import BaseForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.plans import bp
from app.security import plan_for
from app.services.organisations import housekeeping
from app.services.questions.answers import clean_line
from app.services.core.access import Action
from app.services.core.transaction import unit_of_work
from app.organisations.settings_forms import ConfirmNameForm


class RenamePlanForm(BaseForm):
    title = StringField(_l("Naam van het plan"), filters=[clean_line],
                        validators=[DataRequired(_l("Geef het plan een naam.")),
                                    Length(max=200, message=_l("Gebruik maximaal 200 tekens."))],
                        description=_l("Bijvoorbeeld: Participatieverordening 2027."))


@bp.route("/plannen/<int:plan_id>/naam", methods=["GET", "POST"])
@login_required
def rename(plan_id: int):
    """Give the plan another name."""
    plan, _role = plan_for(plan_id, Action.MANAGE)
    form = RenamePlanForm(obj=plan)
    if form.validate_on_submit():
        with unit_of_work():
            housekeeping.rename_plan(plan, form.title.data, by=current_user)
        flash(_("De naam van het plan is nu “%(title)s”.", title=plan.title), "ok")
        return redirect(url_for("workspaces.settings", organisation_id=plan.organisation_id))
    return render_template("plans/rename.html", plan=plan, form=form), 422 if form.errors else 200


@bp.route("/plannen/<int:plan_id>/verwijderen", methods=["GET", "POST"])
@login_required
def delete(plan_id: int):
    """Delete the plan after its name is typed; its JSON file is offered first."""
    plan, _role = plan_for(plan_id, Action.DELETE)
    form = ConfirmNameForm()
    if form.validate_on_submit():
        if housekeeping.confirms(form.confirm.data, plan.title):
            title, organisation_id = plan.title, plan.organisation_id
            with unit_of_work():
                housekeeping.delete_plan(plan, by=current_user)
            flash(_("Het plan “%(title)s” is verwijderd.", title=title), "ok")
            return redirect(url_for("workspaces.settings", organisation_id=organisation_id))
        form.confirm.errors.append(_("Dit is niet de naam van het plan. Typ ‘%(title)s’.", title=plan.title))
    return render_template("plans/delete.html", plan=plan, form=form), 422 if form.errors else 200
