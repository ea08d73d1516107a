"""What colleagues did lately: open comments and review marks, per plan and per step, counted by the database.

One query per page: the counts of all plans (or all steps) come back together, never one query per plan.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import bindparam, func, or_, select

from app.extensions import db
from app.models import Comment, ParticipationPlan
from app.models.review import ArticleReview

STEP_TARGET = "step:"  # Comment.target of a step's comments: "step:3"


@dataclass(frozen=True)
class PlanActivity:
    open_comments: int = 0
    last_comment_at: datetime | None = None
    reviewed_articles: int = 0
    last_review_at: datetime | None = None


def activity_by_plan(plan_ids: list[int]) -> dict[int, PlanActivity]:
    """Per plan: open comments, the newest comment, articles marked as reviewed and the newest mark."""
    if not plan_ids:
        return {}
    def about_plan(column, model, *conditions):
        return select(column).where(model.plan_id == ParticipationPlan.id, *conditions).scalar_subquery()

    rows = db.session.execute(select(
        ParticipationPlan.id,
        about_plan(func.count(Comment.id), Comment, Comment.resolved_at.is_(None)),
        about_plan(func.max(Comment.created_at), Comment),
        about_plan(func.count(ArticleReview.id), ArticleReview),
        about_plan(func.max(ArticleReview.reviewed_at), ArticleReview),
    ).where(ParticipationPlan.id.in_(plan_ids)))
    return {plan_id: PlanActivity(*counts) for plan_id, *counts in rows}


def step_comments(plan_id: int, number: int) -> tuple[list[Comment], dict[int, int]]:
    """For a step page, in one query: the comments on step `number` (open and resolved, oldest first) and, per step,
    how many comments are still open."""
    target = f"{STEP_TARGET}{number}"
    rows = db.session.scalars(_step_comments_statement(), {"plan_id": plan_id, "target": target}).all()
    open_by_step: dict[int, int] = {}
    for comment in rows:
        number = step_of(comment.target)
        if comment.resolved_at is None and number is not None:
            open_by_step[number] = open_by_step.get(number, 0) + 1
    return [c for c in rows if c.target == target], open_by_step


def step_of(target: str) -> int | None:
    """The step number of a comment's target ("step:3" -> 3), None for a target that is no step."""
    suffix = target[len(STEP_TARGET):] if target.startswith(STEP_TARGET) else ""
    return int(suffix) if suffix.isdecimal() else None


@lru_cache(maxsize=1)
def _step_comments_statement():
    """Built once: constructing a statement costs more than running it on a step page."""
    return (select(Comment).where(Comment.plan_id == bindparam("plan_id"), or_(
        Comment.target == bindparam("target"), Comment.resolved_at.is_(None) & Comment.target.startswith(STEP_TARGET)))
        .order_by(Comment.created_at, Comment.id))


def open_comments_by_step(plan_id: int) -> dict[int, int]:
    """Per step number: the comments on that step that are still open."""
    rows = db.session.execute(
        select(Comment.target, func.count(Comment.id))
        .where(Comment.plan_id == plan_id, Comment.resolved_at.is_(None), Comment.target.startswith(STEP_TARGET))
        .group_by(Comment.target))
    return {number: count for target, count in rows if (number := step_of(target)) is not None}
