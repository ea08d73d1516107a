"""Single sign-on (OpenID Connect) of an organisation: its identity provider and the accounts linked to it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import Organisation, utcnow


class SingleSignOn(db.Model):
    """One identity provider per organisation; staff log in there and land in this organisation."""
    __tablename__ = "single_sign_on"
    __table_args__ = (UniqueConstraint("municipality_id", name="uq_single_sign_on_municipality_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE",
                                                            name="fk_single_sign_on_municipality_id_municipality"))
    #: the provider's issuer URL; its discovery document is at <issuer>/.well-known/openid-configuration
    issuer: Mapped[str] = mapped_column(String(300))
    #: the client id the provider gave this application
    client_id: Mapped[str] = mapped_column(String(200))
    #: the client secret, encrypted (Fernet) with the key in the environment variable SSO_SECRET_KEY; None when the
    #: secret comes from the environment (SSO_CLIENT_SECRET_<organisation id>). Never the secret in plain text.
    client_secret_encrypted: Mapped[str | None] = mapped_column(Text)
    #: e-mail domain of the organisation's staff, e.g. "voorbeeldstad.nl": only verified addresses there may log in
    email_domain: Mapped[str] = mapped_column(String(200))
    #: members may also log in with a password of their own; off: only through the provider
    allow_password_login: Mapped[bool] = mapped_column(default=True, server_default=true())
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()


class SsoIdentity(db.Model):
    """An account linked to the provider's subject ("sub"), so a later change of e-mail address keeps the link."""
    __tablename__ = "sso_identity"
    __table_args__ = (UniqueConstraint("municipality_id", "subject", name="uq_sso_identity_municipality_subject"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE",
                                                            name="fk_sso_identity_municipality_id_municipality"))
    #: the "sub" claim of the provider's ID token
    subject: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE", name="fk_sso_identity_user_id_user"),
                                         index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
