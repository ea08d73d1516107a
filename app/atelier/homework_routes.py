"""The round's opdrachten and huiswerk (the facilitator sets them, a team marks its homework done) and reactions on
another organisation's shared answer."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.atelier import bp
from app.atelier.homework_forms import AssignmentForm, DoneForm, ReactionForm
from app.atelier.routes import _atelier, _local_now, _round_number, _work_page
from app.extensions import db
from app.forms import BaseForm
from app.models import Atelier
from app.models.atelier_homework import AtelierAssignment, AtelierReaction
from app.security import require_access
from app.services.core.access import Action
from app.services.atelier import homework, reactions, takeover
from app.services.atelier.ateliers import AtelierError, round_of_step
from app.services.core.transaction import SaveFailed, unit_of_work

def _failed() -> str:
    return _("Door een storing is er niets gewijzigd. Probeer het opnieuw.")


def _assignment(atelier: Atelier, assignment_id: int) -> AtelierAssignment:
    assignment = db.session.get(AtelierAssignment, assignment_id)
    if assignment is None or assignment.atelier_id != atelier.id:
        abort(404)
    return assignment


def _work_url(atelier: Atelier, number: int, anchor: str = "") -> str:
    return url_for("atelier.work", atelier_id=atelier.id, number=number) + (f"#{anchor}" if anchor else "")


def _assignments_page(atelier: Atelier, number: int, form: AssignmentForm, status: int = 200):
    return render_template("atelier/assignments.html", atelier=atelier, number=number, form=form,
                           assignments=homework.assignments_of_round(atelier, number),
                           kinds=homework.kind_labels(), teams=len(atelier.participants)), status


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>/opdrachten", methods=["GET", "POST"])
@login_required
def assignments(atelier_id: int, number: int):
    """The round's opdrachten and huiswerk, and a form to add one."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    number = _round_number(number)
    form = AssignmentForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                homework.add_assignment(atelier, number, current_user, kind=form.kind.data, title=form.title.data,
                                        description=form.description.data or "", due_date=form.due_date.data)
            flash(_("“%(title)s” is toegevoegd aan ronde %(number)s.", title=form.title.data, number=number), "ok")
            return redirect(url_for("atelier.assignments", atelier_id=atelier.id, number=number))
        except AtelierError as exc:
            form.title.errors = [str(exc)]
        except SaveFailed:
            form.title.errors = [_failed()]
    return _assignments_page(atelier, number, form, 422 if form.errors else 200)


@bp.route("/ateliers/<int:atelier_id>/opdrachten/<int:assignment_id>", methods=["GET", "POST"])
@login_required
def edit_assignment(atelier_id: int, assignment_id: int):
    """Change an opdracht or huiswerk."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    assignment = _assignment(atelier, assignment_id)
    form = AssignmentForm(obj=assignment)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                changed = homework.update_assignment(assignment, current_user, kind=form.kind.data,
                                                     title=form.title.data, description=form.description.data or "",
                                                     due_date=form.due_date.data)
            flash(_("De wijzigingen zijn opgeslagen.") if changed else _("Er was niets gewijzigd."), "ok")
            return redirect(url_for("atelier.assignments", atelier_id=atelier.id, number=assignment.round_number))
        except AtelierError as exc:
            form.title.errors = [str(exc)]
        except SaveFailed:
            form.title.errors = [_failed()]
    return render_template("atelier/assignment.html", atelier=atelier, assignment=assignment, form=form), \
        422 if form.errors else 200


@bp.route("/ateliers/<int:atelier_id>/opdrachten/<int:assignment_id>/verwijderen", methods=["POST"])
@login_required
def delete_assignment(atelier_id: int, assignment_id: int):
    """Delete an opdracht or huiswerk, with whatever the teams marked done."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    assignment = _assignment(atelier, assignment_id)
    number, title = assignment.round_number, assignment.title
    if not BaseForm().validate_on_submit():
        abort(400)
    with unit_of_work():
        homework.delete_assignment(assignment, current_user)
    flash(_("“%(title)s” is verwijderd.", title=title), "ok")
    return redirect(url_for("atelier.assignments", atelier_id=atelier.id, number=number))


