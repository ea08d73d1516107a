"""The surveys of a project (the participatiemonitor): one for participants (deelnemers) and one for the staff who
ran it (medewerkers), each with its questions, opening and closing, anonymous responses, and results that show only
from MIN_RESPONSES responses on, side by side for the questions both ask.

The standard questions come from handreiking/surveys/deelnemers.yaml and medewerkers.yaml, loaded with the app's
question loader; a project adds at most MAX_OWN questions of its own, loaded with the same loader (own_question): a
scale (the file's 1–5 agree scale or its own labels), a choice with its own options, yes/no, a number, or a short
text. Every answer is parsed and checked by its question's type (app/services/questions/questions.py) once, when it is stored;
the results count the stored, already-parsed values and never check them again.

Stuffing is bounded and shown: each response keeps a keyed hash of (survey, day, address) (`source_of`), the answers
per source and day are limited (`submit(limit=...)`), a closed group answers with one-time codes, and the results
count the answers that came in a burst from one address.
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import methodcaller
from pathlib import Path

import yaml
from sqlalchemy import Text, cast, func, select, update
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models import Project, Survey, SurveyCode, SurveyResponse, User
from app.services.core import yaml_files
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _
from app.services.questions.handreiking import ContentError, Question, _load_options, _load_question
from app.services.questions.questions import NUMBER_LIMIT, csv_text, is_empty

MIN_RESPONSES = 5
MAX_OWN = 4
MAX_OPEN = 1000
MAX_LABEL = 200
SCALE, OPEN, YES_NO, CHOICE, NUMBER = "schaal", "open", "janee", "keuze", "getal"
KINDS = (SCALE, CHOICE, YES_NO, NUMBER, OPEN)
SCALE_VALUES = ("1", "2", "3", "4", "5")
MIN_OPTIONS, MAX_OPTIONS, MAX_OPTION = 2, 8, 80           # an own choice's options
MIN_LABELS, MAX_LABELS, MAX_SCALE_LABEL = 3, 7, 60        # an own scale's labels, from low to high
PARTICIPANTS, STAFF = "deelnemers", "medewerkers"
AUDIENCES = (PARTICIPANTS, STAFF)
FILE = "deelnemers.yaml"
STAFF_FILE = "medewerkers.yaml"
#: this many answers or more from one address on one day are a burst, shown to the team
BURST = 10
#: open answers shown on the results page per question (the newest); the CSV holds them all
OPEN_SHOWN = 200
MAX_CODES = 500
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I: read from paper


class SurveyError(ValueError):
    """A change the survey refuses, with a message for the user and the form field it belongs next to."""

    def __init__(self, message: str, field: str = "label"):
        super().__init__(message)
        self.field = field


class TooManyAnswers(ValueError):
    """The address gave the survey's limit of answers today already; nothing is stored."""


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

    @property
    def kind(self) -> str:
        return kind_of(self.question)


def kind_of(question: Question) -> str:
    """The survey's word for an engine question: a choice with the values 1..n is a scale."""
    if question.type == "choice":
        values = [o.value for o in question.options]
        return SCALE if values == [str(i) for i in range(1, len(values) + 1)] else CHOICE
    return {"yes_no": YES_NO, "number": NUMBER}.get(question.type, OPEN)


@dataclass(frozen=True)
class SurveyContent:
    title: str
    promises: dict[str, str]
    scale: tuple[tuple[str, str], ...]
    questions: tuple[tuple[Question, str | None], ...]   # the loaded question and its theme
    staff: "SurveyContent | None" = None                 # medewerkers.yaml, beside deelnemers.yaml

    def for_audience(self, audience: str) -> "SurveyContent":
        return self.staff if audience == STAFF and self.staff is not None else self


