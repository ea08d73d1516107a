"""The project leader's evaluation and the trajectory report (source "project").

The evaluation is a ProjectDocument of kind "evaluatie" (a score 1–5 and a note per theme, and the lessons), saved,
versioned and commented like the plan and the verslag, but never published. The trajectory report puts beside it
what the participatieplan promised and whether the verslag shows it was kept, and the participants' view from the
survey, which is shown only from MIN_RESPONSES responses on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.models.project import Project
from app.services.core.content import Content
from app.services.core.text import _
from app.services.documents.model import Document, ListBlock, Table
from app.services.documents.registry import DocumentKind, register
from app.services.projects.content import PARTICIPANT_THEME, EvaluationTheme, ProjectContent
from app.services.projects.projects import document_answers
from app.services.questions.answers import field_name, is_empty
from app.services.questions.handreiking import Step
from app.services.surveys import surveys
from app.services.surveys.surveys import SurveyResults

MIN_RESPONSES = 5
BAR = "■"
BAR_WIDTH = 5  # the longest bar in the DOCX, in characters (it fits a column of a 1–5 scale)
MAX_CELL = 150  # characters of a plan's or verslag's answer in the report


def missing_scores(step: Step, values: dict[str, Any]) -> dict[str, str]:
    """An error next to every theme that has no score; the notes and lessons may stay empty."""
    return {field_name(q.key): _("Kies een score van 1 tot 5.") for q in step.questions
            if q.required and is_empty(values.get(q.key))}


def _score(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and value in {"1", "2", "3", "4", "5"} else None


def leader_scores(answers: dict[str, Any], lists: ProjectContent) -> dict[str, int]:
    """theme key -> the project leader's score, for the themes that have one."""
    scores = {}
    for theme in lists.evaluation_themes:
        score = _score(answers.get(theme.score_key))
        if score is not None:
            scores[theme.key] = score
    return scores


def survey_results(project: Project, content: Content) -> SurveyResults | None:
    """The participants' survey results, or None when the project has no survey."""
    if surveys.survey_of(project) is None:
        return None
    return surveys.results_for(project, content.surveys)


@dataclass
class ThemeRow:
    theme: EvaluationTheme
    leader: int | None
    note: str
    #: the participants' question on this theme (mean and options), only when there are enough responses
    participants: Any | None = None


@dataclass
class Promise:
    label: str
    promised: str
    #: True when the verslag records that it was done, None when it does not say
    kept: bool | None
    evidence: str


@dataclass
class TrajectoryReport:
    project: Project
    themes: list[ThemeRow]
    promises: list[Promise]
    lessons: str
    #: None: no survey (module or answers); else the number of responses
    responses: int | None
    enough: bool = False
    evaluated: bool = False
    facts: list[list[str]] = field(default_factory=list)


@dataclass
class ParticipantView:
    """What the participants said on one theme: the mean of its scale questions and their answers added up."""
    mean: float | None
    options: list[tuple[str, int]]


def _participant_views(results: Any, lists: ProjectContent) -> dict[str, ParticipantView]:
    """theme key -> the participants' view: a participants' theme reads its own survey question, a success factor
    the scale questions the survey ties to it."""
    questions = [q for q in getattr(results, "questions", None) or [] if getattr(q, "mean", None) is not None]
    views: dict[str, ParticipantView] = {}
    for theme in lists.evaluation_themes:
        if theme.kind == PARTICIPANT_THEME:
            found = [q for q in questions if q.key == theme.survey_question]
        else:
            found = [q for q in questions if q.theme == theme.key]
        if not found:
            continue
        options: list[tuple[str, int]] = []
        if all([label for label, _n in q.options] == [label for label, _n in found[0].options] for q in found):
            options = [(label, sum(q.options[i][1] for q in found)) for i, (label, _n) in enumerate(found[0].options)]
        views[theme.key] = ParticipantView(round(sum(q.mean for q in found) / len(found), 1), options)
    return views


