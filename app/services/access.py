"""Who may do what: the one place that decides access.

`can(user, action, target)` answers for every kind of target. A target belongs to a workspace (a municipality,
province or water board); the user's role in that workspace decides, through the one table RIGHTS. New kinds of
target (atelier, project, survey) get a rule of their own in `_workspace_of` or next to it, never a check in a view.
"""
from __future__ import annotations

import enum
from functools import singledispatch
from typing import Any

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import Comment, Invitation, Membership, Municipality, ParticipationPlan, PlanSnapshot, Role, User


class Action(str, enum.Enum):
    VIEW = "view"            # read the plan, the review page, the draft ordinance, the team
    EDIT = "edit"            # save steps, named versions, restore, import into the workspace
    COMMENT = "comment"      # write, resolve and reopen comments
    REVIEW = "review"        # mark articles of the draft ordinance as reviewed
    DOWNLOAD = "download"    # download the DOCX and the plan as JSON
    MANAGE = "manage"        # members, roles, invitations, the workspace's details, rename plans
    AUDIT = "audit"          # read the workspace's audit log
    DELETE = "delete"        # delete a plan or the whole workspace


B, R, J, M = Role.BEHEERDER, Role.REDACTEUR, Role.JURIST, Role.MEELEZER

#: The rights of each role. The team page shows this table, and the authorization test is driven by it.
RIGHTS: dict[Action, frozenset[Role]] = {
    Action.VIEW: frozenset({B, R, J, M}),
    Action.EDIT: frozenset({B, R}),
    Action.COMMENT: frozenset({B, R, J}),
    Action.REVIEW: frozenset({B, J}),
    Action.DOWNLOAD: frozenset({B, R, J}),
    Action.MANAGE: frozenset({B}),
    Action.AUDIT: frozenset({B}),
    Action.DELETE: frozenset({B}),
}

ROLE_LABELS = {B.value: _l("Beheerder"), R.value: _l("Redacteur"), J.value: _l("Jurist"), M.value: _l("Meelezer")}
ACTION_LABELS = {
    Action.VIEW: _l("Plan, verordening en team bekijken"),
    Action.EDIT: _l("Stappen invullen, versies bewaren en herstellen, plannen inlezen"),
    Action.COMMENT: _l("Opmerkingen plaatsen en afhandelen"),
    Action.REVIEW: _l("Artikelen als juridisch beoordeeld markeren"),
    Action.DOWNLOAD: _l("Verordening (Word) en plan (JSON) downloaden"),
    Action.MANAGE: _l("Leden uitnodigen, rollen wijzigen, gegevens van de organisatie en namen van plannen wijzigen"),
    Action.AUDIT: _l("Het logboek van de organisatie bekijken"),
    Action.DELETE: _l("Plannen en de hele organisatie verwijderen"),
}


class AccessDenied(Exception):
    """`hidden`: the user may not even know the target exists (answer 404); otherwise the role is too weak (403)."""

    def __init__(self, hidden: bool):
        super().__init__("not found" if hidden else "forbidden")
        self.hidden = hidden


@singledispatch
def _workspace_of(target: Any) -> int | None:
    raise TypeError(f"no access rule for {type(target).__name__}")


@_workspace_of.register
def _(target: Municipality) -> int | None:
    return target.id


@_workspace_of.register
def _(target: ParticipationPlan) -> int | None:
    return target.municipality_id


@_workspace_of.register(Membership)
@_workspace_of.register(Invitation)
def _(target) -> int | None:
    return target.municipality_id


@_workspace_of.register(Comment)
@_workspace_of.register(PlanSnapshot)
def _(target) -> int | None:
    plan = db.session.get(ParticipationPlan, target.plan_id)
    return plan.municipality_id if plan else None


class SecondFactorRequired(AccessDenied):
    """The workspace asks for a second factor and the member has none yet: they set it up first."""

    def __init__(self):
        super().__init__(hidden=False)


def _membership(user: User | None, target: Any) -> Membership | None:
    if target is None or user is None or not getattr(user, "is_authenticated", False):
        return None
    workspace = _workspace_of(target)
    return next((m for m in user.memberships if m.municipality_id == workspace), None)


def role_of(user: User | None, target: Any) -> Role | None:
    """The user's role in the workspace the target belongs to, or None for outsiders and anonymous visitors."""
    membership = _membership(user, target)
    return Role(membership.role) if membership else None


def can(user: User | None, action: Action, target: Any) -> bool:
    try:
        require(user, action, target)
    except AccessDenied:
        return False
    return True


def require(user: User | None, action: Action, target: Any) -> Role:
    """The user's role if they may do `action`; AccessDenied otherwise. Outsiders learn nothing (hidden).
    A workspace that requires a second factor is closed to members without one (SecondFactorRequired)."""
    membership = _membership(user, target)
    if membership is None:
        raise AccessDenied(hidden=True)
    if membership.municipality.require_second_factor and not user.totp_enabled:
        raise SecondFactorRequired()
    role = Role(membership.role)
    if role not in RIGHTS[action]:
        raise AccessDenied(hidden=False)
    return role


def workspaces_where(user: User, action: Action) -> list[Municipality]:
    """The workspaces in which the user may do `action` (e.g. where a new plan may be made)."""
    return [m.municipality for m in user.memberships if can(user, action, m.municipality)]
