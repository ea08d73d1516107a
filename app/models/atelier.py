"""The leeratelier: teams of several organisations work through the steps in four rounds, in groups (tables).

Which steps belong to a round is content, not data: `workshop_round` in handreiking/*.yaml decides.
"""
from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import Organisation, utcnow
from app.models.plan import ParticipationPlan

ROUND_NUMBERS = (1, 2, 3, 4)


class Capacity(str, enum.Enum):
    """In what capacity someone takes part in an atelier (the access rule reads these)."""
    ORGANISER = "organisator"
    FACILITATOR = "facilitator"
    PARTICIPANT = "deelnemer"  # a member of a participating organisation; never stored, derived


class ShareScope(str, enum.Enum):
    """With whom a participant shares the answers of one step."""
    GROUP = "groep"
    ATELIER = "atelier"
    NOBODY = "niemand"


class Atelier(db.Model):
    __tablename__ = "atelier"
    id: Mapped[int] = mapped_column(primary_key=True)
    #: e.g. "Leeratelier Gelderland voorjaar 2027"
    name: Mapped[str] = mapped_column(String(200))
    #: the organiser: the person who created it (kept as a label when the account goes)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    roles: Mapped[list[AtelierRole]] = relationship(back_populates="atelier", cascade="all, delete-orphan")
    rounds: Mapped[list[AtelierRound]] = relationship(back_populates="atelier", cascade="all, delete-orphan",
                                                      order_by="AtelierRound.number")
    participants: Mapped[list[AtelierParticipant]] = relationship(back_populates="atelier",
                                                                  cascade="all, delete-orphan",
                                                                  order_by="AtelierParticipant.id")
    groups: Mapped[list[AtelierGroup]] = relationship(back_populates="atelier", cascade="all, delete-orphan",
                                                      order_by="AtelierGroup.id")

    def round(self, number: int) -> AtelierRound | None:
        return next((r for r in self.rounds if r.number == number), None)


class AtelierRole(db.Model):
    """A person's role in an atelier: organisator or facilitator (one row per role)."""
    __tablename__ = "atelier_role"
    __table_args__ = (UniqueConstraint("atelier_id", "user_id", "role", name="uq_atelier_role_atelier_user_role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: organisator or facilitator (Capacity)
    role: Mapped[str] = mapped_column(String(20))

    atelier: Mapped[Atelier] = relationship(back_populates="roles")
    user = relationship("User")


class AtelierRound(db.Model):
    """One half-day round; its steps come from the handreiking (`workshop_round`)."""
    __tablename__ = "atelier_round"
    __table_args__ = (UniqueConstraint("atelier_id", "number", name="uq_atelier_round_atelier_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"))
    #: 1 to 4
    number: Mapped[int]
    #: the day of the round; the round has started from its start time on that day
    date: Mapped[date | None]
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    #: an address or room
    place: Mapped[str] = mapped_column(String(300), default="")
    #: a link to the video meeting, for an online round
    video_link: Mapped[str] = mapped_column(String(500), default="")

    atelier: Mapped[Atelier] = relationship(back_populates="rounds")

    def started(self, now: datetime) -> bool:
        if self.date is None:
            return False
        return datetime.combine(self.date, self.start_time or time(0, 0)) <= now


class AtelierParticipant(db.Model):
    """An organisation taking part with one of its plans; joined by the organisation's beheerder."""
    __tablename__ = "atelier_participant"
    __table_args__ = (UniqueConstraint("atelier_id", "municipality_id", name="uq_atelier_participant_workspace"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE"),
                                                 index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE"))
    joined_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    atelier: Mapped[Atelier] = relationship(back_populates="participants")
    organisation: Mapped[Organisation] = relationship()
    plan: Mapped[ParticipationPlan] = relationship()
    shares: Mapped[list[AtelierShare]] = relationship(back_populates="participant", cascade="all, delete-orphan")


class AtelierGroup(db.Model):
    """A table of organisations in one round; the facilitator can seat them differently each round."""
    __tablename__ = "atelier_group"
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"), index=True)
    round_number: Mapped[int]
    #: e.g. "Tafel 1"
    name: Mapped[str] = mapped_column(String(120))

    atelier: Mapped[Atelier] = relationship(back_populates="groups")
    seats: Mapped[list[AtelierSeat]] = relationship(back_populates="group", cascade="all, delete-orphan")


class AtelierSeat(db.Model):
    """A participant at a group's table in one round: at most one table per participant per round."""
    __tablename__ = "atelier_seat"
    __table_args__ = (UniqueConstraint("participant_id", "round_number", name="uq_atelier_seat_participant_round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("atelier_group.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("atelier_participant.id", ondelete="CASCADE"))
    #: the group's round, repeated so the database can keep one table per participant per round
    round_number: Mapped[int]

    group: Mapped[AtelierGroup] = relationship(back_populates="seats")
    participant: Mapped[AtelierParticipant] = relationship()


class AtelierShare(db.Model):
    """A participant's choice for one step; without a row the default holds (group, once the round started)."""
    __tablename__ = "atelier_share"
    __table_args__ = (UniqueConstraint("participant_id", "step_number", name="uq_atelier_share_participant_step"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("atelier_participant.id", ondelete="CASCADE"))
    step_number: Mapped[int]
    #: groep, atelier or niemand (ShareScope)
    scope: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    participant: Mapped[AtelierParticipant] = relationship(back_populates="shares")


class AtelierInvitation(db.Model):
    """A link for one organisation to join: it works once, expires and can be withdrawn."""
    __tablename__ = "atelier_invitation"
    id: Mapped[int] = mapped_column(primary_key=True)
    atelier_id: Mapped[int] = mapped_column(ForeignKey("atelier.id", ondelete="CASCADE"), index=True)
    #: random url-safe token, the secret part of the link
    token: Mapped[str] = mapped_column(String(64), unique=True)
    #: for whom the facilitator meant it, e.g. "gemeente Lindehoven" (a note, not a check)
    label: Mapped[str] = mapped_column(String(120), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    used_at: Mapped[datetime | None]
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    #: the organisation that joined with it
    used_for_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None]

    atelier: Mapped[Atelier] = relationship()
