"""Writing and reading the audit trail. Every sensitive action goes through `record`, in the same unit of work as
the action itself, and is also written as one line to the operational log."""
from __future__ import annotations

import contextvars
import enum
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select

from app.extensions import db
from app.models.audit import AuditEvent
from app.models.organisation import utcnow
from app.services.core import access
from app.services.core.text import _l

log = logging.getLogger("participatie.audit")

#: the client's address for the current request; set by the web layer, so services need not know about requests
client_ip: contextvars.ContextVar[str] = contextvars.ContextVar("client_ip", default="")


class AuditAction(str, enum.Enum):
    LOGIN = "login"
    LOGIN_FAILED = "login.failed"
    LOGOUT = "logout"
    LOGOUT_EVERYWHERE = "logout.everywhere"
    PASSWORD_CHANGED = "password.changed"
    PASSWORD_RESET_REQUESTED = "password.reset_requested"
    PASSWORD_RESET = "password.reset"
    TOTP_ENABLED = "totp.enabled"
    TOTP_DISABLED = "totp.disabled"
    ACCOUNT_CREATED = "account.created"
    ACCOUNT_DELETED = "account.deleted"
    ROLE_CHANGED = "role.changed"
    MEMBER_REMOVED = "member.removed"
    INVITATION_CREATED = "invitation.created"
    INVITATION_USED = "invitation.used"
    INVITATION_WITHDRAWN = "invitation.withdrawn"
    ORGANISATION_CHANGED = "workspace.changed"
    ORGANISATION_DELETED = "workspace.deleted"
    PLAN_CREATED = "plan.created"
    PLAN_RENAMED = "plan.renamed"
    PLAN_DELETED = "plan.deleted"
    PLAN_IMPORTED = "plan.imported"
    PLAN_RESTORED = "plan.restored"
    ORDINANCE_DOWNLOAD = "ordinance.download"
    DOCUMENT_DOWNLOAD = "document.download"  # a plan's other documents (uitvoeringsprogramma, …); detail "kind"
    ARTICLE_TEXT_SAVED = "article_text.saved"
    ARTICLE_TEXT_REMOVED = "article_text.removed"
    PLAN_EXPORT = "plan.export"
    PERSONAL_DATA_EXPORT = "personal_data.export"
    ADOPTION_CALENDAR_DOWNLOAD = "adoption.calendar_download"
    ATELIER_CREATED = "atelier.created"
    ATELIER_ROUND_CHANGED = "atelier.round_changed"
    ATELIER_GROUPS_CHANGED = "atelier.groups_changed"
    ATELIER_INVITATION_CREATED = "atelier.invitation_created"
    ATELIER_INVITATION_WITHDRAWN = "atelier.invitation_withdrawn"
    ATELIER_JOINED = "atelier.joined"
    ATELIER_SHARE_CHANGED = "atelier.share_changed"
    ATELIER_MESSAGE_SENT = "atelier.message_sent"
    ATELIER_COUNTDOWN_SET = "atelier.countdown_set"
    ATELIER_HELP_ASKED = "atelier.help_asked"
    ATELIER_HELP_HANDLED = "atelier.help_handled"
    ATELIER_REPORT_DOWNLOAD = "atelier.report_download"
    ATELIER_TAKEN_OVER = "atelier.taken_over"
    ATELIER_FACILITATOR_ADDED = "atelier.facilitator_added"
    ATELIER_FACILITATOR_REMOVED = "atelier.facilitator_removed"
    ZELFSCAN_SAVED = "zelfscan.saved"
    ZELFSCAN_EXPORTED = "zelfscan.exported"
    BENCHMARK_JOINED = "benchmark.joined"
    BENCHMARK_LEFT = "benchmark.left"
    ORGANISATION_VERIFIED = "organisation.verified"
    ORGANISATION_UNVERIFIED = "organisation.unverified"
    BENCHMARK_REPORT_DOWNLOAD = "benchmark.report_download"
    ATELIER_ASSIGNMENT_ADDED = "atelier.assignment_added"
    ATELIER_ASSIGNMENT_CHANGED = "atelier.assignment_changed"
    ATELIER_ASSIGNMENT_DELETED = "atelier.assignment_deleted"
    ATELIER_HOMEWORK_DONE = "atelier.homework_done"
    ATELIER_HOMEWORK_UNDONE = "atelier.homework_undone"
    ATELIER_REACTION_ADDED = "atelier.reaction_added"
    ATELIER_REACTION_DELETED = "atelier.reaction_deleted"
    PROJECT_CREATED = "project.created"
    PROJECT_CHANGED = "project.changed"
    PROJECT_DELETED = "project.deleted"
    PROJECT_DOCUMENT_SAVED = "project.document_saved"
    PROJECT_PUBLISHED = "project.published"
    PROJECT_UNPUBLISHED = "project.unpublished"
    PROJECT_DOWNLOAD = "project.download"
    PROJECT_IMPORTED = "project.imported"
    PROJECT_COMMENTED = "project.commented"
    PROJECT_COMMENT_RESOLVED = "project.comment_resolved"
    PROJECT_COMMENT_REOPENED = "project.comment_reopened"
    CASE_PUBLISHED = "case.published"
    CASE_CHANGED = "case.changed"
    CASE_UNPUBLISHED = "case.unpublished"
    ORDINANCE_EVALUATION_DOWNLOAD = "project.ordinance_evaluation_download"
    SURVEY_OPENED = "survey.opened"
    SURVEY_CLOSED = "survey.closed"
    SURVEY_QUESTION_ADDED = "survey.question_added"
    SURVEY_QUESTION_REMOVED = "survey.question_removed"
    SSO_LOGIN = "sso.login"
    SSO_LINKED = "sso.linked"
    SSO_ACCOUNT_CREATED = "sso.account_created"
    SSO_MEMBER_ADDED = "sso.member_added"
    SSO_SETTINGS_CHANGED = "sso.settings_changed"
    SURVEY_EXPORTED = "survey.exported"
    SURVEY_SETTINGS_CHANGED = "survey.settings_changed"
    SURVEY_CODES_MADE = "survey.codes_made"
    LOKET_ADOPTED = "loket.adopted"
    LOKET_SUBMITTED = "loket.submitted"
    LOKET_STATUS = "loket.status"          # detail "to": in_behandeling, verdaagd, besloten
    LOKET_ASSIGNED = "loket.assigned"
    LOKET_NOTE = "loket.note"
    LOKET_VIEWED = "loket.viewed"          # a request with personal data opened by staff
    LOKET_DOWNLOAD = "loket.download"      # the decision letter or an attachment
    LOKET_SUPPORT = "loket.support"        # supporters of a burgerinitiatief counted (paper) or confirmed
    LOKET_PURGED = "loket.purged"          # personal data removed after the retention period


