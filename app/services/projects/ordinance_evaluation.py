"""The evaluation of the ordinance for the raad: every trajectory of an organisation in a period, counted and scored.

A trajectory counts for a period when it ran in it: created before the period ended and last changed after it
began. Participants' figures of a project count only when its survey has MIN_RESPONSES responses or more.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import mean
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Organisation, ParticipationPlan
from app.models.project import Project
from app.services.core import audit
from app.services.core.audit import AuditAction
from app.services.core.content import Content
from app.services.core.text import _
from app.services.documents.model import Document, ListBlock, Table
from app.services.ordinance.builder import build_ordinance
from app.services.ordinance.wording import dutch_date
from app.services.plans import exchange as plan_io
from app.services.projects import evaluation
from app.services.projects.rules import article_number

#: the question of step 7 whose article promises the evaluation of the ordinance
EVALUATION_QUESTION = "evaluatie_termijn_jaren"
DEFAULT_YEARS = 2


def default_period(today: date) -> tuple[date, date]:
    """The last two years up to today."""
    try:
        start = today.replace(year=today.year - DEFAULT_YEARS)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - DEFAULT_YEARS, day=28)
    return start, today


@dataclass
class ThemeSummary:
    title: str
    kind: str
    leader_mean: float | None
    leader_count: int
    participants_mean: float | None
    participants_count: int


@dataclass
class OrdinanceEvaluation:
    organisation: Organisation
    start: date
    end: date
    total: int = 0
    per_phase: list[tuple[str, int]] = field(default_factory=list)
    per_domain: list[tuple[str, int]] = field(default_factory=list)
    with_plan: int = 0
    with_published_verslag: int = 0
    evaluated: int = 0
    feedback_promised: int = 0
    feedback_kept: int = 0
    themes: list[ThemeSummary] = field(default_factory=list)
    lessons: list[tuple[str, str]] = field(default_factory=list)
    #: (plan title, "artikel N") of the ordinances the trajectories follow, for the article promising this report
    articles: list[tuple[str, str]] = field(default_factory=list)


def projects_in_period(organisation: Organisation, start: date, end: date) -> list[Project]:
    begin = datetime.combine(start, time.min)
    finish = datetime.combine(end + timedelta(days=1), time.min)
    return list(db.session.scalars(
        select(Project).where(Project.organisation_id == organisation.id, Project.created_at < finish,
                              Project.updated_at >= begin)
        .options(selectinload(Project.documents), selectinload(Project.plan)).order_by(Project.name, Project.id)))


def evaluation_articles(plans: list[ParticipationPlan], content: Content) -> list[tuple[str, str]]:
    """The article of each plan's ordinance that promises the evaluation, by building the ordinance."""
    found = []
    library = content.clause_library
    for plan in plans:
        ordinance = build_ordinance(library, content.handreiking, plan_io.plan_input(plan, content))
        number = article_number(ordinance, library, EVALUATION_QUESTION)
        if number is not None:
            found.append((plan.title, _("artikel %(number)s", number=number)))
    return found


def _mean(values: list[float]) -> float | None:
    return mean(values) if values else None


