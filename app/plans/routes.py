import json

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Comment
from app.plans import bp
from app.plans.forms import NEW, CommentForm, ImportPlanForm, NewPlanForm
from app.security import plan_for
from app.services.plans import activity
from app.services.plans import comments
from app.services.organisations import housekeeping
from app.services.plans import exchange as plan_io, plans
from app.services.core.transaction import unit_of_work
from app.services.core import access
from app.services.core.access import Action
from app.services.atelier import ateliers
from app import content
from app.site import routes as site_routes


@bp.route("/")
def index():
    """The user's plans, across all their organisations; a visitor who is not logged in gets the start page."""
    if not current_user.is_authenticated:
        return site_routes.start_page()
    mine = plans.plans_for(current_user)
    if not mine and not current_user.memberships and ateliers.ateliers_of(current_user):
        # a facilitator without an organisation of their own: their work is the ateliers
        return redirect(url_for("atelier.index"))
    return render_template("plans/index.html", plans=mine, activity=activity.activity_by_plan([p.id for p in mine]),
                           farewell=housekeeping.farewell(current_user),
                           organisations=sorted((m.organisation for m in current_user.memberships),
                                             key=lambda m: m.display_name))


@bp.route("/plannen/nieuw", methods=["GET", "POST"])
@login_required
def new():
    """Start a new plan, for an existing or a new municipality."""
    form = NewPlanForm()
    editable = access.organisations_where(current_user, Action.EDIT)
    form.workspace.choices = [(str(m.id), m.display_name) for m in editable] + [(NEW, _("Een nieuwe organisatie"))]
    if request.method == "GET" and not editable:
        form.workspace.data = NEW
    if form.validate_on_submit():
        with unit_of_work():
            if form.workspace.data == NEW:
                organisation = plans.create_organisation(form.name.data.strip(), form.body_type.data,
                                                         form.inhabitants.data, current_user)
            else:
                organisation = next(m for m in editable if str(m.id) == form.workspace.data)
            plan = plans.start_plan(organisation, form.title.data.strip(), by=current_user)
        flash(_("Het plan is aangemaakt. Begin bij stap 1, of kies een andere stap."), "ok")
        return redirect(url_for("wizard.outline", plan_id=plan.id))
    return render_template("plans/new.html", form=form)


@bp.route("/plannen/importeren", methods=["GET", "POST"])
@login_required
def import_plan():
    """Read a plan file; a bad file is refused with the field it is about, and nothing is written."""
    form = ImportPlanForm()
    editable = access.organisations_where(current_user, Action.EDIT)
    form.workspace.choices = [(NEW, _("Een nieuwe organisatie, met de gegevens uit het bestand"))] + \
        [(str(m.id), m.display_name) for m in editable]
    if form.validate_on_submit():
        organisation = (None if form.workspace.data == NEW
                        else next(m for m in editable if str(m.id) == form.workspace.data))
        existing = None
        try:
            doc = plan_io.read_document(form.file.data.read())
            # "A new organisation" that the user already belongs to is that one: never a second of the same name.
            existing = housekeeping.organisation_for_import(current_user, doc) if organisation is None else None
            with unit_of_work():
                plan = plan_io.import_plan(doc, content.handreiking(), organisation or existing, by=current_user)
        except housekeeping.ImportRefused as exc:
            form.workspace.errors.append(str(exc))
        except plan_io.PlanFileError as exc:
            form.file.errors.append(_("Het bestand is niet ingelezen: %(problem)s. Er is niets opgeslagen.",
                                       problem=exc))
        else:
            if existing is not None:
                flash(_("Het plan “%(title)s” is ingelezen bij %(name)s, waarvan u al lid bent.",
                        title=plan.title, name=existing.display_name), "ok")
            else:
                flash(_("Het plan “%(title)s” is ingelezen.", title=plan.title), "ok")
            return redirect(url_for("wizard.outline", plan_id=plan.id))
    return render_template("plans/import.html", form=form), 422 if form.errors else 200


@bp.route("/plannen/<int:plan_id>/export.json")
@login_required
def export(plan_id: int):
    """Download the plan as a JSON file (docs/plan-format.md)."""
    plan, _role = plan_for(plan_id, Action.DOWNLOAD)
    body = json.dumps(plan_io.export_plan(plan), ensure_ascii=False, indent=2, sort_keys=True)
    with unit_of_work():
        plan_io.record_export(plan, f"plan-{plan.id}.json", by=current_user)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f"attachment; filename=plan-{plan.id}.json"})


@bp.route("/plannen/<int:plan_id>/opmerkingen", methods=["POST"])
@login_required
def add_comment(plan_id: int):
    """Add a comment to a step or an article."""
    plan, _role = plan_for(plan_id, Action.COMMENT)
    form = CommentForm()
    back = _comment_back(plan.id, form.target.data or "")
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.body.errors)) or _("De opmerking kon niet worden opgeslagen."), "error")
        return redirect(back)
    try:
        with unit_of_work():
            comments.add_comment(plan, form.target.data, form.body.data, by=current_user)
    except comments.CommentError as exc:
        abort(400, str(exc))
    flash(_("Uw opmerking is geplaatst."), "ok")
    return redirect(back)


@bp.route("/plannen/<int:plan_id>/opmerkingen/<int:comment_id>/<any(afhandelen,heropenen):action>",
          methods=["POST"])
@login_required
def resolve_comment(plan_id: int, comment_id: int, action: str):
    """Resolve or reopen a comment."""
    plan, _role = plan_for(plan_id, Action.COMMENT)
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.plan_id != plan.id:
        abort(404)
    with unit_of_work():
        comments.set_resolved(comment, action == "afhandelen", by=current_user)
    return redirect(_comment_back(plan.id, comment.target))


def _comment_back(plan_id: int, target: str) -> str:
    if target.startswith("step:") and target[5:].isdecimal() and content.handreiking().step(int(target[5:])):
        return url_for("wizard.step", plan_id=plan_id, number=int(target[5:])) + "#opmerkingen"
    if target.startswith("article:"):
        return url_for("ordinance.preview", plan_id=plan_id) + f"#artikel-{target[8:]}"
    return url_for("wizard.outline", plan_id=plan_id)
