"""A project as a JSON file: its details and the answers of its plan and verslag (docs/projects.md).

The file never holds who did what (team members, revisions) nor whether a document was published: an imported
project starts as a concept in the organisation that reads it in.
"""
from __future__ import annotations

from typing import Any

from app.models import Organisation, User
from app.models.project import Project
from app.services.core import audit
from app.services.core.audit import AuditAction
from app.services.core.text import _
from app.services.projects import projects as project_service
from app.services.projects.content import DOCUMENT_KINDS, ProjectContent
from app.services.projects.rules import any_plan_form
from app.services.questions.answers import answers_problem, has_forbidden_characters
from app.services.questions.handreiking import Handreiking

FORMAT = "participatie-assistent/traject"
FORMAT_VERSION = 1
MAX_BYTES = 1_000_000
TEXT_FIELDS = {"name": 200, "area": 200, "owner_name": 200}


class ProjectFileError(Exception):
    """The file is not a project this version can read; the message says what is wrong, in Dutch."""


def export_project(project: Project, content: ProjectContent) -> dict[str, Any]:
    return {
        "format": FORMAT, "version": FORMAT_VERSION,
        "project": {"name": project.name, "domain": project.domain, "phase": project.phase,
                    "impact": project.impact, "area": project.area, "owner_name": project.owner_name},
        "documents": {kind: project_service.document_answers(project, kind) for kind in DOCUMENT_KINDS},
    }


def read_project(data: Any, content: ProjectContent, handreiking: Handreiking) -> dict[str, Any]:
    """The checked contents of a project file, or ProjectFileError naming the first problem."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectFileError(_("Dit is geen trajectbestand van de Participatie-assistent."))
    if data.get("version") != FORMAT_VERSION:
        raise ProjectFileError(_("Deze versie van het bestandsformaat kan de assistent niet lezen."))
    details, documents = data.get("project"), data.get("documents") or {}
    if not isinstance(details, dict) or not isinstance(documents, dict):
        raise ProjectFileError(_("Het bestand mist de gegevens van het traject."))
    if has_forbidden_characters(data):
        raise ProjectFileError(_("Het bestand bevat tekens die niet in een document mogen staan."))
    for key, limit in TEXT_FIELDS.items():
        value = details.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            raise ProjectFileError(_("‘%(key)s’ moet tekst zijn van ten hoogste %(limit)s tekens.", key=key,
                                     limit=limit))
    if not (details.get("name") or "").strip():
        raise ProjectFileError(_("Het traject in het bestand heeft geen naam."))
    for key, options in (("domain", content.domains), ("phase", content.phases), ("impact", content.impacts)):
        if details.get(key) not in {o.value for o in options}:
            raise ProjectFileError(_("‘%(key)s’ heeft een waarde die de assistent niet kent.", key=key))
    unknown = set(documents) - set(DOCUMENT_KINDS)
    if unknown:
        raise ProjectFileError(_("Onbekend document in het bestand: %(name)s.", name=", ".join(sorted(unknown))))
    forms = {"participatieplan": any_plan_form(content, handreiking),
             "participatieverslag": content.forms["participatieverslag"], "evaluatie": content.forms["evaluatie"]}
    for kind, answers in documents.items():
        problem = answers_problem(forms[kind], answers)
        if problem:
            raise ProjectFileError(_("In het %(kind)s: ‘%(key)s’ %(problem)s.", kind=kind, key=problem[0],
                                     problem=problem[1]))
    return {"details": {k: details.get(k) for k in ("name", "domain", "phase", "impact", "area", "owner_name")},
            "documents": documents}


def import_project(organisation: Organisation, checked: dict[str, Any], *, by: User) -> Project:
    """A project read from a file (checked by `read_project`), written in the audit log as an import."""
    project = build_project(organisation, checked, by=by)
    audit.record(AuditAction.PROJECT_IMPORTED, actor=by, organisation_id=organisation.id,
                 target=audit.target_of(project))
    return project


def build_project(organisation: Organisation, checked: dict[str, Any], *, by: User) -> Project:
    """The project and its documents from checked data; the log says it was made (the demo's projects are built so)."""
    details = dict(checked["details"], name=checked["details"]["name"].strip(), owner_id=None, plan_id=None)
    project = project_service.create_project(organisation, details, by)
    for kind, answers in checked["documents"].items():
        if answers:
            project_service.save_document(project, kind, answers, by, 0, revision_kind="import")
    return project