@lru_cache(maxsize=1024)
def own_question(key: str, label: str, kind: str, scale: tuple[tuple[str, str], ...],
                 options: tuple[str, ...] = (), minimum: int | None = None, maximum: int | None = None) -> Question:
    """An own question (see Survey.own_questions) as an engine Question, read by the loader that reads
    deelnemers.yaml: a scale is a choice with the values 1..n (the file's agree scale, or its own labels in
    `options`), a choice has the values k1..kn, yes/no and a number are the engine's types, an open question is a
    text of at most MAX_OPEN characters like the standard open question."""
    if kind == SCALE:
        labels = options or tuple(label for _v, label in scale)
        raw = {"type": "choice", "options": [{"value": str(i), "label": t} for i, t in enumerate(labels, start=1)]}
    elif kind == CHOICE:
        raw = {"type": "choice", "options": [{"value": f"k{i}", "label": t} for i, t in enumerate(options, start=1)]}
    elif kind == YES_NO:
        raw = {"type": "yes_no"}
    elif kind == NUMBER:
        raw = {"type": "number", "min": minimum, "max": maximum}
    else:
        raw = {"type": "text", "max_length": MAX_OPEN}
    return _load_question({"key": key, "label": label, **raw}, "eigen vraag", [], top_level=True)


def _own(raw: dict, scale: tuple[tuple[str, str], ...]) -> Question:
    return own_question(raw["key"], raw["label"], raw["type"], scale,
                        tuple(raw.get("options") or raw.get("labels") or ()), raw.get("min"), raw.get("max"))


def load_survey_content(folder: str | Path, themes: set[str] | None = None) -> SurveyContent:
    """Read and check deelnemers.yaml and medewerkers.yaml; an error names the file and the question."""
    participants = _load_file(Path(folder), FILE, themes, promises_needed=True)
    staff = _load_file(Path(folder), STAFF_FILE, themes, promises_needed=False)
    return SurveyContent(participants.title, participants.promises, participants.scale, participants.questions,
                         staff=staff)


def _load_file(folder: Path, name: str, themes: set[str] | None, promises_needed: bool) -> SurveyContent:
    path = folder / name
    try:
        data = yaml_files.load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"surveys/{name}: niet te lezen ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list) or not data["questions"]:
        raise ContentError(f"surveys/{name}: 'questions' moet een lijst met ten minste één vraag zijn")
    scale = tuple((o.value, o.label) for o in _load_options(data.get("scale"), f"surveys/{name}, scale"))
    if tuple(v for v, _l in scale) != SCALE_VALUES:
        raise ContentError(f"surveys/{name}: 'scale' moet de waarden 1 tot en met 5 hebben")
    promises = data.get("promises", None if promises_needed else {})
    if not isinstance(promises, dict):
        raise ContentError(f"surveys/{name}: 'promises' ontbreekt")
    loaded: list[Question] = []
    result = []
    for i, raw in enumerate(data["questions"], start=1):
        where = f"surveys/{name}, vraag {i}"
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
    own_content = survey_content.for_audience(survey.audience)
    questions = []
    for q, theme in own_content.questions:
        help_text = q.help
        if "{belofte}" in help_text:
            help_text = help_text.replace("{belofte}", promise) if promise else ""
        questions.append(SurveyQuestion(q, theme, help_text))
    for own in survey.own_questions or []:
        questions.append(SurveyQuestion(_own(own, own_content.scale), own=True))
    return questions


# --- the team's changes --------------------------------------------------------------------------------------

def survey_of(project: Project, audience: str = PARTICIPANTS) -> Survey | None:
    return db.session.scalar(select(Survey).where(Survey.project_id == project.id, Survey.audience == audience))


def by_token(token: str) -> Survey | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(Survey).where(Survey.token == token))


def _audit(action: AuditAction, survey: Survey, by: User, **detail) -> None:
    audit.record(action, actor=by, organisation_id=survey.project.organisation_id,
                 target=f"project:{survey.project_id}", audience=survey.audience, **detail)


