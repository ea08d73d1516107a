"""The facilitator's view across the atelier: where each team stands in a round, and the round report.

The dashboard reads every participant's answers, revisions and team in a fixed number of queries, however many
organisations take part. The report shows only what the participants share (sharing.shared_answers decides).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import (Atelier, AtelierGroup, AtelierParticipant, AtelierSeat, AuditEvent, Membership,
                        Organisation, ParticipationPlan, PlanRevision, StepAnswer, User)
from app.models.atelier_homework import AssignmentKind, AtelierAssignment, AtelierHomeworkDone
from app.models.organisation import utcnow
from app.services.atelier import sharing
from app.services.atelier.ateliers import steps_of_round
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _
from app.services.documents.model import Document, ListBlock, PageBreak
from app.services.ordinance.wording import capfirst
from app.services.questions.answers import StepStatus, display_value, missing_required, step_status
from app.services.questions.handreiking import Handreiking, Step

ACTIVE_DAYS = 14  # a team member counts as active with a change in the last two weeks


@dataclass
class StepProgress:
    step: Step
    status: StepStatus
    open_required: int


@dataclass
class TeamProgress:
    participant: AtelierParticipant
    name: str
    group: AtelierGroup | None
    steps: list[StepProgress]
    last_activity: datetime | None
    active: list[str]
    homework_done: int = 0  # how many of the round's huiswerk the organisation marked done

    @property
    def open_required(self) -> int:
        return sum(s.open_required for s in self.steps)


@dataclass
class Dashboard:
    round_number: int
    steps: list[Step]
    groups: list[AtelierGroup]
    group: AtelierGroup | None  # the group filtered on, if any
    teams: list[TeamProgress]
    homework_total: int = 0  # the round's huiswerk


def dashboard(viewer: User, atelier: Atelier, round_number: int, handreiking: Handreiking,
              group_id: int | None = None, now: datetime | None = None) -> Dashboard:
    """Every participating organisation × the round's steps; only the organisations at `group_id`'s table if given."""
    access.require(viewer, Action.FACILITATE, atelier)
    now = now or utcnow()
    steps = steps_of_round(handreiking, round_number)
    groups = list(db.session.scalars(select(AtelierGroup).where(
        AtelierGroup.atelier_id == atelier.id, AtelierGroup.round_number == round_number).order_by(AtelierGroup.id)))
    group = next((g for g in groups if g.id == group_id), None)
    participants = list(db.session.scalars(select(AtelierParticipant).where(
        AtelierParticipant.atelier_id == atelier.id).options(selectinload(AtelierParticipant.organisation))
        .order_by(AtelierParticipant.id)))
    seats = dict(db.session.execute(select(AtelierSeat.participant_id, AtelierSeat.group_id)
                                    .join(AtelierParticipant, AtelierParticipant.id == AtelierSeat.participant_id)
                                    .where(AtelierParticipant.atelier_id == atelier.id,
                                           AtelierSeat.round_number == round_number)).all())
    if group is not None:
        participants = [p for p in participants if seats.get(p.id) == group.id]
    plan_ids = [p.plan_id for p in participants]
    answers: dict[tuple[int, int], dict] = {}
    last: dict[int, datetime] = {}
    active: dict[int, list[str]] = {}
    if plan_ids:
        for plan_id, number, stored in db.session.execute(select(
                StepAnswer.plan_id, StepAnswer.step_number, StepAnswer.answers).where(
                StepAnswer.plan_id.in_(plan_ids), StepAnswer.step_number.in_([s.number for s in steps]))):
            answers[(plan_id, number)] = stored or {}
        last = dict(db.session.execute(select(PlanRevision.plan_id, func.max(PlanRevision.created_at))
                                       .where(PlanRevision.plan_id.in_(plan_ids)).group_by(PlanRevision.plan_id)).all())
        # Only people still in the team count; one who left is not "active" any more.
        for plan_id, name in db.session.execute(
                select(PlanRevision.plan_id, User.name).distinct()
                .join(ParticipationPlan, ParticipationPlan.id == PlanRevision.plan_id)
                .join(Membership, (Membership.user_id == PlanRevision.user_id)
                      & (Membership.organisation_id == ParticipationPlan.organisation_id))
                .join(User, User.id == PlanRevision.user_id)
                .where(PlanRevision.plan_id.in_(plan_ids),
                       PlanRevision.created_at >= now - timedelta(days=ACTIVE_DAYS))):
            active.setdefault(plan_id, []).append(name)
    homework = list(db.session.scalars(select(AtelierAssignment.id).where(
        AtelierAssignment.atelier_id == atelier.id, AtelierAssignment.round_number == round_number,
        AtelierAssignment.kind == AssignmentKind.HOMEWORK.value)))
    done: dict[int, int] = {}
    if homework and participants:
        done = dict(db.session.execute(select(AtelierHomeworkDone.participant_id, func.count())
                                       .where(AtelierHomeworkDone.assignment_id.in_(homework))
                                       .group_by(AtelierHomeworkDone.participant_id)).all())
    by_id = {g.id: g for g in groups}
    teams = []
    for p in participants:
        progress = []
        for step in steps:
            stored = answers.get((p.plan_id, step.number), {})
            progress.append(StepProgress(step, step_status(step, stored), len(missing_required(step, stored))))
        teams.append(TeamProgress(p, p.organisation.display_name, by_id.get(seats.get(p.id)), progress,
                                  last.get(p.plan_id), sorted(active.get(p.plan_id, []), key=str.casefold),
                                  done.get(p.id, 0)))
    return Dashboard(round_number, steps, groups, group, teams, len(homework))


@dataclass
class ReportStep:
    step: Step
    answers: list[tuple[str, str]] = field(default_factory=list)  # (question, the answer as a person reads it)


@dataclass
class TeamReport:
    participant: AtelierParticipant
    name: str
    steps: list[ReportStep]


def record_report_download(atelier: Atelier, participant: AtelierParticipant | None, round_number: int, file: str,
                           *, by: User) -> None:
    """The round report (one organisation's or the whole atelier's) left the assistant as a Word file."""
    access.require(by, Action.FACILITATE, atelier)
    if participant is not None and participant.atelier_id != atelier.id:
        raise access.AccessDenied(hidden=True)  # a participant of another atelier
    audit.record(AuditAction.ATELIER_REPORT_DOWNLOAD, actor=by,
                 organisation_id=participant.organisation_id if participant else None,
                 target=audit.target_of(participant or atelier), atelier=atelier.id, round=round_number, file=file)


def round_report(viewer: User, atelier: Atelier, round_number: int, handreiking: Handreiking,
                 participant: AtelierParticipant | None = None, now: datetime | None = None) -> list[TeamReport]:
    """What each organisation (or only `participant`) made in the round's steps, as far as it shares it with the
    atelier or its group: the facilitator sees no more here than on the atelier's page."""
    access.require(viewer, Action.FACILITATE, atelier)
    # Load every participant's sharing choices and name at once, so the sharing rule does not query per organisation,
    # and hand them to the atelier as its participants: left unreferenced, the loaded rows would be dropped and
    # atelier.participants would load them again, without their shares and names (two queries per organisation).
    loaded = list(db.session.scalars(select(AtelierParticipant).where(AtelierParticipant.atelier_id == atelier.id)
                                     .options(selectinload(AtelierParticipant.shares),
                                              selectinload(AtelierParticipant.organisation))
                                     .order_by(AtelierParticipant.id)))
    set_committed_value(atelier, "participants", loaded)
    shown = [participant] if participant is not None else loaded
    reports = {p.id: TeamReport(p, p.organisation.display_name, []) for p in shown}
    for qa in sharing.shared_answers(viewer, atelier, round_number, handreiking, now):
        for answer in qa.answers:
            report = reports.get(answer.participant.id)
            if report is None:
                continue
            if not report.steps or report.steps[-1].step.number != qa.step.number:
                report.steps.append(ReportStep(qa.step))
            report.steps[-1].answers.append((qa.question.label, display_value(qa.question, answer.value)))
    return list(reports.values())


