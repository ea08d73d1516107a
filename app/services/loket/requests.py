"""Requests at the loket: the adopted version, the intake, and the case handling as a state machine.

Every write is `do_x(target, ..., *, by)`: access.require, change, audit.record. The caller commits (unit_of_work).
`today` is always passed in (the calendar day in the Netherlands), so periods are tested without the clock.
"""
from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Mapping

from sqlalchemy import case, delete, func, select, tuple_, update

from app.extensions import db
from app.models import Membership, Organisation, ParticipationPlan, PlanSnapshot, User
from app.models.loket import AdoptedVersion, InitiativeSupport, LoketAttachment, LoketNote, LoketRequest
from app.models.organisation import utcnow
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.paging import KeyedPage, page_key, parse_page_key
from app.services.loket.periods import end_of_period, next_working_day
from app.services.loket.rights import Right, rights_of
from app.services.questions.handreiking import Handreiking

#: personal data of a request is removed this many months after the decision (the privacy statement says so)
RETENTION_MONTHS = 12
#: a postponement moves the due date by at most this many weeks (a house rule: art. 4:14 Awb asks for a period
#: "zo kort mogelijk"; six weeks is the longest postponement the Awb allows elsewhere, art. 7:10 lid 3)
MAX_POSTPONE_WEEKS = 6
#: the staff list shows these first: overdue, then due within this many days
DUE_SOON_DAYS = 7
PER_PAGE = 50
#: attachments: how many, how large, which kinds (recognised by their first bytes, not by the name alone)
MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024
ATTACHMENT_TYPES = {".pdf": (b"%PDF", "application/pdf"), ".png": (b"\x89PNG", "image/png"),
                    ".jpg": (b"\xff\xd8\xff", "image/jpeg"), ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
                    ".docx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                    ".odt": (b"PK\x03\x04", "application/vnd.oasis.opendocument.text")}


class LoketError(Exception):
    """A domain error: the request or the adoption cannot change this way. `message` is for the user."""


class IllegalTransition(LoketError):
    pass


class Status(str, enum.Enum):
    ONTVANGEN = "ontvangen"
    IN_BEHANDELING = "in_behandeling"
    VERDAAGD = "verdaagd"
    BESLOTEN = "besloten"


class Outcome(str, enum.Enum):
    TOEGEKEND = "toegekend"
    AFGEWEZEN = "afgewezen"
    DEELS = "deels"


#: the state machine: from a status, the statuses a request may go to. Verdaagd is reached once: not from itself.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.ONTVANGEN: frozenset({Status.IN_BEHANDELING, Status.VERDAAGD, Status.BESLOTEN}),
    Status.IN_BEHANDELING: frozenset({Status.VERDAAGD, Status.BESLOTEN}),
    Status.VERDAAGD: frozenset({Status.BESLOTEN}),
    Status.BESLOTEN: frozenset(),
}


def _move(request: LoketRequest, to: Status) -> Status:
    before = Status(request.status)
    if to not in TRANSITIONS[before]:
        raise IllegalTransition(f"{before.value} -> {to.value}")
    request.status, request.decided = to.value, to == Status.BESLOTEN
    return before


# --- the adopted version ----------------------------------------------------------------------------------------

def adopt(plan: ParticipationPlan, snapshot: PlanSnapshot, decided_on: date, in_force_from: date, *,
          by: User) -> AdoptedVersion:
    """Mark a named version of the plan as the ordinance the raad adopted. Audited."""
    access.require(by, Action.ADOPT, plan)
    if snapshot.plan_id != plan.id:
        raise LoketError("snapshot of another plan")
    if in_force_from < decided_on:
        raise LoketError("in force before adoption")
    if db.session.scalar(select(AdoptedVersion.id).where(AdoptedVersion.snapshot_id == snapshot.id)):
        raise LoketError("already adopted")
    version = AdoptedVersion(organisation_id=plan.organisation_id, plan_id=plan.id, snapshot_id=snapshot.id,
                             decided_on=decided_on, in_force_from=in_force_from, created_by_id=by.id)
    db.session.add(version)
    db.session.flush()
    audit.record(AuditAction.LOKET_ADOPTED, actor=by, organisation_id=plan.organisation_id,
                 target=audit.target_of(plan), snapshot=snapshot.id, decided_on=decided_on.isoformat(),
                 in_force_from=in_force_from.isoformat())
    return version


