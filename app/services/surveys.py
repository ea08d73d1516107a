"""The participant survey of a project (the participatiemonitor): questions, opening and closing, anonymous
responses, and the results, which show only from MIN_RESPONSES responses on.

The standard questions come from handreiking/surveys/deelnemers.yaml, loaded with the app's question loader; a
project adds at most MAX_OWN questions of its own, loaded with the same loader (own_question). A scale question is a choice
with the values "1" to "5"; an open question is a short text of at most MAX_OPEN characters. Every answer, to a
standard or an own question, is parsed and checked by its question's type (app/services/questions.py).
"""
from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models import Project, Survey, SurveyResponse, User
from app.services import audit
from app.services.audit import AuditAction
from app.services.handreiking import ContentError, Question, _load_options, _load_question
from app.services.questions import csv_text, is_empty

MIN_RESPONSES = 5
MAX_OWN = 4
MAX_OPEN = 1000
MAX_LABEL = 200
SCALE, OPEN = "schaal", "open"
SCALE_VALUES = ("1", "2", "3", "4", "5")
FILE = "deelnemers.yaml"


class SurveyError(ValueError):
    """A change the survey refuses, with a message for the user."""


class AnswersRefused(ValueError):
    """Answers the question engine refuses: a message per question key. Nothing is stored."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class SurveyQuestion:
    question: Question            # the engine's question: it parses, checks, shows and exports the answers
    theme: str | None = None
    help: str = ""                # the help text, with the plan's promise filled in
    own: bool = False

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def label(self) -> str:
        return self.question.label

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        return tuple((o.value, o.label) for o in self.question.options)


@dataclass(frozen=True)
class SurveyContent:
    title: str
    promises: dict[str, str]
    scale: tuple[tuple[str, str], ...]
    questions: tuple[tuple[Question, str | None], ...]   # the loaded question and its theme


@lru_cache(maxsize=1024)
def own_question(key: str, label: str, kind: str, scale: tuple[tuple[str, str], ...]) -> Question:
    """An own question ({"key", "label", "type": "schaal"|"open"} in Survey.own_questions) as an engine Question,
    read by the loader that reads deelnemers.yaml: a scale is a choice with the file's scale, like the standard scale
    questions; an open question is a text of at most MAX_OPEN characters, like the standard open question."""
    own_types = {SCALE: {"type": "choice", "options": [{"value": v, "label": text} for v, text in scale]},
                 OPEN: {"type": "text", "max_length": MAX_OPEN}}
    return _load_question({"key": key, "label": label, **own_types[kind]}, "eigen vraag", [], top_level=True)


def load_survey_content(folder: str | Path, themes: set[str] | None = None) -> SurveyContent:
    """Read and check deelnemers.yaml; an error names the file and the question."""
    path = Path(folder) / FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"surveys/{FILE}: niet te lezen ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list) or not data["questions"]:
        raise ContentError(f"surveys/{FILE}: 'questions' moet een lijst met ten minste één vraag zijn")
    scale = tuple((o.value, o.label) for o in _load_options(data.get("scale"), f"surveys/{FILE}, scale"))
    if tuple(v for v, _l in scale) != SCALE_VALUES:
        raise ContentError(f"surveys/{FILE}: 'scale' moet de waarden 1 tot en met 5 hebben")
    promises = data.get("promises")
    if not isinstance(promises, dict):
        raise ContentError(f"surveys/{FILE}: 'promises' ontbreekt")
    loaded: list[Question] = []
    result = []
    for i, raw in enumerate(data["questions"], start=1):
        where = f"surveys/{FILE}, vraag {i}"
        if not isinstance(raw, dict) or "theme" not in raw:
            raise ContentError(f"{where}: 'theme' ontbreekt (een succesfactor uit de zelfscan, of leeg)")
        raw = dict(raw)
        theme = raw.pop("theme")
        if theme is not None and themes is not None and theme not in themes:
            raise ContentError(f"{where}: thema '{theme}' staat niet in zelfscan/zelfscan.yaml")
        q = _load_question(raw, where, loaded, top_level=True)
        if q.type == "choice" and tuple(o.value for o in q.options) != SCALE_VALUES:
            raise ContentError(f"{where}: een schaalvraag heeft de opties 1 tot en met 5")
        if q.type not in ("choice", "text"):
            raise ContentError(f"{where}: kies type choice (schaal 1–5) of text (open vraag)")
        if q.type == "text" and (q.max_length or 0) > MAX_OPEN:
            raise ContentError(f"{where}: een open vraag is ten hoogste {MAX_OPEN} tekens lang")
        loaded.append(q)
        result.append((q, theme))
    return SurveyContent(title=str(data.get("title", "")), promises={str(k): str(v) for k, v in promises.items()},
                         scale=scale, questions=tuple(result))


# --- the questions of one project's survey ----------------------------------------------------------------

def promise_of(project: Project, survey_content: SurveyContent) -> str:
    """What the participatieplan promised, in a sentence ("U kon meedenken over Stationsplein"), or ""."""
    plan = project.document("participatieplan")
    level = (plan.answers or {}).get("invloed") if plan else None
    phrase = survey_content.promises.get(level) if isinstance(level, str) else None
    return f"{phrase} {project.name}" if phrase else ""


def questions_of(survey: Survey, survey_content: SurveyContent) -> list[SurveyQuestion]:
    promise = promise_of(survey.project, survey_content)
    questions = []
    for q, theme in survey_content.questions:
        help_text = q.help
        if "{belofte}" in help_text:
            help_text = help_text.replace("{belofte}", promise) if promise else ""
        questions.append(SurveyQuestion(q, theme, help_text))
    for own in survey.own_questions or []:
        questions.append(SurveyQuestion(own_question(own["key"], own["label"], own["type"], survey_content.scale),
                                        own=True))
    return questions


# --- the team's changes --------------------------------------------------------------------------------------

def survey_of(project: Project) -> Survey | None:
    return db.session.scalar(select(Survey).where(Survey.project_id == project.id))


def by_token(token: str) -> Survey | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(Survey).where(Survey.token == token))


def _audit(action: AuditAction, survey: Survey, actor: User, **detail) -> None:
    audit.record(action, actor=actor, municipality_id=survey.project.municipality_id,
                 target=f"project:{survey.project_id}", **detail)


def open_survey(project: Project, actor: User) -> Survey:
    """Start the project's survey, or open it again; the link stays the same."""
    survey = survey_of(project)
    if survey is None:
        survey = Survey(project=project, token=secrets.token_urlsafe(24), is_open=True, own_questions=[])
        db.session.add(survey)
    survey.is_open = True
    db.session.flush()
    _audit(AuditAction.SURVEY_OPENED, survey, actor)
    return survey


