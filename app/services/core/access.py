"""Who may do what: the one place that decides access.

`can(user, action, target)` answers for every kind of target. A target belongs to an organisation (a municipality,
province or water board); the user's role in that organisation decides, through the one table RIGHTS. New kinds of
target (atelier, project, survey) get a rule of their own in `_organisation_of` or next to it, never a check in a view.

An atelier (leeratelier) is not an organisation: people take part in it as organiser or facilitator (AtelierRole rows)
or as a member of a participating organisation. Its targets are decided by the separate table ATELIER_RIGHTS. What a
organisation brings into an atelier (its participation, its sharing choices) stays the organisation's: RIGHTS decides.
"""
from __future__ import annotations

import enum
from functools import singledispatch
from typing import Any

from app.extensions import db
from app.models import (Atelier, AtelierGroup, AtelierInvitation, AtelierParticipant, AtelierRole, AtelierRound,
                        AtelierShare, Comment, Invitation, Membership, Organisation, ParticipationPlan, PlanSnapshot,
                        Role, Survey, User)
from app.models.atelier import Capacity
from app.models.atelier_homework import AtelierAssignment, AtelierReaction
from app.models.atelier_live import AtelierCountdown, AtelierHelpRequest, AtelierMessage
from app.models.loket import AdoptedVersion, LoketAttachment, LoketNote, LoketRequest
from app.models.project import Project, ProjectComment
from app.services.core.text import _l


class Action(str, enum.Enum):
    VIEW = "view"            # read the plan, the review page, the draft ordinance, the team
    EDIT = "edit"            # save steps, named versions, restore, import into the organisation
    COMMENT = "comment"      # write, resolve and reopen comments
    REVIEW = "review"        # mark articles of the draft ordinance as reviewed
    DOWNLOAD = "download"    # download the DOCX and the plan as JSON
    MANAGE = "manage"        # members, roles, invitations, the organisation's details, rename plans
    AUDIT = "audit"          # read the organisation's audit log
    DELETE = "delete"        # delete a plan or the whole organisation
    PARTICIPATE = "participate"  # atelier: see its rounds and groups, and what the others shared with you
    FACILITATE = "facilitate"    # atelier: change rounds and groups, invite organisations
    ADOPT = "adopt"              # loket: mark a version of the plan as the adopted ordinance
    HANDLE_REQUESTS = "handle_requests"  # loket: see residents' requests (personal data), assign, note, decide
    RESPOND = "respond"          # a resident: answer a survey, file a request at the loket, support an initiative
    SIGN_IN = "sign_in"          # anyone: log in, sign up, recover an account (the account's own rules decide)
    OWN_ACCOUNT = "own_account"  # a person: their own password, second factor, sessions, data and account
    OPERATE = "operate"          # the operator only: verify organisations, remove data after its retention period


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
    Action.ADOPT: frozenset({B, J}),
    Action.HANDLE_REQUESTS: frozenset({B, R, J}),  # not the meelezer: requests hold personal data
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
    Action.PARTICIPATE: _l("Een leeratelier bekijken en zien wat anderen daar delen"),
    Action.FACILITATE: _l("Rondes, groepen, opdrachten en uitnodigingen van een leeratelier beheren"),
    Action.ADOPT: _l("Een versie van het plan als vastgestelde verordening markeren"),
    Action.HANDLE_REQUESTS: _l("Verzoeken van inwoners in het loket inzien en behandelen"),
    Action.RESPOND: _l("Een vragenlijst invullen, een verzoek indienen of een burgerinitiatief steunen"),
    Action.SIGN_IN: _l("Inloggen, een account aanmaken of een wachtwoord herstellen"),
    Action.OWN_ACCOUNT: _l("Het eigen account beheren"),
    Action.OPERATE: _l("Organisaties verifiëren en gegevens na de bewaartermijn verwijderen (alleen de beheerder van "
                       "de assistent)"),
}

ORGANISER, FACILITATOR, PARTICIPANT = Capacity.ORGANISER, Capacity.FACILITATOR, Capacity.PARTICIPANT

#: The rights of each capacity in an atelier; apart from RIGHTS, because they are not roles in an organisation.
#: A facilitator never edits a municipality's plan: no capacity here reaches a plan.
ATELIER_RIGHTS: dict[Action, frozenset[Capacity]] = {
    Action.PARTICIPATE: frozenset({ORGANISER, FACILITATOR, PARTICIPANT}),
    Action.FACILITATE: frozenset({ORGANISER, FACILITATOR}),
}