def adopted_versions(organisation_id: int) -> list[AdoptedVersion]:
    return list(db.session.scalars(select(AdoptedVersion).where(AdoptedVersion.organisation_id == organisation_id)
                                   .order_by(AdoptedVersion.in_force_from.desc(), AdoptedVersion.id.desc())))


def current_version(organisation_id: int, today: date) -> AdoptedVersion | None:
    """The adopted version in force today: the latest one whose date of coming into force has come."""
    return db.session.scalar(select(AdoptedVersion).where(AdoptedVersion.organisation_id == organisation_id,
                                                          AdoptedVersion.in_force_from <= today)
                             .order_by(AdoptedVersion.in_force_from.desc(), AdoptedVersion.id.desc()).limit(1))


def rights_for(version: AdoptedVersion, handreiking: Handreiking) -> dict[str, Right]:
    """The rights of an adopted version: its snapshot's answers, read by the one function `rights_of`."""
    snapshot = db.session.get(PlanSnapshot, version.snapshot_id)
    organisation = db.session.get(Organisation, version.organisation_id)
    return rights_of(snapshot.data, organisation.body_type, handreiking)


# --- intake -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def check_upload(upload: Upload) -> str | None:
    """What is wrong with a file (a Dutch-free code for the view to word), or None."""
    name = upload.filename.lower()
    ext = name[name.rfind("."):] if "." in name else ""
    if ext not in ATTACHMENT_TYPES:
        return "type"
    if len(upload.data) > MAX_ATTACHMENT_BYTES:
        return "size"
    if not upload.data.startswith(ATTACHMENT_TYPES[ext][0]):
        return "content"
    return None


def submit(version: AdoptedVersion, right: Right, subject: str, answers: Mapping[str, str], *, name: str,
           address: str, email: str, uploads: list[Upload], today: date, by: access.Actor) -> LoketRequest:
    """File a request: the rules of today's adopted version are stored on it, the due date is counted. Public:
    whoever has the loket's address may file (`access.PUBLIC`); audited without an actor."""
    access.require(by, Action.RESPOND, version)
    in_force = current_version(version.organisation_id, today)
    if in_force is None or in_force.id != version.id:
        raise access.AccessDenied(hidden=True)  # only the version in force on the day of filing has a loket
    if len(uploads) > MAX_ATTACHMENTS or any(check_upload(u) for u in uploads):
        raise LoketError("attachments")
    request = LoketRequest(organisation_id=version.organisation_id, adopted_version_id=version.id,
                           token=secrets.token_urlsafe(32), right=right.key, rules=right.as_rules(),
                           subject=subject.strip()[:300], answers=dict(answers), requester_name=name.strip(),
                           requester_address=address.strip(), requester_email=email.strip().lower(),
                           status=Status.ONTVANGEN.value, received_on=today,
                           due_on=end_of_period(today, right.weeks))
    for upload in uploads:
        ext = upload.filename.lower()[upload.filename.lower().rfind("."):]
        request.attachments.append(LoketAttachment(filename=upload.filename[-200:], size=len(upload.data),
                                                   content_type=ATTACHMENT_TYPES[ext][1], data=upload.data))
    db.session.add(request)
    db.session.flush()
    request.reference = f"LK-{today.year}-{request.id:05d}"
    audit.record(AuditAction.LOKET_SUBMITTED, actor_label="", organisation_id=request.organisation_id,
                 target=audit.target_of(request), right=right.key)
    return request


def by_token(token: str) -> LoketRequest | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(LoketRequest).where(LoketRequest.token == token))


def right_of(request: LoketRequest) -> Right:
    """The rules the request was filed under (not today's)."""
    return Right.from_rules(request.rules)


# --- case handling ------------------------------------------------------------------------------------------------

def _record_status(request: LoketRequest, before: Status, by: User, **detail: Any) -> None:
    audit.record(AuditAction.LOKET_STATUS, actor=by, organisation_id=request.organisation_id,
                 target=audit.target_of(request), **{"from": before.value, "to": request.status}, **detail)


def start_handling(request: LoketRequest, *, by: User) -> None:
    access.require(by, Action.HANDLE_REQUESTS, request)
    before = _move(request, Status.IN_BEHANDELING)
    _record_status(request, before, by)