@bp.route("/ateliers/<int:atelier_id>/opdrachten/<int:assignment_id>/gedaan", methods=["POST"])
@login_required
def homework_done(atelier_id: int, assignment_id: int):
    """Mark the homework done for one's organisation, or undo that."""
    atelier = _atelier(atelier_id, Action.PARTICIPATE)
    assignment = _assignment(atelier, assignment_id)
    own = takeover.own_participant(current_user, atelier)
    if own is None:
        abort(403)  # a facilitator has no organisation here to do homework for
    require_access(Action.EDIT, own.plan)
    form = DoneForm()
    if not form.validate_on_submit():
        return _work_page(atelier, assignment.round_number, _("Dit kon niet worden opgeslagen: het formulier was "
                                                              "niet volledig. Laad de pagina opnieuw."), 400)
    done = form.done.data == "ja"
    try:
        with unit_of_work():
            homework.set_done(assignment, own, done, current_user)
    except AtelierError as exc:
        return _work_page(atelier, assignment.round_number, str(exc), 400)
    except SaveFailed:
        return _work_page(atelier, assignment.round_number, _failed(), 503)
    flash(_("“%(title)s” staat op gedaan.", title=assignment.title) if done else
          _("“%(title)s” staat weer op niet gedaan.", title=assignment.title), "ok")
    return redirect(_work_url(atelier, assignment.round_number, f"opdracht{assignment.id}"))


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>/reacties", methods=["POST"])
@login_required
def react(atelier_id: int, number: int):
    """Post a short reaction on another organisation's shared answer."""
    atelier = _atelier(atelier_id, Action.PARTICIPATE)
    number = _round_number(number)
    form = ReactionForm()
    if not form.validate_on_submit():
        if form.participant.errors or form.step.errors or form.question.errors or form.csrf_token.errors:
            return _work_page(atelier, number, _("Uw reactie kon niet worden geplaatst: het formulier was niet "
                                                 "volledig. Laad de pagina opnieuw en probeer het nog eens."), 400)
        return _work_page(atelier, number, status=422, reaction_form=form)
    try:
        with unit_of_work():
            reactions.add_reaction(current_user, atelier, number, form.participant.data, form.step.data,
                                   form.question.data, form.body.data, content.handreiking(), _local_now())
    except takeover.NotVisible:
        abort(404)
    except AtelierError as exc:
        form.body.errors = [str(exc)]
        return _work_page(atelier, number, status=422, reaction_form=form)
    except SaveFailed:
        return _work_page(atelier, number, _failed(), 503)
    flash(_("Uw reactie is geplaatst."), "ok")
    return redirect(_work_url(atelier, number, f"reacties-{form.participant.data}-{form.step.data}-"
                                               f"{form.question.data}"))


@bp.route("/ateliers/<int:atelier_id>/reacties/<int:reaction_id>/verwijderen", methods=["POST"])
@login_required
def delete_reaction(atelier_id: int, reaction_id: int):
    """Delete one's own reaction."""
    atelier = _atelier(atelier_id, Action.PARTICIPATE)
    reaction = db.session.get(AtelierReaction, reaction_id)
    if reaction is None or reaction.atelier_id != atelier.id:
        abort(404)
    require_access(Action.DELETE, reaction)  # only its author (access.AUTHOR_DELETES)
    if not BaseForm().validate_on_submit():
        abort(400)
    number = round_of_step(content.handreiking(), reaction.step_number) or 1
    with unit_of_work():
        reactions.delete_reaction(current_user, reaction)
    flash(_("Uw reactie is verwijderd."), "ok")
    return redirect(_work_url(atelier, number))
