"""The round page's work: per question one's own answer beside what the others shared, and "Overnemen", which copies
another organisation's answer (or one row of a list) into one's own plan as a normal save that says where it came from."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.models import Atelier, AtelierParticipant, User
from app.models.organisation import utcnow
from app.services.atelier.ateliers import steps_of_round
from app.services.atelier.sharing import SharedAnswer, shared_answers, visible_participants
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _
from app.services.plans import plans
from app.services.plans.plans import TAKEOVER
from app.services.questions.answers import is_empty
from app.services.questions.handreiking import Handreiking, Question, Step


class NotVisible(Exception):
    """The answer does not exist or the viewer may not see it: the page says 404, as for anything unknown."""


@dataclass
class QuestionWork:
    question: Question
    own: Any                      # the viewer's own answer, None when they take part without a plan of their own
    others: list[SharedAnswer]


@dataclass
class StepWork:
    step: Step
    version: int                  # the own step's current version: the base of every take-over from this page
    questions: list[QuestionWork]


def own_participant(viewer: User, atelier: Atelier) -> AtelierParticipant | None:
    """The participation whose plan the viewer works on: one they may edit, else any of their organisations'."""
    mine = [p for p in atelier.participants if p.organisation_id in {m.organisation_id for m in viewer.memberships}]
    return next((p for p in mine if access.can(viewer, Action.EDIT, p.plan)), mine[0] if mine else None)


def round_work(viewer: User, atelier: Atelier, number: int, handreiking: Handreiking,
               now: datetime | None = None) -> list[StepWork]:
    """Every question of the round's steps with the viewer's own answer and the others' they may see."""
    shared = {(qa.step.number, qa.question.key): qa.answers
              for qa in shared_answers(viewer, atelier, number, handreiking, now)}
    own = own_participant(viewer, atelier)
    result = []
    for step in steps_of_round(handreiking, number):
        row = plans.step_row(own.plan, step.number) if own else None
        answers = dict(row.answers or {}) if row else {}
        result.append(StepWork(step, row.version if row else 0, [
            QuestionWork(q, answers.get(q.key) if own else None, shared.get((step.number, q.key), []))
            for q in step.questions if not q.retired]))  # a question no longer asked is nothing to compare
    return result


#: how a taken-over answer lands in one's own plan: it replaces the own answer, or it is added to it
REPLACE, ADD = "vervangen", "toevoegen"
#: question types whose answers can be added to one's own: the text is appended, the choices joined
ADDABLE = {"long_text", "text", "multi_choice"}


class CannotAdd(Exception):
    """Adding would make the answer invalid (too long); the confirm page says so and offers replacing."""


@dataclass
class TakeOverPreview:
    """What "Overnemen" would change, shown before anything is saved."""
    step: Step
    question: Question
    source: AtelierParticipant
    own: Any                      # the own answer now
    theirs: Any                   # what is taken over: the other's answer, or for a list the one row (as a list)
    version: int                  # the own step's version the preview was read at: the base of the save
    modes: tuple[str, ...]        # the choices offered: (ADD,) for a list row, (REPLACE, ADD) or (REPLACE,)

    def result(self, mode: str) -> Any:
        return _combined(self.question, self.own, self.theirs, mode)


def _combined(question: Question, own: Any, theirs: Any, mode: str) -> Any:
    if question.kind.rows:
        return list(own or []) + [dict(r) for r in theirs]
    if mode != ADD or is_empty(own):
        return theirs
    if question.type == "multi_choice":
        return list(own) + [v for v in theirs if v not in own]
    return f"{str(own).rstrip()}{'; ' if question.type == 'text' else chr(10) * 2}{theirs}"


def preview(viewer: User, atelier: Atelier, number: int, source_id: int, step_number: int, key: str,
            row: int | None, handreiking: Handreiking, now: datetime | None = None) -> TakeOverPreview:
    """What taking over this answer would do; nothing is saved. Raises NotVisible for what the viewer may not see."""
    access.require(viewer, Action.PARTICIPATE, atelier)
    own = own_participant(viewer, atelier)
    if own is None:
        raise access.AccessDenied(hidden=False)  # a facilitator has no plan here to take anything into
    step = next((s for s in steps_of_round(handreiking, number) if s.number == step_number), None)
    question = next((q for q in step.questions if q.key == key), None) if step else None
    if question is None:  # before the sharing rule, which knows only the handreiking's steps
        raise NotVisible()
    source = next((p for p in visible_participants(viewer, atelier, number, step_number, handreiking,
                                                   now or utcnow()) if p.id == source_id), None)
    if source is None:
        raise NotVisible()
    theirs_row = plans.step_row(source.plan, step_number)
    value = (theirs_row.answers or {}).get(key) if theirs_row else None
    if is_empty(value):
        raise NotVisible()
    if question.kind.rows:
        if row is None or not 0 <= row < len(value):
            raise NotVisible()
        value = [value[row]]
    mine = plans.step_row(own.plan, step_number)
    modes = (ADD,) if question.kind.rows else (REPLACE, ADD) if question.type in ADDABLE else (REPLACE,)
    return TakeOverPreview(step, question, source, (mine.answers or {}).get(key) if mine else None, value,
                           mine.version if mine else 0, modes)


def take_over(by: User, atelier: Atelier, number: int, source_id: int, step_number: int, key: str,
              row: int | None, base_version: int, handreiking: Handreiking, now: datetime | None = None,
              mode: str = REPLACE) -> bool:
    """Copy one answer (for a list: row `row`, appended) into the own plan of `by`, from `base_version` of the step:
    replacing the own answer, or (mode ADD) added to it. One new version of the step, whose note names the
    organisation and the atelier it came from, so the versions page shows it and can undo it.

    Raises NotVisible for what `by` may not see, StepConflict when the step moved on, CannotAdd when the
    joined answer would be too long. Returns False when the own plan already had exactly this answer."""
    found = preview(by, atelier, number, source_id, step_number, key, row, handreiking, now)
    question, source = found.question, found.source
    if mode not in found.modes:
        mode = found.modes[0]
    own = own_participant(by, atelier)
    mine = plans.step_row(own.plan, step_number)
    answers = dict(mine.answers or {}) if mine else {}
    answers[key] = found.result(mode)
    if question.kind.check(question, answers[key]) is not None:
        raise CannotAdd()
    theirs = plans.step_row(source.plan, step_number).answers or {}
    if mode == REPLACE and question.allow_other and question.other_key in theirs:
        answers[question.other_key] = theirs[question.other_key]
    name = source.organisation.display_name
    note = _("overgenomen van %(name)s in leeratelier %(atelier)s", name=name, atelier=atelier.name)
    saved = plans.save_step(own.plan, step_number, answers, by, base_version, kind=TAKEOVER, note=note[:200])
    if saved:
        audit.record(AuditAction.ATELIER_TAKEN_OVER, actor=by, organisation_id=own.organisation_id,
                     target=f"plan:{own.plan_id}", atelier=atelier.id, step=step_number, question=key, row=row,
                     source=source.organisation_id, mode=mode)
    return saved
