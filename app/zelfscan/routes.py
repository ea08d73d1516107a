"""The zelfscan of an organisation (per year, with a trend) and the benchmark across organisations."""
from __future__ import annotations

import re
from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.extensions import db
from app.models import ParticipationPlan
from app.security import organisation_for
from app.services.zelfscan import benchmark, zelfscan
from app.services.questions.answers import display_value
from app.services.core.access import Action, can
from app.services.zelfscan.documents import build_report
from app.services.documents.docx_writer import render_docx
from app.services.core.transaction import SaveFailed, unit_of_work
from app.zelfscan import bp
from app.zelfscan.forms import ParticipationForm, zelfscan_form

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def this_year() -> int:
    """The current year; tests replace it to fix 'now'."""
    return date.today().year


def _year_or_404(year: int) -> int:
    if not zelfscan.FIRST_YEAR <= year <= zelfscan.LAST_YEAR:
        abort(404)
    return year


@bp.route("/organisaties/<int:organisation_id>/zelfscan")
@login_required
def overview(organisation_id: int):
    """The scores per theme of every year, the trend, and the success factors that score lowest."""
    organisation, _role = organisation_for(organisation_id, Action.VIEW)
    scan_content = content.zelfscan()
    scans = zelfscan.scans_of(organisation)
    latest = scans[-1] if scans else None
    latest_means = zelfscan.theme_means(scan_content, zelfscan.scores_of(latest))
    done = {s.year for s in scans}
    return render_template("zelfscan/overview.html", organisation=organisation, scans=scans, latest=latest,
                           trend=zelfscan.trend(scan_content, scans), one_decimal=zelfscan.one_decimal,
                           lowest=zelfscan.lowest_success_factors(scan_content, latest_means),
                           latest_means=latest_means, can_edit=can(current_user, Action.EDIT, organisation),
                           can_download=can(current_user, Action.DOWNLOAD, organisation),
                           new_years=[y for y in (this_year(), this_year() - 1) if y not in done],
                           earlier=zelfscan.earlier_step_scores(organisation),
                           earlier_question=content.handreiking().step(zelfscan.STEP).question("zelfscan"),
                           display_value=display_value)


@bp.route("/organisaties/<int:organisation_id>/zelfscan.csv")
@login_required
def export(organisation_id: int):
    """Every scan of the organisation as CSV: a score and a note per statement and year."""
    organisation, _role = organisation_for(organisation_id, Action.DOWNLOAD)
    scans = zelfscan.scans_of(organisation)
    with unit_of_work():
        zelfscan.record_export(organisation, scans, by=current_user)
    body = "\ufeff" + zelfscan.scans_csv(content.zelfscan(), scans)  # the BOM makes Excel read the accents right
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=zelfscan-{organisation.id}.csv"})


@bp.route("/organisaties/<int:organisation_id>/zelfscan/<int:year>", methods=["GET", "POST"])
@login_required
def edit(organisation_id: int, year: int):
    """Fill in or change the zelfscan of one year."""
    organisation, _role = organisation_for(organisation_id, Action.EDIT)
    _year_or_404(year)
    scan_content = content.zelfscan()
    scan = zelfscan.scan_of(organisation, year)
    plan = _plan_of(organisation)
    data = {}
    for answer in scan.answers if scan else []:
        data[f"score_{answer.statement_key}"] = str(answer.score)
        data[f"note_{answer.statement_key}"] = answer.note
    form = zelfscan_form(scan_content, data=data) if request.method == "GET" else zelfscan_form(scan_content)
    status = 200
    if form.validate_on_submit():
        try:
            with unit_of_work():
                zelfscan.save_scan(organisation, year, form.answers(scan_content), scan_content, by=current_user)
        except SaveFailed:  # a colleague saved the same year at the same moment
            flash(_("De zelfscan is niet opgeslagen: een collega sloeg hem tegelijk op. Uw antwoorden staan hieronder; "
                    "sla ze opnieuw op."), "error")
            status = 409
        else:
            flash(_("De zelfscan %(year)s is opgeslagen.", year=year), "ok")
            if plan is not None:  # filled in from step 2 of a plan: back there, where it now shows
                return redirect(url_for("wizard.step", plan_id=plan.id, number=zelfscan.STEP))
            return redirect(url_for("zelfscan.overview", organisation_id=organisation.id))
    return render_template("zelfscan/edit.html", organisation=organisation, year=year, form=form,
                           themes=scan_content.themes, is_new=scan is None, plan=plan), 400 if form.errors else status


