from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Membership
from app.security import municipality_for
from app.services import workspaces
from app.services.access import ACTION_LABELS, RIGHTS, ROLE_LABELS, Action, can
from app.workspaces import bp
from app.workspaces.forms import InviteForm, RoleForm


@bp.route("/organisaties/<int:muni_id>/team")
@login_required
def team(muni_id: int):
    """The members of a workspace and their roles."""
    muni, role = municipality_for(muni_id)
    return render_template("workspaces/team.html", muni=muni, role=role, invite_form=InviteForm(),
                           role_form=RoleForm(), role_labels=ROLE_LABELS, rights=RIGHTS, action_labels=ACTION_LABELS, can_manage=can(current_user, Action.MANAGE, muni),
                           invite=None)


@bp.route("/organisaties/<int:muni_id>/uitnodigingen", methods=["POST"])
@login_required
def invite(muni_id: int):
    """Create a one-time invitation link with a role."""
    muni, role = municipality_for(muni_id, Action.MANAGE)
    form = InviteForm()
    link = None
    if form.validate_on_submit():
        created = workspaces.create_invitation(muni, form.role.data, current_user)
        link = url_for("workspaces.join", token=created.token, _external=True)
        flash(_("De uitnodigingslink is gemaakt. Stuur hem naar de nieuwe deelnemer."), "ok")
    return render_template("workspaces/team.html", muni=muni, role=role, invite_form=form, role_form=RoleForm(),
                           role_labels=ROLE_LABELS, rights=RIGHTS, action_labels=ACTION_LABELS, can_manage=True, invite=link)


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@login_required
def join(token: str):
    """Show an invitation link and accept it with a button (a GET never changes anything)."""
    if request.method == "GET":
        invitation = workspaces.find_invitation(token)
        return render_template("workspaces/join.html", invitation=invitation, role_labels=ROLE_LABELS, rights=RIGHTS, action_labels=ACTION_LABELS,
                               form=FlaskForm())
    try:
        muni = workspaces.accept_invitation(token, current_user)
    except workspaces.WorkspaceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("plans.index"))
    flash(_("U bent nu lid van %(name)s.", name=muni.display_name), "ok")
    return redirect(url_for("plans.index"))


def _membership(muni_id: int, membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.municipality_id != muni_id:
        abort(404)
    return membership


@bp.route("/organisaties/<int:muni_id>/leden/<int:membership_id>/rol", methods=["POST"])
@login_required
def change_role(muni_id: int, membership_id: int):
    """Give a member another role."""
    municipality_for(muni_id, Action.MANAGE)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            workspaces.change_role(_membership(muni_id, membership_id), form.role.data)
            flash(_("De rol is gewijzigd."), "ok")
        except workspaces.WorkspaceError as exc:
            flash(str(exc), "error")
    else:
        flash(_("Kies een geldige rol."), "error")
    return redirect(url_for("workspaces.team", muni_id=muni_id))


@bp.route("/organisaties/<int:muni_id>/leden/<int:membership_id>/verwijderen", methods=["POST"])
@login_required
def remove(muni_id: int, membership_id: int):
    """Remove a member from the workspace."""
    municipality_for(muni_id, Action.MANAGE)
    try:
        workspaces.remove_member(_membership(muni_id, membership_id))
        flash(_("Het lid is verwijderd."), "ok")
    except workspaces.WorkspaceError as exc:
        flash(str(exc), "error")
    return redirect(url_for("workspaces.team", muni_id=muni_id))
