"""Two people saved one step from the same version: keep both where they changed different questions, and let the
user choose only where both changed the same question differently (a three-way merge against the version the user
started from)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.extensions import db
from app.models import ParticipationPlan, User
from app.services.plans import plans
from app.services.questions.handreiking import Question, Step

MINE, THEIRS = "mine", "theirs"
AUTO_MERGE_TRIES = 3  # a save that keeps meeting new saves by others gives up and shows the choice


@dataclass
class Conflict:
    step: Step
    mine: dict[str, Any]
    theirs: dict[str, Any]
    base_version: int
    their_version: int
    #: questions both sides changed, to different answers: the user chooses
    contested: list[Question]
    #: the result before the user's choices: their answers plus every change of the user that nobody contested
    merged: dict[str, Any]
    #: questions only the user changed (their answer is kept) and only the others changed (theirs is kept)
    kept_mine: list[Question]
    kept_theirs: list[Question]
    updated_by: User | None
    updated_at: datetime | None
    #: the other save was made by the same person (another tab or window)
    same_person: bool
    errors: dict[str, str] = field(default_factory=dict)

    def with_choices(self, choices: dict[str, str]) -> dict[str, Any]:
        """The merged answers with the user's choice for every contested question applied."""
        result = dict(self.merged)
        for q in self.contested:
            if choices.get(q.key) == MINE:
                for key in _keys(q):
                    _put(result, key, self.mine.get(key))
        return result


def _keys(q: Question) -> list[str]:
    return [q.key, q.other_key] if q.allow_other else [q.key]


def _put(answers: dict[str, Any], key: str, value: Any) -> None:
    if value in (None, "", [], {}):
        answers.pop(key, None)
    else:
        answers[key] = value


def find_conflict(plan: ParticipationPlan, step: Step, mine: dict[str, Any], base_version: int,
                  by: User | None) -> Conflict:
    """Compare the user's answers with the step as it is now, both against the version the user started from."""
    db.session.expire_all()  # read what the others committed, not what this request saw before
    row = plans.step_row(plan, step.number)
    theirs = dict(row.answers or {}) if row else {}
    base = plans.answers_at(plan, step.number, base_version)
    merged, contested, kept_mine, kept_theirs = dict(theirs), [], [], []
    for q in step.questions:
        keys = _keys(q)
        if all(mine.get(k) == theirs.get(k) for k in keys):
            continue
        mine_changed = base is None or any(mine.get(k) != base.get(k) for k in keys)
        theirs_changed = base is None or any(theirs.get(k) != base.get(k) for k in keys)
        if mine_changed and theirs_changed:
            contested.append(q)
        elif mine_changed:
            kept_mine.append(q)
            for k in keys:
                _put(merged, k, mine.get(k))
        else:
            kept_theirs.append(q)
    updated_by = db.session.get(User, row.updated_by_id) if row and row.updated_by_id else None
    return Conflict(step=step, mine=mine, theirs=theirs, base_version=base_version,
                    their_version=row.version if row else 0, contested=contested, merged=merged,
                    kept_mine=kept_mine, kept_theirs=kept_theirs,
                    updated_by=updated_by, updated_at=row.updated_at if row else None,
                    same_person=by is not None and updated_by is not None and updated_by.id == by.id)