def _plan_of(organisation):
    """The plan whose step 2 the user came from (?plan=…): only a plan of this organisation, else none."""
    raw = request.args.get("plan", "")
    plan = db.session.get(ParticipationPlan, int(raw)) if re.fullmatch(r"[0-9]{1,9}", raw) else None
    return plan if plan is not None and plan.organisation_id == organisation.id else None


def _comparison_year(organisation) -> int:
    years = benchmark.years_with_scans(organisation)
    requested = request.args.get("jaar", "")
    if requested.isdigit() and int(requested) in years:
        return int(requested)
    return years[0] if years else this_year()


@bp.route("/organisaties/<int:organisation_id>/benchmark")
@login_required
def benchmark_page(organisation_id: int):
    """What the benchmark shares, the choice to take part, and the comparison with the group."""
    organisation, _role = organisation_for(organisation_id, Action.VIEW)
    return _render_benchmark(organisation)


def _render_benchmark(organisation, form: ParticipationForm | None = None, status: int = 200):
    year = _comparison_year(organisation)
    comparison = benchmark.compare(organisation, year, content.zelfscan())
    form = form or ParticipationForm(data={"choice": "ja" if comparison.participating else "nee"})
    return render_template("zelfscan/benchmark.html", organisation=organisation, comparison=comparison, form=form,
                           themes=content.zelfscan().themes, years=benchmark.years_with_scans(organisation),
                           one_decimal=zelfscan.one_decimal, position=benchmark.position,
                           size_label=benchmark.SIZE_LABELS.get(comparison.size_class or ""),
                           minimum=benchmark.MIN_OTHERS, can_manage=can(current_user, Action.MANAGE, organisation),
                           can_download=can(current_user, Action.DOWNLOAD, organisation)), status


@bp.route("/organisaties/<int:organisation_id>/benchmark/deelname", methods=["POST"])
@login_required
def participation(organisation_id: int):
    """Opt in or out; opting out removes the organisation from every group at once."""
    organisation, _role = organisation_for(organisation_id, Action.MANAGE)
    form = ParticipationForm()
    if not form.validate_on_submit():
        return _render_benchmark(organisation, form, 400)
    try:
        with unit_of_work():
            changed = benchmark.set_participation(organisation, form.choice.data == "ja", by=current_user)
    except SaveFailed:  # another beheerder made the same choice at the same moment
        changed = False
    if changed:
        flash(_("Uw organisatie neemt nu deel aan de benchmark.") if form.choice.data == "ja"
              else _("Uw organisatie neemt niet meer deel aan de benchmark; haar scores tellen nergens meer mee."),
              "ok")
    else:
        flash(_("Er is niets veranderd: dit was al de keuze van uw organisatie."), "info")
    return redirect(url_for("zelfscan.benchmark_page", organisation_id=organisation.id))


@bp.route("/organisaties/<int:organisation_id>/benchmark/<int:year>/rapport.docx")
@login_required
def report_docx(organisation_id: int, year: int):
    """The yearly benchmark report as a Word file."""
    organisation, _role = organisation_for(organisation_id, Action.DOWNLOAD)
    _year_or_404(year)
    scan_content = content.zelfscan()
    data = render_docx(build_report(organisation, benchmark.compare(organisation, year, scan_content), scan_content))
    name = re.sub(r"[^a-z0-9]+", "-", f"benchmarkrapport-{year}-{organisation.name}".lower()).strip("-")
    with unit_of_work():
        benchmark.record_report_download(organisation, year, f"{name}.docx", by=current_user)
    return Response(data, mimetype=DOCX, headers={"Content-Disposition": f"attachment; filename={name}.docx"})
