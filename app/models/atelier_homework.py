"""What the facilitator gives the teams to do in a round (opdrachten and huiswerk), who did their homework, and the
participants' short reactions on each other's shared answers."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import utcnow


class AssignmentKind(str, enum.Enum):
    """An opdracht is done during the round; huiswerk between rounds, before its due date."""
    TASK = "opdracht"
    HOMEWORK = "huiswerk"


class AtelierAssignment(db.Model):
    """An opdracht or huiswerk of one round of an atelier, set by a facilitator."""
    __tablename__ = "atelier_assignment"
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"), index=True)
    #: 1 to 4
    round_number: Mapped[int]
    #: opdracht or huiswerk (AssignmentKind)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    #: plain text, shown escaped with its line breaks
    description: Mapped[str] = mapped_column(Text, default="")
    #: required for huiswerk: the last day to hand it in
    due_date: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    completions: Mapped[list[AtelierHomeworkDone]] = relationship(back_populates="assignment",
                                                                 cascade="all, delete-orphan")

    @property
    def is_homework(self) -> bool:
        return self.kind == AssignmentKind.HOMEWORK.value


class AtelierHomeworkDone(db.Model):
    """A participating organisation marked the homework done (at most once; undoing removes the row)."""
    __tablename__ = "atelier_homework_done"
    __table_args__ = (UniqueConstraint("assignment_id", "participant_id",
                                       name="uq_atelier_homework_done_assignment_participant"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("atelier_assignment.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("atelier_participant.id", ondelete="CASCADE"),
                                                index=True)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    done_at: Mapped[datetime] = mapped_column(default=utcnow)

    assignment: Mapped[AtelierAssignment] = relationship(back_populates="completions")
    done_by = relationship("User")


class AtelierReaction(db.Model):
    """A short reaction on another organisation's shared answer to one question; seen where that answer is seen."""
    __tablename__ = "atelier_reaction"
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"), index=True)
    #: whose answer it is about
    participant_id: Mapped[int] = mapped_column(ForeignKey("atelier_participant.id", ondelete="CASCADE"),
                                                index=True)
    step_number: Mapped[int]
    question_key: Mapped[str] = mapped_column(String(100))
    #: plain text, never Markdown or HTML
    body: Mapped[str] = mapped_column(String(1000))
    #: the person who reacted; the reaction goes with their account
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User")
