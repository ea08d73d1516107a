"""The surveys of a project: the public page /enquete/<token> (no login, anonymous; a resident's page) and the
team's page of a project (participants or, with ?voor=medewerkers, staff: open and close, own questions, event mode,
access codes, QR code, results from five responses on, side by side, CSV export)."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import segno
from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user, login_required
from flask_limiter.util import get_remote_address

from app import content
from app.models import Project
from app.security import load_or_404
from app.services.surveys import surveys
from app.services.core.access import PUBLIC, Action, can
from app.services.core.transaction import unit_of_work
from app.surveys import bp
from app.surveys.forms import (CodesForm, ConfirmForm, QuestionForm, RemoveQuestionForm, SettingsForm,
                               answer_form)

ANSWERED_DAYS = 365


def _audience() -> str:
    """?voor=medewerkers (or the form's hidden field) is the staff survey; anything else the participants'."""
    return surveys.STAFF if request.values.get("voor") == surveys.STAFF or \
        request.form.get("audience") == surveys.STAFF else surveys.PARTICIPANTS


def _manage_url(project: Project, audience: str) -> str:
    return url_for("surveys.manage", project_id=project.id, voor=surveys.STAFF if audience == surveys.STAFF else None)


@lru_cache(maxsize=256)
def _qr_code(link: str) -> str:
    """The QR code of a survey's link (its link never changes): made once, not on every visit of the team's page."""
    return segno.make(link, error="m").svg_data_uri(scale=4, border=2)


def _cookie(survey) -> str:
    return f"enquete_{survey.id}"


def _source(survey, today: date) -> str:
    return surveys.source_of(str(current_app.config["SECRET_KEY"]).encode(), survey, today, get_remote_address())


# --- the public survey ------------------------------------------------------------------------------------------

@bp.route("/enquete/<survey_token>", methods=["GET", "POST"])
def answer(survey_token: str):
    """The survey for participants or staff: anonymous, every question may be skipped, one response per browser
    (in event mode: one after the other on one device)."""
    survey = surveys.by_token(survey_token)
    if survey is None:
        return render_template("surveys/gone.html", title=_("Deze vragenlijst bestaat niet"),
                               message=_("Controleer de link. Misschien is er een teken weggevallen.")), 404
    project = survey.project
    if not survey.is_open:
        return render_template("surveys/gone.html", project=project, title=_("Deze vragenlijst is gesloten"),
                               message=_("U kunt de vragen niet meer beantwoorden. Bedankt voor uw interesse.")), 410
    if not survey.event_mode and request.cookies.get(_cookie(survey)):
        return render_template("surveys/thanks.html", project=project, survey=survey, already=True)
    survey_content = content.surveys()
    questions = surveys.questions_of(survey, survey_content)
    form = answer_form(questions)
    page = {"project": project, "survey": survey, "form": form, "questions": questions}
    if form.validate_on_submit() and not _left_empty(form, questions):
        if not form.filled_honeypot():   # a bot gets the same thanks, and nothing is stored
            today = date.today()
            limit = current_app.config["SURVEY_EVENT_ADDRESS_LIMIT" if survey.event_mode else "SURVEY_ADDRESS_LIMIT"]
            try:
                with unit_of_work():
                    surveys.submit(survey, form.answers(questions), survey_content, today,
                                   source=_source(survey, today), limit=int(limit), code=form.code.data, by=PUBLIC)
            except surveys.AnswersRefused as refused:   # next to each refused answer; what was typed stays
                for key, message in refused.errors.items():
                    form["code" if key == "code" else f"q_{key}"].errors = [message]
                return render_template("surveys/answer.html", **page), 400 if "code" not in refused.errors else 200
            except surveys.TooManyAnswers:
                return render_template("surveys/gone.html", project=project, survey=survey,
                                       title=_("Vandaag al vaak ingevuld vanaf dit adres"),
                                       message=_("Vanaf dit internetadres is de vragenlijst vandaag al vaak "
                                                 "ingevuld. Probeer het morgen nog eens, of vraag de organisatie "
                                                 "om een toegangscode.")), 429
        response = Response(render_template("surveys/thanks.html", project=project, survey=survey, already=False))
        if not survey.event_mode:
            response.set_cookie(_cookie(survey), "1", max_age=ANSWERED_DAYS * 86400, httponly=True, samesite="Lax",
                                secure=request.is_secure, path=url_for("surveys.answer", survey_token=survey.token))
        return response
    return render_template("surveys/answer.html", **page)


def _left_empty(form, questions) -> bool:
    """A response without a single answer is not counted; the visitor reads why, next to the first question."""
    if form.filled_honeypot() or any(value.strip() for value in form.answers(questions).values()):
        return False
    form[f"q_{questions[0].key}"].errors = [_("Beantwoord ten minste één vraag. U mag andere vragen overslaan.")]
    return True


# --- the team's page ----------------------------------------------------------------------------------------

def _manage(project: Project, audience: str, status: int = 200, **forms):
    survey = surveys.survey_of(project, audience)
    link = url_for("surveys.answer", survey_token=survey.token, _external=True) if survey else None
    qr = _qr_code(link) if link else None
    survey_content = content.surveys()
    results = surveys.results_for(project, survey_content, audience)
    other = surveys.results_for(project, survey_content, surveys.STAFF if audience == surveys.PARTICIPANTS
                                else surveys.PARTICIPANTS)
    by_audience = {audience: results, other.audience: other}
    has_staff = surveys.survey_of(project, surveys.STAFF) is not None
    settings = SettingsForm(formdata=None, event_mode=survey.event_mode, with_codes=survey.with_codes) if survey \
        else None
    return render_template(
        "surveys/manage.html", project=project, survey=survey, audience=audience, link=link, qr=qr,
        results=results, participants=by_audience[surveys.PARTICIPANTS], staff=by_audience[surveys.STAFF],
        comparison=surveys.compare(survey_content, by_audience[surveys.PARTICIPANTS], by_audience[surveys.STAFF])
        if has_staff else [],
        questions=surveys.questions_of(survey, survey_content) if survey else [],
        codes=surveys.codes_of(survey) if survey and survey.with_codes else [],
        can_edit=can(current_user, Action.EDIT, project), can_download=can(current_user, Action.DOWNLOAD, project),
        confirm_form=ConfirmForm(formdata=None), remove_form=RemoveQuestionForm(formdata=None),
        question_form=forms.get("question_form") or QuestionForm(formdata=None),
        settings_form=forms.get("settings_form") or settings,
        codes_form=forms.get("codes_form") or CodesForm(formdata=None), max_own=surveys.MAX_OWN,
        burst=surveys.BURST, open_shown=surveys.OPEN_SHOWN), status


@bp.route("/trajecten/<int:project_id>/vragenlijst")
@login_required
def manage(project_id: int):
    """A survey of a project: its link and QR code, its questions, and the results from five responses on."""
    return _manage(load_or_404(Project, project_id, Action.VIEW, current_user), _audience())


@bp.route("/trajecten/<int:project_id>/vragenlijst/openen", methods=["POST"])
@login_required
def open_survey(project_id: int):
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    audience = _audience()
    if ConfirmForm().validate_on_submit():
        with unit_of_work():
            surveys.open_survey(project, audience, by=current_user)
        flash(_("De vragenlijst is open. Deel de link of de QR-code."), "ok")
    return redirect(_manage_url(project, audience))


@bp.route("/trajecten/<int:project_id>/vragenlijst/sluiten", methods=["POST"])
@login_required
def close_survey(project_id: int):
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    audience = _audience()
    survey = surveys.survey_of(project, audience)
    if ConfirmForm().validate_on_submit() and survey and survey.is_open:
        with unit_of_work():
            surveys.close_survey(survey, by=current_user)
        flash(_("De vragenlijst is gesloten. Wie de link opent, leest dat er geen antwoorden meer mogelijk zijn."),
              "ok")
    return redirect(_manage_url(project, audience))


@bp.route("/trajecten/<int:project_id>/vragenlijst/vragen", methods=["POST"])
@login_required
def add_question(project_id: int):
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    audience = _audience()
    survey = surveys.survey_of(project, audience)
    form = QuestionForm()
    if survey is None:
        flash(_("Open eerst de vragenlijst; daarna kunt u eigen vragen toevoegen."), "error")
        return redirect(_manage_url(project, audience))
    if form.validate_on_submit():
        try:
            with unit_of_work():
                surveys.add_question(survey, form.label.data, form.kind.data, by=current_user,
                                     options=form.options.data or "", labels=form.labels.data or "",
                                     minimum=form.minimum.data or "", maximum=form.maximum.data or "")
        except surveys.SurveyError as exc:   # next to the field it is about; what was typed stays
            form[exc.field].errors = [*form[exc.field].errors, str(exc)]
        else:
            flash(_("De vraag is toegevoegd."), "ok")
            return redirect(_manage_url(project, audience))
    return _manage(project, audience, 400, question_form=form)


@bp.route("/trajecten/<int:project_id>/vragenlijst/vragen/verwijderen", methods=["POST"])
@login_required
def remove_question(project_id: int):
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    audience = _audience()
    survey = surveys.survey_of(project, audience)
    form = RemoveQuestionForm()
    if form.validate_on_submit() and survey:
        with unit_of_work():
            removed = surveys.remove_question(survey, form.key.data or "", by=current_user)
        if removed:
            flash(_("De vraag is verwijderd."), "ok")
    return redirect(_manage_url(project, audience))


@bp.route("/trajecten/<int:project_id>/vragenlijst/instellingen", methods=["POST"])
@login_required
def settings(project_id: int):
    """Event mode (one device, many answers) and one-time access codes."""
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    audience = _audience()
    survey = surveys.survey_of(project, audience)
    form = SettingsForm()
    if form.validate_on_submit() and survey:
        with unit_of_work():
            surveys.set_options(survey, event_mode=bool(form.event_mode.data),
                                with_codes=bool(form.with_codes.data), by=current_user)
        flash(_("De instellingen zijn opgeslagen."), "ok")
    return redirect(_manage_url(project, audience))


@bp.route("/trajecten/<int:project_id>/vragenlijst/codes", methods=["POST"])
@login_required
def make_codes(project_id: int):
    """N new one-time access codes, to print or hand out."""
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    audience = _audience()
    survey = surveys.survey_of(project, audience)
    form = CodesForm()
    if survey is None:
        return redirect(_manage_url(project, audience))
    if form.validate_on_submit():
        try:
            number = int((form.number.data or "").strip())
        except ValueError:
            form.number.errors = [_("Vul een heel getal in, bijvoorbeeld 30.")]
        else:
            try:
                with unit_of_work():
                    surveys.make_codes(survey, number, by=current_user)
            except surveys.SurveyError as exc:
                form.number.errors = [str(exc)]
            else:
                flash(ngettext("Er is %(num)s code gemaakt. Download de lijst om te printen.",
                               "Er zijn %(num)s codes gemaakt. Download de lijst om te printen.", number), "ok")
                return redirect(_manage_url(project, audience) + "#codes")
    return _manage(project, audience, 400, codes_form=form)


@bp.route("/trajecten/<int:project_id>/vragenlijst/codes.csv")
@login_required
def codes(project_id: int):
    """The access codes as CSV (one a line, used or not), to print or mail merge."""
    project = load_or_404(Project, project_id, Action.DOWNLOAD, current_user)
    audience = _audience()
    survey = surveys.survey_of(project, audience)
    rows = [f"{_('Toegangscode')};{_('Gebruikt')}"] + [f"{code};{_('ja') if used else _('nee')}"
                                                     for code, used in surveys.codes_of(survey)]
    return Response("\ufeff" + "\r\n".join(rows) + "\r\n", mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=toegangscodes-{audience}-traject-{project.id}.csv"})


@bp.route("/trajecten/<int:project_id>/vragenlijst/codes/printen")
@login_required
def print_codes(project_id: int):
    """The unused access codes as slips to print and cut: the link, its QR code and one code on each."""
    project = load_or_404(Project, project_id, Action.DOWNLOAD, current_user)
    audience = _audience()
    survey = surveys.survey_of(project, audience)
    link = url_for("surveys.answer", survey_token=survey.token, _external=True) if survey else None
    return render_template("surveys/codes_print.html", project=project, audience=audience, link=link,
                           qr=_qr_code(link) if link else None,
                           codes=[code for code, used in surveys.codes_of(survey) if not used])


@bp.route("/trajecten/<int:project_id>/vragenlijst/resultaten.csv")
@login_required
def export(project_id: int):
    """The results as CSV; below five responses there is nothing to download."""
    project = load_or_404(Project, project_id, Action.DOWNLOAD, current_user)
    audience = _audience()
    results = surveys.results_for(project, content.surveys(), audience)
    if not results.enough:
        return render_template("surveys/gone.html", project=project, title=_("Nog te weinig reacties"),
                               message=_("Er zijn %(count)s van minimaal %(min)s reacties. Zo lang er minder dan "
                                         "%(min)s zijn, is er niets te downloaden: met zo weinig antwoorden is te "
                                         "raden wie wat heeft geantwoord.", count=results.count,
                                         min=results.minimum)), 409
    with unit_of_work():
        surveys.record_export(project, results, audience, by=current_user)
    body = "\ufeff" + surveys.results_csv(results)   # the BOM makes Excel read the accents right
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename={_file_name(audience)}-traject-{project.id}.csv"})


def _file_name(audience: str) -> str:
    return "vragenlijst-medewerkers" if audience == surveys.STAFF else "vragenlijst"