def record(action: AuditAction, *, actor: Any = None, actor_label: str | None = None,
           organisation_id: int | None = None, target: str = "", **detail: Any) -> AuditEvent:
    """Add one event to the current unit of work (the caller commits) and log it."""
    event = AuditEvent(action=action.value, actor_id=getattr(actor, "id", None),
                       actor_label=(actor_label if actor_label is not None else getattr(actor, "email", ""))[:254],
                       organisation_id=organisation_id, target=target[:120], ip=client_ip.get()[:64],
                       detail={k: v for k, v in detail.items() if v is not None})
    db.session.add(event)
    # The facts go nested under "detail": a key such as "name" must not clash with the log record's own fields.
    log.info(action.value, extra={"actor": event.actor_label, "workspace": organisation_id, "target": target,
                                  "ip": event.ip, "detail": event.detail})
    return event


#: How the log names a target: "plan:12", "project:3", "municipality:1".
TARGET_PREFIXES = {"ParticipationPlan": "plan", "Project": "project", "Organisation": "municipality", "User": "user",
                   "LoketRequest": "loket_request", "Atelier": "atelier", "AtelierParticipant": "atelier_participant",
                   "AtelierInvitation": "atelier_invitation", "AtelierAssignment": "atelier_assignment",
                   "AtelierReaction": "atelier_reaction", "Invitation": "invitation", "Membership": "membership",
                   "Case": "case", "SelfScan": "zelfscan"}


