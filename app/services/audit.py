"""Writing and reading the audit trail. Every sensitive action goes through `record`, in the same unit of work as
the action itself, and is also written as one line to the operational log."""
from __future__ import annotations

import contextvars
import enum
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from app.extensions import db
from app.models.audit import AuditEvent
from app.models.municipality import utcnow

log = logging.getLogger("participatie.audit")

#: the client's address for the current request; set by the web layer, so services need not know about requests
client_ip: contextvars.ContextVar[str] = contextvars.ContextVar("client_ip", default="")


class AuditAction(str, enum.Enum):
    LOGIN = "login"
    LOGIN_FAILED = "login.failed"
    LOGOUT = "logout"
    LOGOUT_EVERYWHERE = "logout.everywhere"
    PASSWORD_CHANGED = "password.changed"
    PASSWORD_RESET_REQUESTED = "password.reset_requested"
    PASSWORD_RESET = "password.reset"
    TOTP_ENABLED = "totp.enabled"
    TOTP_DISABLED = "totp.disabled"
    ACCOUNT_CREATED = "account.created"
    ACCOUNT_DELETED = "account.deleted"
    ROLE_CHANGED = "role.changed"
    MEMBER_REMOVED = "member.removed"
    INVITATION_CREATED = "invitation.created"
    INVITATION_USED = "invitation.used"
    INVITATION_WITHDRAWN = "invitation.withdrawn"
    WORKSPACE_CHANGED = "workspace.changed"
    WORKSPACE_DELETED = "workspace.deleted"
    PLAN_CREATED = "plan.created"
    PLAN_RENAMED = "plan.renamed"
    PLAN_DELETED = "plan.deleted"
    PLAN_IMPORTED = "plan.imported"
    PLAN_RESTORED = "plan.restored"
    ORDINANCE_DOWNLOAD = "ordinance.download"
    PLAN_EXPORT = "plan.export"
    PERSONAL_DATA_EXPORT = "personal_data.export"


def record(action: AuditAction, *, actor: Any = None, actor_label: str | None = None,
           municipality_id: int | None = None, target: str = "", **detail: Any) -> AuditEvent:
    """Add one event to the current unit of work (the caller commits) and log it."""
    event = AuditEvent(action=action.value, actor_id=getattr(actor, "id", None),
                       actor_label=(actor_label if actor_label is not None else getattr(actor, "email", ""))[:254],
                       municipality_id=municipality_id, target=target[:120], ip=client_ip.get()[:64],
                       detail={k: v for k, v in detail.items() if v is not None})
    db.session.add(event)
    log.info(action.value, extra={"actor": event.actor_label, "workspace": municipality_id, "target": target,
                                  "ip": event.ip, **event.detail})
    return event


def events_for(municipality_id: int, action: str | None = None, limit: int = 200,
               before_id: int | None = None) -> list[AuditEvent]:
    """The newest events of a workspace, optionally of one kind, older than `before_id` for paging."""
    query = select(AuditEvent).where(AuditEvent.municipality_id == municipality_id)
    if action:
        query = query.where(AuditEvent.action == action)
    if before_id:
        query = query.where(AuditEvent.id < before_id)
    return list(db.session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit)))


def purge_older_than(days: int, now: datetime | None = None) -> int:
    """Remove events older than the retention period; returns how many."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    return db.session.execute(delete(AuditEvent).where(AuditEvent.created_at < cutoff)).rowcount or 0
