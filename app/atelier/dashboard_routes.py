"""The facilitator's dashboard and the round report (page to print, and Word)."""
from __future__ import annotations

import re

from flask import Response, abort, render_template, request
from flask_login import current_user, login_required

from app import content
from app.atelier import bp
from app.atelier.routes import _atelier, _local_now
from app.extensions import db
from app.models import Atelier, AtelierParticipant
from app.models.atelier import ROUND_NUMBERS
from app.services.core.access import Action
from app.services.questions.answers import StepStatus
from app.services.atelier import ateliers, dashboard as dashboards
from app.services.documents.docx_writer import render_docx
from app.services.documents.model import Document
from app.services.core.transaction import unit_of_work

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _round(atelier: Atelier) -> int:
    """The round asked for in ?ronde=, or the current one."""
    number = request.args.get("ronde", type=int)
    return number if number in ROUND_NUMBERS else ateliers.current_round(atelier, _local_now())


def _participant(atelier: Atelier, participant_id: int) -> AtelierParticipant:
    participant = db.session.get(AtelierParticipant, participant_id)
    if participant is None or participant.atelier_id != atelier.id:
        abort(404)
    return participant


def _file_name(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", "-".join(parts)).strip("-").lower() + ".docx"


@bp.route("/ateliers/<int:atelier_id>/dashboard")
@login_required
def dashboard(atelier_id: int):
    """Where every team stands in a round: per step done or not, open required questions, last change, who works."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    number = _round(atelier)
    group_id = request.args.get("groep", type=int)
    board = dashboards.dashboard(current_user, atelier, number, content.handreiking(), group_id)
    unknown_group = bool(request.args.get("groep")) and board.group is None
    return render_template("atelier/dashboard.html", atelier=atelier, board=board, unknown_group=unknown_group,
                           status_labels={s: s.label for s in StepStatus})  # once, not per cell


def _report(atelier: Atelier, participant: AtelierParticipant | None) -> tuple[int, Document]:
    """The round asked for and its report (one organisation's, or the whole atelier's with the examples taken over
    most), as the shared document model: the page and the Word file show the same."""
    number = _round(atelier)
    reports = dashboards.round_report(current_user, atelier, number, content.handreiking(), participant,
                                      _local_now())
    examples = None if participant else dashboards.most_taken_over(current_user, atelier, number,
                                                                   content.handreiking())
    return number, dashboards.build_report(atelier, number, reports, examples)


def _report_page(atelier: Atelier, participant: AtelierParticipant | None):
    number, document = _report(atelier, participant)
    return render_template("atelier/report.html", atelier=atelier, number=number, participant=participant,
                           document=document)


def _report_docx(atelier: Atelier, participant: AtelierParticipant | None):
    number, document = _report(atelier, participant)
    data = render_docx(document)
    who = participant.organisation.name if participant else "atelier"
    name = _file_name("rondeverslag", f"ronde-{number}", who)
    with unit_of_work():
        dashboards.record_report_download(atelier, participant, number, name, by=current_user)
    return Response(data, mimetype=DOCX_MIME, headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/ateliers/<int:atelier_id>/verslag")
@login_required
def report(atelier_id: int):
    """The round report for the whole atelier, as a page to print."""
    return _report_page(_atelier(atelier_id, Action.FACILITATE), None)


@bp.route("/ateliers/<int:atelier_id>/verslag.docx")
@login_required
def report_docx(atelier_id: int):
    """The round report for the whole atelier, as a Word document."""
    return _report_docx(_atelier(atelier_id, Action.FACILITATE), None)


@bp.route("/ateliers/<int:atelier_id>/deelnemers/<int:participant_id>/verslag")
@login_required
def participant_report(atelier_id: int, participant_id: int):
    """The round report of one organisation, as a page to print."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    return _report_page(atelier, _participant(atelier, participant_id))


@bp.route("/ateliers/<int:atelier_id>/deelnemers/<int:participant_id>/verslag.docx")
@login_required
def participant_report_docx(atelier_id: int, participant_id: int):
    """The round report of one organisation, as a Word document."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    return _report_docx(atelier, _participant(atelier, participant_id))
