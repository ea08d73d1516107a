"""Sharing with consent: per participant and per step, with its group, the whole atelier, or nobody.

Without a choice of its own a step is shared with the group once the step's round has started (the join page
says so before anyone accepts). "Niemand" stops sharing at once. Nothing else of an organisation leaves it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import Atelier, AtelierParticipant, AtelierSeat, AtelierShare, StepAnswer, User
from app.models.atelier import Capacity, ShareScope
from app.models.organisation import utcnow
from app.services.atelier.ateliers import AtelierError, round_of_step, steps_of_round
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _
from app.services.questions.answers import is_empty
from app.services.questions.handreiking import Handreiking, Question, Step


def scope_labels() -> dict[str, str]:
    return {ShareScope.GROUP.value: _("Mijn groep"), ShareScope.ATELIER.value: _("Het hele atelier"),
            ShareScope.NOBODY.value: _("Niemand")}


def default_scope(atelier: Atelier, handreiking: Handreiking, step_number: int, now: datetime) -> ShareScope:
    """Steps of rounds that have started are shared with the group; later steps with nobody (yet)."""
    rnd = atelier.round(round_of_step(handreiking, step_number) or 0)
    return ShareScope.GROUP if rnd is not None and rnd.started(now) else ShareScope.NOBODY


def default_shared_steps(atelier: Atelier, handreiking: Handreiking, now: datetime) -> list[Step]:
    """What an organisation shares from the moment it joins, if it chooses nothing: shown on the join page."""
    return [s for s in handreiking.steps if default_scope(atelier, handreiking, s.number, now) != ShareScope.NOBODY]


def scopes(participant: AtelierParticipant, handreiking: Handreiking, now: datetime) -> dict[int, ShareScope]:
    """The scope of every step for this participant: its own choice, or the default."""
    chosen = {s.step_number: ShareScope(s.scope) for s in participant.shares}
    return {s.number: chosen.get(s.number) or default_scope(participant.atelier, handreiking, s.number, now)
            for s in handreiking.steps}


def set_scopes(participant: AtelierParticipant, wanted: dict[int, str], handreiking: Handreiking,
               by: User, now: datetime | None = None) -> dict[int, str]:
    """Record the organisation's choices; only a beheerder of the organisation decides. Returns the steps that changed."""
    access.require(by, Action.MANAGE, participant)
    now = now or utcnow()
    known = {s.number for s in handreiking.steps}
    if not set(wanted) <= known or not set(wanted.values()) <= {s.value for s in ShareScope}:
        raise AtelierError(_("Kies per stap met wie u deelt."))
    before = scopes(participant, handreiking, now)
    rows = {s.step_number: s for s in participant.shares}
    changed: dict[int, str] = {}
    for number, scope in wanted.items():
        row = rows.get(number)
        if row is None:
            participant.shares.append(AtelierShare(step_number=number, scope=scope, updated_by_id=by.id,
                                                   updated_at=now))
        elif row.scope != scope:
            row.scope, row.updated_by_id, row.updated_at = scope, by.id, now
        if before[number].value != scope:
            changed[number] = scope
    db.session.flush()
    for number, scope in changed.items():
        audit.record(AuditAction.ATELIER_SHARE_CHANGED, actor=by, organisation_id=participant.organisation_id,
                     target=audit.target_of(participant), atelier=participant.atelier_id, step=number,
                     scope=[before[number].value, scope])
    return changed


def stop_sharing(participant: AtelierParticipant, handreiking: Handreiking, by: User,
                 now: datetime | None = None) -> dict[int, str]:
    """Every step to "niemand", at once."""
    return set_scopes(participant, {s.number: ShareScope.NOBODY.value for s in handreiking.steps}, handreiking, by,
                      now)


@dataclass
class SharedAnswer:
    participant: AtelierParticipant
    name: str      # the organisation's name, as the others see it
    value: Any


@dataclass
class QuestionAnswers:
    step: Step
    question: Question
    answers: list[SharedAnswer]


def _seats(atelier: Atelier, round_number: int) -> dict[int, int]:
    """participant id -> group id in this round."""
    ids = [p.id for p in atelier.participants]
    return dict(db.session.execute(select(AtelierSeat.participant_id, AtelierSeat.group_id).where(
        AtelierSeat.participant_id.in_(ids), AtelierSeat.round_number == round_number)).all()) if ids else {}


def visible_participants(viewer: User, atelier: Atelier, round_number: int, step_number: int,
                         handreiking: Handreiking, now: datetime) -> list[AtelierParticipant]:
    """Whose answers to this step the viewer may see: never their own organisation's, never a step shared with nobody.
    Facilitators see what is shared with a group or the atelier; a participant sees the atelier-wide shares and
    those of its own table in this round."""
    held = access.capacities(viewer, atelier.id)
    if not held:
        return []
    facilitates = bool(held & {Capacity.ORGANISER, Capacity.FACILITATOR})
    mine = {m.organisation_id for m in viewer.memberships}
    seats = _seats(atelier, round_number)
    my_tables = {seats[p.id] for p in atelier.participants if p.organisation_id in mine and p.id in seats}
    visible = []
    for p in atelier.participants:
        if p.organisation_id in mine:
            continue
        scope = scopes(p, handreiking, now)[step_number]
        if scope == ShareScope.ATELIER or (scope == ShareScope.GROUP and (facilitates or seats.get(p.id) in my_tables)):
            visible.append(p)
    return visible


def shared_answers(viewer: User, atelier: Atelier, round_number: int, handreiking: Handreiking,
                   now: datetime | None = None) -> list[QuestionAnswers]:
    """Per question of the round's steps: the answers of the other participants the viewer may see."""
    access.require(viewer, Action.PARTICIPATE, atelier)
    now = now or utcnow()
    result: list[QuestionAnswers] = []
    for step in steps_of_round(handreiking, round_number):
        participants = visible_participants(viewer, atelier, round_number, step.number, handreiking, now)
        if not participants:
            continue
        rows = {r.plan_id: r.answers or {} for r in db.session.scalars(select(StepAnswer).where(
            StepAnswer.plan_id.in_([p.plan_id for p in participants]), StepAnswer.step_number == step.number))}
        for q in step.questions:
            answers = [SharedAnswer(p, p.organisation.display_name, rows[p.plan_id][q.key])
                       for p in participants if not is_empty(rows.get(p.plan_id, {}).get(q.key))]
            if answers:
                result.append(QuestionAnswers(step, q, answers))
    return result
