"""Creating an atelier, its rounds and groups, and the links by which organisations join.

Every function takes the acting user (`by`), checks the one access rule, writes, and records it in the audit
trail; none commits (the view's unit of work does)."""
from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, or_, select, update

from app.extensions import db
from app.models import (Atelier, AtelierGroup, AtelierInvitation, AtelierParticipant, AtelierRole, AtelierRound,
                        AtelierSeat, Membership, Organisation, ParticipationPlan, User)
from app.models.atelier import ROUND_NUMBERS, Capacity
from app.models.organisation import utcnow
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.links import LinkState, link_state  # noqa: F401  (the atelier pages show the state)
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
from app.services.core.transaction import insert_if_absent
from app.services.questions.handreiking import Handreiking, Step

INVITATION_DAYS = 30


class AtelierError(Exception):
    pass


def steps_of_round(handreiking: Handreiking, number: int) -> list[Step]:
    """The steps of a round, as the content says (`workshop_round` in handreiking/*.yaml)."""
    return [s for s in handreiking.steps if s.workshop_round == number]


def round_of_step(handreiking: Handreiking, step_number: int) -> int | None:
    step = handreiking.step(step_number)
    return step.workshop_round if step else None


def ateliers_of(user: User) -> list[Atelier]:
    """The ateliers the user organises or facilitates, or in which one of their organisations takes part."""
    organisations = [m.organisation_id for m in user.memberships]
    by_role = select(AtelierRole.atelier_id).where(AtelierRole.user_id == user.id)
    by_organisation = select(AtelierParticipant.atelier_id).where(AtelierParticipant.organisation_id.in_(organisations))
    return list(db.session.scalars(select(Atelier).where(or_(Atelier.id.in_(by_role), Atelier.id.in_(by_organisation)))
                                   .order_by(Atelier.created_at.desc(), Atelier.id.desc())))


def create_atelier(name: str, by: User) -> Atelier:
    """Any logged-in person may start an atelier; they become its organiser and its first facilitator."""
    access.require(by, Action.OWN_ACCOUNT, by)
    atelier = Atelier(name=name.strip(), organiser_id=by.id)
    atelier.roles = [AtelierRole(user_id=by.id, role=Capacity.ORGANISER.value),
                     AtelierRole(user_id=by.id, role=Capacity.FACILITATOR.value)]
    atelier.rounds = [AtelierRound(number=n) for n in ROUND_NUMBERS]
    db.session.add(atelier)
    db.session.flush()
    audit.record(AuditAction.ATELIER_CREATED, actor=by, target=audit.target_of(atelier), name=atelier.name)
    return atelier


def update_round(rnd: AtelierRound, by: User, *, day: date | None, start: time | None, end: time | None,
                 place: str, video_link: str) -> None:
    access.require(by, Action.FACILITATE, rnd)
    if start and end and end <= start:
        raise AtelierError(_("De eindtijd moet na de begintijd liggen."))
    rnd.date, rnd.start_time, rnd.end_time = day, start, end
    rnd.place, rnd.video_link = place.strip(), video_link.strip()
    audit.record(AuditAction.ATELIER_ROUND_CHANGED, actor=by, target=f"atelier:{rnd.atelier_id}", round=rnd.number)


def current_round(atelier: Atelier, now: datetime) -> int:
    """The last round that has started, or round 1 before the first."""
    started = [r.number for r in atelier.rounds if r.started(now)]
    return max(started) if started else ROUND_NUMBERS[0]


# --- groups (tables) per round ------------------------------------------------------------------------

def groups_in_round(atelier: Atelier, number: int) -> list[AtelierGroup]:
    return [g for g in atelier.groups if g.round_number == number]


def add_group(atelier: Atelier, number: int, name: str, by: User) -> AtelierGroup:
    access.require(by, Action.FACILITATE, atelier)
    if number not in ROUND_NUMBERS:
        raise AtelierError(_("Onbekende ronde."))
    group = AtelierGroup(atelier_id=atelier.id, round_number=number, name=name.strip())
    db.session.add(group)
    db.session.flush()
    audit.record(AuditAction.ATELIER_GROUPS_CHANGED, actor=by, target=audit.target_of(atelier), round=number,
                 name=group.name)
    return group


def seat(atelier: Atelier, number: int, choices: dict[int, int | None], by: User) -> None:
    """Seat participants at the round's tables: {participant id: group id or None}. Replaces the round's seating."""
    access.require(by, Action.FACILITATE, atelier)
    groups = {g.id for g in groups_in_round(atelier, number)}
    participants = {p.id for p in atelier.participants}
    if not set(choices) <= participants or not {g for g in choices.values() if g is not None} <= groups:
        raise AtelierError(_("Kies voor elke deelnemer een groep van deze ronde."))
    db.session.execute(delete(AtelierSeat).where(AtelierSeat.participant_id.in_(participants),
                                                 AtelierSeat.round_number == number))
    for participant_id, group_id in choices.items():
        if group_id is not None:
            db.session.add(AtelierSeat(group_id=group_id, participant_id=participant_id, round_number=number))
    db.session.flush()
    db.session.expire(atelier, ["groups"])
    audit.record(AuditAction.ATELIER_GROUPS_CHANGED, actor=by, target=audit.target_of(atelier), round=number,
                 seated=sum(1 for g in choices.values() if g is not None))


