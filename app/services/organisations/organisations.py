"""Members, roles and invitation links of an organisation.

Every rule that two people could break together (a link used twice, the last beheerder demoted by two others at
once) is decided by the database in one conditional statement, not by reading first and writing later."""
from __future__ import annotations

import re
import secrets
from datetime import timedelta

from sqlalchemy import and_, delete, func, or_, select, update

from app.extensions import db
from app.models import Invitation, Membership, Organisation, Role, User
from app.models.organisation import utcnow
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.body_types import BODIES
from app.services.core.links import LinkState, link_state
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
from app.services.core.transaction import insert_if_absent

INVITATION_DAYS = 14


class OrganisationError(Exception):
    pass





def set_verified(organisation: Organisation, verified: bool, *, by: access.Actor, operator: str,
                 official_code: str | None = None, now=None) -> bool:
    """An operator of the assistant (on the server, `flask organisation verify`) confirms that the organisation is
    the real body it names, with its official code, or withdraws that. Recorded in the audit log, with the
    operator's name. True if it changed."""
    access.require(by, Action.OPERATE, organisation)
    code = (official_code or "").strip().upper() or None
    if code is not None and not BODIES[organisation.body_type].official_code.fullmatch(code):
        raise OrganisationError(_("De code %(code)s is geen CBS-code van een %(type)s (zoals %(example)s).", code=code,
                               type=organisation.body_type, example=BODIES[organisation.body_type].code_example))
    if verified:
        if organisation.verified_at is not None and code in (None, organisation.official_code):
            return False
        organisation.verified_at, organisation.official_code = now or utcnow(), code or organisation.official_code
    else:
        if organisation.verified_at is None:
            return False
        organisation.verified_at = None
    audit.record(AuditAction.ORGANISATION_VERIFIED if verified else AuditAction.ORGANISATION_UNVERIFIED,
                 actor_label=f"beheer: {operator}", organisation_id=organisation.id,
                 target=audit.target_of(organisation), name=organisation.display_name, code=organisation.official_code)
    return True


def invitations_of(organisation: Organisation) -> list[Invitation]:
    return list(db.session.scalars(select(Invitation).where(Invitation.organisation_id == organisation.id)
                                   .order_by(Invitation.created_at.desc(), Invitation.id.desc()).limit(100)))


def create_invitation(organisation: Organisation, role: str, by: User, days: int = INVITATION_DAYS,
                      sent_to: str | None = None) -> Invitation:
    access.require(by, Action.MANAGE, organisation)
    if role not in {r.value for r in Role}:
        raise OrganisationError(_("Onbekende rol."))
    invite = Invitation(organisation_id=organisation.id, token=secrets.token_urlsafe(24), role=role,
                        created_by_id=by.id, expires_at=utcnow() + timedelta(days=days))
    db.session.add(invite)
    db.session.flush()
    audit.record(AuditAction.INVITATION_CREATED, actor=by, organisation_id=organisation.id,
                 target=audit.target_of(invite), role=role, sent_to=sent_to)
    return invite


def find_invitation(token: str) -> Invitation | None:
    """An invitation that can still be used, or None."""
    invite = db.session.scalar(select(Invitation).where(Invitation.token == token))
    return invite if invite is not None and link_state(invite) == LinkState.OPEN else None


def accept_invitation(token: str, *, by: User) -> Organisation:
    """Use the link: one conditional UPDATE marks it used, so of two parallel requests exactly one gets in."""
    access.require(by, Action.OWN_ACCOUNT, by)  # whoever holds the link joins, for themselves
    user = by
    now = utcnow()
    used = db.session.execute(
        update(Invitation)
        .where(Invitation.token == token, Invitation.used_at.is_(None), Invitation.withdrawn_at.is_(None),
               or_(Invitation.expires_at.is_(None), Invitation.expires_at > now))
        .values(used_at=now, used_by_id=user.id)
        .execution_options(synchronize_session=False))
    if used.rowcount != 1:
        raise OrganisationError(_("Deze uitnodiging is onbekend, verlopen, ingetrokken of al gebruikt. Vraag de "
                               "beheerder om een nieuwe link."))
    invite = db.session.scalar(select(Invitation).where(Invitation.token == token))
    insert_if_absent(Membership, user_id=user.id, organisation_id=invite.organisation_id, role=invite.role,
                     created_at=now)  # already a member: the link is used, the role stays
    db.session.expire(user, ["memberships"])
    audit.record(AuditAction.INVITATION_USED, actor=user, organisation_id=invite.organisation_id,
                 target=audit.target_of(invite), role=invite.role)
    return db.session.get(Organisation, invite.organisation_id)


def withdraw_invitation(invite: Invitation, by: User) -> None:
    access.require(by, Action.MANAGE, invite)
    done = db.session.execute(
        update(Invitation).where(Invitation.id == invite.id, Invitation.used_at.is_(None),
                                 Invitation.withdrawn_at.is_(None))
        .values(withdrawn_at=utcnow()).execution_options(synchronize_session="fetch"))
    if done.rowcount != 1:
        raise OrganisationError(_("Deze uitnodiging was al gebruikt of ingetrokken."))
    audit.record(AuditAction.INVITATION_WITHDRAWN, actor=by, organisation_id=invite.organisation_id,
                 target=audit.target_of(invite))


def _lock_organisation(organisation_id: int) -> None:
    """PostgreSQL: changes to one organisation's beheerders wait for each other (SELECT ... FOR UPDATE). SQLite takes
    the write lock when the transaction begins, which serialises them already."""
    db.session.execute(select(Organisation.id).where(Organisation.id == organisation_id).with_for_update())


def _another_beheerder(membership: Membership):
    """True in SQL while the organisation has a beheerder other than this member."""
    other = db.aliased(Membership)
    return select(func.count(other.id)).where(
        other.organisation_id == membership.organisation_id, other.role == Role.BEHEERDER.value,
        other.id != membership.id).scalar_subquery() >= 1


def change_role(membership: Membership, role: str, by: User) -> None:
    access.require(by, Action.MANAGE, membership)
    if role not in {r.value for r in Role}:
        raise OrganisationError(_("Onbekende rol."))
    old = membership.role
    _lock_organisation(membership.organisation_id)
    keeps_a_beheerder = or_(Membership.role != Role.BEHEERDER.value, role == Role.BEHEERDER.value,
                            _another_beheerder(membership))
    done = db.session.execute(update(Membership).where(Membership.id == membership.id, keeps_a_beheerder)
                              .values(role=role).execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise OrganisationError(_("Er moet ten minste één beheerder blijven."))
    db.session.expire(membership)
    audit.record(AuditAction.ROLE_CHANGED, actor=by, organisation_id=membership.organisation_id,
                 target=audit.target_of(membership), user=membership.user.email, old=old, new=role)


def remove_member(membership: Membership, by: User) -> None:
    access.require(by, Action.MANAGE, membership)
    email, organisation_id = membership.user.email, membership.organisation_id
    _lock_organisation(organisation_id)
    keeps_a_beheerder = or_(Membership.role != Role.BEHEERDER.value, _another_beheerder(membership))
    done = db.session.execute(delete(Membership).where(and_(Membership.id == membership.id, keeps_a_beheerder))
                              .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise OrganisationError(_("Er moet ten minste één beheerder blijven."))
    db.session.expunge(membership)
    audit.record(AuditAction.MEMBER_REMOVED, actor=by, organisation_id=organisation_id,
                 target=audit.target_of(membership), user=email)
