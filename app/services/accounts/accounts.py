"""Accounts: sign-up, login and logout, password change, the second factor, personal data export and deletion
(AVG). Every function here adds to the caller's unit of work; the caller commits."""
from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import func, or_, select, update

from app.extensions import db
from app.models import (ArticleReview, AuditEvent, Comment, Invitation, Membership, Organisation, PlanRevision,
                        PlanSnapshot, StepAnswer, User, UserSession)
from app.models.organisation import Role
from app.services.accounts import sessions, totp
from app.services.accounts.passwords import password_problem
from app.services.core import access, audit
from app.services.core.audit import AuditAction
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
from app.services.questions.answers import clean_line


# Compared against when the e-mail is unknown, so a failed login takes as long either way.
_DUMMY_HASH = "scrypt:32768:8:1$abcdefghijklmnop$" + "0" * 128


class AccountError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def typed_email(email: str | None) -> str:
    """What someone typed as e-mail address, safe to keep in the audit log: no control characters, at most 254."""
    return (clean_line(email) or "").lower()[:254]


def find_by_email(email: str) -> User | None:
    if clean_line(email) != (email or "").strip():  # no address has control characters; PostgreSQL refuses a NUL
        return None
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str, *, by: access.Actor) -> User | None:
    """The account if the password is right; otherwise None, and the failed attempt goes into the audit log."""
    access.require(by, access.Action.SIGN_IN, None)
    user = find_by_email(email)
    if user is None:
        from werkzeug.security import check_password_hash
        check_password_hash(_DUMMY_HASH, password)
    elif user.check_password(password):
        return user
    audit.record(AuditAction.LOGIN_FAILED, actor=user, actor_label=typed_email(email), reason="password")
    return None


#: wrong codes allowed after one right password; then the login starts again with the password
LOGIN_CODE_TRIES = 5


def begin_login_code(user: User, *, by: access.Actor) -> str:
    """A right password for an account with a second factor: a new login waits for its code, any earlier one ends.
    Returns the nonce the login's cookie carries."""
    access.require(by, access.Action.SIGN_IN, user)
    user.login_code_nonce = secrets.token_hex(16)
    user.login_code_failures = 0
    return user.login_code_nonce


def login_code_pending(user: User, nonce: object) -> bool:
    return bool(user.login_code_nonce) and isinstance(nonce, str) and secrets.compare_digest(nonce,
                                                                                           user.login_code_nonce)


def try_login_code(user: User, nonce: str, code: str, *, by: access.Actor) -> bool | None:
    """True if the code is right; False if wrong; None if the login is over (its tries used up, or a newer login
    began). The try is counted in the database before the code is looked at, in one UPDATE, so parallel tries with
    one cookie cannot together get more than LOGIN_CODE_TRIES."""
    access.require(by, access.Action.SIGN_IN, user)
    failures = db.session.execute(
        update(User).where(User.id == user.id, User.login_code_nonce == nonce)
        .values(login_code_failures=User.login_code_failures + 1).returning(User.login_code_failures)).scalar()
    if failures is None or failures > LOGIN_CODE_TRIES:
        return None
    if not check_second_factor(user, code, by=by):
        if failures >= LOGIN_CODE_TRIES:
            db.session.execute(update(User).where(User.id == user.id).values(login_code_nonce=None))
            return None
        return False
    db.session.execute(update(User).where(User.id == user.id).values(login_code_nonce=None, login_code_failures=0))
    return True


def check_second_factor(user: User, code: str, *, by: access.Actor) -> bool:
    """Whether the code from the authenticator app is right (and unused); a wrong code is logged."""
    access.require(by, access.Action.SIGN_IN, user)
    step = totp.matching_step(user.totp_secret or "", code, user.totp_last_step)
    if step is None:
        audit.record(AuditAction.LOGIN_FAILED, actor=user, reason="code")
        return False
    user.totp_last_step = step
    return True


def log_in(user: User, ip: str, user_agent: str, *, by: access.Actor) -> str:
    """Start a server-side session after the password (and code) were checked; returns the cookie token."""
    token = sessions.start(user, ip, user_agent, by=by)
    audit.record(AuditAction.LOGIN, actor=user)
    return token


def log_out(user: User, *, by: User) -> None:
    sessions.end(user, by=by)
    audit.record(AuditAction.LOGOUT, actor=user)


def log_out_everywhere(user: User, *, by: User) -> int:
    """End every session of the user, this one included; returns how many."""
    count = sessions.end_all(user, by=by)
    audit.record(AuditAction.LOGOUT_EVERYWHERE, actor=user, sessions=count)
    return count


def change_password(user: User, current: str, new: str, *, by: User) -> None:
    """Set a new password after checking the current one; every other session of the user ends."""
    access.require(by, access.Action.OWN_ACCOUNT, user)
    if not user.check_password(current):
        raise AccountError("current_password", _("Dit is niet uw huidige wachtwoord."))
    problem = password_problem(new, user.email, user.name)
    if problem:
        raise AccountError("new_password", problem)
    user.set_password(new)
    ended = sessions.end_all(user, keep=user.active_session, by=by)
    audit.record(AuditAction.PASSWORD_CHANGED, actor=user, other_sessions_ended=ended)