def open_survey(project: Project, audience: str = PARTICIPANTS, *, by: User) -> Survey:
    """Start the project's survey for participants or staff, or open it again; the link stays the same."""
    access.require(by, Action.EDIT, project)
    if audience not in AUDIENCES:
        raise SurveyError(_("Kies de vragenlijst voor deelnemers of voor medewerkers."))
    survey = survey_of(project, audience)
    if survey is None:
        survey = Survey(project=project, token=secrets.token_urlsafe(24), is_open=True, own_questions=[],
                        audience=audience)
        db.session.add(survey)
    survey.is_open = True
    db.session.flush()
    _audit(AuditAction.SURVEY_OPENED, survey, by)
    return survey


def close_survey(survey: Survey, *, by: User) -> None:
    access.require(by, Action.EDIT, survey)
    survey.is_open = False
    _audit(AuditAction.SURVEY_CLOSED, survey, by, responses=response_count(survey))


def set_options(survey: Survey, *, event_mode: bool, with_codes: bool, by: User) -> None:
    """One device, many answers (an evening meeting) and/or one-time access codes (a closed group)."""
    access.require(by, Action.EDIT, survey)
    changed = {k: v for k, v in (("event_mode", event_mode), ("with_codes", with_codes)) if getattr(survey, k) != v}
    survey.event_mode, survey.with_codes = event_mode, with_codes
    if changed:
        _audit(AuditAction.SURVEY_SETTINGS_CHANGED, survey, by, **changed)


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").replace("\r", "\n").split("\n") if line.strip()]


def _labels(text: str | None, field: str, low: int, high: int, longest: int, what: str) -> list[str]:
    """Options or scale labels, one a line: between `low` and `high` of them, each short, none twice."""
    lines = _lines(text)
    if len(lines) < low:
        raise SurveyError(_("Geef ten minste %(min)s %(what)s, elk op een eigen regel.", min=low, what=what), field)
    if len(lines) > high:
        raise SurveyError(_("Geef ten hoogste %(max)s %(what)s (u gaf er %(used)s).", max=high, what=what,
                            used=len(lines)), field)
    too_long = next((line for line in lines if len(line) > longest), None)
    if too_long:
        raise SurveyError(_("Houd elke regel korter dan %(max)s tekens (“%(line)s…” is te lang).", max=longest,
                            line=too_long[:30]), field)
    seen: set[str] = set()
    for line in lines:
        if line.casefold() in seen:
            raise SurveyError(_("“%(line)s” staat er twee keer; elke regel mag maar één keer voorkomen.",
                                line=line), field)
        seen.add(line.casefold())
    return lines


def _whole_number(text: str | None, field: str) -> int | None:
    text = (text or "").strip().replace(".", "")
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        raise SurveyError(_("Vul een heel getal in, bijvoorbeeld 0 of 100."), field) from None
    if abs(number) >= NUMBER_LIMIT:
        raise SurveyError(_("Vul een getal in van ten hoogste negen cijfers."), field)
    return number


def add_question(survey: Survey, label: str, kind: str, *, by: User, options: str = "", labels: str = "",
                 minimum: str = "", maximum: str = "") -> dict:
    """An own question of one of the KINDS; what is wrong is raised as SurveyError naming its field."""
    access.require(by, Action.EDIT, survey)
    label = (label or "").strip()
    if not label:
        raise SurveyError(_("Typ de vraag."))
    if len(label) > MAX_LABEL:
        raise SurveyError(_("Houd de vraag korter dan %(max)s tekens.", max=MAX_LABEL))
    if kind not in KINDS:
        raise SurveyError(_("Kies het soort antwoord."), "kind")
    if len(survey.own_questions or []) >= MAX_OWN:
        raise SurveyError(_("U kunt ten hoogste %(max)s eigen vragen toevoegen.", max=MAX_OWN))
    question: dict = {"key": f"eigen_{secrets.token_hex(4)}", "label": label, "type": kind}
    if kind == CHOICE:
        question["options"] = _labels(options, "options", MIN_OPTIONS, MAX_OPTIONS, MAX_OPTION, _("keuzes"))
    elif kind == SCALE and _lines(labels):
        question["labels"] = _labels(labels, "labels", MIN_LABELS, MAX_LABELS, MAX_SCALE_LABEL, _("labels"))
    elif kind == NUMBER:
        low, high = _whole_number(minimum, "minimum"), _whole_number(maximum, "maximum")
        if low is not None and high is not None and low >= high:
            raise SurveyError(_("Het hoogste getal moet groter zijn dan het laagste (%(min)s).", min=low), "maximum")
        question.update({k: v for k, v in (("min", low), ("max", high)) if v is not None})
    survey.own_questions = [*(survey.own_questions or []), question]   # a new list, so the JSON change is saved
    _audit(AuditAction.SURVEY_QUESTION_ADDED, survey, by, question=label, kind=kind)
    return question


