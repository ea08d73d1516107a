"""Reading, checking and judging the answers of a step.

A save never needs the step to be complete: only the type of each answer is checked here
(length, number, date, known option). Completeness is judged separately, from the required questions.
"""
from __future__ import annotations

import enum
import re
from typing import Any, Callable, Mapping

from app.services.core import text
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
from app.services.questions.handreiking import Handreiking, Option, Question, Step
# The types do the work per question type (app/services/questions/questions.py); these names stay importable from here.
from app.services.questions.questions import (_FORBIDDEN, NUMBER_LIMIT, OTHER_LIMIT, FormData, clean_text, field_name,
                                              is_empty, other_key, shorten)
from app.services.questions.questions import thousands as _thousands  # noqa: F401

BLANK_LIST_ROWS = 2  # empty rows offered under a list, so a row can be added without JavaScript


class StepStatus(str, enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        _ = text.catalog().gettext  # the request's translations, looked up once: a step page asks nine labels
        if self is StepStatus.COMPLETE:
            return _("Afgerond")
        return _("Bezig") if self is StepStatus.IN_PROGRESS else _("Niet begonnen")


def clean_line(value: str | None) -> str | None:
    """A one-line text (a name, a title, an e-mail address): clean_text, without tabs and line breaks, trimmed."""
    return None if value is None else re.sub(r"[\t\n]", "", clean_text(value)).strip()


def parse_step(step: Step, form: FormData) -> tuple[dict[str, Any], dict[str, str]]:
    """Turn posted form data into answers. Returns (answers, errors by field name)."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for q in step.questions:
        q.kind.parse_into(q, form, answers, errors)
        if q.allow_other:
            other = clean_text(form.get(field_name(q.other_key), "") or "").strip()
            if len(other) > OTHER_LIMIT:
                errors[field_name(q.other_key)] = _("Gebruik maximaal %(limit)s tekens (u gebruikte er %(used)s).",
                                                     limit=OTHER_LIMIT, used=len(other))
            answers[q.other_key] = other or None
    return {k: v for k, v in answers.items() if not is_empty(v)}, errors


def parse_value(q: Question, form: FormData, name: str) -> tuple[Any, str | None]:
    """One posted value, checked against its question's type. Returns (value, error)."""
    return q.kind.parse(q, form, name)


def check_value(q: Question, value: Any) -> str | None:
    """Check an answer that did not come from a form (plan import). Returns a problem or None, never raises:
    the value can be anything JSON holds, including lists and objects where a word is expected."""
    return None if value is None else q.kind.check(q, value)


def clean_value(q: Question, value: Any) -> Any:
    """An imported answer that passed check_value, with its text cleaned as a form would clean it."""
    return q.kind.clean(q, value)


def is_visible(q: Question, answers: Mapping[str, Any]) -> bool:
    return q.show_if is None or q.show_if.holds(answers)


def is_answered(q: Question, value: Any) -> bool:
    return q.kind.is_answered(q, value)


def missing_required(step: Step, answers: Mapping[str, Any]) -> list[Question]:
    return [q for q in step.questions
            if q.required and is_visible(q, answers) and not is_answered(q, answers.get(q.key))]


def step_status(step: Step, answers: Mapping[str, Any]) -> StepStatus:
    if not any(not is_empty(answers.get(k)) for k in step.keys()):
        return StepStatus.NOT_STARTED
    return StepStatus.IN_PROGRESS if missing_required(step, answers) else StepStatus.COMPLETE


def effective_answers(handreiking: Handreiking, answers_by_step: Mapping[int, Mapping[str, Any]]) -> dict[str, Any]:
    """All answers that count: those of questions hidden by their condition are kept but left out here."""
    result: dict[str, Any] = {}
    for step in handreiking.steps:
        stored = answers_by_step.get(step.number, {})
        for q in step.questions:
            if not is_visible(q, stored):
                continue
            if not is_empty(stored.get(q.key)):
                result[q.key] = stored[q.key]
            # An own wording counts also when no option is ticked: it must not vanish from the ordinance.
            if q.allow_other and stored.get(q.other_key):
                result[q.other_key] = stored[q.other_key]
    return result


def warnings(step: Step, answers: Mapping[str, Any]) -> dict[str, str]:
    """Visible warnings that content attaches to an answer (e.g. leaving out the uitdaagrecht)."""
    found = {}
    for q in step.questions:
        if q.warn_if and is_visible(q, answers) and q.key in answers and answers[q.key] == q.warn_if.get("equals"):
            found[q.key] = q.warn_if.get("message", "")
    return found


def display_value(q: Question, value: Any) -> str:
    """An answer as a person reads it, for the review page and version comparisons."""
    return "" if is_empty(value) else q.kind.display(q, value)


def csv_value(q: Question, value: Any) -> str:
    """An answer as one CSV cell ("" for no answer)."""
    return q.kind.csv_value(q, value)


def answer_choices(step: Step, handreiking: Handreiking,
                   load_answers: Callable[[], Mapping[int, Mapping[str, Any]]]) -> dict[str, list[Option]]:
    """The options of the step's answer_choice fields, by "list.field": the plan's own answers to the question each
    draws from (its ticked options, then its own wording). An empty list means that question has no answer yet.
    `load_answers` gives the plan's answers by step; it is only called when the step has such a field."""
    result: dict[str, list[Option]] = {}
    answers_by_step = None
    for q in step.questions:
        for f in q.fields:
            if f.type != "answer_choice":
                continue
            source_step, source = handreiking.find_question(f.options_from)
            answers_by_step = load_answers() if answers_by_step is None else answers_by_step
            stored = answers_by_step.get(source_step.number, {})
            options = [o for o in source.options if o.value in (stored.get(source.key) or [])]
            own = stored.get(source.other_key) if source.allow_other else None
            if own:
                options.append(Option(own, own))
            result[f"{q.key}.{f.key}"] = options
    return result


def changed_keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)}



def answers_problem(step: Step, answers: Any) -> tuple[str, str] | None:
    """The first (key, problem) in a step's answers that did not come from its form (an import, a merge), or None.
    Keys must be questions of the step or their own-wording field, values of the question's type."""
    if not isinstance(answers, dict):
        return "", _("moet een object met antwoorden zijn")
    questions = {q.key: q for q in step.questions}
    others = {q.other_key for q in step.questions if q.allow_other}
    for key, value in answers.items():
        if key in others:
            if value is not None and not isinstance(value, str):
                return key, _("moet tekst zijn")
            if isinstance(value, str) and len(value) > OTHER_LIMIT:
                return key, _("is langer dan %(limit)s tekens", limit=OTHER_LIMIT)
        elif key in questions:
            problem = check_value(questions[key], value)
            if problem:
                return key, problem
        else:
            return key, _("deze vraag bestaat niet in stap %(number)s", number=step.number)
    return None


def has_forbidden_characters(value: Any) -> bool:
    """True if a text anywhere in the value holds a character that no form lets through (NUL, other controls)."""
    if isinstance(value, str):
        return bool(_FORBIDDEN.search(value))
    if isinstance(value, list):
        return any(has_forbidden_characters(v) for v in value)
    if isinstance(value, dict):
        return any(has_forbidden_characters(v) for v in value.values())
    return False
