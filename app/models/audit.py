"""The audit trail: who did what, when, to what, from where (BIO 12.4)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.organisation import utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_workspace_time", "municipality_id", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: the acting user; kept as a label too, so the trail still reads after the account is deleted
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    #: e-mail address of the actor at the time (or the address typed at a failed login)
    actor_label: Mapped[str] = mapped_column(String(254), default="")
    #: what happened, an AuditAction value such as "login.failed" or "ordinance.download"
    action: Mapped[str] = mapped_column(String(40), index=True)
    #: the organisation it concerns; no foreign key, so the trail outlives a deleted organisation
    organisation_id: Mapped[int | None] = mapped_column("municipality_id", index=True)
    #: what it was done to, e.g. "plan:12" or "membership:4"
    target: Mapped[str] = mapped_column(String(120), default="")
    #: the client's address as the app saw it
    ip: Mapped[str] = mapped_column(String(64), default="")
    #: a few facts about the event (old and new role, file name); never passwords or answers
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
