"""Projects (trajecten): the list of an organisation, a project's page, its participatieplan and -verslag, publishing,
downloads, versions, and the public pages of published documents."""
from __future__ import annotations

import json
import re

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.extensions import db
from app.models import Organisation
from app.models.project import Project, ProjectComment
from app.projects import bp
from app.projects.forms import ConfirmForm, ImportProjectForm, ProjectCommentForm, ProjectForm, PublishForm
from app.security import load_or_404, organisation_for
from app.services.organisations import housekeeping
from app.services.core.access import Action, can
from app.services.questions.answers import field_name, parse_step
from app.services.documents.docx_writer import render_docx
from app.services.documents.registry import KINDS
from app.services.projects import projects, exchange as project_io, rules as project_rules
from app.services.projects.content import DOCUMENT_KINDS, PUBLISHABLE_KINDS
from app.services.projects.evaluation import missing_scores
from app.services.projects import documents as project_documents
from app.services.projects.documents import rules_of, warnings_of
from app.services.core.transaction import unit_of_work

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KIND_LABELS = {"participatieplan": "Participatieplan", "participatieverslag": "Participatieverslag",
               "evaluatie": "Evaluatie"}
PUBLISHABLE_LABELS = {kind: KIND_LABELS[kind] for kind in PUBLISHABLE_KINDS}


def _version(text: str | None) -> int | None:
    """The version a form was opened at; anything else reads as "the version just read"."""
    return int(text) if text and re.fullmatch(r"[0-9]{1,9}", text) else None


def _kind(kind: str, kinds: tuple[str, ...] = DOCUMENT_KINDS) -> str:
    if kind not in kinds:
        abort(404)
    return kind


def _project_form(organisation: Organisation, **kwargs) -> ProjectForm:
    return ProjectForm(**kwargs).fill_choices(content.projects(), projects.members_of(organisation),
                                              projects.plans_of(organisation))


def _form_step(project: Project, kind: str, rules):
    lists = content.projects()
    step = lists.forms[kind]
    return project_rules.plan_form(step, rules, lists) if kind == "participatieplan" else step


@bp.route("/organisaties/<int:organisation_id>/trajecten")
@login_required
def index(organisation_id: int):
    """The organisation's projects with their phase and the state of their plan and verslag."""
    organisation, _role = organisation_for(organisation_id, Action.VIEW)
    return _index(organisation, ImportProjectForm(formdata=None), can(current_user, Action.EDIT, organisation))


def _index(organisation: Organisation, import_form: ImportProjectForm, can_edit: bool, status: int = 200):
    # One link prefix for all rows: url_for per row would cost more than the rest of a 500-project list.
    return render_template("projects/index.html", organisation=organisation, rows=projects.list_projects(organisation),
                           lists=content.projects(), can_edit=can_edit, import_form=import_form,
                           project_url=url_for("projects.show", project_id=0).removesuffix("0")), status


@bp.route("/organisaties/<int:organisation_id>/trajecten/nieuw", methods=["GET", "POST"])
@login_required
def new(organisation_id: int):
    """Start a project: its name, domain, owner, phase, impact, area and the ordinance it follows."""
    organisation, _role = organisation_for(organisation_id, Action.EDIT)
    plans = projects.plans_of(organisation)
    form = _project_form(organisation, data={"plan": str(plans[0].id)} if len(plans) == 1 else None)
    if form.validate_on_submit():
        with unit_of_work():
            project = projects.create_project(organisation, form.details(), current_user)
        flash(_("Het traject “%(name)s” is aangemaakt.", name=project.name), "ok")
        return redirect(url_for("projects.show", project_id=project.id))
    return (render_template("projects/edit.html", organisation=organisation, form=form, project=None),
            400 if form.errors else 200)


