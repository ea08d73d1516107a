from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Invitation, Membership
from app.security import organisation_for
from app.services.core import mail
from app.services.organisations import organisations
from app.services.core.links import link_state
from app.templating import local_time
from app.services.core.access import ACTION_LABELS, RIGHTS, ROLE_LABELS, Action, can
from app.services.core.transaction import SaveFailed, unit_of_work
from app.organisations import bp
from app.organisations.forms import InviteForm, RoleForm


def _team_page(organisation, role, invite_form=None, status: int = 200):
    manage = can(current_user, Action.MANAGE, organisation)
    invitations = organisations.invitations_of(organisation) if manage else []
    return render_template(
        "organisations/team.html", organisation=organisation, role=role, invite_form=invite_form or InviteForm(),
        role_form=RoleForm(), role_labels=ROLE_LABELS, rights=RIGHTS, action_labels=ACTION_LABELS, can_manage=manage,
        invitations=invitations, link_state=link_state,
        invitation_link=lambda i: url_for("workspaces.join", token=i.token, _external=True)), status


@bp.route("/organisaties/<int:organisation_id>/team")
@login_required
def team(organisation_id: int):
    """The members of an organisation, their roles, and (for a beheerder) the invitation links."""
    organisation, role = organisation_for(organisation_id)
    return _team_page(organisation, role)


@bp.route("/organisaties/<int:organisation_id>/uitnodigingen", methods=["POST"])
@login_required
def invite(organisation_id: int):
    """Create an invitation link with a role; it works once and expires."""
    organisation, role = organisation_for(organisation_id, Action.MANAGE)
    form = InviteForm()
    if not form.validate_on_submit():
        return _team_page(organisation, role, form, 422)
    email = (form.email.data or "").strip().lower() or None
    with unit_of_work():
        invitation = organisations.create_invitation(organisation, form.role.data, current_user, sent_to=email)
    if email:
        mail.deliver(mail.compose(
            "invitation", to=email, subject=_("Uitnodiging voor het team van %(name)s", name=organisation.display_name),
            by=current_user.name, organisation=organisation.display_name,
            role=str(ROLE_LABELS[invitation.role]).lower(),
            link=url_for("workspaces.join", token=invitation.token, _external=True),
            expires=local_time(invitation.expires_at)))
        flash(_("De uitnodiging is gemaakt en per e-mail verstuurd naar %(email)s. U kunt de link hieronder ook zelf "
                "kopiëren.", email=email), "ok")
    else:
        flash(_("De uitnodigingslink is gemaakt. Kopieer hem hieronder en stuur hem naar de nieuwe deelnemer."), "ok")
    return redirect(url_for("workspaces.team", organisation_id=organisation.id) + "#uitnodigingen")


@bp.route("/organisaties/<int:organisation_id>/uitnodigingen/<int:invitation_id>/intrekken", methods=["POST"])
@login_required
def withdraw(organisation_id: int, invitation_id: int):
    """Withdraw an invitation link that was not used yet."""
    organisation_for(organisation_id, Action.MANAGE)
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation_id:
        abort(404)
    try:
        with unit_of_work():
            organisations.withdraw_invitation(invitation, current_user)
        flash(_("De uitnodiging is ingetrokken; de link werkt niet meer."), "ok")
    except organisations.OrganisationError as exc:
        flash(str(exc), "error")
    return redirect(url_for("workspaces.team", organisation_id=organisation_id) + "#uitnodigingen")


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@login_required
def join(token: str):
    """Show an invitation link and accept it with a button (a GET never changes anything)."""
    if request.method == "GET":
        invitation = organisations.find_invitation(token)
        return render_template("organisations/join.html", invitation=invitation, role_labels=ROLE_LABELS,
                               form=FlaskForm())
    try:
        with unit_of_work():
            organisation = organisations.accept_invitation(token, by=current_user)
    except organisations.OrganisationError as exc:
        flash(str(exc), "error")
        return redirect(url_for("plans.index"))
    flash(_("U bent nu lid van %(name)s.", name=organisation.display_name), "ok")
    return redirect(url_for("plans.index"))


def _membership(organisation_id: int, membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation_id:
        abort(404)
    return membership


def _change_membership(organisation_id: int, change, done: str):
    try:
        with unit_of_work():
            change()
        flash(done, "ok")
    except organisations.OrganisationError as exc:
        flash(str(exc), "error")
    except SaveFailed:
        flash(_("Door een storing is er niets gewijzigd. Probeer het opnieuw."), "error")
    return redirect(url_for("workspaces.team", organisation_id=organisation_id))


@bp.route("/organisaties/<int:organisation_id>/leden/<int:membership_id>/rol", methods=["POST"])
@login_required
def change_role(organisation_id: int, membership_id: int):
    """Give a member another role; the last beheerder cannot be demoted."""
    organisation_for(organisation_id, Action.MANAGE)
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Kies een geldige rol."), "error")
        return redirect(url_for("workspaces.team", organisation_id=organisation_id))
    membership = _membership(organisation_id, membership_id)
    return _change_membership(organisation_id,
                              lambda: organisations.change_role(membership, form.role.data, current_user),
                              _("De rol is gewijzigd."))


@bp.route("/organisaties/<int:organisation_id>/leden/<int:membership_id>/verwijderen", methods=["POST"])
@login_required
def remove(organisation_id: int, membership_id: int):
    """Remove a member from the organisation; the last beheerder cannot be removed."""
    organisation_for(organisation_id, Action.MANAGE)
    membership = _membership(organisation_id, membership_id)
    return _change_membership(organisation_id, lambda: organisations.remove_member(membership, current_user),
                              _("Het lid is verwijderd."))
