from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Invitation, Membership
from app.security import municipality_for
from app.services.core import mail
from app.services.workspaces import workspaces
from app.services.core.links import link_state
from app.templating import local_time
from app.services.core.access import ACTION_LABELS, RIGHTS, ROLE_LABELS, Action, can
from app.services.core.transaction import SaveFailed, unit_of_work
from app.workspaces import bp
from app.workspaces.forms import InviteForm, RoleForm


def _team_page(muni, role, invite_form=None, status: int = 200):
    manage = can(current_user, Action.MANAGE, muni)
    invitations = workspaces.invitations_of(muni) if manage else []
    return render_template(
        "workspaces/team.html", muni=muni, role=role, invite_form=invite_form or InviteForm(), role_form=RoleForm(),
        role_labels=ROLE_LABELS, rights=RIGHTS, action_labels=ACTION_LABELS, can_manage=manage,
        invitations=invitations, link_state=link_state,
        invitation_link=lambda i: url_for("workspaces.join", token=i.token, _external=True)), status


@bp.route("/organisaties/<int:muni_id>/team")
@login_required
def team(muni_id: int):
    """The members of a workspace, their roles, and (for a beheerder) the invitation links."""
    muni, role = municipality_for(muni_id)
    return _team_page(muni, role)


@bp.route("/organisaties/<int:muni_id>/uitnodigingen", methods=["POST"])
@login_required
def invite(muni_id: int):
    """Create an invitation link with a role; it works once and expires."""
    muni, role = municipality_for(muni_id, Action.MANAGE)
    form = InviteForm()
    if not form.validate_on_submit():
        return _team_page(muni, role, form, 422)
    email = (form.email.data or "").strip().lower() or None
    with unit_of_work():
        invitation = workspaces.create_invitation(muni, form.role.data, current_user, sent_to=email)
    if email:
        mail.deliver(mail.compose(
            "invitation", to=email, subject=_("Uitnodiging voor het team van %(name)s", name=muni.display_name),
            by=current_user.name, workspace=muni.display_name, role=str(ROLE_LABELS[invitation.role]).lower(),
            link=url_for("workspaces.join", token=invitation.token, _external=True),
            expires=local_time(invitation.expires_at)))
        flash(_("De uitnodiging is gemaakt en per e-mail verstuurd naar %(email)s. U kunt de link hieronder ook zelf "
                "kopiëren.", email=email), "ok")
    else:
        flash(_("De uitnodigingslink is gemaakt. Kopieer hem hieronder en stuur hem naar de nieuwe deelnemer."), "ok")
    return redirect(url_for("workspaces.team", muni_id=muni.id) + "#uitnodigingen")


@bp.route("/organisaties/<int:muni_id>/uitnodigingen/<int:invitation_id>/intrekken", methods=["POST"])
@login_required
def withdraw(muni_id: int, invitation_id: int):
    """Withdraw an invitation link that was not used yet."""
    municipality_for(muni_id, Action.MANAGE)
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.municipality_id != muni_id:
        abort(404)
    try:
        with unit_of_work():
            workspaces.withdraw_invitation(invitation, current_user)
        flash(_("De uitnodiging is ingetrokken; de link werkt niet meer."), "ok")
    except workspaces.WorkspaceError as exc:
        flash(str(exc), "error")
    return redirect(url_for("workspaces.team", muni_id=muni_id) + "#uitnodigingen")


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@login_required
def join(token: str):
    """Show an invitation link and accept it with a button (a GET never changes anything)."""
    if request.method == "GET":
        invitation = workspaces.find_invitation(token)
        return render_template("workspaces/join.html", invitation=invitation, role_labels=ROLE_LABELS,
                               form=FlaskForm())
    try:
        with unit_of_work():
            muni = workspaces.accept_invitation(token, by=current_user)
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


def _change_membership(muni_id: int, change, done: str):
    try:
        with unit_of_work():
            change()
        flash(done, "ok")
    except workspaces.WorkspaceError as exc:
        flash(str(exc), "error")
    except SaveFailed:
        flash(_("Door een storing is er niets gewijzigd. Probeer het opnieuw."), "error")
    return redirect(url_for("workspaces.team", muni_id=muni_id))


@bp.route("/organisaties/<int:muni_id>/leden/<int:membership_id>/rol", methods=["POST"])
@login_required
def change_role(muni_id: int, membership_id: int):
    """Give a member another role; the last beheerder cannot be demoted."""
    municipality_for(muni_id, Action.MANAGE)
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Kies een geldige rol."), "error")
        return redirect(url_for("workspaces.team", muni_id=muni_id))
    membership = _membership(muni_id, membership_id)
    return _change_membership(muni_id, lambda: workspaces.change_role(membership, form.role.data, current_user),
                              _("De rol is gewijzigd."))


@bp.route("/organisaties/<int:muni_id>/leden/<int:membership_id>/verwijderen", methods=["POST"])
@login_required
def remove(muni_id: int, membership_id: int):
    """Remove a member from the workspace; the last beheerder cannot be removed."""
    municipality_for(muni_id, Action.MANAGE)
    membership = _membership(muni_id, membership_id)
    return _change_membership(muni_id, lambda: workspaces.remove_member(membership, current_user),
                              _("Het lid is verwijderd."))