def promises_of(project: Project, lists: ProjectContent) -> list[Promise]:
    """What the participatieplan promised (influence, groups, feedback) and what the verslag says of it."""
    plan = document_answers(project, "participatieplan")
    verslag = document_answers(project, "participatieverslag")
    not_recorded = _("Het participatieverslag zegt hier (nog) niets over.")

    level = plan.get("invloed")
    followed = str(verslag.get("plan_gevolgd") or "").strip()
    groups = [g for g in verslag.get("deelnemers") or [] if isinstance(g, dict)]
    reached = [f"{g.get('groep') or _('Groep')} ({g.get('aantal') if g.get('aantal') not in (None, '') else '?'})"
               for g in groups]
    feedback = str(verslag.get("terugkoppeling_gegeven") or "").strip()
    return [
        Promise(_("Mate van invloed"), lists.influence_labels.get(level, level) if level else _("Niet vastgelegd."),
                bool(followed) or None, followed or not_recorded),
        Promise(_("Groepen die worden betrokken"), str(plan.get("doelgroepen") or "").strip()
                or _("Niet vastgelegd."), bool(reached) or None,
                _("Bereikt: %(groups)s", groups=", ".join(reached)) if reached else not_recorded),
        Promise(_("Terugkoppeling aan de deelnemers"), str(plan.get("terugkoppeling") or "").strip()
                or _("Niet vastgelegd."), bool(feedback) or None, feedback or not_recorded),
    ]


def feedback_kept(project: Project) -> tuple[bool, bool]:
    """(promised, kept): the plan names a feedback moment, and the verslag records the feedback given."""
    plan = document_answers(project, "participatieplan")
    verslag = document_answers(project, "participatieverslag")
    return (bool(str(plan.get("terugkoppeling") or "").strip()),
            bool(str(verslag.get("terugkoppeling_gegeven") or "").strip()))


def trajectory_report(project: Project, content: Content, results: Any | None = None,
                      with_survey: bool = True) -> TrajectoryReport:
    lists = content.projects
    answers = document_answers(project, "evaluatie")
    scores = leader_scores(answers, lists)
    if with_survey and results is None:
        results = survey_results(project, content)
    enough = bool(results is not None and results.enough and results.count >= MIN_RESPONSES)
    by_theme = _participant_views(results, lists) if enough else {}
    themes = [ThemeRow(t, scores.get(t.key), str(answers.get(t.note_key) or "").strip(), by_theme.get(t.key))
              for t in lists.evaluation_themes]
    facts = [[_("Organisatie"), project.organisation.display_name],
             [_("Beleidsterrein"), lists.label(lists.domains, project.domain)],
             [_("Fase"), lists.label(lists.phases, project.phase)],
             [_("Verwachte impact"), lists.label(lists.impacts, project.impact)],
             [_("Gebied"), project.area or "—"],
             [_("Volgt de verordening van"), project.plan.title if project.plan else "—"]]
    return TrajectoryReport(project=project, themes=themes, promises=promises_of(project, lists),
                            lessons=str(answers.get("lessen") or "").strip(),
                            responses=results.count if results is not None else None, enough=enough,
                            evaluated=bool(scores), facts=facts)


def _mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def kept_label(kept: bool | None) -> str:
    return _("Ja") if kept else _("Niet vastgelegd")


def kept_cell(kept: bool | None, evidence: str) -> str:
    """"Ja: <what the verslag says>"; a verslag answer that itself begins with "Ja" is not preceded by a second one."""
    label, evidence = kept_label(kept), _cut(evidence)
    if not evidence:
        return label
    return evidence if evidence.lower().startswith(label.lower()) else f"{label}: {evidence}"


def survey_note(report: TrajectoryReport) -> str:
    if report.responses is None or report.responses == 0:
        return _("Er is (nog) geen enquête onder deelnemers.")
    if not report.enough:
        return _("Nog te weinig reacties van deelnemers: de uitkomsten worden getoond vanaf %(n)s reacties.",
                 n=MIN_RESPONSES)
    return _("%(count)s deelnemers vulden de enquête in.", count=report.responses)


def bar(count: int, largest: int) -> str:
    """A bar of ■ characters proportional to count (at least one for a count above 0)."""
    if count <= 0 or largest <= 0:
        return ""
    return BAR * max(1, round(count * BAR_WIDTH / largest))


