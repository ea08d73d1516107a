import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.extensions import db
from app.history import bp
from app.history.forms import SnapshotForm
from app.models import PlanRevision, PlanSnapshot
from app.security import plan_for
from app.services.plans import plans
from app.services.history import versions
from app.services.ordinance import article_texts
from app.services.core.transaction import unit_of_work
from app.services.core.access import Action, can


@bp.route("/plannen/<int:plan_id>/versies", methods=["GET", "POST"])
@login_required
def index(plan_id: int):
    """Who changed what and when, the named versions, and a form to name the current state."""
    plan, role = plan_for(plan_id, Action.EDIT if request.method == "POST" else Action.VIEW)
    form = SnapshotForm()
    status = 200
    if form.validate_on_submit():
        try:
            with unit_of_work():
                plans.take_snapshot(plan, form.name.data.strip(), current_user)
        except plans.SaveFailed:
            flash(_("De versie kon door een storing niet worden bewaard. Probeer het opnieuw."), "error")
            status = 503
        else:
            flash(_("De versie “%(name)s” is bewaard.", name=form.name.data.strip()), "ok")
            return redirect(url_for("history.index", plan_id=plan.id))
    page = versions.revisions(plan, request.args.get("pagina", 1, type=int))
    if page is None:
        abort(404)
    handreiking = content.handreiking()
    labels = {}
    for step in handreiking.steps:
        for q in step.questions:
            labels[q.key] = q.label
            labels[q.other_key] = _("%(label)s (eigen formulering)", label=q.label)
    return render_template("history/index.html", plan=plan, role=role, form=form, labels=labels,
                           revisions=page, snapshots=versions.snapshots(plan),
                           can_edit=can(current_user, Action.EDIT, plan)), 422 if form.errors else status


@bp.route("/plannen/<int:plan_id>/versies/vergelijken")
@login_required
def compare(plan_id: int):
    """Two versions side by side: per question, and the draft ordinances article by article."""
    plan, role = plan_for(plan_id)
    old_ref, new_ref = request.args.get("van", ""), request.args.get("naar", versions.CURRENT)
    own = (old_ref, new_ref) == (versions.GENERATED, versions.OWN)  # the jurist's own texts against the generated
    if own:
        old = new = versions.state_of(plan, versions.CURRENT)
    else:
        old, new = versions.state_of(plan, old_ref), versions.state_of(plan, new_ref)
    if old is None or new is None:
        abort(404)
    handreiking = content.handreiking()
    answers = versions.compare_answers(handreiking, old, new)
    drafts = versions.compare_drafts(content.clause_library(), handreiking, plan.organisation.name,
                                     plan.organisation.body_type, old, new,
                                     own_texts_after=article_texts.texts_for(plan) if own else None)
    names = {versions.CURRENT: _("Huidige versie"), versions.GENERATED: _("Gegenereerde tekst"),
             versions.OWN: _("Eigen teksten van de jurist")} | {str(s.id): s.name for s in versions.snapshots(plan)}
    return render_template("history/compare.html", plan=plan, role=role, answers=answers, articles=drafts.articles,
                           explanation=drafts.explanation,
                           old_name=names.get(old_ref, old_ref), new_name=names.get(new_ref, new_ref),
                           old_ref=old_ref, new_ref=new_ref, own_texts=own,
                           can_download=can(current_user, Action.DOWNLOAD, plan))


@bp.route("/plannen/<int:plan_id>/versies/<int:snapshot_id>/herstellen", methods=["POST"])
@login_required
def restore(plan_id: int, snapshot_id: int):
    """Make an earlier version current again; the present state is kept as a version first."""
    plan, _role = plan_for(plan_id, Action.EDIT)
    snap = db.session.get(PlanSnapshot, snapshot_id)
    if snap is None or snap.plan_id != plan.id:
        abort(404)
    try:
        with unit_of_work():
            plans.restore_snapshot(plan, snap, by=current_user)
    except plans.StepConflict:
        flash(_("Iemand sloeg het plan op terwijl u herstelde. Er is niets gewijzigd; bekijk de wijziging en "
                "probeer het opnieuw."), "error")
        return redirect(url_for("history.index", plan_id=plan.id))
    except plans.SaveFailed:
        flash(_("Herstellen is mislukt door een storing. Er is niets gewijzigd."), "error")
        return redirect(url_for("history.index", plan_id=plan.id))
    flash(_("De versie “%(name)s” is hersteld. De vorige stand is bewaard als versie.", name=snap.name), "ok")
    return redirect(url_for("history.index", plan_id=plan.id))


@bp.route("/plannen/<int:plan_id>/versies/ongedaan-maken", methods=["POST"])
@login_required
def undo(plan_id: int):
    """Undo one change of a step (an answer taken over in a leeratelier, a save): a new version, the rest kept."""
    plan, _role = plan_for(plan_id, Action.EDIT)
    raw = request.form.get("revision", "")
    revision = db.session.get(PlanRevision, int(raw)) if re.fullmatch(r"[0-9]{1,9}", raw) else None
    if revision is None or revision.plan_id != plan.id:
        abort(404 if raw else 400)
    back = redirect(url_for("history.index", plan_id=plan.id) + "#wijzigingen")
    try:
        with unit_of_work():
            plans.undo_revision(plan, revision, by=current_user)
    except LookupError:
        abort(404)
    except plans.UndoRefused:
        flash(_("Deze wijziging kan niet meer ongedaan worden gemaakt: het antwoord is daarna opnieuw gewijzigd "
                "(of de wijziging is al ongedaan gemaakt). Er is niets gewijzigd; pas de stap zo nodig zelf aan."),
              "error")
        return back
    except plans.StepConflict:
        flash(_("Iemand sloeg de stap op terwijl u de wijziging ongedaan maakte. Er is niets gewijzigd; bekijk de "
                "nieuwe stand en probeer het opnieuw."), "error")
        return back
    except plans.SaveFailed:
        flash(_("Ongedaan maken is mislukt door een storing. Er is niets gewijzigd."), "error")
        return back
    flash(_("De wijziging is ongedaan gemaakt. Ook dat staat hieronder als wijziging, zodat u het kunt "
            "terugdraaien."), "ok")
    return back