def postpone(request: LoketRequest, until: date, reason: str, *, by: User, today: date) -> None:
    """Postpone the decision once, with reasons, before the period ends (art. 4:14 Awb). The new date is moved to a
    working day like any period."""
    access.require(by, Action.HANDLE_REQUESTS, request)
    if not reason.strip():
        raise LoketError("reason")
    if today > request.due_on:
        raise LoketError("period ended")
    until = next_working_day(until)
    if until <= request.due_on or until > next_working_day(request.due_on + timedelta(weeks=MAX_POSTPONE_WEEKS)):
        raise LoketError("until")
    before = _move(request, Status.VERDAAGD)
    request.postponed_on, request.postpone_reason, request.due_on = today, reason.strip(), until
    _record_status(request, before, by, until=until.isoformat())


def decide(request: LoketRequest, outcome: Outcome, reasons: str, conditions: str, *, by: User,
           today: date) -> None:
    """Decide with reasons (art. 3:46 Awb); the letter follows from what is stored here."""
    access.require(by, Action.HANDLE_REQUESTS, request)
    if not reasons.strip():
        raise LoketError("reasons")
    before = _move(request, Status.BESLOTEN)
    request.outcome, request.decided_on = outcome.value, today
    request.decision_reasons, request.decision_conditions = reasons.strip(), conditions.strip() or None
    _record_status(request, before, by, outcome=outcome.value, on_time=today <= request.due_on)


def handlers(organisation_id: int) -> list[User]:
    """The members who may handle requests: the choices for assignment."""
    roles = [r.value for r in access.RIGHTS[Action.HANDLE_REQUESTS]]
    return list(db.session.scalars(select(User).join(Membership, Membership.user_id == User.id)
                                   .where(Membership.organisation_id == organisation_id, Membership.role.in_(roles))
                                   .order_by(User.name)))


def assign(request: LoketRequest, user_id: int | None, *, by: User) -> None:
    access.require(by, Action.HANDLE_REQUESTS, request)
    if user_id is not None and user_id not in {u.id for u in handlers(request.organisation_id)}:
        raise LoketError("assignee")
    request.assigned_to_id = user_id
    audit.record(AuditAction.LOKET_ASSIGNED, actor=by, organisation_id=request.organisation_id,
                 target=audit.target_of(request), to=user_id)


def add_note(request: LoketRequest, body: str, *, by: User) -> LoketNote:
    access.require(by, Action.HANDLE_REQUESTS, request)
    if not body.strip():
        raise LoketError("note")
    note = LoketNote(request_id=request.id, author_id=by.id, body=body.strip())
    db.session.add(note)
    audit.record(AuditAction.LOKET_NOTE, actor=by, organisation_id=request.organisation_id,
                 target=audit.target_of(request))
    return note


def open_request(request: LoketRequest, *, by: User) -> None:
    """Staff open a request with personal data: allowed for handlers, and audited."""
    access.require(by, Action.HANDLE_REQUESTS, request)
    audit.record(AuditAction.LOKET_VIEWED, actor=by, organisation_id=request.organisation_id,
                 target=audit.target_of(request))


# --- lists --------------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class ListRow:
    id: int
    reference: str
    right: str
    subject: str
    status: str
    outcome: str | None
    received_on: date
    due_on: date
    assigned_to: str | None
    overdue: bool
    due_soon: bool