@bp.route("/trajecten/<int:project_id>")
@login_required
def show(project_id: int):
    """A project: its details, the check against the ordinance, its plan and verslag with their state."""
    project = load_or_404(Project, project_id, Action.VIEW, current_user)
    loaded = content.current()
    rules = rules_of(project, loaded)
    return render_template("projects/show.html", project=project, lists=content.projects(), rules=rules,
                           warnings=warnings_of(project, loaded, rules), kinds=PUBLISHABLE_LABELS,
                           can_edit=can(current_user, Action.EDIT, project),
                           can_delete=can(current_user, Action.DELETE, project),
                           can_download=can(current_user, Action.DOWNLOAD, project),
                           publish_form=PublishForm(formdata=None))


@bp.route("/trajecten/<int:project_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(project_id: int):
    """Change the project's details; a save from an older version is refused, not overwritten."""
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    data = {"name": project.name, "domain": project.domain, "owner": str(project.owner_id or ""),
            "owner_name": project.owner_name or "", "phase": project.phase, "impact": project.impact,
            "area": project.area or "", "plan": str(project.plan_id or ""), "version": str(project.version)}
    form = _project_form(project.organisation, data=data if request.method == "GET" else None)
    if form.validate_on_submit():
        base = _version(form.version.data)
        try:
            with unit_of_work():
                projects.update_project(project, form.details(), current_user, base)
        except projects.ProjectConflict:
            db.session.refresh(project)
            form.version.data = str(project.version)
            form.name.errors.append(_("Iemand anders heeft het traject intussen gewijzigd. Uw wijzigingen staan "
                                      "hieronder nog; sla opnieuw op om ze toch te bewaren."))
        else:
            flash(_("De gegevens van het traject zijn opgeslagen."), "ok")
            return redirect(url_for("projects.show", project_id=project.id))
    return render_template("projects/edit.html", organisation=project.organisation, form=form, project=project), \
        400 if form.errors else 200


@bp.route("/trajecten/<int:project_id>/verwijderen", methods=["GET", "POST"])
@login_required
def delete(project_id: int):
    """Delete the project after its name is typed."""
    project = load_or_404(Project, project_id, Action.DELETE, current_user)
    form = ConfirmForm()
    if form.validate_on_submit():
        if housekeeping.confirms(form.confirm.data, project.name):
            name, organisation_id = project.name, project.organisation_id
            with unit_of_work():
                projects.delete_project(project, current_user)
            flash(_("Het traject “%(name)s” is verwijderd.", name=name), "ok")
            return redirect(url_for("projects.index", organisation_id=organisation_id))
        form.confirm.errors.append(_("Dit is niet de naam van het traject. Typ ‘%(name)s’.", name=project.name))
    return render_template("projects/delete.html", project=project, form=form), 422 if form.errors else 200


@bp.route("/trajecten/<int:project_id>/<kind>", methods=["GET", "POST"])
@login_required
def document(project_id: int, kind: str):
    """Fill in the participatieplan or -verslag; the plan's options and warnings follow the ordinance."""
    project = load_or_404(Project, project_id, Action.EDIT if request.method == "POST" else Action.VIEW, current_user)
    kind = _kind(kind)
    loaded = content.current()
    rules = rules_of(project, loaded)
    step = _form_step(project, kind, rules)
    values, errors = projects.document_answers(project, kind), {}
    version = projects.document_version(project, kind)
    status = 200
    if request.method == "POST":
        values, errors = parse_step(step, request.form)
        if kind == "participatieplan":
            errors.update(project_rules.check_months(values))
        if kind == "evaluatie":
            errors.update(missing_scores(step, values))
        base = _version(request.form.get("version"))
        if not errors:
            try:
                with unit_of_work():
                    projects.save_document(project, kind, values, current_user, base)
            except projects.ProjectConflict:
                errors[field_name("version")] = _("Iemand anders heeft dit intussen opgeslagen. Uw antwoorden "
                                                  "staan hieronder nog; sla opnieuw op om ze toch te bewaren.")
                db.session.expire_all()
                version = projects.document_version(project, kind)
            else:
                flash(_("De evaluatie is opgeslagen.") if kind == "evaluatie"
                      else _("Het %(kind)s is opgeslagen.", kind=KIND_LABELS[kind].lower()), "ok")
                return redirect(url_for("projects.document", project_id=project.id, kind=kind))
        status = 400
    # The evaluation is never a document of its own: its preview is the trajectory report it feeds.
    preview = KINDS["trajectrapport" if kind == "evaluatie" else kind].build(project, loaded)
    warnings = warnings_of(project, loaded, rules) if kind == "participatieplan" else []
    return render_template("projects/document.html", project=project, kind=kind, label=KIND_LABELS[kind],
                           step=step, values=values, errors=errors, version=version, rules=rules, warnings=warnings,
                           preview=preview, can_edit=can(current_user, Action.EDIT, project),
                           comments=projects.comments_of(project, kind), comment_form=ProjectCommentForm(formdata=None),
                           can_comment=can(current_user, Action.COMMENT, project)), status


@bp.route("/trajecten/<int:project_id>/<kind>/opmerkingen", methods=["POST"])
@login_required
def add_comment(project_id: int, kind: str):
    """A comment of the team on the plan or verslag."""
    project = load_or_404(Project, project_id, Action.COMMENT, current_user)
    kind = _kind(kind)
    form = ProjectCommentForm()
    if form.validate_on_submit():
        with unit_of_work():
            projects.add_comment(project, kind, form.body.data.strip(), current_user)
        flash(_("Uw opmerking is geplaatst."), "ok")
    else:
        flash(" ".join(map(str, form.body.errors)) or _("De opmerking kon niet worden geplaatst."), "error")
    return redirect(url_for("projects.document", project_id=project.id, kind=kind) + "#opmerkingen")


@bp.route("/trajecten/<int:project_id>/opmerkingen/<int:project_comment_id>/<action>", methods=["POST"])
@login_required
def resolve_comment(project_id: int, project_comment_id: int, action: str):
    """Mark a comment as handled, or reopen it."""
    project = load_or_404(Project, project_id, Action.COMMENT, current_user)
    comment = db.session.get(ProjectComment, project_comment_id)
    if comment is None or comment.project_id != project.id or action not in ("afhandelen", "heropenen"):
        abort(404)
    with unit_of_work():
        projects.set_comment_resolved(comment, action == "afhandelen", current_user)
    return redirect(url_for("projects.document", project_id=project.id, kind=comment.kind) + "#opmerkingen")


@bp.route("/trajecten/<int:project_id>/<kind>/openbaar", methods=["POST"])
@login_required
def publish(project_id: int, kind: str):
    """Publish the document on the organisation's public page, or withdraw it."""
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    kind = _kind(kind, PUBLISHABLE_KINDS)
    form = PublishForm()
    if not form.validate_on_submit():
        flash(_("Kies openbaar maken of niet meer openbaar."), "error")
        return redirect(url_for("projects.show", project_id=project.id)), 303
    try:
        with unit_of_work():
            projects.set_published(project, kind, form.publish.data == "ja", current_user)
    except projects.NothingToPublish:
        flash(_("Het %(kind)s is nog leeg; vul het eerst in.", kind=KIND_LABELS[kind].lower()), "error")
    else:
        flash(_("Het %(kind)s is openbaar.", kind=KIND_LABELS[kind].lower()) if form.publish.data == "ja"
              else _("Het %(kind)s is niet meer openbaar.", kind=KIND_LABELS[kind].lower()), "ok")
    return redirect(url_for("projects.show", project_id=project.id))


def _file_name(kind: str, project: Project, extension: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", f"{kind}-{project.name}").strip("-").lower()[:80] + extension


@bp.route("/trajecten/<int:project_id>/<kind>.docx")
@login_required
def download(project_id: int, kind: str):
    """The participatieplan or -verslag as a Word document."""
    project = load_or_404(Project, project_id, Action.DOWNLOAD, current_user)
    kind = _kind(kind, PUBLISHABLE_KINDS)
    data = render_docx(KINDS[kind].build(project, content.current()))
    name = _file_name(kind, project, ".docx")
    with unit_of_work():
        project_documents.record_download(project, name, by=current_user)
    return Response(data, mimetype=DOCX_MIME, headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/trajecten/<int:project_id>/versies")
@login_required
def versions(project_id: int):
    """Every save of the project and its documents: who, when, what."""
    project = load_or_404(Project, project_id, Action.VIEW, current_user)
    return render_template("projects/versions.html", project=project, revisions=projects.revisions_of(project),
                           kinds=KIND_LABELS)


@bp.route("/trajecten/<int:project_id>/traject.json")
@login_required
def export(project_id: int):
    """The project as a JSON file (docs/projects.md)."""
    project = load_or_404(Project, project_id, Action.DOWNLOAD, current_user)
    body = json.dumps(project_io.export_project(project, content.projects()), ensure_ascii=False, indent=2,
                      sort_keys=True)
    name = _file_name("traject", project, ".json")
    with unit_of_work():
        project_documents.record_download(project, name, by=current_user)
    return Response(body, mimetype="application/json", headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/organisaties/<int:organisation_id>/trajecten/importeren", methods=["POST"])
@login_required
def import_project(organisation_id: int):
    """Read a project from a JSON file into this organisation; a bad file is refused and nothing is written."""
    organisation, _role = organisation_for(organisation_id, Action.EDIT)
    form = ImportProjectForm()
    if form.validate_on_submit():
        raw = form.file.data.read(project_io.MAX_BYTES + 1)
        try:
            if len(raw) > project_io.MAX_BYTES:
                raise project_io.ProjectFileError(_("Het bestand is groter dan 1 MB."))
            try:
                data = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                raise project_io.ProjectFileError(_("Dit bestand is geen leesbaar JSON-bestand.")) from None
            checked = project_io.read_project(data, content.projects(), content.handreiking())
        except project_io.ProjectFileError as exc:
            form.file.errors.append(str(exc))
        else:
            with unit_of_work():
                project = project_io.import_project(organisation, checked, by=current_user)
            flash(_("Het traject “%(name)s” is ingelezen.", name=project.name), "ok")
            return redirect(url_for("projects.show", project_id=project.id))
    return _index(organisation, form, True, 400)


# --- public pages: no login, only what is published, no names of the team --------------------------

@bp.route("/openbaar/<int:public_id>/trajecten")
def public_index(public_id: int):
    """The organisation's published trajectories, for everyone."""
    organisation = db.session.get(Organisation, public_id)
    items = projects.published_projects(organisation.id) if organisation else []
    if not items:  # an organisation with nothing published is not shown, not even its name: as if it did not exist
        abort(404)
    return render_template("projects/public_index.html", organisation=organisation, items=items,
                           lists=content.projects(), kinds=PUBLISHABLE_LABELS,
                           public_url=url_for("projects.public_index", public_id=organisation.id))


@bp.route("/openbaar/<int:public_id>/trajecten/<int:public_project_id>/<kind>")
def public_document(public_id: int, public_project_id: int, kind: str):
    """One published participatieplan or -verslag, read-only; anything unpublished is not found."""
    kind = _kind(kind, PUBLISHABLE_KINDS)
    document_row = projects.published_document(public_id, public_project_id, kind)
    if document_row is None:
        abort(404)
    project = document_row.project
    preview = KINDS[kind].build(project, content.current())
    preview.open_points = []  # the team's to-do list is not for the public
    return render_template("projects/public_document.html", organisation=project.organisation, project=project,
                           document=preview, published_at=document_row.published_at, lists=content.projects())
