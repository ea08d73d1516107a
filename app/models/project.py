"""Projects (trajecten) of an organisation, their participatieplan and participatieverslag, and their history."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import Organisation, utcnow

if TYPE_CHECKING:  # for the type hints of relationships only
    from app.models.plan import ParticipationPlan
    from app.models.user import User


class Project(db.Model):
    """A trajectory that follows the ordinance: a new park, a housing plan, a social-domain policy."""
    __tablename__ = "project"
    __table_args__ = (Index("ix_project_municipality_updated", "municipality_id", "updated_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE",
                                                            name="fk_project_municipality_id_municipality"))
    name: Mapped[str] = mapped_column(String(200))
    #: a value of the content list of policy domains (handreiking/projects/project.yaml)
    domain: Mapped[str] = mapped_column(String(40))
    #: a member of the organisation, or else a name typed freely
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                            name="fk_project_owner_id_user"))
    owner_name: Mapped[str | None] = mapped_column(String(200))
    #: idee, voorbereiding, uitvoering, evaluatie or afgerond
    phase: Mapped[str] = mapped_column(String(20), default="idee")
    #: klein, middel or groot
    impact: Mapped[str] = mapped_column(String(10), default="middel")
    #: the area it concerns, free text ("Stationsplein en omgeving")
    area: Mapped[str | None] = mapped_column(String(200))
    #: the participation plan whose ordinance this project follows (a plan of the same organisation)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("participation_plan.id", ondelete="SET NULL",
                                                           name="fk_project_plan_id_participation_plan"))
    #: goes up by one on every save of the project's details; a save from an older version is a conflict
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    owner: Mapped[User | None] = relationship()
    plan: Mapped[ParticipationPlan | None] = relationship()
    documents: Mapped[list[ProjectDocument]] = relationship(back_populates="project", cascade="all, delete-orphan")

    def document(self, kind: str) -> ProjectDocument | None:
        return next((d for d in self.documents if d.kind == kind), None)


class ProjectDocument(db.Model):
    """The answers of a project's participatieplan or participatieverslag, kept as JSON like a plan's step."""
    __tablename__ = "project_document"
    __table_args__ = (UniqueConstraint("project_id", "kind", name="uq_project_document_project_kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE",
                                                       name="fk_project_document_project_id_project"))
    #: participatieplan or participatieverslag
    kind: Mapped[str] = mapped_column(String(40))
    #: question key -> value, as handreiking/projects/<kind>.yaml describes
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: goes up by one on every save; a save based on an older version is a conflict
    version: Mapped[int] = mapped_column(default=0)
    #: shown on the public page of the organisation's trajectories
    published: Mapped[bool] = mapped_column(default=False, server_default=false())
    published_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                                 name="fk_project_document_updated_by_id_user"))

    project: Mapped[Project] = relationship(back_populates="documents")


class ProjectRevision(db.Model):
    """One recorded change of a project or one of its documents: who, when, from what to what."""
    __tablename__ = "project_revision"
    __table_args__ = (Index("ix_project_revision_project_created", "project_id", "created_at", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE",
                                                       name="fk_project_revision_project_id_project"))
    #: "project" for its details, or the document kind
    part: Mapped[str] = mapped_column(String(40))
    #: save, import, publish or unpublish
    kind: Mapped[str] = mapped_column(String(20), default="save")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                           name="fk_project_revision_user_id_user"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: {key: [old, new]} for what changed
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the version this change produced
    version: Mapped[int | None]

    user: Mapped[User | None] = relationship()


class ProjectComment(db.Model):
    """A team comment on a project's plan or verslag; never shown on the public pages."""
    __tablename__ = "project_comment"
    __table_args__ = (Index("ix_project_comment_project_id", "project_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE",
                                                       name="fk_project_comment_project_id_project"))
    #: participatieplan or participatieverslag
    kind: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                             name="fk_project_comment_author_id_user"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: set while the comment is resolved; reopening clears it
    resolved_at: Mapped[datetime | None]

    author: Mapped[User | None] = relationship()
