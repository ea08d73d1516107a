import json
import re
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.security import plan_for
from app.services.plans import activity
from app.services.cases import cases
from app.services.plans import deadline, merging, exchange as plan_io, plans
from app.services.zelfscan import zelfscan
from app.services.ordinance import build_ordinance
from app.services.ordinance.check import check_status
from app.services.core.transaction import unit_of_work
from app.services.questions.answers import (StepStatus, answer_choices, answers_problem, display_value,
                                            has_forbidden_characters, missing_required, parse_step, step_status,
                                            warnings, BLANK_LIST_ROWS)
from app.services.core.access import Action, can
from app.services.reader import prefill as reader_prefill
from app.wizard import bp

#: the steps that show published cases of other organisations beside the handreiking's good practices
EXAMPLE_STEPS = (5, 7)


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
    today = deadline.today_in_amsterdam()  # the date of the concept, as on the ordinance's page
    ordinance = build_ordinance(content.clause_library(), content.handreiking(),
                                plan_io.plan_input(plan, content.current(), today=today), today=today)
    return render_template("wizard/outline.html", plan=plan, role=role, steps=content.handreiking().steps,
                           statuses=statuses, done=done, status=check_status(ordinance),
                           open_comments=activity.open_comments_by_step(plan.id))


@bp.route("/plannen/<int:plan_id>/stap/<int:number>", methods=["GET", "POST"])
@login_required
def step(plan_id: int, number: int):
    """One step: the guide's text beside its questions; saving keeps a half-filled step as it is."""
    plan, role = plan_for(plan_id, Action.EDIT if request.method == "POST" else Action.VIEW, with_steps=True)
    step = _step_or_404(number)
    row = plans.step_row(plan, number)
    values = dict(row.answers or {}) if row else {}
    errors: dict[str, str] = {}
    status_code = 200
    if request.method == "POST":
        values, errors = parse_step(step, request.form)
        base_version = _version_field("base_version", required=False)
        if errors:
            flash(_("Niet alle antwoorden konden worden opgeslagen. Verbeter de gemarkeerde velden; er is nog niets "
                    "gewijzigd."), "error")
            status_code = 422
        else:
            try:
                # A save confirms answers pre-filled from an existing ordinance, even when none changed.
                outcome = _save(plan, step, values, base_version,
                                confirm=bool(reader_prefill.pending_marks(plan, number)))
            except plans.SaveFailed:
                flash(_("Opslaan is mislukt door een storing. Uw antwoorden staan nog op deze pagina; probeer het "
                        "opnieuw. Wat eerder was opgeslagen, is bewaard."), "error")
                status_code = 503
            else:
                if isinstance(outcome, merging.Conflict):
                    return _conflict_page(plan, outcome)
                status = step_status(step, values)
                flash(_("Stap %(number)s is opgeslagen (%(status)s).", number=number, status=status.label.lower()),
                      "ok")
                if outcome == "merged":
                    flash(_("Intussen had iemand anders andere vragen van deze stap gewijzigd. Zijn of haar "
                            "antwoorden zijn bewaard naast de uwe."), "info")
                target = request.form.get("then")
                if target == "next" and content.handreiking().step(number + 1):
                    return redirect(url_for("wizard.step", plan_id=plan.id, number=number + 1))
                if target == "outline":
                    return redirect(url_for("wizard.outline", plan_id=plan.id))
                return redirect(url_for("wizard.step", plan_id=plan.id, number=number))
    row = plans.step_row(plan, number)
    step_comments, open_comments = activity.step_comments(plan.id, number)
    return render_template(
        "wizard/step.html", plan=plan, role=role, step=step, values=values, errors=errors,
        warnings=warnings(step, values), missing=missing_required(step, values), statuses=_statuses(plan),
        open_comments=open_comments,
        base_version=_version_field("base_version", required=False) if errors else (row.version if row else 0),
        steps=content.handreiking().steps, blank_rows=BLANK_LIST_ROWS,
        comments=step_comments, can_edit=can(current_user, Action.EDIT, plan),
        can_comment=can(current_user, Action.COMMENT, plan), display_value=display_value,
        prefilled=reader_prefill.pending_marks(plan, number),
        choices=answer_choices(step, content.handreiking(), lambda: plans.answers_by_step(plan)),
        examples=cases.examples_for(plan.organisation) if number in EXAMPLE_STEPS else [],
        zelfscan=zelfscan.summary(content.zelfscan(), plan.organisation) if number == zelfscan.STEP else None,
        can_scan=can(current_user, Action.EDIT, plan.organisation), this_year=date.today().year,
        one_decimal=zelfscan.one_decimal,
    ), status_code