#: Targets that only their author may delete, and the right the author must still hold where the target is (a
#: reaction on a shared answer: its author, while they take part in the atelier).
AUTHOR_DELETES: dict[type, Action] = {
    AtelierReaction: Action.PARTICIPATE,
}


class Actor:
    """Who acts when no person with an account does: the operator at the command line, or a resident on a public
    page. `id` is None, so nothing it writes points at an account."""
    id = None
    is_authenticated = False
    memberships: tuple = ()
    totp_enabled = False

    def __init__(self, name: str):
        self.name = name
        self.email = ""

    def __repr__(self) -> str:
        return f"<Actor {self.name}>"


#: The operator: `flask` commands and the demo data. May do everything, on every target.
SYSTEM = Actor("systeem")
#: A resident without an account (or anyone on a public page): answers a survey, files a request, logs in.
PUBLIC = Actor("publiek")

#: What each named actor may do, on any target; apart from RIGHTS, because they hold no role in an organisation.
ACTOR_RIGHTS: dict[Actor, frozenset[Action]] = {
    SYSTEM: frozenset(Action),
    PUBLIC: frozenset({Action.RESPOND, Action.SIGN_IN}),
}


@singledispatch
def _open_to_public(target: Any) -> bool:
    """What a resident may respond to (the public actor's RESPOND): nothing, unless its kind says so below."""
    return False


@_open_to_public.register
def _(survey: Survey) -> bool:
    return survey.is_open  # a closed survey takes no answers


@_open_to_public.register
def _(version: AdoptedVersion) -> bool:
    return True  # an adopted ordinance's loket; which version is in force on the day, the loket decides (its date)


@_open_to_public.register
def _(request: LoketRequest) -> bool:
    return request.open_for_support  # an undecided burgerinitiatief


class AccessDenied(Exception):
    """`hidden`: the user may not even know the target exists (answer 404); otherwise the role is too weak (403)."""

    def __init__(self, hidden: bool):
        super().__init__("not found" if hidden else "forbidden")
        self.hidden = hidden


@singledispatch
def _organisation_of(target: Any) -> int | None:
    raise TypeError(f"no access rule for {type(target).__name__}")


@_organisation_of.register
def _(target: Organisation) -> int | None:
    return target.id


@_organisation_of.register
def _(target: ParticipationPlan) -> int | None:
    return target.organisation_id


@_organisation_of.register
def _(target: Project) -> int | None:
    return target.organisation_id  # a project is governed by its organisation's roles, like a plan


@_organisation_of.register
def _(target: ProjectComment) -> int | None:
    project = db.session.get(Project, target.project_id)
    return project.organisation_id if project else None


@_organisation_of.register(Survey)
def _(target) -> int | None:
    project = db.session.get(Project, target.project_id)
    return project.organisation_id if project else None  # a survey is its project's, like a project comment


@_organisation_of.register(Membership)
@_organisation_of.register(Invitation)
def _(target) -> int | None:
    return target.organisation_id


@_organisation_of.register(AtelierParticipant)
@_organisation_of.register(AdoptedVersion)
@_organisation_of.register(LoketRequest)
def _(target) -> int | None:
    return target.organisation_id


@_organisation_of.register(LoketNote)
@_organisation_of.register(LoketAttachment)
def _(target) -> int | None:
    request = db.session.get(LoketRequest, target.request_id)
    return request.organisation_id if request else None


@_organisation_of.register(AtelierShare)
def _(target) -> int | None:
    participant = db.session.get(AtelierParticipant, target.participant_id)
    return participant.organisation_id if participant else None


@singledispatch
def _atelier_of(target: Any) -> int | None:
    return None  # not an atelier's own target: the organisation rule decides


@_atelier_of.register
def _(target: Atelier) -> int | None:
    return target.id


@_atelier_of.register(AtelierRound)
@_atelier_of.register(AtelierGroup)
@_atelier_of.register(AtelierInvitation)
@_atelier_of.register(AtelierMessage)
@_atelier_of.register(AtelierCountdown)
@_atelier_of.register(AtelierHelpRequest)
@_atelier_of.register(AtelierAssignment)
@_atelier_of.register(AtelierReaction)
def _(target) -> int | None:
    return target.atelier_id


