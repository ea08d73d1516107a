"""The facilitators of an atelier: add another by e-mail address, remove one (never the last)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.atelier import bp
from app.atelier.forms import FacilitatorForm
from app.atelier.routes import _atelier
from app.extensions import db
from app.models import Atelier, User
from app.services.core.access import Action, can
from app.services.atelier import facilitators
from app.services.atelier.ateliers import AtelierError
from app.services.core.transaction import SaveFailed, unit_of_work


def _page(atelier: Atelier, form: FacilitatorForm, status: int = 200):
    return render_template("atelier/facilitators.html", atelier=atelier, form=form,
                           facilitators=facilitators.facilitators_of(atelier)), status


@bp.route("/ateliers/<int:atelier_id>/facilitatoren", methods=["GET", "POST"])
@login_required
def facilitators_page(atelier_id: int):
    """Who facilitates the atelier; add another facilitator by e-mail address."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    form = FacilitatorForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                added = facilitators.add_facilitator(atelier, form.email.data, current_user)
            flash(_("%(name)s is nu facilitator van dit leeratelier.", name=added.name), "ok")
            return redirect(url_for("atelier.facilitators_page", atelier_id=atelier.id))
        except AtelierError as exc:
            form.email.errors = [str(exc)]
        except SaveFailed:
            form.email.errors = [_("Door een storing is er niets gewijzigd. Probeer het opnieuw.")]
    return _page(atelier, form, 422 if form.errors else 200)


@bp.route("/ateliers/<int:atelier_id>/facilitatoren/<int:user_id>/verwijderen", methods=["POST"])
@login_required
def remove_facilitator(atelier_id: int, user_id: int):
    """Take away someone's facilitator role; the last facilitator cannot be removed."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    user = db.session.get(User, user_id)
    try:
        with unit_of_work():
            facilitators.remove_facilitator(atelier, user_id, current_user)
        flash(_("%(name)s is geen facilitator meer van dit leeratelier.", name=user.name), "ok")
    except (AtelierError, SaveFailed) as exc:
        flash(str(exc) if isinstance(exc, AtelierError)
              else _("Door een storing is er niets gewijzigd. Probeer het opnieuw."), "error")
        return _page(atelier, FacilitatorForm(formdata=None), 409 if isinstance(exc, AtelierError) else 503)
    if not can(current_user, Action.FACILITATE, atelier):  # removed oneself
        return redirect(url_for("atelier.index"))
    return redirect(url_for("atelier.facilitators_page", atelier_id=atelier.id))
