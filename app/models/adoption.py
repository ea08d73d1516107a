"""The route to adoption of a plan: its target date, its own step settings and the meeting dates it plans with."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.organisation import utcnow


class AdoptionSchedule(db.Model):
    """One per plan, made on the first save; without it the planner uses the content file's defaults."""
    __tablename__ = "adoption_schedule"
    __table_args__ = (UniqueConstraint("plan_id", name="uq_adoption_schedule_plan_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE",
                                                    name="fk_adoption_schedule_plan_id_participation_plan"))
    #: the intended date of entry into force
    target_date: Mapped[date] = mapped_column(Date)
    #: who is consulted on the draft: adviesraad, inwoners or beide
    consultation_with: Mapped[str] = mapped_column(String(20), default="adviesraad")
    #: {step key: {"weeks": int, "skip": bool}} for the steps the plan changed; others follow the content file
    steps: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                                 name="fk_adoption_schedule_updated_by_id_user"))


class MeetingDate(db.Model):
    """A meeting of the college, a commissie or the raad that the plan's route can use."""
    __tablename__ = "meeting_date"
    __table_args__ = (UniqueConstraint("plan_id", "body", "day", name="uq_meeting_date_plan_body_day"),
                      Index("ix_meeting_date_plan_id", "plan_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE",
                                                    name="fk_meeting_date_plan_id_participation_plan"))
    #: college, commissie or raad
    body: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)
    #: the event's title when imported from an .ics file
    title: Mapped[str | None] = mapped_column(String(200))
