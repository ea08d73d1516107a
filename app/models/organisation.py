"""A municipality (or other body) is the organisation a team works in."""
from __future__ import annotations

from typing import TYPE_CHECKING

import enum
from datetime import datetime, timezone

from sqlalchemy import ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.services.core.body_types import BodyType  # noqa: F401  (listed once there; imported from here too)

if TYPE_CHECKING:  # for the type hints of relationships only
    from app.models.plan import ParticipationPlan
    from app.models.user import User


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Role(str, enum.Enum):
    BEHEERDER = "beheerder"
    REDACTEUR = "redacteur"
    JURIST = "jurist"
    MEELEZER = "meelezer"


class Organisation(db.Model):
    __tablename__ = "municipality"
    id: Mapped[int] = mapped_column(primary_key=True)
    #: the name without "gemeente", e.g. "Voorbeeld"
    name: Mapped[str] = mapped_column(String(120))
    #: gemeente, provincie or waterschap (BodyType)
    body_type: Mapped[str] = mapped_column(String(20), default=BodyType.GEMEENTE.value)
    #: number of inhabitants, optional
    inhabitants: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: members must use a second factor (TOTP) before they can open this organisation's pages
    require_second_factor: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: when an operator confirmed this is the real body it names (`flask organisation verify`, in the audit log);
    #: anyone can make an organisation, so only verified ones count in the benchmark
    verified_at: Mapped[datetime | None]
    #: the official code of the body (CBS: GM0363, PV27, WS0155), set when it is verified; two organisations of one
    #: body count once in the benchmark
    official_code: Mapped[str | None] = mapped_column(String(8))
    #: the organisation's index at Open Raadsinformatie (e.g. ori_utrecht), to fetch its meeting dates from
    ori_source: Mapped[str | None] = mapped_column(String(64))

    memberships: Mapped[list[Membership]] = relationship(back_populates="organisation", cascade="all, delete-orphan")
    plans: Mapped[list["ParticipationPlan"]] = relationship(back_populates="organisation", cascade="all, delete-orphan")

    @property
    def display_name(self) -> str:
        return f"{self.body_type} {self.name}"


class Membership(db.Model):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "municipality_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE"))
    #: beheerder, redacteur, jurist or meelezer (Role)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped["User"] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")


class Invitation(db.Model):
    """An invitation link: whoever opens it while logged in joins with the given role."""
    __tablename__ = "invitation"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE"))
    #: random url-safe token, the secret part of the link
    token: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: set when the link was used; a link works once
    used_at: Mapped[datetime | None]
    #: who used it
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    #: after this moment the link no longer works
    expires_at: Mapped[datetime | None]
    #: set when a beheerder withdrew the link
    withdrawn_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
