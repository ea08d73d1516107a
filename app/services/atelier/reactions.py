"""Short reactions on another organisation's shared answer. A reaction is seen where the answer is seen: when the
organisation stops sharing the step, the reactions on it are hidden too (they come back if it shares again)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Atelier, AtelierParticipant, User
from app.models.atelier_homework import AtelierReaction
from app.models.organisation import utcnow
from app.services.atelier.ateliers import AtelierError, steps_of_round
from app.services.atelier.sharing import visible_participants
from app.services.atelier.takeover import NotVisible, StepWork
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _
from app.services.plans import plans
from app.services.questions.answers import is_empty
from app.services.questions.handreiking import Handreiking

BODY_MAX = 1000

Key = tuple[int, int, str]  # (participant id, step number, question key): one shared answer


def add_reaction(by: User, atelier: Atelier, round_number: int, source_id: int, step_number: int, key: str,
                 body: str, handreiking: Handreiking, now: datetime | None = None) -> AtelierReaction:
    """React on the answer of participant `source_id`; NotVisible when `by` may not see that answer."""
    access.require(by, Action.PARTICIPATE, atelier)
    body = body.strip()
    if not body or len(body) > BODY_MAX:
        raise AtelierError(_("Schrijf een reactie van hoogstens 1.000 tekens."))
    step = next((s for s in steps_of_round(handreiking, round_number) if s.number == step_number), None)
    question = next((q for q in step.questions if q.key == key), None) if step else None
    if question is None:
        raise NotVisible()
    source = next((p for p in visible_participants(by, atelier, round_number, step_number, handreiking,
                                                   now or utcnow()) if p.id == source_id), None)
    if source is None:
        raise NotVisible()
    row = plans.step_row(source.plan, step_number)
    if is_empty((row.answers or {}).get(key) if row else None):
        raise NotVisible()
    reaction = AtelierReaction(atelier_id=atelier.id, participant_id=source.id, step_number=step_number,
                               question_key=key, body=body, author_id=by.id)
    db.session.add(reaction)
    db.session.flush()
    audit.record(AuditAction.ATELIER_REACTION_ADDED, actor=by, organisation_id=source.organisation_id,
                 target=audit.target_of(reaction), atelier=atelier.id, step=step_number, question=key)
    return reaction


def delete_reaction(by: User, reaction: AtelierReaction) -> None:
    """Only the person who reacted deletes their reaction (also when the answer is no longer shared)."""
    access.require(by, Action.DELETE, reaction)
    source = db.session.get(AtelierParticipant, reaction.participant_id)
    audit.record(AuditAction.ATELIER_REACTION_DELETED, actor=by,
                 organisation_id=source.organisation_id if source else None,
                 target=audit.target_of(reaction), atelier=reaction.atelier_id, step=reaction.step_number,
                 question=reaction.question_key)
    db.session.delete(reaction)
    db.session.flush()


def reactions_on(atelier: Atelier, work: list[StepWork], own: AtelierParticipant | None = None,
                 own_shared: set[int] | frozenset[int] = frozenset()) -> dict[Key, list[AtelierReaction]]:
    """The reactions on the answers the viewer sees on the round page (`work` holds only those), oldest first;
    reactions on an answer that is no longer shared are not among them. A team also reads the reactions on its own
    answers, as long as it shares their step (`own_shared`). One query."""
    shown: set[Key] = {(a.participant.id, sw.step.number, qw.question.key)
                       for sw in work for qw in sw.questions for a in qw.others}
    if own is not None:
        shown |= {(own.id, sw.step.number, qw.question.key) for sw in work if sw.step.number in own_shared
                  for qw in sw.questions if not is_empty(qw.own)}
    if not shown:
        return {}
    found: dict[Key, list[AtelierReaction]] = {}
    for r in db.session.scalars(select(AtelierReaction).where(
            AtelierReaction.atelier_id == atelier.id,
            AtelierReaction.participant_id.in_({p for p, _s, _k in shown}),
            AtelierReaction.step_number.in_({s for _p, s, _k in shown}))
            .options(selectinload(AtelierReaction.author)).order_by(AtelierReaction.id)):
        key = (r.participant_id, r.step_number, r.question_key)
        if key in shown:
            found.setdefault(key, []).append(r)
    return found