def _version_field(name: str, required: bool = True) -> int | None:
    """A version number from the form's hidden field: a plain number of at most nine digits, else 400."""
    raw = request.form.get(name)
    if raw is None and not required:
        return None
    if raw is None or not re.fullmatch(r"[0-9]{1,9}", raw):
        abort(400)
    return int(raw)


def _save(plan, step, values, base_version, confirm=False):
    """Save from the version the user started at. If others saved meanwhile, keep their answers to the questions
    this user did not change: "saved" or "merged", or the Conflict the user must decide on."""
    try:
        with unit_of_work():
            plans.save_step(plan, step.number, values, current_user, base_version, record_unchanged=confirm)
        return "saved"
    except plans.StepConflict as exc:
        base = exc.base_version
    for _try in range(merging.AUTO_MERGE_TRIES):
        conflict = merging.find_conflict(plan, step, values, base, current_user)
        if conflict.contested:
            return conflict
        try:
            with unit_of_work():
                plans.save_step(plan, step.number, conflict.merged, current_user, conflict.their_version,
                                kind="merge")
            return "merged"
        except plans.StepConflict:
            continue
    return merging.find_conflict(plan, step, values, base, current_user)


def _conflict_page(plan, conflict, status: int = 409):
    return render_template("wizard/conflict.html", plan=plan, step=conflict.step, conflict=conflict,
                           display_value=display_value, mine_json=json.dumps(conflict.mine, ensure_ascii=False)), status


@bp.route("/plannen/<int:plan_id>/stap/<int:number>/samenvoegen", methods=["POST"])
@login_required
def merge(plan_id: int, number: int):
    """Save the user's choice between their answers and the other person's, for each question both changed."""
    plan, _role = plan_for(plan_id, Action.EDIT)
    step = _step_or_404(number)
    try:
        mine = json.loads(request.form.get("mine", "{}"))
    except (ValueError, RecursionError):
        abort(400)
    base_version, their_version = _version_field("base_version"), _version_field("their_version")
    if answers_problem(step, mine) or has_forbidden_characters(mine):
        abort(400)
    conflict = merging.find_conflict(plan, step, mine, base_version, current_user)
    if conflict.their_version != their_version:
        flash(_("Intussen is deze stap opnieuw opgeslagen. Kies opnieuw."), "error")
        return _conflict_page(plan, conflict)
    choices = {q.key: request.form.get(f"keuze-{q.key}") for q in conflict.contested}
    conflict.errors = {key: _("Kies welk antwoord u wilt houden.") for key, choice in choices.items()
                       if choice not in (merging.MINE, merging.THEIRS)}
    if conflict.errors:
        return _conflict_page(plan, conflict, 422)
    try:
        with unit_of_work():
            plans.save_step(plan, number, conflict.with_choices(choices), current_user, their_version, kind="merge")
    except plans.StepConflict:
        flash(_("Intussen is deze stap opnieuw opgeslagen. Kies opnieuw."), "error")
        return _conflict_page(plan, merging.find_conflict(plan, step, mine, base_version, current_user))
    flash(_("De versies zijn samengevoegd en opgeslagen."), "ok")
    return redirect(url_for("wizard.step", plan_id=plan.id, number=number))


@bp.route("/plannen/<int:plan_id>/overzicht")
@login_required
def review(plan_id: int):
    """Every answer by step, each with a link straight to its question."""
    plan, role = plan_for(plan_id)
    return render_template("wizard/review.html", plan=plan, role=role, steps=content.handreiking().steps,
                           by_step=plans.answers_by_step(plan), statuses=_statuses(plan), display_value=display_value)
