"""Het loket: the adopted version of a plan, and residents' requests under that ordinance.

A request holds personal data (name, address, e-mail, its texts and attachments) until the retention period after
the decision ends; then `personal_data_removed_at` is set and those columns are emptied. What the public register
shows (reference, right, subject, dates, outcome) carries no personal data.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import utcnow


class AdoptedVersion(db.Model):
    """A named version (PlanSnapshot) of a plan that the raad adopted as the participatieverordening."""
    __tablename__ = "adopted_version"
    __table_args__ = (UniqueConstraint("snapshot_id", name="uq_adopted_version_snapshot_id"),
                      Index("ix_adopted_version_municipality_in_force", "municipality_id", "in_force_from"))
    id: Mapped[int] = mapped_column(primary_key=True)
    #: the organisation whose loket this version configures
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE",
                                                            name="fk_adopted_version_municipality_id_municipality"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE",
                                                    name="fk_adopted_version_plan_id_participation_plan"))
    #: the version whose answers are the adopted text
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("plan_snapshot.id", ondelete="CASCADE",
                                                        name="fk_adopted_version_snapshot_id_plan_snapshot"))
    #: date of the raadsbesluit
    decided_on: Mapped[date]
    #: the ordinance counts from this day on; the loket uses the latest version in force
    in_force_from: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                                 name="fk_adopted_version_created_by_id_user"))


class LoketRequest(db.Model):
    """One resident's request under one right of the ordinance, with the rules it was filed under."""
    __tablename__ = "loket_request"
    __table_args__ = (UniqueConstraint("token", name="uq_loket_request_token"),
                      UniqueConstraint("reference", name="uq_loket_request_reference"),
                      # the staff list: open ones by due date, decided ones by decision date; the register by receipt
                      Index("ix_loket_request_queue", "municipality_id", "decided", "due_on", "id"),
                      Index("ix_loket_request_decided", "municipality_id", "decided", "decided_on", "id"),
                      Index("ix_loket_request_municipality_received", "municipality_id", "received_on", "id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE",
                                                            name="fk_loket_request_municipality_id_municipality"))
    adopted_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("adopted_version.id", ondelete="SET NULL",
                   name="fk_loket_request_adopted_version_id_adopted_version"))
    #: kenmerk, e.g. "LK-2027-00012"; set from the id after the insert
    reference: Mapped[str | None] = mapped_column(String(30))
    #: the private link's secret (secrets.token_urlsafe): whoever has it follows the request
    token: Mapped[str] = mapped_column(String(64))
    #: uitdaagrecht, participatieverzoek, burgerinitiatief, buurtplanrecht, biedrecht
    right: Mapped[str] = mapped_column(String(30))
    #: the Right as it was when the request was filed (app/services/loket/rights.py, Right.as_rules)
    rules: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the public subject (the right's one public field): shown in the register, never a name
    subject: Mapped[str] = mapped_column(String(300), default="")
    #: the texts of the form, per field key (personal data: emptied after the retention period)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    requester_name: Mapped[str] = mapped_column(String(200), default="")
    requester_address: Mapped[str] = mapped_column(String(300), default="")
    requester_email: Mapped[str] = mapped_column(String(254), default="")
    #: ontvangen, in_behandeling, verdaagd, besloten
    status: Mapped[str] = mapped_column(String(20), default="ontvangen")
    #: true once status is besloten (kept beside status so the staff list reads open ones from one index)
    decided: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: when besloten: toegekend, afgewezen, deels
    outcome: Mapped[str | None] = mapped_column(String(20))
    received_on: Mapped[date]
    #: the decision is due by this day (the period, moved by the Algemene termijnenwet; later after a postponement)
    due_on: Mapped[date]
    postponed_on: Mapped[date | None]
    postpone_reason: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[date | None]
    decision_reasons: Mapped[str | None] = mapped_column(Text)
    decision_conditions: Mapped[str | None] = mapped_column(Text)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                                  name="fk_loket_request_assigned_to_id_user"))
    #: burgerinitiatief: supporters counted on paper lists by staff
    paper_supporters: Mapped[int] = mapped_column(default=0)
    #: the last day a reminder about the deadline was sent, so cron sends one a day at most
    reminded_on: Mapped[date | None]
    personal_data_removed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    assigned_to: Mapped["User | None"] = relationship()  # noqa: F821
    notes: Mapped[list["LoketNote"]] = relationship(cascade="all, delete-orphan", order_by="LoketNote.id")
    attachments: Mapped[list["LoketAttachment"]] = relationship(cascade="all, delete-orphan",
                                                                order_by="LoketAttachment.id")

    @property
    def open_for_support(self) -> bool:
        """A burgerinitiatief that is not decided and still holds its data: residents may support it."""
        return self.right == "burgerinitiatief" and self.status != "besloten" and self.personal_data_removed_at is None


class LoketNote(db.Model):
    """An internal note of staff on a request; never shown to the requester or in the register."""
    __tablename__ = "loket_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("loket_request.id", ondelete="CASCADE",
                                                       name="fk_loket_note_request_id_loket_request"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                             name="fk_loket_note_author_id_user"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped["User | None"] = relationship()  # noqa: F821


class LoketAttachment(db.Model):
    """A file sent with a request, kept in the database (a few small files, within the limits of the intake)."""
    __tablename__ = "loket_attachment"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("loket_request.id", ondelete="CASCADE",
                                                       name="fk_loket_attachment_request_id_loket_request"),
                                            index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)


class InitiativeSupport(db.Model):
    """One supporter of a burgerinitiatief, by e-mail address: counted once confirmed, one per address."""
    __tablename__ = "initiative_support"
    __table_args__ = (UniqueConstraint("request_id", "email", name="uq_initiative_support_request_id_email"),
                      UniqueConstraint("token", name="uq_initiative_support_token"))
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("loket_request.id", ondelete="CASCADE",
                                                       name="fk_initiative_support_request_id_loket_request"))
    email: Mapped[str] = mapped_column(String(254))
    token: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