def target_of(target: Any) -> str:
    return f"{TARGET_PREFIXES[target.__class__.__name__]}:{target.id}"  # __class__: the user behind a proxy too


def organisation_of(target: Any) -> int | None:
    return target.id if type(target).__name__ == "Organisation" else target.organisation_id


def record_download(target: Any, action: AuditAction, *, by: Any, right: Any = None, **detail: Any) -> AuditEvent:
    """A file left the assistant (a Word document, a CSV, a calendar): `by` must hold `right` (DOWNLOAD unless
    said otherwise) on the plan, project or organisation, and the log says who took which file."""
    access.require(by, right or access.Action.DOWNLOAD, target)
    return record(action, actor=by, organisation_id=organisation_of(target), target=target_of(target), **detail)


#: What each kind of event means, in plain Dutch, for the log page and its filter.
LABELS: dict[AuditAction, Any] = {
    AuditAction.LOGIN: _l("Ingelogd"),
    AuditAction.LOGIN_FAILED: _l("Inloggen mislukt"),
    AuditAction.LOGOUT: _l("Uitgelogd"),
    AuditAction.LOGOUT_EVERYWHERE: _l("Overal uitgelogd"),
    AuditAction.PASSWORD_CHANGED: _l("Wachtwoord gewijzigd"),
    AuditAction.PASSWORD_RESET_REQUESTED: _l("Nieuw wachtwoord aangevraagd"),
    AuditAction.PASSWORD_RESET: _l("Nieuw wachtwoord ingesteld"),
    AuditAction.TOTP_ENABLED: _l("Tweede stap bij inloggen aangezet"),
    AuditAction.TOTP_DISABLED: _l("Tweede stap bij inloggen uitgezet"),
    AuditAction.ACCOUNT_CREATED: _l("Account aangemaakt"),
    AuditAction.ACCOUNT_DELETED: _l("Account verwijderd"),
    AuditAction.ROLE_CHANGED: _l("Rol gewijzigd"),
    AuditAction.MEMBER_REMOVED: _l("Lid verwijderd"),
    AuditAction.INVITATION_CREATED: _l("Uitnodiging gemaakt"),
    AuditAction.INVITATION_USED: _l("Uitnodiging gebruikt"),
    AuditAction.INVITATION_WITHDRAWN: _l("Uitnodiging ingetrokken"),
    AuditAction.ORGANISATION_CHANGED: _l("Gegevens van de organisatie gewijzigd"),
    AuditAction.ORGANISATION_DELETED: _l("Organisatie verwijderd"),
    AuditAction.PLAN_CREATED: _l("Plan aangemaakt"),
    AuditAction.PLAN_RENAMED: _l("Naam van een plan gewijzigd"),
    AuditAction.PLAN_DELETED: _l("Plan verwijderd"),
    AuditAction.PLAN_IMPORTED: _l("Plan ingelezen"),
    AuditAction.PLAN_RESTORED: _l("Versie van een plan hersteld"),
    AuditAction.ORDINANCE_DOWNLOAD: _l("Verordening gedownload (Word)"),
    AuditAction.DOCUMENT_DOWNLOAD: _l("Document van een plan gedownload (Word)"),
    AuditAction.ARTICLE_TEXT_SAVED: _l("Eigen tekst van een artikel opgeslagen"),
    AuditAction.ARTICLE_TEXT_REMOVED: _l("Eigen tekst van een artikel verwijderd"),
    AuditAction.PLAN_EXPORT: _l("Plan gedownload (JSON)"),
    AuditAction.PERSONAL_DATA_EXPORT: _l("Eigen gegevens gedownload"),
    AuditAction.ADOPTION_CALENDAR_DOWNLOAD: _l("Planning naar vaststelling gedownload (agenda)"),
    AuditAction.ATELIER_CREATED: _l("Leeratelier aangemaakt"),
    AuditAction.ATELIER_ROUND_CHANGED: _l("Ronde van een leeratelier gewijzigd"),
    AuditAction.ATELIER_GROUPS_CHANGED: _l("Groepen van een leeratelier gewijzigd"),
    AuditAction.ATELIER_INVITATION_CREATED: _l("Uitnodiging voor een leeratelier gemaakt"),
    AuditAction.ATELIER_INVITATION_WITHDRAWN: _l("Uitnodiging voor een leeratelier ingetrokken"),
    AuditAction.ATELIER_JOINED: _l("Deelname aan een leeratelier"),
    AuditAction.ATELIER_SHARE_CHANGED: _l("Delen in een leeratelier gewijzigd"),
    AuditAction.ATELIER_MESSAGE_SENT: _l("Bericht in een leeratelier verstuurd"),
    AuditAction.ATELIER_COUNTDOWN_SET: _l("Aftellen in een leeratelier ingesteld"),
    AuditAction.ATELIER_HELP_ASKED: _l("Hulp gevraagd in een leeratelier"),
    AuditAction.ATELIER_HELP_HANDLED: _l("Hulpvraag in een leeratelier afgehandeld"),
    AuditAction.ATELIER_REPORT_DOWNLOAD: _l("Rondeverslag van een leeratelier gedownload (Word)"),
    AuditAction.ATELIER_TAKEN_OVER: _l("Antwoord overgenomen in een leeratelier"),
    AuditAction.ATELIER_FACILITATOR_ADDED: _l("Facilitator toegevoegd aan een leeratelier"),
    AuditAction.ATELIER_FACILITATOR_REMOVED: _l("Facilitator verwijderd uit een leeratelier"),
    AuditAction.ZELFSCAN_SAVED: _l("Zelfscan opgeslagen"),
    AuditAction.ZELFSCAN_EXPORTED: _l("Zelfscans gedownload (CSV)"),
    AuditAction.BENCHMARK_JOINED: _l("Deelname aan de benchmark gestart"),
    AuditAction.BENCHMARK_LEFT: _l("Deelname aan de benchmark gestopt"),
    AuditAction.ORGANISATION_VERIFIED: _l("Organisatie geverifieerd door de beheerder van de assistent"),
    AuditAction.ORGANISATION_UNVERIFIED: _l("Verificatie van de organisatie ingetrokken"),
    AuditAction.BENCHMARK_REPORT_DOWNLOAD: _l("Benchmarkrapport gedownload (Word)"),
    AuditAction.ATELIER_ASSIGNMENT_ADDED: _l("Opdracht of huiswerk toegevoegd in een leeratelier"),
    AuditAction.ATELIER_ASSIGNMENT_CHANGED: _l("Opdracht of huiswerk gewijzigd in een leeratelier"),
    AuditAction.ATELIER_ASSIGNMENT_DELETED: _l("Opdracht of huiswerk verwijderd in een leeratelier"),
    AuditAction.ATELIER_HOMEWORK_DONE: _l("Huiswerk als gedaan gemarkeerd in een leeratelier"),
    AuditAction.ATELIER_HOMEWORK_UNDONE: _l("Huiswerk weer als niet gedaan gemarkeerd in een leeratelier"),
    AuditAction.ATELIER_REACTION_ADDED: _l("Reactie geplaatst op een voorbeeld in een leeratelier"),
    AuditAction.ATELIER_REACTION_DELETED: _l("Reactie verwijderd in een leeratelier"),
    AuditAction.PROJECT_CREATED: _l("Traject aangemaakt"),
    AuditAction.PROJECT_CHANGED: _l("Gegevens van een traject gewijzigd"),
    AuditAction.PROJECT_DELETED: _l("Traject verwijderd"),
    AuditAction.PROJECT_DOCUMENT_SAVED: _l("Participatieplan, -verslag of evaluatie van een traject opgeslagen"),
    AuditAction.PROJECT_PUBLISHED: _l("Participatieplan of -verslag openbaar gemaakt"),
    AuditAction.PROJECT_UNPUBLISHED: _l("Participatieplan of -verslag niet meer openbaar"),
    AuditAction.PROJECT_DOWNLOAD: _l("Document van een traject gedownload"),
    AuditAction.PROJECT_IMPORTED: _l("Traject ingelezen"),
    AuditAction.PROJECT_COMMENTED: _l("Opmerking bij een traject geplaatst"),
    AuditAction.PROJECT_COMMENT_RESOLVED: _l("Opmerking bij een traject afgehandeld"),
    AuditAction.PROJECT_COMMENT_REOPENED: _l("Opmerking bij een traject heropend"),
    AuditAction.CASE_PUBLISHED: _l("Casus gepubliceerd in de casusbibliotheek"),
    AuditAction.CASE_CHANGED: _l("Gepubliceerde casus gewijzigd"),
    AuditAction.CASE_UNPUBLISHED: _l("Casus uit de casusbibliotheek teruggetrokken"),
    AuditAction.ORDINANCE_EVALUATION_DOWNLOAD: _l("Evaluatie van de verordening gedownload"),
    AuditAction.SURVEY_OPENED: _l("Vragenlijst (deelnemers of medewerkers) geopend"),
    AuditAction.SURVEY_CLOSED: _l("Vragenlijst (deelnemers of medewerkers) gesloten"),
    AuditAction.SURVEY_QUESTION_ADDED: _l("Eigen vraag aan de vragenlijst toegevoegd"),
    AuditAction.SURVEY_QUESTION_REMOVED: _l("Eigen vraag uit de vragenlijst verwijderd"),
    AuditAction.SSO_LOGIN: _l("Ingelogd via de identity provider van de organisatie"),
    AuditAction.SSO_LINKED: _l("Account gekoppeld aan de identity provider van de organisatie"),
    AuditAction.SSO_ACCOUNT_CREATED: _l("Account aangemaakt bij de eerste login via de organisatie"),
    AuditAction.SSO_MEMBER_ADDED: _l("Lid geworden bij de eerste login via de organisatie"),
    AuditAction.SSO_SETTINGS_CHANGED: _l("Inloggen via de organisatie (single sign-on) ingesteld"),
    AuditAction.SURVEY_EXPORTED: _l("Resultaten van de vragenlijst gedownload"),
    AuditAction.SURVEY_SETTINGS_CHANGED: _l("Instellingen van de vragenlijst gewijzigd (avondstand, toegangscodes)"),
    AuditAction.SURVEY_CODES_MADE: _l("Toegangscodes voor de vragenlijst gemaakt"),
    AuditAction.LOKET_ADOPTED: _l("Versie van het plan als vastgestelde verordening gemarkeerd"),
    AuditAction.LOKET_SUBMITTED: _l("Verzoek ingediend bij het loket"),
    AuditAction.LOKET_STATUS: _l("Status van een verzoek gewijzigd"),
    AuditAction.LOKET_ASSIGNED: _l("Verzoek toegewezen"),
    AuditAction.LOKET_NOTE: _l("Interne notitie bij een verzoek geplaatst"),
    AuditAction.LOKET_VIEWED: _l("Verzoek ingezien"),
    AuditAction.LOKET_DOWNLOAD: _l("Besluit of bijlage van een verzoek gedownload"),
    AuditAction.LOKET_SUPPORT: _l("Steun voor een burgerinitiatief geteld"),
    AuditAction.LOKET_PURGED: _l("Persoonsgegevens van verzoeken verwijderd na de bewaartermijn"),
}


