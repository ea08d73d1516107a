"""The facilitators of an atelier: an organiser or facilitator adds another (an existing account, by e-mail address)
or removes one, never the last.

Like the other atelier services: checks the one access rule, writes, records it in the audit trail; never commits."""
from __future__ import annotations

from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import Atelier, AtelierRole, User
from app.models.atelier import Capacity
from app.services.accounts.accounts import find_by_email
from app.services.atelier.ateliers import AtelierError
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _
from app.services.core.transaction import insert_if_absent

FACILITATOR = Capacity.FACILITATOR.value


def facilitators_of(atelier: Atelier) -> list[User]:
    """The atelier's facilitators, by name."""
    return list(db.session.scalars(
        select(User).join(AtelierRole, AtelierRole.user_id == User.id)
        .where(AtelierRole.atelier_id == atelier.id, AtelierRole.role == FACILITATOR)
        .order_by(User.name, User.id)))


def add_facilitator(atelier: Atelier, email: str, by: User) -> User:
    """Make the account with this e-mail address a facilitator. Says only whether such an account exists, as the
    sign-up page does; nothing else about it."""
    access.require(by, Action.FACILITATE, atelier)
    user = find_by_email(email)
    if user is None:
        raise AtelierError(_("Er is geen account met dit e-mailadres. Vraag deze persoon eerst een account aan te "
                             "maken en probeer het daarna opnieuw."))
    if not insert_if_absent(AtelierRole, atelier_id=atelier.id, user_id=user.id, role=FACILITATOR):
        raise AtelierError(_("%(name)s is al facilitator van dit leeratelier.", name=user.name))
    audit.record(AuditAction.ATELIER_FACILITATOR_ADDED, actor=by, target=audit.target_of(atelier), user=user.id)
    return user


def remove_facilitator(atelier: Atelier, user_id: int, by: User) -> None:
    """Take away someone's facilitator role; the last facilitator stays. The atelier's row is locked first, so two
    facilitators removing each other at once cannot both succeed (PostgreSQL; SQLite writes one at a time)."""
    access.require(by, Action.FACILITATE, atelier)
    db.session.scalar(select(Atelier.id).where(Atelier.id == atelier.id).with_for_update())
    roles = select(func.count()).select_from(AtelierRole).where(AtelierRole.atelier_id == atelier.id,
                                                                AtelierRole.role == FACILITATOR)
    held = db.session.scalar(roles.where(AtelierRole.user_id == user_id))
    if not held:
        raise AtelierError(_("Deze persoon is geen facilitator (meer) van dit leeratelier."))
    if db.session.scalar(roles) <= 1:
        raise AtelierError(_("Een leeratelier heeft altijd minstens één facilitator. Voeg eerst een andere "
                             "facilitator toe."))
    db.session.execute(delete(AtelierRole).where(AtelierRole.atelier_id == atelier.id,
                                                 AtelierRole.user_id == user_id, AtelierRole.role == FACILITATOR))
    audit.record(AuditAction.ATELIER_FACILITATOR_REMOVED, actor=by, target=audit.target_of(atelier), user=user_id)
