"""The facilitator's opdrachten and huiswerk per round, and which organisations did their homework.

An opdracht is done during the round; huiswerk between rounds, before its due date. A team member who may edit the
organisation's plan marks the homework done for the whole organisation, and can undo it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Atelier, AtelierParticipant, User
from app.models.atelier import ROUND_NUMBERS
from app.models.atelier_homework import AssignmentKind, AtelierAssignment, AtelierHomeworkDone
from app.services.atelier.ateliers import AtelierError
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _

TITLE_MAX, DESCRIPTION_MAX = 200, 2000


def kind_labels() -> dict[str, str]:
    return {AssignmentKind.TASK.value: _("Opdracht (tijdens de ronde)"),
            AssignmentKind.HOMEWORK.value: _("Huiswerk (tussen de rondes)")}


def _check(round_number: int, kind: str, title: str, description: str, due_date: date | None) -> None:
    """The rules the form also shows next to its fields; here so no other caller can store a wrong assignment."""
    if round_number not in ROUND_NUMBERS or kind not in {k.value for k in AssignmentKind}:
        raise AtelierError(_("Kies een ronde en of het een opdracht of huiswerk is."))
    if not title.strip() or len(title) > TITLE_MAX or len(description) > DESCRIPTION_MAX:
        raise AtelierError(_("Geef de opdracht een titel van hoogstens 200 tekens en een beschrijving van "
                             "hoogstens 2.000 tekens."))
    if kind == AssignmentKind.HOMEWORK.value and due_date is None:
        raise AtelierError(_("Vul in vóór welke datum het huiswerk af moet zijn."))


def assignments_of_round(atelier: Atelier, round_number: int) -> list[AtelierAssignment]:
    """The round's opdrachten first, then its huiswerk by due date; with who did the homework (one query more)."""
    found = db.session.scalars(select(AtelierAssignment).where(
        AtelierAssignment.atelier_id == atelier.id, AtelierAssignment.round_number == round_number)
        .options(selectinload(AtelierAssignment.completions).selectinload(AtelierHomeworkDone.done_by))
        .order_by(AtelierAssignment.id))
    return sorted(found, key=lambda a: (a.is_homework, a.due_date or date.min, a.id))


def add_assignment(atelier: Atelier, round_number: int, by: User, *, kind: str, title: str, description: str,
                   due_date: date | None) -> AtelierAssignment:
    access.require(by, Action.FACILITATE, atelier)
    _check(round_number, kind, title, description, due_date)
    assignment = AtelierAssignment(atelier_id=atelier.id, round_number=round_number, kind=kind, title=title.strip(),
                                   description=description.strip(), due_date=due_date, created_by_id=by.id)
    db.session.add(assignment)
    db.session.flush()
    audit.record(AuditAction.ATELIER_ASSIGNMENT_ADDED, actor=by, target=audit.target_of(assignment),
                 atelier=atelier.id, round=round_number, kind=kind, title=assignment.title)
    return assignment


def update_assignment(assignment: AtelierAssignment, by: User, *, kind: str, title: str, description: str,
                      due_date: date | None) -> bool:
    """Change an assignment; False when nothing changed. Homework already marked done stays done."""
    access.require(by, Action.FACILITATE, assignment)
    _check(assignment.round_number, kind, title, description, due_date)
    new = {"kind": kind, "title": title.strip(), "description": description.strip(), "due_date": due_date}
    changes = {k: [str(getattr(assignment, k)) if getattr(assignment, k) is not None else None,
                   str(v) if v is not None else None] for k, v in new.items() if getattr(assignment, k) != v}
    if not changes:
        return False
    for key, value in new.items():
        setattr(assignment, key, value)
    changes.pop("description", None)  # the text itself does not belong in the audit trail; that it changed does
    audit.record(AuditAction.ATELIER_ASSIGNMENT_CHANGED, actor=by, target=audit.target_of(assignment),
                 atelier=assignment.atelier_id, round=assignment.round_number, title=assignment.title,
                 changes=changes or None)
    return True


def delete_assignment(assignment: AtelierAssignment, by: User) -> None:
    access.require(by, Action.FACILITATE, assignment)
    audit.record(AuditAction.ATELIER_ASSIGNMENT_DELETED, actor=by, target=audit.target_of(assignment),
                 atelier=assignment.atelier_id, round=assignment.round_number, title=assignment.title)
    db.session.delete(assignment)
    db.session.flush()


def set_done(assignment: AtelierAssignment, participant: AtelierParticipant, done: bool, by: User) -> bool:
    """Mark the homework done for the participating organisation (or undo it); only who may edit its plan does.
    Returns False when it already stood so."""
    access.require(by, Action.EDIT, participant.plan)
    if participant.atelier_id != assignment.atelier_id:
        raise access.AccessDenied(hidden=True)
    if not assignment.is_homework:
        raise AtelierError(_("Alleen huiswerk kunt u als gedaan markeren."))
    row = next((c for c in assignment.completions if c.participant_id == participant.id), None)
    if done == (row is not None):
        return False
    if done:
        assignment.completions.append(AtelierHomeworkDone(participant_id=participant.id, done_by_id=by.id))
    else:
        assignment.completions.remove(row)
    db.session.flush()
    audit.record(AuditAction.ATELIER_HOMEWORK_DONE if done else AuditAction.ATELIER_HOMEWORK_UNDONE, actor=by,
                 organisation_id=participant.organisation_id, target=audit.target_of(assignment),
                 atelier=assignment.atelier_id, round=assignment.round_number, title=assignment.title)
    return True


@dataclass
class AssignmentView:
    """An assignment as one participating organisation sees it: done by whom and when, or overdue."""
    assignment: AtelierAssignment
    done: AtelierHomeworkDone | None
    overdue: bool


def round_assignments(atelier: Atelier, round_number: int, participant: AtelierParticipant | None,
                      today: date) -> list[AssignmentView]:
    """The round's assignments for the round page; `participant` is the viewer's own organisation (None for a
    facilitator). Homework is overdue from its due date on ("inleveren vóór") while it is not done."""
    result = []
    for a in assignments_of_round(atelier, round_number):
        done = next((c for c in a.completions if participant and c.participant_id == participant.id), None)
        result.append(AssignmentView(a, done, a.is_homework and done is None and participant is not None
                                     and a.due_date is not None and today >= a.due_date))
    return result
