import json

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.security import plan_for
from app.services import comments, plans
from app.services.answers import (StepStatus, check_value, display_value, missing_required,
                                  parse_step, step_status, warnings, BLANK_LIST_ROWS)
from app.services.access import Action, can
from app.wizard import bp


def _step_or_404(number: int):
    step = content.handreiking().step(number)
    if step is None:
        abort(404)
    return step


def _statuses(plan):
    by_step = plans.answers_by_step(plan)
    return {s.number: step_status(s, by_step.get(s.number, {})) for s in content.handreiking().steps}


@bp.route("/plannen/<int:plan_id>")
@login_required
def outline(plan_id: int):
    """The eight steps with their status, and the plan's overall progress."""
    plan, role = plan_for(plan_id)
    statuses = _statuses(plan)
    done = sum(1 for s in statuses.values() if s == StepStatus.COMPLETE)
    return render_template("wizard/outline.html", plan=plan, role=role, steps=content.handreiking().steps,
                           statuses=statuses, done=done)


@bp.route("/plannen/<int:plan_id>/stap/<int:number>", methods=["GET", "POST"])
@login_required
def step(plan_id: int, number: int):
    """One step: the guide's text beside its questions; saving keeps a half-filled step as it is."""
    plan, role = plan_for(plan_id, Action.EDIT if request.method == "POST" else Action.VIEW)
    step = _step_or_404(number)
    row = plans.step_row(plan, number)
    values = dict(row.answers or {}) if row else {}
    errors: dict[str, str] = {}
    status_code = 200
    if request.method == "POST":
        values, errors = parse_step(step, request.form)
        base_version = request.form.get("base_version", type=int)
        if errors:
            flash(_("Niet alle antwoorden konden worden opgeslagen. Verbeter de gemarkeerde velden; er is nog niets "
                    "gewijzigd."), "error")
            status_code = 422
        else:
            try:
                plans.save_step(plan, number, values, current_user, base_version)
            except plans.StepConflict as conflict:
                return _conflict_page(plan, step, values, conflict), 409
            except plans.SaveFailed:
                flash(_("Opslaan is mislukt door een storing. Uw antwoorden staan nog op deze pagina; probeer het "
                        "opnieuw. Wat eerder was opgeslagen, is bewaard."), "error")
                status_code = 503
            else:
                status = step_status(step, values)
                flash(_("Stap %(number)s is opgeslagen (%(status)s).", number=number, status=status.label.lower()),
                      "ok")
                target = request.form.get("then")
                if target == "next" and content.handreiking().step(number + 1):
                    return redirect(url_for("wizard.step", plan_id=plan.id, number=number + 1))
                if target == "outline":
                    return redirect(url_for("wizard.outline", plan_id=plan.id))
                return redirect(url_for("wizard.step", plan_id=plan.id, number=number))
    row = plans.step_row(plan, number)
    return render_template(
        "wizard/step.html", plan=plan, role=role, step=step, values=values, errors=errors,
        warnings=warnings(step, values), missing=missing_required(step, values), statuses=_statuses(plan),
        base_version=request.form.get("base_version", type=int) if errors else (row.version if row else 0),
        steps=content.handreiking().steps, blank_rows=BLANK_LIST_ROWS,
        comments=comments.comments_for(plan, f"step:{number}"), can_edit=can(current_user, Action.EDIT, plan),
        can_comment=can(current_user, Action.COMMENT, plan), display_value=display_value,
    ), status_code


def _conflict_page(plan, step, mine, conflict):
    theirs = conflict.theirs
    differing = [q for q in step.questions
                 if mine.get(q.key) != theirs.get(q.key)
                 or (q.allow_other and mine.get(q.other_key) != theirs.get(q.other_key))]
    return render_template("wizard/conflict.html", plan=plan, step=step, mine=mine, theirs=theirs,
                           differing=differing, conflict=conflict, display_value=display_value,
                           mine_json=json.dumps(mine, ensure_ascii=False))


@bp.route("/plannen/<int:plan_id>/stap/<int:number>/samenvoegen", methods=["POST"])
@login_required
def merge(plan_id: int, number: int):
    """Save the user's choice between their answers and the other person's, per question."""
    plan, _role = plan_for(plan_id, Action.EDIT)
    step = _step_or_404(number)
    try:
        mine = json.loads(request.form.get("mine", "{}"))
        their_version = int(request.form["their_version"])
    except (ValueError, KeyError):
        abort(400)
    if not isinstance(mine, dict):
        abort(400)
    questions = {q.key: q for q in step.questions}
    row = plans.step_row(plan, number)
    merged = dict(row.answers or {}) if row else {}
    for key, q in questions.items():
        if request.form.get(f"keuze-{key}") == "mine":
            for k in ([key, q.other_key] if q.allow_other else [key]):
                value = mine.get(k)
                if k == key and check_value(q, value):
                    abort(400)
                if value in (None, "", []):
                    merged.pop(k, None)
                else:
                    merged[k] = value
    try:
        plans.save_step(plan, number, merged, current_user, their_version, kind="merge")
    except plans.StepConflict as conflict:
        return _conflict_page(plan, step, mine, conflict), 409
    except plans.SaveFailed:
        abort(503)
    flash(_("De versies zijn samengevoegd en opgeslagen."), "ok")
    return redirect(url_for("wizard.step", plan_id=plan.id, number=number))


@bp.route("/plannen/<int:plan_id>/overzicht")
@login_required
def review(plan_id: int):
    """Every answer by step, each with a link straight to its question."""
    plan, role = plan_for(plan_id)
    return render_template("wizard/review.html", plan=plan, role=role, steps=content.handreiking().steps,
                           by_step=plans.answers_by_step(plan), statuses=_statuses(plan), display_value=display_value)