def staff_list(organisation: Organisation, today: date, *, by: User, after: str | None = None,
               before: str | None = None) -> tuple[KeyedPage[ListRow], int]:
    """Open requests first by due date, so overdue ones and those due within a week come first (marked as such);
    decided ones last, newest decision first. Returns the page and the number of open requests. Paged by key, not
    by OFFSET: the rows after `after` ("Volgende") or before `before` ("Vorige"), so a deep page reads only its own
    rows. At most three queries, each along an index, however many requests there are: decided requests pile up
    over the years and are never counted."""
    access.require(by, Action.HANDLE_REQUESTS, organisation)
    open_count = db.session.scalar(select(func.count(LoketRequest.id))
                                   .where(LoketRequest.organisation_id == organisation.id,
                                          LoketRequest.decided.is_(False))) or 0
    open_key = tuple_(LoketRequest.due_on, LoketRequest.id)
    decided_key = tuple_(LoketRequest.decided_on, LoketRequest.id)

    def part(decided: bool, order, limit: int, *where):
        return list(db.session.execute(
            _list_select().where(LoketRequest.organisation_id == organisation.id,
                                 LoketRequest.decided.is_(decided), *where).order_by(*order).limit(limit)))

    def key_of(row) -> str:
        return page_key(row.decided_on, row.id, "b") if row.decided else page_key(row.due_on, row.id, "o")

    wanted = PER_PAGE + 1    # one more than a page: is there a page beyond?
    back = parse_page_key(before)
    key = None if back else parse_page_key(after)
    if back:   # the page before: the same two parts read backwards, then turned round
        found = []
        if back[0] == "b":
            found = part(True, (LoketRequest.decided_on, LoketRequest.id), wanted, decided_key > (back[1], back[2]))
        if len(found) < wanted:
            found += part(False, (LoketRequest.due_on.desc(), LoketRequest.id.desc()), wanted - len(found),
                          *([open_key < (back[1], back[2])] if back[0] == "o" else []))
        found.reverse()
        more_before, found = len(found) > PER_PAGE, found[-PER_PAGE:]
        next_key = key_of(found[-1]) if found else None
        previous_key = key_of(found[0]) if found and more_before else None
    else:
        found = []
        if key is None or key[0] == "o":
            found = part(False, (LoketRequest.due_on, LoketRequest.id), wanted,
                         *([open_key > (key[1], key[2])] if key else []))
        if len(found) < wanted:
            found += part(True, (LoketRequest.decided_on.desc(), LoketRequest.id.desc()), wanted - len(found),
                          *([decided_key < (key[1], key[2])] if key and key[0] == "b" else []))
        next_key = key_of(found[PER_PAGE - 1]) if len(found) > PER_PAGE else None
        found = found[:PER_PAGE]
        previous_key = key_of(found[0]) if key and found else None
    soon = today + timedelta(days=DUE_SOON_DAYS)
    decided_status = Status.BESLOTEN.value
    rows = [ListRow(id_, reference or "", right, subject, status, outcome, received_on, due_on, name,
                    overdue=status != decided_status and due_on < today,
                    due_soon=status != decided_status and today <= due_on <= soon)
            for id_, reference, right, subject, status, outcome, received_on, due_on, name, *_decided in found]
    return KeyedPage(rows, next_key, previous_key), open_count


@cache
def _list_select():
    """The staff list's columns and the handler's name, made once and not at every view of the list (a select is
    immutable; staff_list unpacks its rows in this order)."""
    return (select(LoketRequest.id, LoketRequest.reference, LoketRequest.right, LoketRequest.subject,
                   LoketRequest.status, LoketRequest.outcome, LoketRequest.received_on, LoketRequest.due_on,
                   User.name, LoketRequest.decided, LoketRequest.decided_on)
            .outerjoin(User, User.id == LoketRequest.assigned_to_id))


@dataclass(frozen=True)
class RegisterRow:
    reference: str
    right: str
    subject: str
    received_on: date
    status: str
    outcome: str | None
    decided_on: date | None


def public_register(organisation_id: int, after: str | None = None,
                    before: str | None = None) -> KeyedPage[RegisterRow]:
    """The public register: only columns without personal data are selected. Newest first, one query (one row
    more than a page tells whether there is a page beyond); paged by key: the rows after `after` ("Oudere") or
    before `before` ("Nieuwere"), so an old page costs what the newest does."""
    back = parse_page_key(before)
    key = None if back else parse_page_key(after)
    received = tuple_(LoketRequest.received_on, LoketRequest.id)
    query = (select(LoketRequest.reference, LoketRequest.right, LoketRequest.subject, LoketRequest.received_on,
                    LoketRequest.status, LoketRequest.outcome, LoketRequest.decided_on, LoketRequest.id)
             .where(LoketRequest.organisation_id == organisation_id)
             .limit(PER_PAGE + 1))
    if back:
        query = query.where(received > (back[1], back[2])).order_by(LoketRequest.received_on, LoketRequest.id)
    else:
        query = query.where(*([received < (key[1], key[2])] if key else [])) \
            .order_by(LoketRequest.received_on.desc(), LoketRequest.id.desc())
    found = list(db.session.execute(query))
    if back:
        found.reverse()
        more_before, found = len(found) > PER_PAGE, found[-PER_PAGE:]
        next_key, previous_key = (page_key(found[-1].received_on, found[-1].id) if found else None,
                                  page_key(found[0].received_on, found[0].id) if found and more_before else None)
    else:
        next_key = page_key(found[PER_PAGE - 1].received_on, found[PER_PAGE - 1].id) if len(found) > PER_PAGE else None
        found = found[:PER_PAGE]
        previous_key = page_key(found[0].received_on, found[0].id) if key and found else None
    return KeyedPage([RegisterRow(r.reference or "", r.right, r.subject, r.received_on, r.status, r.outcome,
                                  r.decided_on) for r in found], next_key, previous_key)


# --- reminders and retention (cron) -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reminder:
    to: str
    request: LoketRequest


