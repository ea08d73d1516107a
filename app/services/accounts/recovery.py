"""Links by e-mail: confirming a sign-up and resetting a forgotten password.

A link holds a random secret; the database keeps only its SHA-256, an expiry time and when it was used. Using a
link is one conditional UPDATE ... WHERE used_at IS NULL AND expires_at > now, so of two parallel requests with the
same link exactly one gets the row. The services build the mail; the caller commits and then sends it, so nobody
gets a link that was never stored.

Sign-up never tells whether an address has an account: a new address gets a confirmation link (the account is
made when it is used, with the name and password chosen at sign-up), a known address gets a note that someone tried
to sign up with it.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Callable

from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import AccountToken, User
from app.models.organisation import utcnow
from app.services.accounts import accounts
from app.services.accounts import sessions
from app.services.accounts.accounts import AccountError
from app.services.accounts.passwords import password_problem
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.mail import Message, compose
from app.services.core.text import _

RESET, CONFIRM = "reset", "confirm"
#: builds an absolute URL, like url_for(endpoint, _external=True, **values); passed in by the view
LinkBuilder = Callable[..., str]


class LinkProblem(Exception):
    """The link cannot be used: 'unknown', 'used', 'expired', or 'exists' (the account was made in the meantime)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> str:
        return {
            "unknown": _("Deze link is onbekend. Misschien is hij niet helemaal overgenomen uit de e-mail."),
            "used": _("Deze link is al gebruikt. Een link werkt maar één keer."),
            "expired": _("Deze link is verlopen."),
            "exists": _("Er is al een account met dit e-mailadres."),
        }[self.reason]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _issue(purpose: str, minutes: int, **fields) -> str:
    """A new link secret; the token row joins the caller's unit of work."""
    now = utcnow()
    # Housekeeping: expired links (and the password hashes of unconfirmed sign-ups) are of no use to anyone.
    db.session.execute(delete(AccountToken).where(AccountToken.expires_at < now))
    secret = secrets.token_urlsafe(32)
    db.session.add(AccountToken(purpose=purpose, token_hash=_hash(secret), created_at=now,
                                expires_at=now + timedelta(minutes=minutes), **fields))
    return secret


def _valid(purpose: str, secret: str) -> AccountToken:
    """The token if it can still be used, without using it; LinkProblem otherwise."""
    token = db.session.scalar(select(AccountToken).where(AccountToken.token_hash == _hash(secret),
                                                         AccountToken.purpose == purpose))
    if token is None:
        raise LinkProblem("unknown")
    if token.used_at is not None:
        raise LinkProblem("used")
    if token.expires_at <= utcnow():
        raise LinkProblem("expired")
    return token


def _use(purpose: str, secret: str) -> AccountToken:
    """Mark the link used, decided by the database: exactly one of any number of parallel requests succeeds."""
    now = utcnow()
    result = db.session.execute(
        update(AccountToken)
        .where(AccountToken.token_hash == _hash(secret), AccountToken.purpose == purpose,
               AccountToken.used_at.is_(None), AccountToken.expires_at > now)
        .values(used_at=now).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.expire_all()
        _valid(purpose, secret)   # raises with the reason
        raise LinkProblem("used")  # it was valid a moment ago: another request used it just now
    return db.session.scalar(select(AccountToken).where(AccountToken.token_hash == _hash(secret))
                             .execution_options(populate_existing=True))


# --- sign-up ----------------------------------------------------------------------------------------------

def sign_up(name: str, email: str, password: str, link: LinkBuilder, next_url: str | None = None, *,
            valid_hours: int, by: access.Actor) -> Message:
    """The mail that answers a sign-up; the same outward result whether or not the address has an account. The link
    is valid for `valid_hours` (EMAIL_CONFIRM_HOURS)."""
    access.require(by, Action.SIGN_IN, None)
    email, name = email.strip().lower(), name.strip()
    problem = password_problem(password, email, name)
    if problem:
        raise AccountError("password", problem)
    existing = accounts.find_by_email(email)
    if existing is not None:
        return compose("account_exists", to=existing.email, subject=_("Poging om een account aan te maken"),
                       name=existing.name, login_link=link("accounts.login"),
                       reset_link=link("accounts.forgot_password"))
    pending = User(email=email, name=name)
    pending.set_password(password)  # hashed now; the account itself is made when the link is used
    secret = _issue(CONFIRM, valid_hours * 60, email=email, name=name,
                    password_hash=pending.password_hash)
    return compose("confirm_email", to=email, subject=_("Bevestig uw e-mailadres"), name=name,
                   link=link("accounts.confirm_email", token=secret, next=next_url),
                   hours=valid_hours)


def check_confirmation(secret: str) -> AccountToken:
    return _valid(CONFIRM, secret)


def confirm_sign_up(secret: str, *, by: access.Actor) -> User:
    """Use a confirmation link: the account is made with the name and password chosen at sign-up."""
    access.require(by, Action.SIGN_IN, None)
    token = _use(CONFIRM, secret)
    if accounts.find_by_email(token.email) is not None:
        raise LinkProblem("exists")
    user = User(email=token.email, name=token.name, password_hash=token.password_hash)
    db.session.add(user)
    token.password_hash = None  # the account has it now
    db.session.flush()
    audit.record(AuditAction.ACCOUNT_CREATED, actor=user, target=audit.target_of(user))
    return user


# --- password reset ---------------------------------------------------------------------------------------

def request_password_reset(email: str, link: LinkBuilder, *, minutes: int, by: access.Actor) -> Message | None:
    """A reset link, valid for `minutes` (PASSWORD_RESET_MINUTES), for the account with this address; None (no mail)
    when there is no such account."""
    access.require(by, Action.SIGN_IN, None)
    user = accounts.find_by_email(email)
    if user is None:
        return None
    secret = _issue(RESET, minutes, user_id=user.id)
    audit.record(AuditAction.PASSWORD_RESET_REQUESTED, actor=user, target=audit.target_of(user))
    return compose("reset_password", to=user.email, subject=_("Nieuw wachtwoord instellen"), name=user.name,
                   link=link("accounts.reset_password", token=secret), minutes=minutes)


def user_for_reset(secret: str) -> User:
    """The account a reset link is for, if the link can still be used (LinkProblem otherwise)."""
    return db.session.get(User, _valid(RESET, secret).user_id)


def reset_password(secret: str, password: str, *, by: access.Actor) -> User:
    """Set a new password with a reset link, use up every reset link of the account and end all its sessions."""
    access.require(by, Action.SIGN_IN, None)
    user = user_for_reset(secret)
    problem = password_problem(password, user.email, user.name)
    if problem:
        raise AccountError("password", problem)
    _use(RESET, secret)
    user.set_password(password)
    db.session.execute(update(AccountToken).where(AccountToken.user_id == user.id, AccountToken.purpose == RESET,
                                                  AccountToken.used_at.is_(None)).values(used_at=utcnow()))
    audit.record(AuditAction.PASSWORD_RESET, actor=user, target=audit.target_of(user))
    sessions.end_all(user, by=by)
    return user