def close_survey(survey: Survey, actor: User) -> None:
    survey.is_open = False
    _audit(AuditAction.SURVEY_CLOSED, survey, actor, responses=response_count(survey))


def add_question(survey: Survey, label: str, kind: str, actor: User) -> dict:
    label = (label or "").strip()
    if not label:
        raise SurveyError(_("Typ de vraag."))
    if len(label) > MAX_LABEL:
        raise SurveyError(_("Houd de vraag korter dan %(max)s tekens.", max=MAX_LABEL))
    if kind not in (SCALE, OPEN):
        raise SurveyError(_("Kies het soort antwoord."))
    if len(survey.own_questions or []) >= MAX_OWN:
        raise SurveyError(_("U kunt ten hoogste %(max)s eigen vragen toevoegen.", max=MAX_OWN))
    question = {"key": f"eigen_{secrets.token_hex(4)}", "label": label, "type": kind}
    survey.own_questions = [*(survey.own_questions or []), question]   # a new list, so the JSON change is saved
    _audit(AuditAction.SURVEY_QUESTION_ADDED, survey, actor, question=label)
    return question


def remove_question(survey: Survey, key: str, actor: User) -> bool:
    kept = [q for q in survey.own_questions or [] if q["key"] != key]
    if len(kept) == len(survey.own_questions or []):
        return False
    removed = next(q for q in survey.own_questions if q["key"] == key)
    survey.own_questions = kept
    _audit(AuditAction.SURVEY_QUESTION_REMOVED, survey, actor, question=removed["label"])
    return True


