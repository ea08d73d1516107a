"""Housekeeping by a beheerder: renaming and deleting plans, the organisation's details, deleting a whole organisation.

Every change is recorded in the audit trail in the same unit of work; the caller commits.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, select, update

from app.extensions import db
from app.models import AuditEvent, Organisation, ParticipationPlan, User
from app.services.core import audit
from app.services.core.access import Action, can, require
from app.services.core.audit import AuditAction
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
from app.services.questions.answers import clean_line



def confirms(typed: str | None, name: str) -> bool:
    """Typing the name confirms a deletion; case and surrounding spaces do not matter."""
    return (clean_line(typed) or "").casefold() == name.strip().casefold()


class ImportRefused(Exception):
    """The user belongs to an organisation of this name and kind, but may not add plans to it."""

    def __init__(self, organisation: Organisation):
        super().__init__(_("U bent al lid van %(name)s, maar uw rol daar mag geen plannen toevoegen. Er is geen "
                           "tweede organisatie met dezelfde naam gemaakt. Vraag een beheerder van %(name)s om het "
                           "plan in te lezen, of om u de rol redacteur te geven.", name=organisation.display_name))
        self.organisation = organisation


def organisation_for_import(user: User, doc: Any) -> Organisation | None:
    """The organisation a plan file "for a new organisation" belongs in when the user is already a member of one with
    the same name and body type, so no second organisation of that name is made. Raises ImportRefused when the user is a
    member there without the right to add plans. None: no such organisation (or the file is not valid; the import
    itself says why)."""
    found = doc.get("municipality") if isinstance(doc, dict) else None
    if not isinstance(found, dict) or not isinstance(found.get("name"), str):
        return None
    name, body_type = found["name"].strip().casefold(), found.get("body_type")
    same = [m.organisation for m in user.memberships
            if m.organisation.name.strip().casefold() == name and m.organisation.body_type == body_type]
    for organisation in same:
        if can(user, Action.EDIT, organisation):
            return organisation
    if same:
        raise ImportRefused(same[0])
    return None


def rename_plan(plan: ParticipationPlan, title: str, *, by: User) -> None:
    require(by, Action.MANAGE, plan)
    old = plan.title
    if old == title:
        return
    plan.title = title
    audit.record(AuditAction.PLAN_RENAMED, actor=by, organisation_id=plan.organisation_id, target=audit.target_of(plan),
                 old=old, new=title)


def delete_plan(plan: ParticipationPlan, *, by: User) -> None:
    """Remove the plan with its answers, history, versions, comments and review marks."""
    require(by, Action.DELETE, plan)
    audit.record(AuditAction.PLAN_DELETED, actor=by, organisation_id=plan.organisation_id, target=audit.target_of(plan),
                 title=plan.title)
    db.session.flush()
    _delete_with_dependents(ParticipationPlan.__table__, [plan.id])
    db.session.expire_all()


def update_organisation(organisation: Organisation, name: str, body_type: str, inhabitants: int | None, *, by: User,
                     ori_source: str | None = None) -> bool:
    """Change the organisation's details; records which fields changed. False when nothing changed."""
    require(by, Action.MANAGE, organisation)
    new = {"name": name, "body_type": body_type, "inhabitants": inhabitants, "ori_source": ori_source or None}
    changes = {key: [getattr(organisation, key), value] for key, value in new.items()
               if getattr(organisation, key) != value}
    if not changes:
        return False
    for key, (_old, value) in changes.items():
        setattr(organisation, key, value)
    audit.record(AuditAction.ORGANISATION_CHANGED, actor=by, organisation_id=organisation.id,
                 target=audit.target_of(organisation), changes=changes)
    return True


def delete_organisation(organisation: Organisation, *, by: User) -> list[int]:
    """Remove the organisation, its plans (with everything in them), its memberships and invitation links.

    Each member gets an event "removed" about them, so the next page can tell those who have no organisation left
    why. The audit trail of the organisation stays (until retention removes it). Returns the former members' ids."""
    require(by, Action.DELETE, organisation)
    members = [(m.user_id, m.role) for m in organisation.memberships]
    name, organisation_id = organisation.display_name, organisation.id
    for user_id, role in members:
        audit.record(AuditAction.MEMBER_REMOVED, actor=by, organisation_id=organisation_id, target=f"user:{user_id}",
                     workspace=name, role=role, reason=AuditAction.ORGANISATION_DELETED.value)
    audit.record(AuditAction.ORGANISATION_DELETED, actor=by, organisation_id=organisation_id,
                 target=f"municipality:{organisation_id}", name=name, plans=len(organisation.plans),
                 members=len(members))
    db.session.flush()
    _delete_with_dependents(Organisation.__table__, [organisation_id])
    db.session.expire_all()
    return [user_id for user_id, _role in members]


def farewell(user: User) -> AuditEvent | None:
    """Why a person without any organisation has none: the last time they were removed from one (or None)."""
    if user.memberships:
        return None
    # Only since the account was made: SQLite may give a new account the id of a deleted one.
    return db.session.scalar(select(AuditEvent).where(AuditEvent.target == f"user:{user.id}",
                                                      AuditEvent.action == AuditAction.MEMBER_REMOVED.value,
                                                      AuditEvent.created_at >= user.created_at)
                             .order_by(AuditEvent.id.desc()).limit(1))


def _delete_with_dependents(table: Table, ids: list[int]) -> None:
    """Delete rows and, first, what refers to them, following each foreign key's ON DELETE rule. PostgreSQL does
    this itself; SQLite without `PRAGMA foreign_keys` does not, and would keep orphans (answers of a deleted plan).
    Driven by the metadata, so a table added later is covered without a change here."""
    if not ids:
        return
    for child in db.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is not table:
                continue
            if fk.ondelete == "CASCADE":
                if "id" in child.c:
                    _delete_with_dependents(child, list(db.session.scalars(select(child.c.id)
                                                                           .where(fk.parent.in_(ids)))))
                else:
                    db.session.execute(delete(child).where(fk.parent.in_(ids)))
            elif fk.ondelete == "SET NULL":
                db.session.execute(update(child).where(fk.parent.in_(ids)).values({fk.parent.name: None}))
    db.session.execute(delete(table).where(table.c.id.in_(ids)))