def enable_second_factor(user: User, secret: str, code: str, *, by: User) -> None:
    """Turn the second factor on once the user proved the app shows the right codes; other sessions end, since
    they were opened without it."""
    access.require(by, access.Action.OWN_ACCOUNT, user)
    step = totp.matching_step(secret, code, None)
    if step is None:
        raise AccountError("code", _("Deze code klopt niet. Controleer of de tijd op uw telefoon klopt en vul de "
                                     "code in die de app nu toont."))
    user.totp_secret, user.totp_last_step = secret, step
    sessions.end_all(user, keep=user.active_session, by=by)
    audit.record(AuditAction.TOTP_ENABLED, actor=user)


def disable_second_factor(user: User, password: str, code: str, *, by: User) -> None:
    access.require(by, access.Action.OWN_ACCOUNT, user)
    if not user.check_password(password):
        raise AccountError("password", _("Dit wachtwoord klopt niet."))
    step = totp.matching_step(user.totp_secret or "", code, user.totp_last_step)
    if step is None:
        raise AccountError("code", _("Deze code klopt niet of is al gebruikt. Wacht tot de app een nieuwe code toont "
                                     "en vul die in."))
    user.totp_secret, user.totp_last_step = None, None
    audit.record(AuditAction.TOTP_DISABLED, actor=user)


def require_second_factor(organisation: Organisation, required: bool, *, by: User) -> None:
    """A beheerder decides whether members need a second factor for this organisation; the beheerder first."""
    access.require(by, access.Action.MANAGE, organisation)
    if required and not by.totp_enabled:
        raise AccountError("required", _("Zet eerst voor uzelf een tweede factor aan (op de pagina Mijn account)."))
    if organisation.require_second_factor != required:
        organisation.require_second_factor = required
        audit.record(AuditAction.ORGANISATION_CHANGED, actor=by, organisation_id=organisation.id,
                     target=audit.target_of(organisation), require_second_factor=required)


def personal_data(user: User) -> dict[str, Any]:
    """Everything stored about this person, for the AVG right of access."""
    def when(moment) -> str | None:
        return moment.isoformat() if moment else None

    def rows(model, *conditions):
        return db.session.scalars(select(model).where(*conditions).order_by(model.id))

    return {
        "account": {"naam": user.name, "e-mailadres": user.email, "aangemaakt": when(user.created_at)},
        "lidmaatschappen": [{"organisatie": m.organisation.display_name, "rol": m.role, "sinds": when(m.created_at)}
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
        "uitnodigingen": [{"organisatie": i.organisation.display_name, "rol": i.role,
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


def export_personal_data(user: User, *, by: User) -> dict[str, Any]:
    """Everything stored about the person, for themselves only; the download is in the log first, so in it too."""
    access.require(by, access.Action.OWN_ACCOUNT, user)
    audit.record(AuditAction.PERSONAL_DATA_EXPORT, actor=by, target=audit.target_of(user))
    return personal_data(user)


def _sessions_of(user: User) -> list[dict[str, Any]]:
    """Every login session stored for the person, open or ended (device, address, times)."""
    return [{"apparaat": s.device, "ip": s.ip, "begonnen": s.created_at.isoformat(),
             "laatst gezien": s.last_seen_at.isoformat(),
             "beëindigd": s.ended_at.isoformat() if s.ended_at else None}
            for s in db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)
                                        .order_by(UserSession.id))]


def delete_account(user: User, *, by: User) -> None:
    """Remove the person; the plans stay with their municipality, changes show as 'verwijderde gebruiker'.

    A sole beheerder of an organisation with other members hands over first, so a team is never locked out."""
    access.require(by, access.Action.OWN_ACCOUNT, user)
    for m in user.memberships:
        if m.role == Role.BEHEERDER.value:
            others = db.session.scalars(select(Membership).where(Membership.organisation_id == m.organisation_id,
                                                                  Membership.user_id != user.id)).all()
            if others and not any(o.role == Role.BEHEERDER.value for o in others):
                raise AccountError("password", _("U bent de enige beheerder van %(name)s. Maak eerst een ander teamlid "
                                                  "beheerder.", name=m.organisation.display_name))
    # The database's ON DELETE SET NULL is not enforced by SQLite (no PRAGMA foreign_keys), and SQLite may give a
    # later account the same id: clear the references here, so nobody ever inherits this person's work.
    for column in (Comment.author_id, PlanRevision.user_id, PlanSnapshot.created_by_id, StepAnswer.updated_by_id,
                   ArticleReview.user_id, Invitation.created_by_id, Invitation.used_by_id, AuditEvent.actor_id):
        db.session.execute(update(column.class_).where(column == user.id).values({column.key: None}))
    for m in user.memberships:  # each organisation's log shows that a member left this way
        audit.record(AuditAction.ACCOUNT_DELETED, actor_label=user.email, organisation_id=m.organisation_id,
                     target=audit.target_of(user))
    if not user.memberships:
        audit.record(AuditAction.ACCOUNT_DELETED, actor_label=user.email, target=audit.target_of(user))
    db.session.delete(user)  # its sessions go with it, so no cookie of this account works again
