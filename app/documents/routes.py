"""A plan's documents other than the ordinance (uitvoeringsprogramma, leerprogramma, raadsvoorstel, …): every kind
registered with source "plan", as a list, as a page and as a Word document."""
import re
from datetime import date

from flask import Response, abort, render_template
from flask_login import current_user, login_required

from app import content
from app.documents import bp
from app.security import plan_for
from app.services import audit
from app.services.access import Action, can
from app.services.audit import AuditAction
from app.services.documents import kinds  # noqa: F401  registers every document kind
from app.services.documents.docx_writer import render_docx
from app.services.documents.registry import KINDS, DocumentKind, kinds_for
from app.services.transaction import unit_of_work

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _kind_or_404(key: str) -> DocumentKind:
    kind = KINDS.get(key)
    if kind is None or kind.source != "plan":
        abort(404)
    return kind


def file_name(kind: DocumentKind, plan) -> str:
    """ "uitvoeringsprogramma-voorbeeldstad.docx": letters and digits only, so every browser and system keeps it."""
    return re.sub(r"[^A-Za-z0-9]+", "-", f"{kind.key}-{plan.municipality.name}").strip("-").lower() + ".docx"


@bp.route("/plannen/<int:plan_id>/documenten")
@login_required
def index(plan_id: int):
    """Every document the assistant makes from this plan, with a link to read it and one to download it."""
    plan, role = plan_for(plan_id)
    return render_template("documents/index.html", plan=plan, role=role, kinds=kinds_for("plan"),
                           can_download=can(current_user, Action.DOWNLOAD, plan))


@bp.route("/plannen/<int:plan_id>/documenten/<kind>")
@login_required
def preview(plan_id: int, kind: str):
    """One document of the plan in the browser, as the Word document will hold it."""
    plan, role = plan_for(plan_id)
    document_kind = _kind_or_404(kind)
    document = document_kind.build(plan, content.handreiking())
    return render_template("documents/preview.html", plan=plan, role=role, kind=document_kind, document=document,
                           can_download=can(current_user, Action.DOWNLOAD, plan))


@bp.route("/plannen/<int:plan_id>/documenten/<kind>.docx")
@login_required
def download(plan_id: int, kind: str):
    """One document of the plan as a Word document; the download is written in the audit log."""
    plan, _role = plan_for(plan_id, Action.DOWNLOAD)
    document_kind = _kind_or_404(kind)
    data = render_docx(document_kind.build(plan, content.handreiking()), date.today())
    name = file_name(document_kind, plan)
    with unit_of_work():
        audit.record(AuditAction.DOCUMENT_DOWNLOAD, actor=current_user, municipality_id=plan.municipality_id,
                     target=f"plan:{plan.id}", kind=document_kind.key, file=name)
    return Response(data, mimetype=DOCX_MIME, headers={"Content-Disposition": f"attachment; filename={name}"})
