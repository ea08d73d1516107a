"""The participation plan: the answers per step, their history and named snapshots."""
from __future__ import annotations

from typing import TYPE_CHECKING

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import Organisation, utcnow

if TYPE_CHECKING:  # for the type hints of relationships only
    from app.models.user import User


class ParticipationPlan(db.Model):
    __tablename__ = "participation_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE"),
                                                 index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="plans")
    steps: Mapped[list[StepAnswer]] = relationship(back_populates="plan", cascade="all, delete-orphan",
                                                   order_by="StepAnswer.step_number")

    def step_answers(self, number: int) -> dict[str, Any]:
        for s in self.steps:
            if s.step_number == number:
                return dict(s.answers or {})
        return {}

    def all_answers(self) -> dict[str, Any]:
        """Every stored answer of every step, by question key (keys are unique across steps)."""
        merged: dict[str, Any] = {}
        for s in self.steps:
            merged.update(s.answers or {})
        return merged


class StepAnswer(db.Model):
    """The answers of one step. Kept as JSON so a half-filled step is saved as it is."""
    __tablename__ = "step_answer"
    __table_args__ = (UniqueConstraint("plan_id", "step_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE"))
    step_number: Mapped[int]
    #: question key -> value (str, int, bool, list or list of dicts), as the step definition describes
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: goes up by one on every save; a save based on an older version is a conflict
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    plan: Mapped[ParticipationPlan] = relationship(back_populates="steps")


class PlanRevision(db.Model):
    """One recorded change: who changed which step, when, from what to what."""
    __tablename__ = "plan_revision"
    #: the versions page reads a plan's changes newest first, a page at a time
    __table_args__ = (Index("ix_plan_revision_plan_created", "plan_id", "created_at", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE"), index=True)
    #: the step changed; None for a change of the whole plan (import, restore)
    step_number: Mapped[int | None]
    #: save, merge, restore or import
    kind: Mapped[str] = mapped_column(String(20), default="save")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: {question key: [old, new]} for the keys that changed
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the step's version this change produced; undoing newer revisions gives the answers of an older version
    step_version: Mapped[int | None]
    #: where a save came from, shown in the history (e.g. the other tab's answers merged in)
    note: Mapped[str | None] = mapped_column(String(200))

    user: Mapped["User | None"] = relationship()


class PlanSnapshot(db.Model):
    """A named version of the whole plan, e.g. "versie voor het college"."""
    __tablename__ = "plan_snapshot"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    #: {step number (as string): answers}
    data: Mapped[dict] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped["User | None"] = relationship()