def remove_question(survey: Survey, key: str, *, by: User) -> bool:
    access.require(by, Action.EDIT, survey)
    kept = [q for q in survey.own_questions or [] if q["key"] != key]
    if len(kept) == len(survey.own_questions or []):
        return False
    removed = next(q for q in survey.own_questions if q["key"] == key)
    survey.own_questions = kept
    _audit(AuditAction.SURVEY_QUESTION_REMOVED, survey, by, question=removed["label"])
    return True


def record_export(project: Project, results: "SurveyResults", audience: str, *, by: User) -> None:
    """The results left the assistant as CSV: who downloaded them is in the audit log."""
    access.require(by, Action.DOWNLOAD, project)
    audit.record(AuditAction.SURVEY_EXPORTED, actor=by, organisation_id=project.organisation_id,
                 target=audit.target_of(project), responses=results.count, audience=audience)


# --- one-time access codes -----------------------------------------------------------------------------------

def make_codes(survey: Survey, number: int, *, by: User) -> list[str]:
    """`number` new one-time codes (8 characters, shown as ABCD-EFGH); each opens the survey once."""
    access.require(by, Action.EDIT, survey)
    if not 1 <= number <= MAX_CODES:
        raise SurveyError(_("Kies een aantal van 1 tot en met %(max)s.", max=MAX_CODES), "number")
    existing = set(db.session.scalars(select(SurveyCode.code).where(SurveyCode.survey_id == survey.id)))
    codes: list[str] = []
    while len(codes) < number:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _i in range(8))
        if code not in existing:
            existing.add(code)
            codes.append(code)
    db.session.add_all(SurveyCode(survey_id=survey.id, code=code) for code in codes)
    _audit(AuditAction.SURVEY_CODES_MADE, survey, by, number=number)
    return codes


def codes_of(survey: Survey | None) -> list[tuple[str, bool]]:
    """(code as printed, used) for every code of the survey, in the order they were made."""
    if survey is None or survey.id is None:
        return []
    rows = db.session.execute(select(SurveyCode.code, SurveyCode.used).where(SurveyCode.survey_id == survey.id)
                              .order_by(SurveyCode.id)).all()
    return [(printed(code), used) for code, used in rows]