# --- answering -----------------------------------------------------------------------------------------------

def submit(survey: Survey, answers: dict[str, str], survey_content: SurveyContent,
           today: date | None = None) -> SurveyResponse:
    """Store one anonymous response: only the answers to the survey's questions, as their types parse them, and the
    day. Raises AnswersRefused (nothing stored) when a type refuses an answer: a scale value that is no option, an
    open answer longer than its limit."""
    form = MultiDict({key: value for key, value in answers.items() if isinstance(value, str)})
    keep, errors = {}, {}
    for q in questions_of(survey, survey_content):
        value, error = q.question.kind.parse(q.question, form, q.key)
        if error:
            errors[q.key] = error
        elif not is_empty(value):
            keep[q.key] = value
    if errors:
        raise AnswersRefused(errors)
    response = SurveyResponse(survey_id=survey.id, answers=keep, answered_on=today or date.today())
    db.session.add(response)
    return response


def response_count(survey: Survey | None) -> int:
    if survey is None or survey.id is None:
        return 0
    return db.session.scalar(select(func.count()).select_from(SurveyResponse)
                             .where(SurveyResponse.survey_id == survey.id)) or 0


# --- results ----------------------------------------------------------------------------------------------------

@dataclass
class QuestionResult:
    key: str
    label: str
    theme: str | None
    kind: str
    options: list[tuple[str, int]] = field(default_factory=list)  # (label, count) per scale option
    mean: float | None = None
    answered: int = 0
    answers: list[str] = field(default_factory=list)             # open answers: for the project team only


@dataclass
class SurveyResults:
    count: int
    enough: bool
    questions: list[QuestionResult] = field(default_factory=list)
    minimum: int = MIN_RESPONSES


def _survey_content():
    from app import content
    return content.surveys()


def results_for(project: Project, survey_content: SurveyContent | None = None) -> SurveyResults:
    """The distribution per question and the mean of each scale; nothing but the count below MIN_RESPONSES."""
    survey_content = survey_content or _survey_content()
    survey = survey_of(project)
    count = response_count(survey)
    if count < MIN_RESPONSES:
        return SurveyResults(count=count, enough=False)
    rows = db.session.scalars(select(SurveyResponse.answers).where(SurveyResponse.survey_id == survey.id)
                              .order_by(SurveyResponse.id)).all()
    results = []
    for q in questions_of(survey, survey_content):
        question = q.question
        # A stored answer its type no longer accepts (an option since removed) is left out, never shown raw.
        values = [r[q.key] for r in rows if isinstance(r, dict) and not is_empty(r.get(q.key))
                  and question.kind.check(question, r[q.key]) is None]
        result = QuestionResult(q.key, q.label, q.theme, SCALE if question.options else OPEN, answered=len(values))
        if question.options:   # a distribution over the options, and the mean where they are numbers (a scale)
            result.options = [(o.label, values.count(o.value)) for o in question.options]
            if all(o.value.isdigit() for o in question.options):
                scores = [int(v) for v in values]
                result.mean = round(sum(scores) / len(scores), 1) if scores else None
        else:
            result.answers = [question.kind.display(question, v) for v in values]
        results.append(result)
    return SurveyResults(count=count, enough=True, questions=results)


def results_csv(results: SurveyResults) -> str:
    """One row per question and option (and one per open answer), for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Vraag"), _("Thema"), _("Antwoord"), _("Aantal"), _("Gemiddelde (1–5)")])
    for q in results.questions:
        if q.kind == SCALE:
            for label, n in q.options:
                writer.writerow([q.label, q.theme or "", label, n, ""])
            writer.writerow([q.label, q.theme or "", _("Gemiddelde"), q.answered,
                             "" if q.mean is None else f"{q.mean:.1f}".replace(".", ",")])
        else:
            for answer in q.answers:
                writer.writerow([q.label, q.theme or "", csv_text(answer), 1, ""])   # never run as a formula
    return out.getvalue()
