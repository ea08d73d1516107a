"""During a round: messages from the facilitator, a shared countdown and requests for help, and what one viewer
sees of them (the live state the page polls for).

Every write takes the acting user (`by`), checks the one access rule and records it in the audit trail; none
commits (the view's unit of work does)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from app.extensions import db
from app.models import (Atelier, AtelierCountdown, AtelierGroup, AtelierHelpRequest, AtelierMessage,
                        AtelierParticipant, AtelierSeat, User)
from app.models.organisation import utcnow
from app.services.atelier.ateliers import AtelierError, participants_of
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _
# the app needs the time zone database for deadlines already
from app.services.plans.deadline import AMSTERDAM as _LOCAL

MAX_MINUTES = 180
#: the newest messages a page shows (older ones were said earlier in the round)
SHOWN_MESSAGES = 20


def clock(moment: datetime) -> str:
    """A stored UTC time as the Dutch wall clock shows it: '14:05'."""
    return f"{moment.replace(tzinfo=timezone.utc).astimezone(_LOCAL):%H:%M}"


def iso_utc(moment: datetime | None) -> str | None:
    return moment.replace(tzinfo=timezone.utc, microsecond=0).isoformat().replace("+00:00", "Z") if moment else None


def send_message(atelier: Atelier, number: int, group_id: int | None, body: str, by: User) -> AtelierMessage:
    access.require(by, Action.FACILITATE, atelier)
    body = body.strip()
    if not body:
        raise AtelierError(_("Schrijf een bericht."))
    if group_id is not None:
        group = db.session.get(AtelierGroup, group_id)
        if group is None or group.atelier_id != atelier.id or group.round_number != number:
            raise AtelierError(_("Kies een groep van deze ronde, of iedereen."))
    message = AtelierMessage(atelier_id=atelier.id, round_number=number, group_id=group_id, body=body, by_id=by.id,
                             at=utcnow())
    db.session.add(message)
    db.session.flush()
    audit.record(AuditAction.ATELIER_MESSAGE_SENT, actor=by, target=audit.target_of(atelier), round=number,
                 group=group_id, message=message.id)
    return message


def set_countdown(atelier: Atelier, number: int, minutes: int | None, by: User) -> AtelierCountdown | None:
    """Start the round's countdown for `minutes` from now (it replaces a running one), or stop it (None)."""
    access.require(by, Action.FACILITATE, atelier)
    countdown = db.session.scalar(select(AtelierCountdown).where(AtelierCountdown.atelier_id == atelier.id,
                                                                 AtelierCountdown.round_number == number))
    if minutes is None:
        if countdown is not None:
            db.session.delete(countdown)
        ends_at = None
    else:
        if not 1 <= minutes <= MAX_MINUTES:
            raise AtelierError(_("Kies een aantal minuten van 1 tot en met %(max)s.", max=MAX_MINUTES))
        ends_at = utcnow() + timedelta(minutes=minutes)
        if countdown is None:
            countdown = AtelierCountdown(atelier_id=atelier.id, round_number=number)
            db.session.add(countdown)
        countdown.ends_at, countdown.set_by_id = ends_at, by.id
    db.session.flush()
    audit.record(AuditAction.ATELIER_COUNTDOWN_SET, actor=by, target=audit.target_of(atelier), round=number,
                 minutes=minutes)
    return countdown if ends_at else None


def countdown_of(atelier: Atelier, number: int) -> datetime | None:
    """The end time (UTC) of the round's countdown, or None."""
    return db.session.scalar(select(AtelierCountdown.ends_at).where(AtelierCountdown.atelier_id == atelier.id,
                                                                    AtelierCountdown.round_number == number))


def ask_help(participant: AtelierParticipant, number: int, by: User) -> bool:
    """A member of the organisation asks for help; False when the organisation's question is still open."""
    access.require(by, Action.VIEW, participant)
    if open_help(participant.atelier, number, participant):
        return False
    help_ = AtelierHelpRequest(atelier_id=participant.atelier_id, round_number=number, participant_id=participant.id,
                               asked_by_id=by.id, asked_at=utcnow())
    db.session.add(help_)
    db.session.flush()
    audit.record(AuditAction.ATELIER_HELP_ASKED, actor=by, organisation_id=participant.organisation_id,
                 target=f"atelier:{participant.atelier_id}", round=number, request=help_.id)
    return True


def mark_handled(help_: AtelierHelpRequest, by: User) -> None:
    access.require(by, Action.FACILITATE, help_)
    done = db.session.execute(
        update(AtelierHelpRequest).where(AtelierHelpRequest.id == help_.id, AtelierHelpRequest.handled_at.is_(None))
        .values(handled_at=utcnow(), handled_by_id=by.id).execution_options(synchronize_session="fetch"))
    if done.rowcount != 1:
        raise AtelierError(_("Deze hulpvraag was al afgehandeld."))
    audit.record(AuditAction.ATELIER_HELP_HANDLED, actor=by, target=f"atelier:{help_.atelier_id}",
                 round=help_.round_number, request=help_.id)


def open_help(atelier: Atelier, number: int, participant: AtelierParticipant | None = None) -> list[AtelierHelpRequest]:
    query = select(AtelierHelpRequest).where(AtelierHelpRequest.atelier_id == atelier.id,
                                             AtelierHelpRequest.round_number == number,
                                             AtelierHelpRequest.handled_at.is_(None))
    if participant is not None:
        query = query.where(AtelierHelpRequest.participant_id == participant.id)
    return list(db.session.scalars(query.order_by(AtelierHelpRequest.asked_at, AtelierHelpRequest.id)))


def messages_for(viewer: User, atelier: Atelier, number: int, facilitate: bool) -> list[AtelierMessage]:
    """The round's messages the viewer may read: a facilitator reads all; a participant those to everyone and those
    to a table where one of their organisations sits in this round. Newest first."""
    query = select(AtelierMessage).where(AtelierMessage.atelier_id == atelier.id,
                                         AtelierMessage.round_number == number)
    if not facilitate:
        mine = [p.id for p in participants_of(viewer, atelier)]
        tables = select(AtelierSeat.group_id).where(AtelierSeat.participant_id.in_(mine),
                                                    AtelierSeat.round_number == number)
        query = query.where(AtelierMessage.group_id.is_(None) | AtelierMessage.group_id.in_(tables))
    return list(db.session.scalars(query.order_by(AtelierMessage.at.desc(), AtelierMessage.id.desc())
                                   .limit(SHOWN_MESSAGES)))


def live_state(viewer: User, atelier: Atelier, number: int) -> dict:
    """What the viewer's page shows of the round as it happens; the same dict on the page and in the JSON."""
    access.require(viewer, Action.PARTICIPATE, atelier)
    facilitate = access.can(viewer, Action.FACILITATE, atelier)
    mine = participants_of(viewer, atelier)
    return {
        "round": number,
        "messages": messages_for(viewer, atelier, number, facilitate),
        "countdown_ends_at": countdown_of(atelier, number),
        "help": open_help(atelier, number) if facilitate else [],
        "my_open_help": {p.id for p in mine if open_help(atelier, number, p)},
    }