def group_of(participant: AtelierParticipant, number: int) -> AtelierGroup | None:
    seat_ = db.session.scalar(select(AtelierSeat).where(AtelierSeat.participant_id == participant.id,
                                                        AtelierSeat.round_number == number))
    return seat_.group if seat_ else None


# --- invitation links --------------------------------------------------------------------------------

def invitations_of(atelier: Atelier) -> list[AtelierInvitation]:
    return list(db.session.scalars(select(AtelierInvitation).where(AtelierInvitation.atelier_id == atelier.id)
                                   .order_by(AtelierInvitation.id.desc()).limit(200)))


def create_invitation(atelier: Atelier, label: str, by: User, days: int = INVITATION_DAYS) -> AtelierInvitation:
    access.require(by, Action.FACILITATE, atelier)
    link = AtelierInvitation(atelier_id=atelier.id, token=secrets.token_urlsafe(24), label=label.strip(),
                             created_by_id=by.id, expires_at=utcnow() + timedelta(days=days))
    db.session.add(link)
    db.session.flush()
    audit.record(AuditAction.ATELIER_INVITATION_CREATED, actor=by, target=audit.target_of(link),
                 atelier=atelier.id, name=link.label or None)
    return link


def withdraw_invitation(link: AtelierInvitation, by: User) -> None:
    access.require(by, Action.FACILITATE, link)
    done = db.session.execute(
        update(AtelierInvitation).where(AtelierInvitation.id == link.id, AtelierInvitation.used_at.is_(None),
                                        AtelierInvitation.withdrawn_at.is_(None))
        .values(withdrawn_at=utcnow()).execution_options(synchronize_session="fetch"))
    if done.rowcount != 1:
        raise AtelierError(_("Deze uitnodiging was al gebruikt of ingetrokken."))
    audit.record(AuditAction.ATELIER_INVITATION_WITHDRAWN, actor=by, target=audit.target_of(link),
                 atelier=link.atelier_id)


def find_invitation(token: str) -> AtelierInvitation | None:
    """A link that can still be used, or None."""
    link = db.session.scalar(select(AtelierInvitation).where(AtelierInvitation.token == token))
    return link if link is not None and link_state(link) == LinkState.OPEN else None


def plans_to_bring(user: User) -> list[ParticipationPlan]:
    """The plans the user may bring into an atelier: those of organisations where they are beheerder."""
    return [plan for organisation in access.organisations_where(user, Action.MANAGE)
            for plan in sorted(organisation.plans, key=lambda p: p.id)]


def join(token: str, plan: ParticipationPlan, by: User) -> AtelierParticipant:
    """The organisation's beheerder accepts the link for the organisation, with the plan that takes part. One conditional
    UPDATE marks the link used, so of two parallel requests exactly one gets in."""
    organisation = db.session.get(Organisation, plan.organisation_id)
    access.require(by, Action.MANAGE, organisation)
    link = db.session.scalar(select(AtelierInvitation).where(AtelierInvitation.token == token))
    if link is not None and db.session.scalar(select(AtelierParticipant.id).where(
            AtelierParticipant.atelier_id == link.atelier_id, AtelierParticipant.organisation_id == organisation.id)):
        raise AtelierError(_("%(name)s doet al mee aan dit leeratelier.", name=organisation.display_name))
    now = utcnow()
    used = db.session.execute(
        update(AtelierInvitation)
        .where(AtelierInvitation.token == token, AtelierInvitation.used_at.is_(None),
               AtelierInvitation.withdrawn_at.is_(None),
               or_(AtelierInvitation.expires_at.is_(None), AtelierInvitation.expires_at > now))
        .values(used_at=now, used_by_id=by.id, used_for_id=organisation.id)
        .execution_options(synchronize_session=False))
    if used.rowcount != 1:
        raise AtelierError(_("Deze uitnodiging is onbekend, verlopen, ingetrokken of al gebruikt. Vraag de "
                             "facilitator om een nieuwe link."))
    if not insert_if_absent(AtelierParticipant, atelier_id=link.atelier_id,
                            organisation_id=organisation.id, plan_id=plan.id,
                            joined_by_id=by.id, joined_at=now):  # another link of the same organisation, at once
        raise AtelierError(_("%(name)s doet al mee aan dit leeratelier.", name=organisation.display_name))
    participant = db.session.scalar(select(AtelierParticipant).where(
        AtelierParticipant.atelier_id == link.atelier_id, AtelierParticipant.organisation_id == organisation.id))
    audit.record(AuditAction.ATELIER_JOINED, actor=by, organisation_id=organisation.id,
                 target=audit.target_of(participant), atelier=link.atelier_id, plan=plan.title,
                 invitation=link.id)
    return participant


def participants_of(user: User, atelier: Atelier) -> list[AtelierParticipant]:
    """The participations of the user's own organisations in this atelier."""
    mine = {m.organisation_id for m in user.memberships}
    return [p for p in atelier.participants if p.organisation_id in mine]


def is_member(user: User, organisation_id: int) -> bool:
    return db.session.scalar(select(Membership.id).where(Membership.user_id == user.id,
                                                         Membership.organisation_id == organisation_id)) is not None
