"""The trajectory report of a project and the evaluation of the ordinance over an organisation's trajectories."""
from __future__ import annotations

from datetime import date

from flask import Response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app import content
from app.projects import bp
from app.projects.forms import PeriodForm
from app.projects.routes import DOCX_MIME, _file_name
from app.models.project import Project
from app.security import load_or_404, organisation_for
from app.services.core.access import Action, can
from app.services.documents.docx_writer import render_docx
from app.services.projects import documents as project_documents, evaluation, ordinance_evaluation
from app.services.core.transaction import unit_of_work


@bp.route("/trajecten/<int:project_id>/trajectrapport")
@login_required
def trajectory_report(project_id: int):
    """The two-page trajectory report: promises kept, the leader's view beside the participants', lessons."""
    project = load_or_404(Project, project_id, Action.VIEW, current_user)
    report = evaluation.trajectory_report(project, content.current())
    document = evaluation.build_trajectrapport(project, content.current(), with_chart=False)
    return render_template("projects/trajectory_report.html", project=project, report=report, document=document,
                           chart=evaluation.distribution_rows(report),
                           can_download=can(current_user, Action.DOWNLOAD, project))


@bp.route("/trajecten/<int:project_id>/trajectrapport.docx")
@login_required
def trajectory_report_docx(project_id: int):
    """The trajectory report as a Word document."""
    project = load_or_404(Project, project_id, Action.DOWNLOAD, current_user)
    data = render_docx(evaluation.build_trajectrapport(project, content.current()))
    name = _file_name("trajectrapport", project, ".docx")
    with unit_of_work():
        project_documents.record_download(project, name, by=current_user)
    return Response(data, mimetype=DOCX_MIME, headers={"Content-Disposition": f"attachment; filename={name}"})


def _period(form: PeriodForm) -> tuple[date, date]:
    start, end = ordinance_evaluation.default_period(date.today())
    if form.errors:
        return start, end
    return form.van.data or start, form.tot.data or end


@bp.route("/organisaties/<int:organisation_id>/evaluatie-verordening")
@login_required
def ordinance_evaluation_page(organisation_id: int):
    """The evaluation of the ordinance for the raad: the organisation's trajectories in a period."""
    organisation, _role = organisation_for(organisation_id, Action.VIEW)
    form = PeriodForm(formdata=request.args if request.args else None)
    if request.args:
        form.validate()
    start, end = _period(form)
    if not request.args:  # the fields show the period the page shows
        form.van.data, form.tot.data = start, end
    report = ordinance_evaluation.evaluate_ordinance(organisation, start, end, content.current())
    return render_template("projects/ordinance_evaluation.html", organisation=organisation, form=form, report=report,
                           document=ordinance_evaluation.build_document(report),
                           can_download=can(current_user, Action.DOWNLOAD, organisation)), 400 if form.errors else 200


@bp.route("/organisaties/<int:organisation_id>/evaluatie-verordening.docx")
@login_required
def ordinance_evaluation_docx(organisation_id: int):
    """The evaluation of the ordinance as a Word document, for the same period as the page."""
    organisation, _role = organisation_for(organisation_id, Action.DOWNLOAD)
    form = PeriodForm(formdata=request.args if request.args else None)
    if request.args and not form.validate():
        # the page says what is wrong with the period, next to the field
        return redirect(url_for("projects.ordinance_evaluation_page", organisation_id=organisation.id, **request.args),
                        303)
    start, end = _period(form)
    report = ordinance_evaluation.evaluate_ordinance(organisation, start, end, content.current())
    data = render_docx(ordinance_evaluation.build_document(report))
    name = f"evaluatie-verordening-{start:%Y%m%d}-{end:%Y%m%d}.docx"
    with unit_of_work():
        ordinance_evaluation.record_download(organisation, name, by=current_user)
    return Response(data, mimetype=DOCX_MIME, headers={"Content-Disposition": f"attachment; filename={name}"})
