import json

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.plans.forms import NEW
from app.reader import bp
from app.ordinance.routes import DOCX_MIME
from app.reader.forms import ReadOrdinanceForm, StartPlanForm
from app.services import reader
from app.services.core import access
from app.services.plans import plans
from app.services.core.access import Action
from app.services.questions.answers import display_value
from app.services.documents.docx_writer import render_docx
from app.services.reader import prefill, source
from app.services.reader.documents import report_document
from app.services.core.transaction import unit_of_work


@bp.url_value_preprocessor
def _allow_upload(endpoint, _values):
    # Runs before the CSRF check reads the form: the upload page takes a larger body than the rest of the app, so a
    # file just over the limit gets a message next to the field instead of the 413 page.
    if endpoint == "reader.upload":
        request.max_content_length = 2 * source.MAX_UPLOAD_BYTES
        request.max_form_memory_size = 4 * source.MAX_TEXT_CHARS


def _start_form(body_type: str | None = None) -> StartPlanForm:
    """The start form: blank under the report (body_type given), or as the user posted it."""
    form = StartPlanForm() if body_type is None else StartPlanForm(formdata=None)
    editable = access.organisations_where(current_user, Action.EDIT)
    form.workspace.choices = [(str(m.id), m.display_name) for m in editable] + [(NEW, _("Een nieuwe organisatie"))]
    if body_type is not None:
        form.workspace.data = str(editable[0].id) if editable else NEW
        form.body_type.data = body_type
    return form


def _proposals(answers: dict) -> list[tuple[str, str, str]]:
    """(step title, question, answer) for the answers the plan will start with."""
    rows = []
    for number in sorted(answers, key=int):
        step = content.handreiking().step(int(number))
        for key, value in answers[number].items():
            q = step.question(key)
            rows.append((step.title, q.label, display_value(q, value)))
    return rows


@bp.route("/verordening-inlezen", methods=["GET", "POST"])
@login_required
def upload():
    """Read an existing ordinance (DOCX or pasted text) and show what it says, lacks and what looks outdated."""
    form = ReadOrdinanceForm()
    if form.validate_on_submit():
        try:
            if form.file.data and form.file.data.filename:
                lines = source.lines_of_docx(form.file.data.read(source.MAX_UPLOAD_BYTES + 1))
            else:
                lines = source.lines_of_text(form.text.data)
            report = reader.read(lines, form.body_type.data, content.reader_rules(), content.handreiking())
        except source.DocumentRefused as exc:
            field = form.file if form.file.data and form.file.data.filename else form.text
            field.errors = list(field.errors) + [_("De verordening is niet gelezen: %(problem)s", problem=exc)]
        else:
            if request.form.get("uitvoer") == "docx":  # the same overview as a Word document; still nothing stored
                data = render_docx(report_document(report))
                return Response(data, mimetype=DOCX_MIME,
                                headers={"Content-Disposition": "attachment; filename=overzicht-verordening.docx"})
            start = _start_form(form.body_type.data)
            start.answers.data = json.dumps(report.prefill, ensure_ascii=False)
            return render_template("reader/report.html", report=report, start=start,
                                   proposals=_proposals(report.prefill), display_value=display_value)
    return render_template("reader/upload.html", form=form), 422 if form.errors else 200


@bp.route("/verordening-inlezen/plan", methods=["POST"])
@login_required
def start():
    """Start a plan with the answers the ordinance supports; each is marked for confirmation on its step."""
    form = _start_form()
    valid = form.validate_on_submit()
    answers: dict = {}
    problem = None
    try:
        answers = prefill.check_answers(json.loads(form.answers.data or "null"), content.handreiking())
    except (ValueError, RecursionError):
        problem = _("De antwoorden uit de verordening zijn niet leesbaar. Lees de verordening opnieuw in.")
    except prefill.PrefillRefused as exc:
        problem = str(exc)
    if valid and problem is None:
        editable = access.organisations_where(current_user, Action.EDIT)
        with unit_of_work():
            if form.workspace.data == NEW:
                organisation = plans.create_organisation(form.name.data.strip(), form.body_type.data,
                                                         form.inhabitants.data, current_user)
            else:
                organisation = next(m for m in editable if str(m.id) == form.workspace.data)
            plan = prefill.start_plan(organisation, form.title.data.strip(), answers, by=current_user)
        flash(_("Het plan is aangemaakt met %(count)s antwoorden uit de bestaande verordening. Elk daarvan staat "
                "gemarkeerd op zijn stap: controleer het en sla de stap op.",
                count=sum(len(a) for a in answers.values())), "ok")
        return redirect(url_for("wizard.outline", plan_id=plan.id))
    return render_template("reader/start.html", start=form, answers_problem=problem,
                           proposals=_proposals(answers)), 422