def label(action: str) -> str:
    """The plain Dutch name of a stored action; an action this version no longer knows shows as it is."""
    try:
        return str(LABELS[AuditAction(action)])
    except (ValueError, KeyError):
        return action


def events_for(organisation_id: int, action: str | None = None, limit: int = 200, before_id: int | None = None,
               since: datetime | None = None, until: datetime | None = None) -> list[AuditEvent]:
    """The newest events of an organisation, optionally of one kind and within [since, until), older than `before_id`
    for paging (ids only grow, so they page more reliably than times)."""
    query = select(AuditEvent).where(AuditEvent.organisation_id == organisation_id)
    if action:
        query = query.where(AuditEvent.action == action)
    if before_id:
        query = query.where(AuditEvent.id < before_id)
    if since is not None:
        query = query.where(AuditEvent.created_at >= since)
    if until is not None:
        query = query.where(AuditEvent.created_at < until)
    return list(db.session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit)))


def events_about(user_id: int, since: datetime | None = None) -> list[AuditEvent]:
    """Every event this person did, or that was done to them (target "user:<id>"), oldest first. `since`: the
    account's creation, so events of an earlier account with the same id (SQLite reuses ids) are not theirs."""
    query = select(AuditEvent).where(or_(AuditEvent.actor_id == user_id, AuditEvent.target == f"user:{user_id}"))
    if since is not None:
        query = query.where(AuditEvent.created_at >= since)
    return list(db.session.scalars(query.order_by(AuditEvent.id)))


