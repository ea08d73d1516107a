"""A plan's documents other than the ordinance (uitvoeringsprogramma, leerprogramma, raadsvoorstel, …): every kind
registered with source "plan", as a list, as a page and as a Word document."""
import re

from flask import Response, abort, current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.documents import bp
from app.security import plan_for
from app.services.core.access import Action, can
from app.services.documents import kinds  # noqa: F401  registers every document kind
from app.services.documents.docx_writer import render_docx
from app.services.documents.pdf import PdfFailed, PdfUnavailable, docx_to_pdfa
from app.services.documents.registry import KINDS, DocumentKind, kinds_for, record_download
from app.services.core.transaction import unit_of_work
from app.services.plans import deadline

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _kind_or_404(key: str) -> DocumentKind:
    kind = KINDS.get(key)
    if kind is None or kind.source != "plan":
        abort(404)
    return kind


def file_name(kind: DocumentKind, plan) -> str:
    """ "uitvoeringsprogramma-voorbeeldstad.docx": letters and digits only, so every browser and system keeps it."""
    return file_stem(kind, plan) + ".docx"


def file_stem(kind: DocumentKind, plan) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", f"{kind.key}-{plan.organisation.name}").strip("-").lower()


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
    document = document_kind.build(plan, content.current(), today=deadline.today_in_amsterdam())
    return render_template("documents/preview.html", plan=plan, role=role, kind=document_kind, document=document,
                           can_download=can(current_user, Action.DOWNLOAD, plan))


@bp.route("/plannen/<int:plan_id>/documenten/<kind>.docx")
@login_required
def download(plan_id: int, kind: str):
    """One document of the plan as a Word document; the download is written in the audit log."""
    plan, _role = plan_for(plan_id, Action.DOWNLOAD)
    document_kind = _kind_or_404(kind)
    today = deadline.today_in_amsterdam()
    data = render_docx(document_kind.build(plan, content.current(), today=today), today)
    name = file_name(document_kind, plan)
    with unit_of_work():
        record_download(plan, document_kind, name, by=current_user)
    return Response(data, mimetype=DOCX_MIME, headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/plannen/<int:plan_id>/documenten/<kind>.pdf")
@login_required
def download_pdf(plan_id: int, kind: str):
    """The document as PDF/A (LibreOffice); without LibreOffice, or when it fails, the page says so."""
    plan, role = plan_for(plan_id, Action.DOWNLOAD)
    document_kind = _kind_or_404(kind)
    if not document_kind.pdf:
        abort(404)
    today = deadline.today_in_amsterdam()
    document = document_kind.build(plan, content.current(), today=today)
    try:
        data = docx_to_pdfa(render_docx(document, today), soffice=current_app.config["SOFFICE_PATH"],
                            timeout=current_app.config["PDF_TIMEOUT_SECONDS"])
    except (PdfUnavailable, PdfFailed) as problem:
        message = _("Een PDF/A kan nu niet worden gemaakt: op de server is LibreOffice niet geïnstalleerd. Download "
                    "het Word-document en maak de PDF daarmee.") if isinstance(problem, PdfUnavailable) else \
            _("Het maken van de PDF/A is niet gelukt of duurde te lang. Probeer het later opnieuw, of download het "
              "Word-document.")
        return render_template("documents/preview.html", plan=plan, role=role, kind=document_kind,
                               document=document, can_download=True, pdf_problem=message)
    name = file_stem(document_kind, plan) + ".pdf"
    with unit_of_work():
        record_download(plan, document_kind, name, by=current_user)
    return Response(data, mimetype="application/pdf", headers={"Content-Disposition": f"attachment; filename={name}"})
