"""Demo accounts: made directly, so they need no e-mail confirmation (sign-ups on the web do)."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import User


def ensure_user(email: str, name: str, password: str) -> User:
    user = db.session.scalar(select(User).where(User.email == email.lower()))
    if user is None:
        user = User(email=email.lower(), name=name)
        user.set_password(password)
        db.session.add(user)
    return user
