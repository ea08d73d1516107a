"""Accounts: sign-up, login check, personal data export and deletion (AVG)."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _  # outside an app context it returns the Dutch text itself
from sqlalchemy import func, or_, select, update

from app.extensions import db
from app.models import (ArticleReview, Comment, Invitation, Membership, PlanRevision, PlanSnapshot, StepAnswer,
                        User)
from app.models.municipality import Role
from app.services import audit

# Compared against when the e-mail is unknown, so a failed login takes as long either way.
_DUMMY_HASH = "scrypt:32768:8:1$abcdefghijklmnop$" + "0" * 128


class AccountError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def register(name: str, email: str, password: str) -> User:
    if find_by_email(email):
        raise AccountError("email", _("Met dit e-mailadres is al een account gemaakt. Log in of gebruik een ander "
                                       "adres."))
    user = User(name=name.strip(), email=email.strip().lower())
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    user = find_by_email(email)
    if user is None:
        from werkzeug.security import check_password_hash
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if user.check_password(password) else None


def personal_data(user: User) -> dict[str, Any]:
    """Everything stored about this person, for the AVG right of access."""
    def when(moment) -> str | None:
        return moment.isoformat() if moment else None

    def rows(model, *conditions):
        return db.session.scalars(select(model).where(*conditions).order_by(model.id))

    return {
        "account": {"naam": user.name, "e-mailadres": user.email, "aangemaakt": when(user.created_at)},
        "lidmaatschappen": [{"organisatie": m.municipality.display_name, "rol": m.role, "sinds": when(m.created_at)}
                            for m in user.memberships],
        "opmerkingen": [{"plan": c.plan_id, "bij": c.target, "tekst": c.body, "datum": when(c.created_at)}
                        for c in rows(Comment, Comment.author_id == user.id)],
        "wijzigingen": [{"plan": r.plan_id, "stap": r.step_number, "datum": when(r.created_at),
                         "vragen": sorted(r.changes)}
                        for r in rows(PlanRevision, PlanRevision.user_id == user.id)],
        "versies": [{"plan": s.plan_id, "naam": s.name, "notitie": s.note, "datum": when(s.created_at)}
                    for s in rows(PlanSnapshot, PlanSnapshot.created_by_id == user.id)],
        "beoordelingen": [{"plan": r.plan_id, "artikel": r.article_key, "datum": when(r.reviewed_at)}
                          for r in rows(ArticleReview, ArticleReview.user_id == user.id)],
        # The link's token is left out: it is a key, not a fact about the person.
        "uitnodigingen": [{"organisatie": i.municipality.display_name, "rol": i.role,
                           "door mij gemaakt": i.created_by_id == user.id, "door mij gebruikt": i.used_by_id == user.id,
                           "gemaakt": when(i.created_at), "gebruikt": when(i.used_at),
                           "verloopt": when(i.expires_at), "ingetrokken": when(i.withdrawn_at)}
                          for i in rows(Invitation, or_(Invitation.created_by_id == user.id,
                                                        Invitation.used_by_id == user.id))],
        "logboek": [{"datum": when(e.created_at), "gebeurtenis": audit.label(e.action), "code": e.action,
                     "waarop": e.target, "ip-adres": e.ip, "details": e.detail}
                    for e in audit.events_about(user.id, since=user.created_at)],
        "sessies": _sessions_of(user),
    }


def _sessions_of(user: User) -> list[dict[str, Any]]:
    """The person's open sessions (device, last seen). The server-side sessions of issue 9 item 3 fill this in
    once their model exists; until then there is nothing stored per session."""
    return []


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
