"""The participatieplan and participatieverslag of a project as documents (source "project").

Both are built onto the shared model (app/services/documents/model.py), so one HTML macro shows them on the page and
the public page, and one writer makes the DOCX. The builders leave out the names of team members: the same document
is what the public sees.
"""
from __future__ import annotations

from typing import Any

from app.models.project import Project
from app.services.core import audit, months
from app.services.core.audit import AuditAction
from app.services.core.content import Content
from app.services.core.text import _
from app.services.documents.model import Document, ListBlock, Table, Timeline, TimelineRow
from app.services.documents.registry import DocumentKind, register
from app.services.projects import rules as project_rules
from app.services.projects.content import ProjectContent
from app.services.projects.projects import document_answers
from app.services.questions.answers import display_value, is_empty

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MAX_MONTHS = 48


def rules_of(project: Project, content: Content) -> project_rules.OrdinanceRules | None:
    if project.plan is None:
        return None
    return project_rules.rules_for(project.plan, content)


def warnings_of(project: Project, content: Content,
                rules: project_rules.OrdinanceRules | None = None) -> list[project_rules.PlanWarning]:
    plan = project.document("participatieplan")
    verslag = project.document("participatieverslag")
    return project_rules.check_plan(
        dict(plan.answers or {}) if plan else {}, rules if rules is not None else rules_of(project, content),
        phase=project.phase, impact=project.impact, plan_published=bool(plan and plan.published),
        verslag_filled=bool(verslag and verslag.answers), content=content.projects)


def _intro(doc: Document, project: Project, lists: ProjectContent) -> None:
    doc.heading(_("Het traject"))
    doc.add(Table(columns=[_("Onderdeel"), _("Gegevens")], rows=[
        [_("Traject"), project.name],
        [_("Beleidsterrein"), lists.label(lists.domains, project.domain)],
        [_("Fase"), lists.label(lists.phases, project.phase)],
        [_("Verwachte impact"), lists.label(lists.impacts, project.impact)],
        [_("Gebied"), project.area or "—"],
    ]))


def _month_index(value: Any) -> tuple[int, int] | None:
    if not isinstance(value, str) or not project_rules.MONTH.match(value):
        return None
    year, month = value.split("-")
    return int(year), int(month)


def timeline(rows: list[dict[str, Any]]) -> Timeline | None:
    """The activities as a Gantt chart, one column a month from the first start to the last end."""
    spans = []
    for row in rows:
        start, end = _month_index(row.get("start")), _month_index(row.get("eind"))
        spans.append((row.get("activiteit") or _("Activiteit"), start, end or start))
    known = [m for _l, s, e in spans for m in (s, e) if m]
    if not known:
        return Timeline(periods=[], rows=[TimelineRow(label, None, None) for label, _s, _e in spans]) if spans else None
    first, last = min(known), max(known)
    count = min((last[0] - first[0]) * 12 + last[1] - first[1] + 1, MAX_MONTHS)
    periods = [f"{MONTHS[(first[1] - 1 + i) % 12]} {first[0] + (first[1] - 1 + i) // 12}" for i in range(count)]

    def index(month):
        return None if month is None else min((month[0] - first[0]) * 12 + month[1] - first[1], count - 1)
    return Timeline(periods=periods, rows=[TimelineRow(label, index(s), index(e)) for label, s, e in spans],
                    caption=_("Planning van de activiteiten"))


