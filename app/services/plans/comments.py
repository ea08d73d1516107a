"""Team comments on a step or an article of the draft ordinance."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Comment, ParticipationPlan, User
from app.models.organisation import utcnow
from app.services.core import access
from app.services.core.access import Action
from app.services.core.text import _  # outside an app context it returns the Dutch text itself

TARGET_RE = re.compile(r"^(step:[1-9][0-9]?|article:[a-z0-9_]{1,100})$")


class CommentError(Exception):
    pass


def comments_for(plan: ParticipationPlan, target: str | None = None) -> list[Comment]:
    query = select(Comment).where(Comment.plan_id == plan.id)
    if target:
        query = query.where(Comment.target == target)
    return list(db.session.scalars(query.order_by(Comment.created_at)))


def add_comment(plan: ParticipationPlan, target: str, body: str, *, by: User) -> Comment:
    access.require(by, Action.COMMENT, plan)
    if not TARGET_RE.match(target):
        raise CommentError(_("Onbekend onderdeel voor een opmerking."))
    comment = Comment(plan_id=plan.id, target=target, body=body.strip(), author_id=by.id)
    db.session.add(comment)
    return comment


def set_resolved(comment: Comment, resolved: bool, *, by: User) -> None:
    access.require(by, Action.COMMENT, comment)
    comment.resolved_at = utcnow() if resolved else None