def purge_older_than(days: int, now: datetime | None = None, *, by: Any) -> int:
    """Remove events older than the retention period; returns how many. Only the operator does this."""
    access.require(by, access.Action.OPERATE, None)
    cutoff = (now or utcnow()) - timedelta(days=days)
    return db.session.execute(delete(AuditEvent).where(AuditEvent.created_at < cutoff)).rowcount or 0


_TARGET_KINDS = {"plan": _l("plan"), "user": _l("account"), "municipality": _l("organisatie"),
                 "membership": _l("lidmaatschap"), "invitation": _l("uitnodiging"),
                 "atelier": _l("leeratelier"), "atelier_invitation": _l("uitnodiging voor een leeratelier"),
                 "atelier_participant": _l("deelname aan een leeratelier"), "zelfscan": _l("zelfscan"),
                 "case": _l("casus"), "atelier_assignment": _l("opdracht in een leeratelier"),
                 "atelier_reaction": _l("reactie in een leeratelier")}
_DETAIL_LABELS = {"title": _l("titel"), "old": _l("was"), "new": _l("nu"), "name": _l("naam"), "role": _l("rol"),
                  "old_role": _l("oude rol"), "new_role": _l("nieuwe rol"), "workspace": _l("organisatie"),
                  "file": _l("bestand"), "changes": _l("gewijzigd"), "reason": _l("reden"), "plans": _l("plannen"),
                  "members": _l("leden"), "body_type": _l("soort"), "inhabitants": _l("inwoners"),
                  "atelier": _l("leeratelier"), "plan": _l("plan"), "step": _l("stap"), "scope": _l("delen met"),
                  "round": _l("ronde"), "year": _l("jaar")}


def describe_target(event: AuditEvent) -> str:
    """'plan 3' for "plan:3": what the event was done to, in words."""
    kind, _sep, ident = (event.target or "").partition(":")
    return f"{_TARGET_KINDS[kind]} {ident}" if kind in _TARGET_KINDS and ident else (event.target or "")


def describe_detail(event: AuditEvent) -> str:
    """The event's facts in words: 'titel: Plan 2027; was: A; nu: B'."""
    def words(value: Any) -> str:
        if isinstance(value, dict):
            return ", ".join(f"{_DETAIL_LABELS.get(k, k)} {words(v)}" for k, v in value.items())
        if isinstance(value, list) and len(value) == 2:
            return f"{value[0] if value[0] is not None else '–'} → {value[1] if value[1] is not None else '–'}"
        if isinstance(value, str) and value in _ACTION_VALUES:
            return label(value).lower()
        return str(value)
    return "; ".join(f"{_DETAIL_LABELS.get(k, k)}: {words(v)}" for k, v in (event.detail or {}).items())


_ACTION_VALUES = {a.value for a in AuditAction}