def due_reminders(today: date, days_before: int = 5, *, by: access.Actor) -> list[Reminder]:
    """Open requests due within `days_before` days (or overdue) not reminded today: one reminder to the assigned
    handler, or else to every handler of the organisation. Marks them reminded. The operator's job (cron)."""
    access.require(by, Action.OPERATE, None)
    soon = today + timedelta(days=days_before)
    found = db.session.scalars(select(LoketRequest).where(LoketRequest.status != Status.BESLOTEN.value,
                                                          LoketRequest.due_on <= soon,
                                                          (LoketRequest.reminded_on.is_(None))
                                                          | (LoketRequest.reminded_on < today))
                               .order_by(LoketRequest.due_on)).all()
    reminders = []
    for request in found:
        people = [request.assigned_to] if request.assigned_to else handlers(request.organisation_id)
        reminders += [Reminder(p.email, request) for p in people if p is not None]
        request.reminded_on = today
    return reminders


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, 28))


def purge_personal_data(today: date, months: int = RETENTION_MONTHS, *, by: access.Actor) -> int:
    """Remove the requesters' personal data of requests decided more than `months` months ago: name, address,
    e-mail, the texts, attachments, internal notes and supporters' addresses. The register's columns stay.
    Only the operator does this (`flask loket purge`, from cron)."""
    access.require(by, Action.OPERATE, None)
    cutoff = _months_before(today, months)
    ids = list(db.session.scalars(select(LoketRequest.id).where(LoketRequest.status == Status.BESLOTEN.value,
                                                                LoketRequest.decided_on < cutoff,
                                                                LoketRequest.personal_data_removed_at.is_(None))))
    if not ids:
        return 0
    db.session.execute(delete(LoketAttachment).where(LoketAttachment.request_id.in_(ids)))
    db.session.execute(delete(LoketNote).where(LoketNote.request_id.in_(ids)))
    db.session.execute(delete(InitiativeSupport).where(InitiativeSupport.request_id.in_(ids)))
    db.session.execute(update(LoketRequest).where(LoketRequest.id.in_(ids)).values(
        requester_name="", requester_address="", requester_email="", answers={}, decision_reasons=None,
        decision_conditions=None, postpone_reason=None, personal_data_removed_at=utcnow()))
    audit.record(AuditAction.LOKET_PURGED, actor_label="cron", target="loket_request", count=len(ids))
    return len(ids)


# --- burgerinitiatief: supporters ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Support:
    online: int
    paper: int
    needed: int | None

    @property
    def total(self) -> int:
        return self.online + self.paper

    @property
    def reached(self) -> bool:
        """The ordinance's threshold is met: the initiative goes to the raad (or its committee)."""
        return self.needed is not None and self.total >= self.needed


def is_open_initiative(request: LoketRequest | None) -> bool:
    return request is not None and request.open_for_support


def support_of(request: LoketRequest) -> Support:
    """Confirmed online supporters (one per address: a unique constraint) plus the paper lists staff counted."""
    online = db.session.scalar(select(func.count(InitiativeSupport.id))
                               .where(InitiativeSupport.request_id == request.id,
                                      InitiativeSupport.confirmed_at.is_not(None)))
    return Support(online or 0, request.paper_supporters, Right.from_rules(request.rules).supporters_needed)


def ask_support(request: LoketRequest, email: str, *, by: access.Actor) -> str | None:
    """A supporter leaves an address: the token for the confirmation mail, or None when this address already
    supports the initiative (confirmed). Two parallel asks of one address make one row (the database decides)."""
    access.require(by, Action.RESPOND, request)
    from app.services.core.transaction import insert_if_absent
    if not is_open_initiative(request):
        raise LoketError("closed")
    email = email.strip().lower()
    insert_if_absent(InitiativeSupport, request_id=request.id, email=email, token=secrets.token_urlsafe(32),
                     created_at=utcnow())
    row = db.session.execute(select(InitiativeSupport.token, InitiativeSupport.confirmed_at)
                             .where(InitiativeSupport.request_id == request.id,
                                    InitiativeSupport.email == email)).one()
    return None if row.confirmed_at else row.token


def support_by_token(token: str) -> InitiativeSupport | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(InitiativeSupport).where(InitiativeSupport.token == token))


