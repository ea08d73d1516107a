"""The casusbibliotheek: publishing a finished project as a case, taking it back, the library and a case's page.

Publishing is for who may edit the project (the one access rule); reading published cases is for every logged-in
user. An unpublished case does not exist for anyone outside its editing page."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.cases import bp
from app.cases.forms import CaseForm, SearchForm, UnpublishForm, page_number
from app.models.project import Project
from app.plans.forms import BODY_TYPE_CHOICES
from app.security import load_or_404
from app.services.cases import cases
from app.services.core.access import Action
from app.services.core.transaction import unit_of_work


#: the query parameters of the search form, kept in the links to other pages of the result
SEARCH_KEYS = ("q", "domein", "organisatie", "succesfactor")


def _labels() -> dict:
    lists = content.projects()
    return {"domains": {o.value: o.label for o in lists.domains}, "body_types": dict(BODY_TYPE_CHOICES),
            "factors": {t.key: t.title for t in content.zelfscan().success_factors}}


@bp.route("/trajecten/<int:project_id>/casus", methods=["GET", "POST"])
@login_required
def edit(project_id: int):
    """Write the case of a finished project and publish it, or change the published case."""
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    existing = cases.case_of(project)
    themes = content.zelfscan().success_factors
    if request.method == "GET":
        form = CaseForm(data=cases.draft_of(project, existing)).with_factors(themes)
    else:
        form = CaseForm().with_factors(themes)
    status = 200
    if not cases.is_finished(project):
        if request.method == "POST":
            flash(_("Dit traject is nog niet afgerond. Alleen een traject in de fase Evaluatie of Afgerond kan als "
                    "casus worden gepubliceerd; er is niets gepubliceerd."), "error")
            status = 409
    elif form.validate_on_submit():
        with unit_of_work():
            cases.publish(project, form.texts(), form.factors.data or [], {t.key for t in themes}, current_user)
        flash(_("De casus is gewijzigd.") if existing and existing.published
              else _("De casus staat in de casusbibliotheek."), "ok")
        return redirect(url_for("cases.edit", project_id=project.id))
    elif request.method == "POST":
        status = 400
    return render_template("cases/edit.html", project=project, form=form, case=existing,
                           unpublish_form=UnpublishForm(formdata=None), labels=_labels(),
                           finished=cases.is_finished(project)), status


@bp.route("/trajecten/<int:project_id>/casus/intrekken", methods=["POST"])
@login_required
def unpublish(project_id: int):
    """Take the case out of the library at once."""
    project = load_or_404(Project, project_id, Action.EDIT, current_user)
    if not UnpublishForm().validate_on_submit():
        abort(400)
    with unit_of_work():
        done = cases.unpublish(project, current_user)
    flash(_("De casus is uit de casusbibliotheek gehaald.") if done else _("De casus was niet gepubliceerd."), "ok")
    return redirect(url_for("cases.edit", project_id=project.id))


@bp.route("/casussen")
@login_required
def index():
    """The library: search by words, filter by domain, body type and success factor; 20 cases a page, newest first."""
    labels = _labels()
    form = SearchForm(request.args).fill_choices(content.projects().domains, BODY_TYPE_CHOICES,
                                                 content.zelfscan().success_factors)
    # the search words and filters as the user chose them, for the links to other pages
    chosen = {k: v for k in SEARCH_KEYS if (v := request.args.get(k, "").strip())}
    number = page_number(request.args.get("pagina"))
    if request.args and not form.validate():
        return render_template("cases/index.html", form=form, result=None, labels=labels, chosen=chosen), 400
    if number is None:
        return render_template("cases/index.html", form=form, result=None, labels=labels, chosen=chosen,
                               bad_page=True), 400
    result = cases.search((form.q.data or "").strip(), form.domein.data or "", form.organisatie.data or "",
                          form.succesfactor.data or "", page=number)
    return render_template("cases/index.html", form=form, result=result, labels=labels, chosen=chosen,
                           searched=bool(chosen),
                           case_url=url_for("cases.show", case_id=0).removesuffix("0")), 200 if result.exists else 404


@bp.route("/casussen/<int:case_id>")
@login_required
def show(case_id: int):
    row = cases.published_case(case_id)
    if row is None:
        abort(404)
    return render_template("cases/show.html", row=row, labels=_labels())