@dataclass
class TakenOver:
    """An answer other organisations took over, and how often."""
    name: str        # the organisation whose answer it is
    step: Step
    question: str    # the question's label
    count: int


def most_taken_over(viewer: User, atelier: Atelier, round_number: int, handreiking: Handreiking,
                    limit: int = 10) -> list[TakenOver]:
    """The answers of the round's steps taken over most in this atelier, most often first.

    Read from the audit trail, where takeover.take_over records every take-over with the atelier, step, question
    and the source organisation (the plan's history holds only a sentence with the name). A list answer counts once
    per row taken. Events older than the audit trail's retention period are no longer counted."""
    access.require(viewer, Action.FACILITATE, atelier)
    steps = {s.number: s for s in steps_of_round(handreiking, round_number)}
    takers = [p.organisation_id for p in atelier.participants]
    if not steps or not takers:
        return []
    counts: dict[tuple[int, int, str], int] = {}
    for detail in db.session.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == AuditAction.ATELIER_TAKEN_OVER.value, AuditEvent.organisation_id.in_(takers))):
        detail = detail or {}
        if detail.get("atelier") == atelier.id and detail.get("step") in steps and detail.get("source"):
            key = (detail["source"], detail["step"], str(detail.get("question", "")))
            counts[key] = counts.get(key, 0) + 1
    names = {m.id: m.display_name for m in db.session.scalars(select(Organisation).where(
        Organisation.id.in_({source for source, _s, _q in counts})))} if counts else {}
    result = []
    for (source, number, key), count in counts.items():
        question = next((q for q in steps[number].questions if q.key == key), None)
        result.append(TakenOver(names.get(source, _("een organisatie die niet meer bestaat")), steps[number],
                                question.label if question else key, count))
    result.sort(key=lambda t: (-t.count, t.step.number, t.name.casefold(), t.question))
    return result[:limit]


