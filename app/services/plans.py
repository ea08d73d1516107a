"""Creating plans and saving their steps, with history and conflict detection."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _  # outside an app context it returns the Dutch text itself
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.models import Membership, Municipality, ParticipationPlan, PlanRevision, PlanSnapshot, Role, StepAnswer, User
from app.models.municipality import utcnow
from app.services.answers import changed_keys


class SaveFailed(Exception):
    """The database refused the save; nothing of it was written."""


@dataclass
class StepConflict(Exception):
    """Someone else saved this step after the user opened it."""
    theirs: dict[str, Any]
    their_version: int
    updated_by: User | None
    updated_at: datetime | None


def create_municipality(name: str, body_type: str, inhabitants: int | None, owner: User) -> Municipality:
    muni = Municipality(name=name, body_type=body_type, inhabitants=inhabitants)
    db.session.add(muni)
    db.session.add(Membership(user=owner, municipality=muni, role=Role.BEHEERDER.value))
    return muni


def create_plan(municipality: Municipality, title: str) -> ParticipationPlan:
    plan = ParticipationPlan(municipality=municipality, title=title)
    db.session.add(plan)
    return plan


def step_row(plan: ParticipationPlan, number: int) -> StepAnswer | None:
    return next((s for s in plan.steps if s.step_number == number), None)


def answers_by_step(plan: ParticipationPlan) -> dict[int, dict[str, Any]]:
    return {s.step_number: dict(s.answers or {}) for s in plan.steps}


def save_step(plan: ParticipationPlan, number: int, answers: dict[str, Any], user: User | None,
              base_version: int | None, kind: str = "save") -> StepAnswer | None:
    """Store a step's answers as one transaction. Raises StepConflict when the step moved on meanwhile."""
    row = step_row(plan, number)
    if base_version is not None and row is not None and base_version != row.version:
        raise StepConflict(dict(row.answers or {}), row.version,
                           db.session.get(User, row.updated_by_id) if row.updated_by_id else None, row.updated_at)
    with _transaction():
        _write_step(plan, number, answers, user, kind)
    return step_row(plan, number)


def replace_all_steps(plan: ParticipationPlan, data: dict[int, dict[str, Any]], user: User | None, kind: str) -> None:
    """Write every step at once (restore, import): one transaction, one revision per changed step."""
    with _transaction():
        for number in sorted(set(data) | {s.step_number for s in plan.steps}):
            _write_step(plan, number, data.get(number, {}), user, kind)


def _write_step(plan: ParticipationPlan, number: int, answers: dict[str, Any], user: User | None, kind: str) -> None:
    """New answers for one step, its version one up, and a revision saying who changed which questions."""
    row = step_row(plan, number)
    changes = changed_keys(dict(row.answers or {}) if row else {}, answers)
    if not changes:
        return
    if row is None:
        row = StepAnswer(plan=plan, step_number=number, answers={}, version=0)
        db.session.add(row)
    row.answers = answers
    row.version = (row.version or 0) + 1
    row.updated_at = plan.updated_at = utcnow()
    row.updated_by_id = user.id if user else None
    db.session.add(PlanRevision(plan_id=plan.id, step_number=number, kind=kind,
                                user_id=user.id if user else None, changes=changes))


@contextmanager
def _transaction():
    """Commit everything or nothing: on a database error the session is rolled back and SaveFailed raised."""
    try:
        yield
        db.session.commit()
    except SQLAlchemyError as exc:
        db.session.rollback()
        raise SaveFailed(str(exc)) from exc


def take_snapshot(plan: ParticipationPlan, name: str, user: User | None, note: str | None = None,
                  commit: bool = True) -> PlanSnapshot:
    snap = PlanSnapshot(plan_id=plan.id, name=name, note=note, created_by_id=user.id if user else None,
                        data={str(k): v for k, v in answers_by_step(plan).items()})
    if not commit:  # part of a larger transaction (restore)
        db.session.add(snap)
        return snap
    with _transaction():
        db.session.add(snap)
    return snap


def restore_snapshot(plan: ParticipationPlan, snapshot: PlanSnapshot, user: User | None) -> None:
    """Restoring is itself a new version: the current state is first kept as a snapshot.

    The snapshot and the restored answers are one transaction: if the restore fails, neither is written."""
    take_snapshot(plan, _("Automatisch bewaard voor herstel van “%(name)s”", name=snapshot.name), user,
                  commit=False)
    replace_all_steps(plan, {int(k): v for k, v in snapshot.data.items()}, user, kind="restore")


def plans_for(user: User) -> list[ParticipationPlan]:
    ids = [m.municipality_id for m in user.memberships]
    if not ids:
        return []
    return list(db.session.scalars(select(ParticipationPlan).where(ParticipationPlan.municipality_id.in_(ids))
                                   .order_by(ParticipationPlan.updated_at.desc())))
