"""Creating, changing, listing and publishing projects, with a revision for every save.

Saves are decided by the database like a plan's steps (app/services/plans/plans.py): a row is updated only if it still
has the version the user started from, so of two people saving from one version exactly one wins.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, delete, func, select, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Membership, Organisation, ParticipationPlan, User
from app.models.case import Case
from app.models.organisation import utcnow
from app.models.project import Project, ProjectComment, ProjectDocument, ProjectRevision
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.transaction import insert_if_absent
from app.services.projects.content import DOCUMENT_KINDS, PUBLISHABLE_KINDS
from app.services.questions.answers import changed_keys, is_empty

DETAIL_FIELDS = ("name", "domain", "owner_id", "owner_name", "phase", "impact", "area", "plan_id")


@dataclass
class ProjectConflict(Exception):
    """Someone else saved the project (or its document) after the user opened it."""
    project_id: int
    part: str


@dataclass
class ProjectRow:
    """One line of the list: the project's id, name, domain and phase, and the state of its two documents."""
    id: int
    name: str
    domain: str
    phase: str
    plan_state: str       # "leeg", "concept" or "openbaar"
    verslag_state: str


def list_projects(organisation: Organisation) -> list[ProjectRow]:
    """The organisation's projects, newest change first, in two queries whatever their number: only the columns the
    list shows, and the state of every document (empty, concept, published) without its answers."""
    filled = cast(ProjectDocument.answers, String) != "{}"
    states: dict[tuple[int, str], str] = {}
    for project_id, kind, published, has_answers in db.session.execute(
            select(ProjectDocument.project_id, ProjectDocument.kind, ProjectDocument.published, filled)
            .join(Project).where(Project.organisation_id == organisation.id)):
        states[(project_id, kind)] = "leeg" if not has_answers else ("openbaar" if published else "concept")
    rows = db.session.execute(select(Project.id, Project.name, Project.domain, Project.phase)
                              .where(Project.organisation_id == organisation.id)
                              .order_by(Project.updated_at.desc(), Project.id.desc())).all()
    return [ProjectRow(pid, name, domain, phase, states.get((pid, "participatieplan"), "leeg"),
                       states.get((pid, "participatieverslag"), "leeg")) for pid, name, domain, phase in rows]


def members_of(organisation: Organisation) -> list[User]:
    return list(db.session.scalars(select(User).join(Membership, Membership.user_id == User.id)
                                   .where(Membership.organisation_id == organisation.id).order_by(User.name)))


def plans_of(organisation: Organisation) -> list[ParticipationPlan]:
    return list(db.session.scalars(select(ParticipationPlan).where(ParticipationPlan.organisation_id == organisation.id)
                                   .order_by(ParticipationPlan.title)))


def _check_links(organisation: Organisation, details: dict[str, Any]) -> None:
    # A project may name only a member and a plan of its own organisation; the form offers no others.
    if details.get("owner_id") is not None and not db.session.scalar(select(Membership.id).where(
            Membership.organisation_id == organisation.id, Membership.user_id == details["owner_id"])):
        raise ValueError("owner_id")
    if details.get("plan_id") is not None and not db.session.scalar(select(ParticipationPlan.id).where(
            ParticipationPlan.organisation_id == organisation.id, ParticipationPlan.id == details["plan_id"])):
        raise ValueError("plan_id")


def create_project(organisation: Organisation, details: dict[str, Any], by: User) -> Project:
    access.require(by, Action.EDIT, organisation)
    _check_links(organisation, details)
    project = Project(organisation_id=organisation.id, **{k: details.get(k) for k in DETAIL_FIELDS})
    project.version = 1
    db.session.add(project)
    db.session.flush()
    db.session.add(ProjectRevision(project_id=project.id, part="project", kind="save", user_id=by.id, version=1,
                                   changes={k: [None, v] for k, v in _details(project).items() if v is not None}))
    audit.record(AuditAction.PROJECT_CREATED, actor=by, organisation_id=organisation.id,
                 target=audit.target_of(project), name=project.name)
    return project