def build_report(atelier: Atelier, round_number: int, reports: list[TeamReport],
                 examples: list[TakenOver] | None = None) -> Document:
    """The round report as a shared-model Document (the page shows it, docx_writer writes it to Word): per
    organisation a heading, per step a heading, per question the question and the answer; for the whole atelier also
    the examples taken over most. Each organisation, and the examples, start on a new page, so a facilitator can hand
    every team its own pages."""
    doc = Document(kind="rondeverslag", title=_("Rondeverslag: %(atelier)s, ronde %(number)s",
                                                atelier=atelier.name, number=round_number),
                   subject=atelier.name)
    doc.paragraph(_("Alleen wat de organisaties met het atelier of hun groep delen, staat in dit verslag."),
                  style="note")
    if not reports:
        doc.paragraph(_("Er doen nog geen organisaties mee."))
    for i, report in enumerate(reports):
        if i:
            doc.add(PageBreak())
        doc.heading(capfirst(report.name), level=1)
        if not report.steps:
            doc.paragraph(_("Deze organisatie deelt in deze ronde nog niets met het atelier."))
        for part in report.steps:
            doc.heading(f"{part.step.number}. {part.step.title}", level=2)
            for question, answer in part.answers:
                doc.heading(question, level=3)
                doc.paragraph(answer)
    if examples is not None:
        if reports:
            doc.add(PageBreak())
        doc.heading(_("Meest overgenomen voorbeelden"), level=1)
        if examples:
            doc.add(ListBlock([example_line(ex) for ex in examples], numbered=True))
        else:
            doc.paragraph(_("In deze ronde is nog geen antwoord overgenomen."))
    return doc


def example_line(ex: TakenOver) -> str:
    """One line of "Meest overgenomen voorbeelden", the same on the page and in Word."""
    return _("%(name)s, stap %(step)s (%(title)s), vraag “%(question)s”: %(count)s keer overgenomen",
             name=capfirst(ex.name), step=ex.step.number, title=ex.step.title, question=ex.question,
             count=ex.count)
