"""A case (casus) of the casusbibliotheek: a finished trajectory that its organisation describes for all users."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import utcnow
from app.models.project import Project


class Case(db.Model):
    """What an organisation tells others about one finished project. Only the texts below, the organisation's name, its
    body type and the project's domain are shown to other organisations; never team names, comments or answers."""
    __tablename__ = "case_study"
    __table_args__ = (UniqueConstraint("project_id", name="uq_case_study_project_id"),
                      Index("ix_case_study_published_at", "published", "published_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE",
                                                       name="fk_case_study_project_id_project"))
    title: Mapped[str] = mapped_column(String(200))
    #: what was done
    approach: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    #: success factor keys of handreiking/zelfscan/zelfscan.yaml, written ",key,key," so a LIKE finds one
    factors: Mapped[str] = mapped_column(String(400), default="")
    #: in the library while true; unpublishing keeps the texts for a later publication
    published: Mapped[bool] = mapped_column(default=False, server_default=false())
    published_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                                 name="fk_case_study_updated_by_id_user"))

    project: Mapped[Project] = relationship()

    @property
    def factor_keys(self) -> list[str]:
        return [k for k in self.factors.split(",") if k]