def confirm_support(support: InitiativeSupport, *, by: access.Actor) -> bool:
    """Count the supporter: one conditional UPDATE, so a link used twice at once still counts once. True if this
    call counted it."""
    request = db.session.get(LoketRequest, support.request_id)
    access.require(by, Action.RESPOND, request)
    if not is_open_initiative(request):
        raise LoketError("closed")
    done = db.session.execute(update(InitiativeSupport)
                              .where(InitiativeSupport.id == support.id, InitiativeSupport.confirmed_at.is_(None))
                              .values(confirmed_at=utcnow())).rowcount == 1
    if done:
        audit.record(AuditAction.LOKET_SUPPORT, actor_label="", organisation_id=request.organisation_id,
                     target=audit.target_of(request), online=1)
    return done


def count_paper(request: LoketRequest, count: int, *, by: User) -> None:
    """Staff record the supporters counted on paper lists (the total so far, not an increment)."""
    access.require(by, Action.HANDLE_REQUESTS, request)
    if request.right != "burgerinitiatief" or not 0 <= count <= 1_000_000:
        raise LoketError("paper")
    before, request.paper_supporters = request.paper_supporters, count
    audit.record(AuditAction.LOKET_SUPPORT, actor=by, organisation_id=request.organisation_id,
                 target=audit.target_of(request), paper_before=before, paper=count)


@dataclass(frozen=True)
class Deadline:
    id: int
    reference: str
    right: str
    due_on: date


def record_download(target: Organisation | LoketRequest, file: str, *, by: User) -> None:
    """A file of the loket left the assistant (the deadlines' calendar, a decision letter, an attachment)."""
    access.require(by, Action.HANDLE_REQUESTS, target)
    organisation_id = target.id if isinstance(target, Organisation) else target.organisation_id
    audit.record(AuditAction.LOKET_DOWNLOAD, actor=by, organisation_id=organisation_id,
                 target=audit.target_of(target), file=file)


def open_deadlines(organisation: Organisation, *, by: User) -> list[Deadline]:
    """Every open request's due date, for the calendar file (reference and right only: no personal data)."""
    access.require(by, Action.HANDLE_REQUESTS, organisation)
    return [Deadline(r.id, r.reference or "", r.right, r.due_on) for r in db.session.execute(
        select(LoketRequest.id, LoketRequest.reference, LoketRequest.right, LoketRequest.due_on)
        .where(LoketRequest.organisation_id == organisation.id, LoketRequest.decided.is_(False))
        .order_by(LoketRequest.due_on, LoketRequest.id))]


# --- figures for the evaluation of the ordinance --------------------------------------------------------------

@dataclass(frozen=True)
class RightFigures:
    right: str
    filed: int
    decided: int
    granted: int          # toegekend or deels
    on_time: int          # decided on or before the (possibly postponed) due date
    median_days: float | None   # from receipt to decision, decided requests


def _days_to_decision():
    """Days from receipt to decision as SQL: date minus date is a number of days in PostgreSQL; SQLite needs
    julianday."""
    if db.session.get_bind().dialect.name == "sqlite":
        return func.julianday(LoketRequest.decided_on) - func.julianday(LoketRequest.received_on)
    return LoketRequest.decided_on - LoketRequest.received_on


def evaluation_figures(organisation: Organisation, *, by: User) -> list[RightFigures]:
    """Per right: how many requests, decided, granted, decided in time, and the median number of days to a
    decision. One grouped query, and per right one query for the middle of its sorted durations: the database
    counts and sorts, however many requests there are."""
    access.require(by, Action.HANDLE_REQUESTS, organisation)
    where = LoketRequest.organisation_id == organisation.id
    granted = LoketRequest.outcome.in_([Outcome.TOEGEKEND.value, Outcome.DEELS.value])
    in_time = LoketRequest.decided.is_(True) & (LoketRequest.decided_on <= LoketRequest.due_on)
    groups = db.session.execute(
        select(LoketRequest.right, func.count(LoketRequest.id),
               func.sum(case((LoketRequest.decided.is_(True), 1), else_=0)),
               func.sum(case((granted, 1), else_=0)), func.sum(case((in_time, 1), else_=0)))
        .where(where).group_by(LoketRequest.right).order_by(LoketRequest.right)).all()
    days = _days_to_decision()
    result = []
    for right, filed, decided, granted_count, on_time in groups:
        decided = int(decided or 0)
        median = None
        if decided:
            middle = [float(d) for d in db.session.scalars(
                select(days).where(where, LoketRequest.right == right, LoketRequest.decided.is_(True))
                .order_by(days).offset((decided - 1) // 2).limit(2 - decided % 2))]
            median = sum(middle) / len(middle)
        result.append(RightFigures(right, filed, decided, int(granted_count or 0), int(on_time or 0), median))
    return result
