"""A new plan pre-filled from an existing ordinance, and the marks that ask the user to confirm each answer.

The marks need no table of their own: the pre-fill saves each step as a revision of kind "import" with the note
PREFILL_NOTE. As long as that revision is the step's latest, the keys it wrote are "uit de bestaande verordening —
bevestig dit". The user's first save of the step is a newer revision (the step page records one even when nothing
changed, see confirm_needed), and the marks are gone; the history keeps who confirmed what and when.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, select

from app.extensions import db
from app.models import Organisation, ParticipationPlan, PlanRevision, User
from app.services.core.text import _
from app.services.plans import plans
from app.services.questions.answers import answers_problem, has_forbidden_characters
from app.services.questions.handreiking import Handreiking

PREFILL_KIND = "import"
PREFILL_NOTE = "uit bestaande verordening"


class PrefillRefused(Exception):
    """The answers sent back with the form are not answers of the handreiking; nothing is written."""


def check_answers(data: Any, handreiking: Handreiking) -> dict[int, dict[str, Any]]:
    """The pre-fill as it comes back from the page ({"4": {...}}), checked like an imported plan."""
    if not isinstance(data, dict):
        raise PrefillRefused(_("De antwoorden uit de verordening zijn niet meegekomen. Lees de verordening "
                               "opnieuw in."))
    checked: dict[int, dict[str, Any]] = {}
    for number, answers in data.items():
        step = handreiking.step(int(number)) if str(number).isdecimal() and len(str(number)) < 3 else None
        if step is None or answers_problem(step, answers) or has_forbidden_characters(answers):
            raise PrefillRefused(_("De antwoorden uit de verordening zijn gewijzigd of onleesbaar. Lees de "
                                   "verordening opnieuw in."))
        if answers:
            checked[step.number] = answers
    return checked


def start_plan(organisation: Organisation, title: str, answers: dict[int, dict[str, Any]], *, by: User
               ) -> ParticipationPlan:
    """Create the plan and save each pre-filled step through plans.save_step (the access rule, the history)."""
    plan = plans.start_plan(organisation, title, by=by, source="bestaande verordening",
                            prefilled=sum(len(a) for a in answers.values()))
    for number in sorted(answers):
        plans.save_step(plan, number, answers[number], by, None, kind=PREFILL_KIND, note=PREFILL_NOTE)
    return plan


def _latest_revision(plan: ParticipationPlan, number: int) -> PlanRevision | None:
    return db.session.scalars(_latest_revision_statement(), {"plan_id": plan.id, "number": number}).first()


@lru_cache(maxsize=1)
def _latest_revision_statement():
    """Built once: a step page asks for it while the step is at its first version."""
    return (select(PlanRevision).where(PlanRevision.plan_id == bindparam("plan_id"),
                                       PlanRevision.step_number == bindparam("number"))
            .order_by(PlanRevision.id.desc()).limit(1))


def pending_marks(plan: ParticipationPlan, number: int) -> set[str]:
    """The step's answers that came from the existing ordinance and were not yet confirmed by a save."""
    row = plans.step_row(plan, number)
    if row is None or row.version != 1:
        # The pre-fill is the first version of a step of a new plan (start_plan); any later save confirms it. So a
        # step page asks for the history only in that one case.
        return set()
    revision = _latest_revision(plan, number)
    if revision is None or revision.kind != PREFILL_KIND or revision.note != PREFILL_NOTE:
        return set()
    return {key for key, (_old, new) in revision.changes.items() if new is not None}
