"""Members, roles and invitation links of a municipality workspace."""
from __future__ import annotations

import secrets

from flask_babel import gettext as _  # outside an app context it returns the Dutch text itself
from sqlalchemy import select

from app.extensions import db
from app.models import Invitation, Membership, Municipality, Role, User
from app.models.municipality import utcnow


class WorkspaceError(Exception):
    pass


def create_invitation(muni: Municipality, role: str, by: User) -> Invitation:
    if role not in {r.value for r in Role}:
        raise WorkspaceError(_("Onbekende rol."))
    invite = Invitation(municipality_id=muni.id, token=secrets.token_urlsafe(24), role=role, created_by_id=by.id)
    db.session.add(invite)
    db.session.commit()
    return invite


def find_invitation(token: str) -> Invitation | None:
    invite = db.session.scalar(select(Invitation).where(Invitation.token == token))
    return invite if invite is not None and invite.used_at is None else None


def accept_invitation(token: str, user: User) -> Municipality:
    invite = db.session.scalar(select(Invitation).where(Invitation.token == token))
    if invite is None or invite.used_at is not None:
        raise WorkspaceError(_("Deze uitnodiging is onbekend of al gebruikt. Vraag de beheerder om een nieuwe link."))
    if user.role_in(invite.municipality_id) is None:
        db.session.add(Membership(user_id=user.id, municipality_id=invite.municipality_id, role=invite.role))
    invite.used_at = utcnow()
    db.session.commit()
    return invite.municipality


def _beheerders(muni_id: int) -> int:
    return len(db.session.scalars(select(Membership).where(Membership.municipality_id == muni_id,
                                                           Membership.role == Role.BEHEERDER.value)).all())


def change_role(membership: Membership, role: str) -> None:
    if role not in {r.value for r in Role}:
        raise WorkspaceError(_("Onbekende rol."))
    if membership.role == Role.BEHEERDER.value and role != membership.role and _beheerders(membership.municipality_id) < 2:
        raise WorkspaceError(_("Er moet ten minste één beheerder blijven."))
    membership.role = role
    db.session.commit()


def remove_member(membership: Membership) -> None:
    if membership.role == Role.BEHEERDER.value and _beheerders(membership.municipality_id) < 2:
        raise WorkspaceError(_("Er moet ten minste één beheerder blijven."))
    db.session.delete(membership)
    db.session.commit()
