"""Creating plans and saving their steps, with history and conflict detection.

Every write of a step is decided by the database: the row is updated only if it still has the version the user
started from (a conditional UPDATE), so of several people saving from one version exactly one wins and the others
get a conflict. Services add and flush; the caller commits once (app/services/core/transaction.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from app.extensions import db
from app.models import Membership, Organisation, ParticipationPlan, PlanRevision, PlanSnapshot, Role, StepAnswer, User
from app.models.organisation import utcnow
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
from app.services.core.transaction import SaveFailed, insert_if_absent  # noqa: F401  (views catch plans.SaveFailed)
from app.services.questions.answers import changed_keys


#: revision kinds: an answer taken over from another organisation in a leeratelier, and a change undone
TAKEOVER, UNDO = "takeover", "undo"


class UndoRefused(Exception):
    """The change cannot be undone as it is: an answer it wrote has been changed again since (or it was undone)."""


@dataclass
class StepConflict(Exception):
    """The step moved on after the user opened it: `base_version` is where they started."""
    plan_id: int
    step_number: int
    base_version: int


def create_organisation(name: str, body_type: str, inhabitants: int | None, by: User) -> Organisation:
    """A new organisation, of which `by` (a person with an account, acting for themselves) is the first beheerder."""
    access.require(by, Action.OWN_ACCOUNT, by)
    organisation = Organisation(name=name, body_type=body_type, inhabitants=inhabitants)
    db.session.add(organisation)
    db.session.add(Membership(user=by, organisation=organisation, role=Role.BEHEERDER.value))
    return organisation


def create_plan(organisation: Organisation, title: str, by: User | access.Actor) -> ParticipationPlan:
    """A new plan in an organisation where `by` may edit (one they just made included); not in the audit log."""
    access.require(by, Action.EDIT, organisation)
    plan = ParticipationPlan(organisation=organisation, title=title)
    db.session.add(plan)
    return plan


def start_plan(organisation: Organisation, title: str, *, by: User, **detail: Any) -> ParticipationPlan:
    """A new plan in an organisation where `by` may edit (one they just made included), written in the audit log."""
    plan = create_plan(organisation, title, by)
    db.session.flush()
    audit.record(AuditAction.PLAN_CREATED, actor=by, organisation_id=organisation.id, target=audit.target_of(plan),
                 title=plan.title, **detail)
    return plan


def step_row(plan: ParticipationPlan, number: int) -> StepAnswer | None:
    return next((s for s in plan.steps if s.step_number == number), None)


def current_version(plan: ParticipationPlan, number: int) -> int:
    row = step_row(plan, number)
    return row.version if row else 0


def answers_by_step(plan: ParticipationPlan) -> dict[int, dict[str, Any]]:
    return {s.step_number: dict(s.answers or {}) for s in plan.steps}


def save_step(plan: ParticipationPlan, number: int, answers: dict[str, Any], by: User | access.Actor,
              base_version: int | None, kind: str = "save", note: str | None = None,
              record_unchanged: bool = False) -> bool:
    """Write a step's answers if the step is still at `base_version` (None: at the version just read).

    Returns False when nothing changed, unless `record_unchanged` (a save that confirms answers someone else
    proposed, e.g. the reader's pre-fill): then an existing step gets a new version and a revision without changes. Raises StepConflict when someone else saved first; the caller's unit of
    work then rolls back, so nothing of this save is written."""
    access.require(by, Action.EDIT, plan)
    row = step_row(plan, number)
    version = row.version if row else 0
    base = version if base_version is None else base_version
    if base != version:
        raise StepConflict(plan.id, number, base)
    changes = changed_keys(dict(row.answers or {}) if row else {}, answers)
    if not changes and not (record_unchanged and row is not None):
        return False
    now = utcnow()
    if row is None:
        # Two first saves of one step: the unique key (plan, step) lets exactly one insert win.
        if not insert_if_absent(StepAnswer, plan_id=plan.id, step_number=number, answers=answers, version=1,
                                updated_at=now, updated_by_id=by.id):
            raise StepConflict(plan.id, number, base)
        db.session.expire(plan, ["steps"])
    else:
        result = db.session.execute(
            update(StepAnswer).where(StepAnswer.id == row.id, StepAnswer.version == base)
            .values(answers=answers, version=base + 1, updated_at=now, updated_by_id=by.id)
            .execution_options(synchronize_session="fetch"))
        if result.rowcount != 1:
            raise StepConflict(plan.id, number, base)
    plan.updated_at = now
    db.session.add(PlanRevision(plan_id=plan.id, step_number=number, kind=kind, user_id=by.id,
                                changes=changes, step_version=base + 1, note=note))
    return True


def replace_all_steps(plan: ParticipationPlan, data: dict[int, dict[str, Any]], by: User | access.Actor,
                      kind: str) -> None:
    """Write every step at once (restore, import), each from the version just read: a save by someone else in
    between is a conflict, not overwritten."""
    access.require(by, Action.EDIT, plan)
    for number in sorted(set(data) | {s.step_number for s in plan.steps}):
        save_step(plan, number, data.get(number, {}), by, None, kind=kind)


def answers_at(plan: ParticipationPlan, number: int, version: int) -> dict[str, Any] | None:
    """The step's answers as they were at `version`, by undoing the newer revisions; None if history is missing."""
    row = step_row(plan, number)
    answers = dict(row.answers or {}) if row else {}
    if version == (row.version if row else 0):
        return answers
    newer = db.session.scalars(select(PlanRevision).where(
        PlanRevision.plan_id == plan.id, PlanRevision.step_number == number,
        (PlanRevision.step_version > version) | PlanRevision.step_version.is_(None))
        .order_by(PlanRevision.id.desc())).all()
    if any(r.step_version is None for r in newer) or len(newer) != (row.version if row else 0) - version:
        return None  # saved before versions were recorded: the starting point cannot be rebuilt
    for revision in newer:
        for key, (old, _new) in revision.changes.items():
            if old is None:
                answers.pop(key, None)
            else:
                answers[key] = old
    return answers


def undo_revision(plan: ParticipationPlan, revision: PlanRevision, *, by: User) -> None:
    """Undo one recorded change of a step: every answer it wrote goes back to what it was before, as a new version
    through the same save as everything else (so the undo is itself in the history, and can be undone).

    Raises LookupError for a revision of another plan or one without a step, UndoRefused when an answer it wrote
    has changed since: then undoing would throw away that later work."""
    access.require(by, Action.EDIT, plan)
    if revision.plan_id != plan.id or revision.step_number is None or not revision.changes:
        raise LookupError(revision.id)
    row = step_row(plan, revision.step_number)
    answers = dict(row.answers or {}) if row else {}
    for key, (old, new) in revision.changes.items():
        if answers.get(key) != new:
            raise UndoRefused(key)
        if old is None:
            answers.pop(key, None)
        else:
            answers[key] = old
    what = revision.note or _("een wijziging van stap %(number)s", number=revision.step_number)
    save_step(plan, revision.step_number, answers, by, row.version if row else 0, kind=UNDO,
              note=_("ongedaan gemaakt: %(what)s", what=what)[:200])
    audit.record(AuditAction.PLAN_RESTORED, actor=by, organisation_id=plan.organisation_id,
                 target=audit.target_of(plan), undone=revision.id, step=revision.step_number)


def take_snapshot(plan: ParticipationPlan, name: str, by: User | access.Actor, note: str | None = None) -> PlanSnapshot:
    access.require(by, Action.EDIT, plan)
    snap = PlanSnapshot(plan_id=plan.id, name=name, note=note, created_by_id=by.id,
                        data={str(k): v for k, v in answers_by_step(plan).items()})
    db.session.add(snap)
    return snap


def restore_snapshot(plan: ParticipationPlan, snapshot: PlanSnapshot, *, by: User) -> None:
    """Restoring is itself a new version: the current state is first kept as a snapshot, in the same unit of work."""
    access.require(by, Action.EDIT, plan)
    if snapshot.plan_id != plan.id:
        raise access.AccessDenied(hidden=True)  # another plan's version: not this plan's to restore
    take_snapshot(plan, _("Automatisch bewaard voor herstel van “%(name)s”", name=snapshot.name), by)
    replace_all_steps(plan, {int(k): v for k, v in snapshot.data.items()}, by, kind="restore")
    audit.record(AuditAction.PLAN_RESTORED, actor=by, organisation_id=plan.organisation_id,
                 target=audit.target_of(plan), version=snapshot.name)


def plans_for(user: User) -> list[ParticipationPlan]:
    ids = [m.organisation_id for m in user.memberships]
    if not ids:
        return []
    return list(db.session.scalars(select(ParticipationPlan).where(ParticipationPlan.organisation_id.in_(ids))
                                   .order_by(ParticipationPlan.updated_at.desc())))
