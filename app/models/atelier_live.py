"""During a round: the facilitator's messages, a shared countdown, and the participants' requests for help."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import utcnow


class AtelierMessage(db.Model):
    """A message from the facilitator in a round, to everyone (group None) or to one group (table)."""
    __tablename__ = "atelier_message"
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"), index=True)
    round_number: Mapped[int]
    group_id: Mapped[int | None] = mapped_column(ForeignKey("atelier_group.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(String(1000))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    group = relationship("AtelierGroup")
    by = relationship("User")


class AtelierCountdown(db.Model):
    """The shared countdown of an exercise in a round: one per round, stored as its end time (UTC)."""
    __tablename__ = "atelier_countdown"
    __table_args__ = (UniqueConstraint("atelier_id", "round_number", name="uq_atelier_countdown_atelier_round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"))
    round_number: Mapped[int]
    ends_at: Mapped[datetime]
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class AtelierHelpRequest(db.Model):
    """A participating organisation asks the facilitator for help; open until the facilitator marks it handled."""
    __tablename__ = "atelier_help_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"), index=True)
    round_number: Mapped[int]
    participant_id: Mapped[int] = mapped_column(ForeignKey("atelier_participant.id", ondelete="CASCADE"))
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[datetime | None]
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    participant = relationship("AtelierParticipant")
    asked_by = relationship("User", foreign_keys=[asked_by_id])