def _details(project: Project) -> dict[str, Any]:
    return {k: getattr(project, k) for k in DETAIL_FIELDS}


def update_project(project: Project, details: dict[str, Any], by: User, base_version: int | None) -> bool:
    access.require(by, Action.EDIT, project)
    _check_links(project.organisation, details)
    base = project.version if base_version is None else base_version
    before = _details(project)
    after = {k: details.get(k) for k in DETAIL_FIELDS}
    changes = changed_keys(before, after)
    if not changes:
        return False
    result = db.session.execute(update(Project).where(Project.id == project.id, Project.version == base)
                                .values(**after, version=base + 1, updated_at=utcnow())
                                .execution_options(synchronize_session="fetch"))
    if result.rowcount != 1:
        raise ProjectConflict(project.id, "project")
    db.session.add(ProjectRevision(project_id=project.id, part="project", kind="save", user_id=by.id,
                                   version=base + 1, changes=changes))
    audit.record(AuditAction.PROJECT_CHANGED, actor=by, organisation_id=project.organisation_id,
                 target=audit.target_of(project), fields=sorted(changes))
    return True


def delete_project(project: Project, by: User) -> None:
    access.require(by, Action.DELETE, project)
    audit.record(AuditAction.PROJECT_DELETED, actor=by, organisation_id=project.organisation_id,
                 target=audit.target_of(project), name=project.name)
    # SQLite without PRAGMA foreign_keys does not cascade: remove the history and comments here, not as orphans.
    for table in (ProjectRevision, ProjectComment, Case):  # the case leaves the library with its project
        db.session.execute(delete(table).where(table.project_id == project.id))
    db.session.delete(project)


def document_answers(project: Project, kind: str) -> dict[str, Any]:
    document = project.document(kind)
    return dict(document.answers or {}) if document else {}


def document_version(project: Project, kind: str) -> int:
    document = project.document(kind)
    return document.version if document else 0


def save_document(project: Project, kind: str, answers: dict[str, Any], by: User | access.Actor,
                  base_version: int | None, revision_kind: str = "save") -> bool:
    """Write the answers of the project's plan or verslag if it is still at `base_version`; False if unchanged."""
    if kind not in DOCUMENT_KINDS:
        raise ValueError(kind)
    access.require(by, Action.EDIT, project)
    document = project.document(kind)
    version = document.version if document else 0
    base = version if base_version is None else base_version
    if base != version:
        raise ProjectConflict(project.id, kind)
    changes = changed_keys(dict(document.answers or {}) if document else {}, answers)
    if not changes:
        return False
    now = utcnow()
    user_id = by.id
    if document is None:
        if not insert_if_absent(ProjectDocument, project_id=project.id, kind=kind, answers=answers, version=1,
                                published=False, updated_at=now, updated_by_id=user_id):
            raise ProjectConflict(project.id, kind)
        db.session.expire(project, ["documents"])
    else:
        result = db.session.execute(
            update(ProjectDocument).where(ProjectDocument.id == document.id, ProjectDocument.version == base)
            .values(answers=answers, version=base + 1, updated_at=now, updated_by_id=user_id)
            .execution_options(synchronize_session="fetch"))
        if result.rowcount != 1:
            raise ProjectConflict(project.id, kind)
    project.updated_at = now
    db.session.add(ProjectRevision(project_id=project.id, part=kind, kind=revision_kind, user_id=user_id,
                                   version=base + 1, changes=changes))
    audit.record(AuditAction.PROJECT_DOCUMENT_SAVED, actor=by, organisation_id=project.organisation_id,
                 target=audit.target_of(project), document=kind, fields=sorted(changes))
    return True


class NothingToPublish(Exception):
    """An empty document is not published."""


