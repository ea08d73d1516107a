"""The participant survey: the public page /enquete/<token> (no login, anonymous) and the team's page of a project
(open and close, own questions, QR code, results from five responses on, CSV export)."""
from __future__ import annotations

import hashlib
import hmac

import segno
from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_limiter.util import get_remote_address

from app import content
from app.extensions import db, limiter
from app.models import Project
from app.security import require_access
from app.services import audit, surveys
from app.services.access import Action, can
from app.services.audit import AuditAction
from app.services.transaction import unit_of_work
from app.surveys import bp
from app.surveys.forms import ConfirmForm, QuestionForm, RemoveQuestionForm, answer_form

ANSWERED_DAYS = 365


def _project(project_id: int, action: Action) -> Project:
    project = db.session.get(Project, project_id)
    require_access(action, project)
    return project


def _hashed_address() -> str:
    """The rate limit counts per IP address, but keeps only a keyed hash of it."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return "survey:" + hmac.new(secret, get_remote_address().encode(), hashlib.sha256).hexdigest()


def _cookie(survey) -> str:
    return f"enquete_{survey.id}"


# --- the public survey ------------------------------------------------------------------------------------------

@bp.route("/enquete/<survey_token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SURVEY_RATE_LIMIT"], methods=["POST"], key_func=_hashed_address)
def answer(survey_token: str):
    """The survey for participants: anonymous, every question may be skipped, one response per browser."""
    survey = surveys.by_token(survey_token)
    if survey is None:
        return render_template("surveys/gone.html", title=_("Deze vragenlijst bestaat niet"),
                               message=_("Controleer de link. Misschien is er een teken weggevallen.")), 404
    project = survey.project
    if not survey.is_open:
        return render_template("surveys/gone.html", project=project, title=_("Deze vragenlijst is gesloten"),
                               message=_("U kunt de vragen niet meer beantwoorden. Bedankt voor uw interesse.")), 410
    if request.cookies.get(_cookie(survey)):
        return render_template("surveys/thanks.html", project=project, already=True)
    survey_content = content.surveys()
    questions = surveys.questions_of(survey, survey_content)
    form = answer_form(questions)
    if form.validate_on_submit() and not _left_empty(form, questions):
        if not form.filled_honeypot():   # a bot gets the same thanks, and nothing is stored
            try:
                with unit_of_work():
                    surveys.submit(survey, form.answers(questions), survey_content)
            except surveys.AnswersRefused as refused:   # next to each refused answer; what was typed stays
                for key, message in refused.errors.items():
                    form[f"q_{key}"].errors = [message]
                return render_template("surveys/answer.html", project=project, form=form, questions=questions), 400
        response = Response(render_template("surveys/thanks.html", project=project, already=False))
        response.set_cookie(_cookie(survey), "1", max_age=ANSWERED_DAYS * 86400, httponly=True, samesite="Lax",
                            secure=request.is_secure, path=url_for("surveys.answer", survey_token=survey.token))
        return response
    return render_template("surveys/answer.html", project=project, form=form, questions=questions)


def _left_empty(form, questions) -> bool:
    """A response without a single answer is not counted; the visitor reads why, next to the first question."""
    if form.filled_honeypot() or any(value.strip() for value in form.answers(questions).values()):
        return False
    form[f"q_{questions[0].key}"].errors = [_("Beantwoord ten minste één vraag. U mag andere vragen overslaan.")]
    return True


# --- the team's page ----------------------------------------------------------------------------------------

def _manage(project: Project, question_form: QuestionForm | None = None, status: int = 200):
    survey = surveys.survey_of(project)
    link = url_for("surveys.answer", survey_token=survey.token, _external=True) if survey else None
    qr = segno.make(link, error="m").svg_data_uri(scale=4, border=2) if link else None
    survey_content = content.surveys()
    return render_template(
        "surveys/manage.html", project=project, survey=survey, link=link, qr=qr,
        results=surveys.results_for(project, survey_content),
        questions=surveys.questions_of(survey, survey_content) if survey else [],
        can_edit=can(current_user, Action.EDIT, project), can_download=can(current_user, Action.DOWNLOAD, project),
        confirm_form=ConfirmForm(formdata=None), remove_form=RemoveQuestionForm(formdata=None),
        question_form=question_form or QuestionForm(formdata=None), max_own=surveys.MAX_OWN), status


@bp.route("/trajecten/<int:project_id>/vragenlijst")
@login_required
def manage(project_id: int):
    """The survey of a project: its link and QR code, its questions, and the results from five responses on."""
    return _manage(_project(project_id, Action.VIEW))


@bp.route("/trajecten/<int:project_id>/vragenlijst/openen", methods=["POST"])
@login_required
def open_survey(project_id: int):
    project = _project(project_id, Action.EDIT)
    if ConfirmForm().validate_on_submit():
        with unit_of_work():
            surveys.open_survey(project, current_user)
        flash(_("De vragenlijst is open. Deel de link of de QR-code met de deelnemers."), "ok")
    return redirect(url_for("surveys.manage", project_id=project.id))


@bp.route("/trajecten/<int:project_id>/vragenlijst/sluiten", methods=["POST"])
@login_required
def close_survey(project_id: int):
    project = _project(project_id, Action.EDIT)
    survey = surveys.survey_of(project)
    if ConfirmForm().validate_on_submit() and survey and survey.is_open:
        with unit_of_work():
            surveys.close_survey(survey, current_user)
        flash(_("De vragenlijst is gesloten. Wie de link opent, leest dat er geen antwoorden meer mogelijk zijn."),
              "ok")
    return redirect(url_for("surveys.manage", project_id=project.id))


@bp.route("/trajecten/<int:project_id>/vragenlijst/vragen", methods=["POST"])
@login_required
def add_question(project_id: int):
    project = _project(project_id, Action.EDIT)
    survey = surveys.survey_of(project)
    form = QuestionForm()
    if survey is None:
        flash(_("Open eerst de vragenlijst; daarna kunt u eigen vragen toevoegen."), "error")
        return redirect(url_for("surveys.manage", project_id=project.id))
    if form.validate_on_submit():
        try:
            with unit_of_work():
                surveys.add_question(survey, form.label.data, form.kind.data, current_user)
        except surveys.SurveyError as exc:
            form.label.errors = [*form.label.errors, str(exc)]
        else:
            flash(_("De vraag is toegevoegd."), "ok")
            return redirect(url_for("surveys.manage", project_id=project.id))
    return _manage(project, form, 400)


@bp.route("/trajecten/<int:project_id>/vragenlijst/vragen/verwijderen", methods=["POST"])
@login_required
def remove_question(project_id: int):
    project = _project(project_id, Action.EDIT)
    survey = surveys.survey_of(project)
    form = RemoveQuestionForm()
    if form.validate_on_submit() and survey:
        with unit_of_work():
            removed = surveys.remove_question(survey, form.key.data or "", current_user)
        if removed:
            flash(_("De vraag is verwijderd."), "ok")
    return redirect(url_for("surveys.manage", project_id=project.id))


@bp.route("/trajecten/<int:project_id>/vragenlijst/resultaten.csv")
@login_required
def export(project_id: int):
    """The results as CSV; below five responses there is nothing to download."""
    project = _project(project_id, Action.DOWNLOAD)
    results = surveys.results_for(project, content.surveys())
    if not results.enough:
        return render_template("surveys/gone.html", project=project, title=_("Nog te weinig reacties"),
                               message=_("Er zijn %(count)s van minimaal %(min)s reacties. Zo lang er minder dan "
                                         "%(min)s zijn, is er niets te downloaden: met zo weinig antwoorden is te "
                                         "raden wie wat heeft geantwoord.", count=results.count,
                                         min=results.minimum)), 409
    with unit_of_work():
        audit.record(AuditAction.SURVEY_EXPORTED, actor=current_user, municipality_id=project.municipality_id,
                     target=f"project:{project.id}", responses=results.count)
    body = "\ufeff" + surveys.results_csv(results)   # the BOM makes Excel read the accents right
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=vragenlijst-traject-{project.id}.csv"})