def printed(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _normal_code(typed: str) -> str:
    return "".join(c for c in (typed or "").upper() if c.isalnum())[:16]


def _use_code(survey: Survey, typed: str) -> str | None:
    """Mark the code used, in the caller's transaction; a message if it is unknown or used. Of two answers with
    the same code at once, the database lets one UPDATE change the row: the other changes none and is refused."""
    code = _normal_code(typed)
    if not code:
        return _("Vul de toegangscode in die u kreeg, bijvoorbeeld ABCD-EFGH.")
    changed = db.session.execute(update(SurveyCode).where(SurveyCode.survey_id == survey.id, SurveyCode.code == code,
                                                          SurveyCode.used.is_(False)).values(used=True)).rowcount
    return None if changed == 1 else _("Deze toegangscode kennen wij niet, of hij is al gebruikt. Controleer de "
                                       "code; elke code werkt één keer.")


# --- answering -----------------------------------------------------------------------------------------------

def source_of(secret: bytes, survey: Survey, day: date, address: str) -> str:
    """A keyed hash of (survey, day, address), 16 hex characters: answers from one address on one day share it, and
    no other survey or day does. The address itself is not kept."""
    message = f"{survey.id}|{day.isoformat()}|{address}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:16]


def submit(survey: Survey, answers: dict[str, str], survey_content: SurveyContent,
           today: date | None = None, *, source: str | None = None, limit: int | None = None,
           code: str | None = None, by: access.Actor) -> SurveyResponse:
    """Store one anonymous response: only the answers to the survey's questions, as their types parse them, the day
    and the source (see source_of). Raises AnswersRefused (nothing stored) when a type refuses an answer or the
    access code is unknown or used ("code"), TooManyAnswers when the source gave `limit` answers today already.

    One write transaction: the code is marked used, the response inserted, and then the source's answers counted;
    past the limit the caller's unit of work rolls it all back. `by`: access.PUBLIC (whoever answers)."""
    access.require(by, Action.RESPOND, survey)
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
    if survey.with_codes:
        problem = _use_code(survey, code or "")
        if problem:
            raise AnswersRefused({"code": problem})
    response = SurveyResponse(survey_id=survey.id, answers=keep, answered_on=today or date.today(), source=source)
    db.session.add(response)
    if source is not None and limit is not None:
        db.session.flush()   # counted after the insert: on SQLite the write lock makes the count exact
        given = db.session.scalar(select(func.count()).select_from(SurveyResponse).where(
            SurveyResponse.survey_id == survey.id, SurveyResponse.source == source))
        if given > limit:
            raise TooManyAnswers(source)
    return response


def response_count(survey: Survey | None) -> int:
    if survey is None or survey.id is None:
        return 0
    return db.session.scalar(select(func.count()).select_from(SurveyResponse)
                             .where(SurveyResponse.survey_id == survey.id)) or 0


def burst_count(survey: Survey | None) -> int:
    """The answers that came in a burst: BURST or more from one address on one day."""
    if survey is None or survey.id is None:
        return 0
    per_source = (select(func.count().label("n")).where(SurveyResponse.survey_id == survey.id,
                                                        SurveyResponse.source.is_not(None))
                  .group_by(SurveyResponse.source).having(func.count() >= BURST).subquery())
    return db.session.scalar(select(func.coalesce(func.sum(per_source.c.n), 0))) or 0


# --- results ----------------------------------------------------------------------------------------------------

@dataclass
class QuestionResult:
    key: str
    label: str
    theme: str | None
    kind: str
    options: list[tuple[str, int]] = field(default_factory=list)  # (label, count) per option, Ja/Nee
    mean: float | None = None                                     # a scale's or a number's
    answered: int = 0
    answers: list[str] = field(default_factory=list)             # open answers: for the project team only
    scale_top: int = 0                                            # a scale runs from 1 to this
    lowest: int | None = None                                     # a number's
    highest: int | None = None

    @property
    def shown_answers(self) -> list[str]:
        return self.answers[-OPEN_SHOWN:][::-1]


@dataclass
class SurveyResults:
    count: int
    enough: bool
    questions: list[QuestionResult] = field(default_factory=list)
    minimum: int = MIN_RESPONSES
    bursts: int = 0
    audience: str = PARTICIPANTS


def results_for(project: Project, survey_content: SurveyContent, audience: str = PARTICIPANTS) -> SurveyResults:
    """Per question: the count per option (scale, choice, yes/no), the mean (scale, number), or the answers (open);
    nothing but the count below MIN_RESPONSES. The stored answers were parsed by their types when they came in; here
    they are only counted, a value no option has (an option since removed) is passed over, never shown raw."""
    survey = survey_of(project, audience)
    count = response_count(survey)
    if count < MIN_RESPONSES:
        return SurveyResults(count=count, enough=False, audience=audience)
    # The stored JSON as text, read in one json.loads: 10,000 small decodes cost several times as much.
    stored = db.session.scalars(select(cast(SurveyResponse.answers, Text)).where(SurveyResponse.survey_id == survey.id)
                                .order_by(SurveyResponse.id)).all()
    rows = [row if isinstance(row, dict) else {} for row in json.loads("[" + ",".join(stored) + "]")]
    questions = questions_of(survey, survey_content)
    # One pass in C per question (map over the rows) instead of a Python loop over every answer.
    counted = {q.key: Counter(map(methodcaller("get", q.key), rows)) for q in questions if q.kind != OPEN}
    texts = {q.key: [v for v in map(methodcaller("get", q.key), rows) if isinstance(v, str)]
             for q in questions if q.kind == OPEN}
    results = []
    for q in questions:
        result = QuestionResult(q.key, q.label, q.theme, q.kind)
        if q.kind in (SCALE, CHOICE):
            result.options = [(label, counted[q.key][value]) for value, label in q.options]
            result.answered = sum(n for _label, n in result.options)
            if q.kind == SCALE and result.answered:
                result.scale_top = len(q.options)
                result.mean = round(sum(int(v) * counted[q.key][v] for v, _l in q.options) / result.answered, 1)
        elif q.kind == YES_NO:
            result.options = [(_("Ja"), counted[q.key][True]), (_("Nee"), counted[q.key][False])]
            result.answered = sum(n for _label, n in result.options)
        elif q.kind == NUMBER:
            numbers = {v: n for v, n in counted[q.key].items() if type(v) is int}
            result.answered = sum(numbers.values())
            if numbers:
                result.mean = round(sum(v * n for v, n in numbers.items()) / result.answered, 1)
                result.lowest, result.highest = min(numbers), max(numbers)
        else:
            result.answers = texts[q.key]
            result.answered = len(result.answers)
        results.append(result)
    return SurveyResults(count=count, enough=True, questions=results, bursts=burst_count(survey), audience=audience)


@dataclass
class Comparison:
    """A question both surveys ask (the same key), with each side's mean; None where a side has too few answers."""
    label: str
    staff_label: str
    theme: str | None
    participants: float | None
    staff: float | None


def compare(survey_content: SurveyContent, participants: SurveyResults, staff: SurveyResults) -> list[Comparison]:
    """The standard scale questions both surveys ask (the same key) side by side, as the Benchmark
    Burgerparticipatie reports them; a side below MIN_RESPONSES has no mean."""
    means = [{q.key: q.mean for q in side.questions} for side in (participants, staff)]
    staff_questions = {q.key: q for q, _theme in survey_content.for_audience(STAFF).questions}
    rows = []
    for q, theme in survey_content.questions:
        other = staff_questions.get(q.key)
        if other is not None and kind_of(q) == SCALE and kind_of(other) == SCALE:
            rows.append(Comparison(q.label, other.label, theme, means[0].get(q.key), means[1].get(q.key)))
    return rows


def _decimal(number: float | None) -> str:
    return "" if number is None else f"{number:.1f}".replace(".", ",")


def results_csv(results: SurveyResults) -> str:
    """One row per question and option (and one per open answer), for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Vraag"), _("Thema"), _("Antwoord"), _("Aantal"), _("Gemiddelde")])
    for q in results.questions:
        theme = q.theme or ""
        if q.kind in (SCALE, CHOICE, YES_NO):
            for label, n in q.options:
                writer.writerow([q.label, theme, csv_text(label), n, ""])
        if q.kind == SCALE:
            writer.writerow([q.label, theme, _("Gemiddelde (1–%(top)s)", top=q.scale_top or len(q.options)),
                             q.answered, _decimal(q.mean)])
        elif q.kind == NUMBER:
            writer.writerow([q.label, theme, _("Gemiddelde (laagste %(low)s, hoogste %(high)s)",
                                               low="" if q.lowest is None else q.lowest,
                                               high="" if q.highest is None else q.highest),
                             q.answered, _decimal(q.mean)])
        elif q.kind == OPEN:
            for answer in q.answers:
                writer.writerow([q.label, theme, csv_text(answer), 1, ""])   # never run as a formula
    return out.getvalue()
