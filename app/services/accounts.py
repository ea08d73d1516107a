"""Accounts: sign-up, login check, personal data export and deletion (AVG)."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _  # outside an app context it returns the Dutch text itself
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import (ArticleReview, Comment, Invitation, Membership, PlanRevision, PlanSnapshot, StepAnswer,
                        User)
from app.models.municipality import Role

# Compared against when the e-mail is unknown, so a failed login takes as long either way.
_DUMMY_HASH = "scrypt:32768:8:1$abcdefghijklmnop$" + "0" * 128


class AccountError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    user = find_by_email(email)
    if user is None:
        from werkzeug.security import check_password_hash
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if user.check_password(password) else None


def personal_data(user: User) -> dict[str, Any]:
    """Everything stored about this person, for the AVG right of access."""
    return {
        "account": {"naam": user.name, "e-mailadres": user.email, "aangemaakt": user.created_at.isoformat()},
        "lidmaatschappen": [{"organisatie": m.municipality.display_name, "rol": m.role} for m in user.memberships],
        "opmerkingen": [{"plan": c.plan_id, "bij": c.target, "tekst": c.body, "datum": c.created_at.isoformat()}
                        for c in db.session.scalars(select(Comment).where(Comment.author_id == user.id))],
        "wijzigingen": [{"plan": r.plan_id, "stap": r.step_number, "datum": r.created_at.isoformat(),
                         "vragen": sorted(r.changes)}
                        for r in db.session.scalars(select(PlanRevision).where(PlanRevision.user_id == user.id))],
    }


def delete_account(user: User) -> None:
    """Remove the person; the plans stay with their municipality, changes show as 'verwijderde gebruiker'.

    A sole beheerder of a workspace with other members hands over first, so a team is never locked out."""
    for m in user.memberships:
        if m.role == Role.BEHEERDER.value:
            others = db.session.scalars(select(Membership).where(Membership.municipality_id == m.municipality_id,
                                                                  Membership.user_id != user.id)).all()
            if others and not any(o.role == Role.BEHEERDER.value for o in others):
                raise AccountError("password", _("U bent de enige beheerder van %(name)s. Maak eerst een ander teamlid "
                                                  "beheerder.", name=m.municipality.display_name))
    # The database's ON DELETE SET NULL is not enforced by SQLite (no PRAGMA foreign_keys), and SQLite may give a
    # later account the same id: clear the references here, so nobody ever inherits this person's work.
    for column in (Comment.author_id, PlanRevision.user_id, PlanSnapshot.created_by_id, StepAnswer.updated_by_id,
                   ArticleReview.user_id, Invitation.created_by_id):
        db.session.execute(update(column.class_).where(column == user.id).values({column.key: None}))
    db.session.delete(user)
    db.session.commit()