def evaluate_ordinance(organisation: Organisation, start: date, end: date, content: Content,
                       results_for: Callable[[Project], Any] | None = None) -> OrdinanceEvaluation:
    lists = content.projects
    results_for = results_for or (lambda project: evaluation.survey_results(project, content))
    found = projects_in_period(organisation, start, end)
    report = OrdinanceEvaluation(organisation, start, end, total=len(found))
    phases = lists.labels("phases")
    domains = lists.labels("domains")
    report.per_phase = [(label, n) for value, label in phases.items()
                        if (n := sum(1 for p in found if p.phase == value))]
    report.per_domain = [(label, n) for value, label in domains.items()
                         if (n := sum(1 for p in found if p.domain == value))]
    leader: dict[str, list[int]] = {}
    participants: dict[str, list[float]] = {}
    for project in found:
        plan, verslag = project.document("participatieplan"), project.document("participatieverslag")
        report.with_plan += bool(plan and plan.answers)
        report.with_published_verslag += bool(verslag and verslag.published)
        promised, kept = evaluation.feedback_kept(project)
        report.feedback_promised += promised
        report.feedback_kept += promised and kept
        trajectory = evaluation.trajectory_report(project, content, results_for(project))
        report.evaluated += trajectory.evaluated
        for row in trajectory.themes:
            if row.leader is not None:
                leader.setdefault(row.theme.key, []).append(row.leader)
            if row.participants is not None and row.participants.mean is not None:
                participants.setdefault(row.theme.key, []).append(row.participants.mean)
        if trajectory.lessons:
            report.lessons.append((project.name, trajectory.lessons))
    report.themes = [ThemeSummary(t.title, t.kind, _mean(leader.get(t.key, [])), len(leader.get(t.key, [])),
                                  _mean(participants.get(t.key, [])), len(participants.get(t.key, [])))
                     for t in lists.evaluation_themes]
    plans = {p.plan.id: p.plan for p in found if p.plan is not None}
    if not plans:
        plans = {p.id: p for p in db.session.scalars(select(ParticipationPlan).where(
            ParticipationPlan.organisation_id == organisation.id).order_by(ParticipationPlan.id))}
    report.articles = evaluation_articles(list(plans.values()), content)
    return report


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def article_sentence(report: OrdinanceEvaluation) -> str:
    if not report.articles:
        return _("De verordening van deze organisatie is nog niet opgesteld; het artikel over de evaluatie is nog "
                 "niet bekend.")
    cited = "; ".join(_("%(article)s van de %(plan)s", article=article, plan=title) for title, article in
                      report.articles)
    return _("Dit verslag is de evaluatie die de verordening belooft in %(cited)s.", cited=cited)


def build_document(report: OrdinanceEvaluation) -> Document:
    period = f"{dutch_date(report.start)} – {dutch_date(report.end)}"
    doc = Document(kind="evaluatie-verordening",
                   title=_("Evaluatie van de participatieverordening, %(period)s", period=period),
                   subject=report.organisation.display_name,
                   keywords=_("evaluatie; participatieverordening; %(name)s", name=report.organisation.display_name))
    doc.paragraph(article_sentence(report))
    doc.paragraph(_("Meegeteld zijn de trajecten die in deze periode liepen: gestart vóór het einde van de periode "
                    "en voor het laatst gewijzigd na het begin ervan."), style="note")
    doc.heading(_("De trajecten in cijfers"))
    doc.add(Table(columns=[_("Onderdeel"), _("Aantal")], rows=[
        [_("Trajecten in de periode"), str(report.total)],
        [_("Met een participatieplan"), str(report.with_plan)],
        [_("Met een openbaar participatieverslag"), str(report.with_published_verslag)],
        [_("Met een evaluatie door de projectleider"), str(report.evaluated)],
        [_("Terugkoppeling beloofd in het plan"), str(report.feedback_promised)],
        [_("Terugkoppeling gegeven zoals beloofd"), str(report.feedback_kept)],
    ]))
    doc.heading(_("Per fase"), level=2)
    doc.add(Table(columns=[_("Fase"), _("Trajecten")], rows=[[label, str(n)] for label, n in report.per_phase]
                  or [[_("Geen trajecten"), "0"]]))
    doc.heading(_("Per beleidsterrein"), level=2)
    doc.add(Table(columns=[_("Beleidsterrein"), _("Trajecten")],
                  rows=[[label, str(n)] for label, n in report.per_domain] or [[_("Geen trajecten"), "0"]]))
    doc.heading(_("Oordelen per thema"))
    doc.paragraph(_("Gemiddelde scores van 1 (helemaal niet) tot 5 (helemaal). Cijfers van deelnemers tellen alleen "
                    "mee voor trajecten met ten minste %(n)s reacties.", n=evaluation.MIN_RESPONSES), style="note")
    doc.add(Table(columns=[_("Thema"), _("Projectleiders"), _("Aantal trajecten"), _("Deelnemers"),
                           _("Aantal trajecten")],
                  rows=[[t.title, _number(t.leader_mean), str(t.leader_count), _number(t.participants_mean),
                         str(t.participants_count)] for t in report.themes]))
    doc.heading(_("Lessen per traject"))
    if report.lessons:
        doc.add(ListBlock([f"{name}: {text}" for name, text in report.lessons]))
    else:
        doc.paragraph(_("Er zijn (nog) geen lessen vastgelegd."))
    return doc


def record_download(organisation: Organisation, file: str, *, by) -> None:
    """The evaluation of the ordinance left the assistant as a Word file."""
    audit.record_download(organisation, AuditAction.ORDINANCE_EVALUATION_DOWNLOAD, by=by, file=file)