def build_trajectrapport(project: Project, content: Content, with_chart: bool = True,
                         results: Any | None = None) -> Document:
    """Two pages: facts, promises kept, the leader's scores beside the participants', lessons, distributions."""
    report = trajectory_report(project, content, results)
    doc = Document(kind="trajectrapport", title=_("Trajectrapport %(name)s", name=project.name),
                   subject=project.organisation.display_name, keywords=_("trajectrapport; evaluatie; participatie"))
    doc.paragraph(" · ".join(f"{label}: {value}" for label, value in report.facts))
    doc.heading(_("Beloften uit het participatieplan"))
    doc.add(Table(columns=[_("Belofte in het participatieplan"), _("Nagekomen? Volgens het verslag")],
                  rows=[[f"{p.label}: {_cut(p.promised)}", kept_cell(p.kept, p.evidence)]
                        for p in report.promises]))
    doc.heading(_("Oordeel van de projectleider en van de deelnemers"))
    if not report.evaluated:
        doc.paragraph(_("De projectleider heeft de evaluatie nog niet ingevuld."), style="note")
    doc.paragraph(_("Scores van 1 (helemaal niet) tot 5 (helemaal). %(survey)s", survey=survey_note(report)),
                  style="note")
    rows = [[row.theme.title, str(row.leader) if row.leader is not None else "—",
             _mean(row.participants.mean) if row.participants is not None else "—"] for row in report.themes]
    doc.add(Table(columns=[_("Thema"), _("Projectleider (1–5)"), _("Deelnemers, gemiddeld (1–5)")], rows=rows))
    if with_chart:
        groups = chart_groups(report)
        if groups:
            doc.heading(_("Verdeling van de antwoorden van deelnemers"), level=2)
            for labels, rows in groups:
                doc.add(Table(columns=[_("Thema"), *labels], rows=[
                    [title, *(f"{bar(count, largest)} {count}".strip() for count in counts)]
                    for title, counts, largest in rows]))
    notes = [f"{row.theme.title}: {_cut(row.note)}" for row in report.themes if row.note]
    if notes:
        doc.heading(_("Toelichting van de projectleider"), level=2)
        doc.add(ListBlock(notes))
    doc.heading(_("Lessen"))
    doc.paragraph(report.lessons or _("Nog niet ingevuld."))
    return doc


def _cut(text: str) -> str:
    """A long answer cut short: the report is two pages, the full text is in the plan and the verslag."""
    return text if len(text) <= MAX_CELL else text[:MAX_CELL].rsplit(" ", 1)[0] + " …"


def _charted(report: TrajectoryReport) -> list[ThemeRow]:
    """The themes whose distribution is drawn: one per survey question, so no answer is drawn twice (a success
    factor adds up the answers of questions that are drawn already)."""
    return [row for row in report.themes
            if row.theme.kind == PARTICIPANT_THEME and row.participants is not None and row.participants.options]


def chart_groups(report: TrajectoryReport) -> list[tuple[tuple[str, ...], list[tuple[str, list[int], int]]]]:
    """The participants' answers as one table per set of answer labels (mostly the 1–5 scale): per theme its counts
    and the largest of them, so a bar is as long relative to its theme's largest count."""
    groups: dict[tuple[str, ...], list[tuple[str, list[int], int]]] = {}
    for row in _charted(report):
        labels = tuple(label for label, _count in row.participants.options)
        counts = [count for _label, count in row.participants.options]
        groups.setdefault(labels, []).append((row.theme.title, counts, max(counts)))
    return list(groups.items())


def distribution_rows(report: TrajectoryReport) -> list[tuple[str, str, int, int]]:
    """(theme title, answer label, count, largest count of the theme) for every theme the participants scored."""
    rows = []
    for row in _charted(report):
        largest = max((count for _label, count in row.participants.options), default=0)
        rows.extend((row.theme.title, label, count, largest) for label, count in row.participants.options)
    return rows


TRAJECTRAPPORT = register(DocumentKind("trajectrapport", "Trajectrapport", "project", build_trajectrapport,
                                       summary="Het traject in twee pagina's: beloften, oordelen en lessen."))