def build_participatieplan(project: Project, content: Content) -> Document:
    lists = content.projects
    answers = document_answers(project, "participatieplan")
    rules = rules_of(project, content)
    form = project_rules.plan_form(lists.forms["participatieplan"], rules, lists)
    doc = Document(kind="participatieplan", title=_("Participatieplan %(name)s", name=project.name),
                   subject=project.organisation.display_name)
    _intro(doc, project, lists)
    questions = {q.key: q for q in form.questions}

    def text(key: str) -> str:
        value = answers.get(key)
        return display_value(questions[key], value) if not is_empty(value) else _("Nog niet ingevuld.")

    doc.heading(_("Doel van de participatie"))
    doc.paragraph(text("doel"))
    if "kaders" in questions:
        doc.heading(_("Kaders en onderwerpen zonder inbreng"))
        doc.paragraph(text("kaders"))
    doc.heading(_("Mate van invloed"))
    level = answers.get("invloed")
    doc.paragraph(lists.influence_labels.get(level, level) if level else _("Nog niet ingevuld."))
    if rules and rules.articles.get("invloed_vocabulaire"):
        doc.paragraph(_("De treden van invloed staan in %(article)s van de %(plan)s.",
                        article=rules.articles["invloed_vocabulaire"], plan=rules.plan_title), style="note")
    doc.heading(_("Wie worden betrokken"))
    doc.paragraph(text("doelgroepen"))
    doc.heading(_("Werkvormen"))
    methods = [questions["methoden"].option_label(v) for v in answers.get("methoden") or []]
    if answers.get(questions["methoden"].other_key):
        methods.append(answers[questions["methoden"].other_key])
    if methods:
        doc.add(ListBlock(methods))
    else:
        doc.paragraph(_("Nog niet ingevuld."))
    doc.heading(_("Planning"))
    chart = timeline(answers.get("tijdlijn") or [])
    if chart is not None:
        doc.add(chart)
        doc.add(Table(columns=[_("Activiteit"), _("Van"), _("Tot en met")],
                      rows=[[r.get("activiteit", ""), months.label(r["start"]) if r.get("start") else "—",
                             months.label(r["eind"]) if r.get("eind") else "—"]
                            for r in answers.get("tijdlijn") or []]))
    else:
        doc.paragraph(_("Nog niet ingevuld."))
    doc.heading(_("Terugkoppeling"))
    doc.paragraph(text("terugkoppeling"))
    doc.open_points = [str(w) for w in warnings_of(project, content, rules)]
    return doc


def build_participatieverslag(project: Project, content: Content) -> Document:
    lists = content.projects
    answers = document_answers(project, "participatieverslag")
    questions = {q.key: q for q in lists.forms["participatieverslag"].questions}
    doc = Document(kind="participatieverslag", title=_("Participatieverslag %(name)s", name=project.name),
                   subject=project.organisation.display_name)
    _intro(doc, project, lists)

    def section(title: str, key: str) -> None:
        doc.heading(title)
        value = answers.get(key)
        doc.paragraph(display_value(questions[key], value) if not is_empty(value) else _("Nog niet ingevuld."))

    section(_("Wat is er gedaan"), "verloop")
    doc.heading(_("Wie deden er mee"))
    groups = answers.get("deelnemers") or []
    if groups:
        total = sum(int(g.get("aantal") or 0) for g in groups)
        doc.add(Table(columns=[_("Groep"), _("Aantal deelnemers")],
                      rows=[[g.get("groep", "—"), str(g.get("aantal", "—"))] for g in groups],
                      footer=[_("Totaal"), str(total)]))
    else:
        doc.paragraph(_("Nog niet ingevuld."))
    section(_("De inbreng"), "inbreng")
    section(_("Wat is er met de inbreng gedaan, en waarom"), "verwerking")
    section(_("Is het participatieplan gevolgd"), "plan_gevolgd")
    section(_("Terugkoppeling aan de deelnemers"), "terugkoppeling_gegeven")
    return doc


PARTICIPATIEPLAN = register(DocumentKind("participatieplan", "Participatieplan", "project", build_participatieplan))
PARTICIPATIEVERSLAG = register(DocumentKind("participatieverslag", "Participatieverslag", "project",
                                            build_participatieverslag))


def record_download(project: Project, file: str, *, by) -> None:
    """A document of the project (its plan, verslag, trajectrapport or JSON file) left the assistant."""
    audit.record_download(project, AuditAction.PROJECT_DOWNLOAD, by=by, file=file)