def capacities(user: User | None, atelier_id: int) -> frozenset[Capacity]:
    """How the user takes part in the atelier: its roles, plus PARTICIPANT for members of a participating organisation."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    found = {Capacity(r) for r in db.session.scalars(
        db.select(AtelierRole.role).where(AtelierRole.atelier_id == atelier_id, AtelierRole.user_id == user.id))}
    organisations = [m.organisation_id for m in user.memberships]
    if organisations and db.session.scalar(db.select(AtelierParticipant.id).where(
            AtelierParticipant.atelier_id == atelier_id,
            AtelierParticipant.organisation_id.in_(organisations)).limit(1)):
        found.add(PARTICIPANT)
    return frozenset(found)


def _require_in_atelier(user: User | None, action: Action, atelier_id: int) -> Capacity:
    held = capacities(user, atelier_id)
    if not held:
        raise AccessDenied(hidden=True)
    allowed = held & ATELIER_RIGHTS.get(action, frozenset())
    if not allowed:
        raise AccessDenied(hidden=False)
    return min(allowed, key=list(Capacity).index)


@_organisation_of.register(Comment)
@_organisation_of.register(PlanSnapshot)
def _(target) -> int | None:
    plan = db.session.get(ParticipationPlan, target.plan_id)
    return plan.organisation_id if plan else None


class SecondFactorRequired(AccessDenied):
    """The organisation asks for a second factor and the member has none yet: they set it up first."""

    def __init__(self):
        super().__init__(hidden=False)


def _membership(user: User | None, target: Any) -> Membership | None:
    if target is None or user is None or not getattr(user, "is_authenticated", False):
        return None
    organisation = _organisation_of(target)
    if organisation is None and isinstance(target, Organisation):  # made in this unit of work: its maker's, unsaved yet
        return next((m for m in user.memberships if m.organisation is target), None)
    return next((m for m in user.memberships if m.organisation_id == organisation), None)


def role_of(user: User | None, target: Any) -> Role | None:
    """The user's role in the organisation the target belongs to, or None for outsiders and anonymous visitors."""
    membership = _membership(user, target)
    return Role(membership.role) if membership else None


def can(user: User | None, action: Action, target: Any) -> bool:
    try:
        require(user, action, target)
    except AccessDenied:
        return False
    return True


def require(user: User | Actor | None, action: Action, target: Any) -> Role | Capacity | Actor:
    """The user's role (or capacity in an atelier) if they may do `action`; AccessDenied otherwise. Outsiders learn
    nothing (hidden).
    An organisation that requires a second factor is closed to members without one (SecondFactorRequired).
    A named actor (SYSTEM, PUBLIC) holds the rights ACTOR_RIGHTS gives it; a person's own account is theirs alone."""
    if isinstance(user, Actor):
        if action not in ACTOR_RIGHTS.get(user, frozenset()):
            raise AccessDenied(hidden=True)
        if user is PUBLIC and action is Action.RESPOND and not _open_to_public(target):
            raise AccessDenied(hidden=True)
        return user
    if isinstance(target, User):  # an account is its owner's alone: their sessions, password, data
        if action not in (Action.OWN_ACCOUNT, Action.SIGN_IN) or user is None or target.id is None \
                or getattr(user, "id", None) != target.id:
            raise AccessDenied(hidden=True)
        return user
    if action is Action.DELETE and type(target) in AUTHOR_DELETES:
        held = require(user, AUTHOR_DELETES[type(target)], target)
        if target.author_id != user.id:
            raise AccessDenied(hidden=False)  # they see it, but it is someone else's
        return held
    if target is not None and (atelier_id := _atelier_of(target)) is not None:
        return _require_in_atelier(user, action, atelier_id)
    membership = _membership(user, target)
    if membership is None:
        raise AccessDenied(hidden=True)
    if membership.organisation.require_second_factor and not user.totp_enabled:
        raise SecondFactorRequired()
    role = Role(membership.role)
    if role not in RIGHTS.get(action, frozenset()):
        raise AccessDenied(hidden=False)
    return role


def organisations_where(user: User, action: Action) -> list[Organisation]:
    """The organisations in which the user may do `action` (e.g. where a new plan may be made)."""
    return [m.organisation for m in user.memberships if can(user, action, m.organisation)]