def set_published(project: Project, kind: str, published: bool, by: User) -> None:
    """Publish or withdraw the project's plan or verslag; publishing an empty document is refused."""
    if kind not in PUBLISHABLE_KINDS:
        raise ValueError(kind)
    access.require(by, Action.EDIT, project)  # editors publish, like they save
    document = project.document(kind)
    if published and (document is None or is_empty(document.answers)):
        raise NothingToPublish(kind)
    if document is None or document.published == published:
        return
    document.published = published
    document.published_at = utcnow() if published else None
    db.session.add(ProjectRevision(project_id=project.id, part=kind, kind="publish" if published else "unpublish",
                                   user_id=by.id, version=document.version, changes={}))
    audit.record(AuditAction.PROJECT_PUBLISHED if published else AuditAction.PROJECT_UNPUBLISHED, actor=by,
                 organisation_id=project.organisation_id, target=audit.target_of(project), document=kind)


def revisions_of(project: Project, limit: int = 200) -> list[ProjectRevision]:
    return list(db.session.scalars(select(ProjectRevision).where(ProjectRevision.project_id == project.id)
                                   .options(selectinload(ProjectRevision.user))
                                   .order_by(ProjectRevision.created_at.desc(), ProjectRevision.id.desc())
                                   .limit(limit)))


# --- the public side: only what is published, never names of the team --------------------------------

@dataclass
class PublishedRow:
    id: int
    name: str
    domain: str
    phase: str
    kinds: list[str]


def published_projects(organisation_id: int) -> list[PublishedRow]:
    """The projects of the organisation with at least one published document, and which ones, in two queries."""
    kinds: dict[int, list[str]] = {}
    for project_id, kind in db.session.execute(
            select(ProjectDocument.project_id, ProjectDocument.kind).join(Project)
            .where(Project.organisation_id == organisation_id, ProjectDocument.published.is_(True))
            .order_by(ProjectDocument.kind)):
        kinds.setdefault(project_id, []).append(kind)
    rows = db.session.execute(select(Project.id, Project.name, Project.domain, Project.phase)
                              .where(Project.organisation_id == organisation_id, Project.id.in_(list(kinds)))
                              .order_by(Project.name)).all() if kinds else []
    return [PublishedRow(pid, name, domain, phase, kinds[pid]) for pid, name, domain, phase in rows]


def published_document(organisation_id: int, project_id: int, kind: str) -> ProjectDocument | None:
    return db.session.scalar(select(ProjectDocument).join(Project).where(
        Project.id == project_id, Project.organisation_id == organisation_id, ProjectDocument.kind == kind,
        ProjectDocument.published.is_(True)))


def count_projects(organisation: Organisation) -> int:
    return db.session.scalar(select(func.count(Project.id)).where(Project.organisation_id == organisation.id)) or 0


# --- comments of the team (never public) --------------------------------------------------------------

COMMENT_LIMIT = 5000


def comments_of(project: Project, kind: str) -> list[ProjectComment]:
    return list(db.session.scalars(select(ProjectComment).where(ProjectComment.project_id == project.id,
                                                                ProjectComment.kind == kind)
                                   .options(selectinload(ProjectComment.author)).order_by(ProjectComment.id)))


def add_comment(project: Project, kind: str, body: str, by: User) -> ProjectComment:
    if kind not in DOCUMENT_KINDS:
        raise ValueError(kind)
    access.require(by, Action.COMMENT, project)
    comment = ProjectComment(project_id=project.id, kind=kind, body=body, author_id=by.id)
    db.session.add(comment)
    db.session.flush()
    audit.record(AuditAction.PROJECT_COMMENTED, actor=by, organisation_id=project.organisation_id,
                 target=audit.target_of(project), document=kind, comment=comment.id)
    return comment


def set_comment_resolved(comment: ProjectComment, resolved: bool, by: User) -> None:
    access.require(by, Action.COMMENT, comment)
    comment.resolved_at = utcnow() if resolved else None
    project = db.session.get(Project, comment.project_id)
    audit.record(AuditAction.PROJECT_COMMENT_RESOLVED if resolved else AuditAction.PROJECT_COMMENT_REOPENED,
                 actor=by, organisation_id=project.organisation_id, target=audit.target_of(project),
                 comment=comment.id)
