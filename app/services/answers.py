"""Reading, checking and judging the answers of a step.

A save never needs the step to be complete: only the type of each answer is checked here
(length, number, date, known option). Completeness is judged separately, from the required questions.
"""
from __future__ import annotations

import enum
import re
from datetime import date
from typing import Any, Callable, Mapping, Protocol

from flask_babel import gettext as _  # outside an app context it returns the Dutch text itself

from app.services import months
from app.services.handreiking import Handreiking, Option, Question, Step
from app.services.numbers import NumberError, format_euros, parse_euros, parse_number, unit_for

# Control characters other than tab and newline are not valid in a Word document; the private-use
# characters are the ordinance engine's markers. Neither may come from a user.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\ue0ff]")
OTHER_LIMIT = 500  # the own wording next to the options ("anders")
BLANK_LIST_ROWS = 2  # empty rows offered under a list, so a row can be added without JavaScript


class FormData(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


class StepStatus(str, enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        # One lookup, not three: a step page asks for nine labels.
        if self is StepStatus.COMPLETE:
            return _("Afgerond")
        return _("Bezig") if self is StepStatus.IN_PROGRESS else _("Niet begonnen")


def clean_text(value: str) -> str:
    """Drop characters that cannot be stored in a document; normalise line ends."""
    return _FORBIDDEN.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(value: str | None) -> str | None:
    """A one-line text (a name, a title, an e-mail address): clean_text, without tabs and line breaks, trimmed."""
    return None if value is None else re.sub(r"[\t\n]", "", clean_text(value)).strip()


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def field_name(key: str, row: int | None = None, sub: str | None = None) -> str:
    return f"q-{key}" if row is None else f"q-{key}-{row}-{sub}"


def parse_step(step: Step, form: FormData) -> tuple[dict[str, Any], dict[str, str]]:
    """Turn posted form data into answers. Returns (answers, errors by field name)."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for q in step.questions:
        if q.type == "list":
            answers[q.key] = _parse_list(q, form, errors)
        else:
            value, error = parse_value(q, form, field_name(q.key))
            answers[q.key] = value
            if error:
                errors[field_name(q.key)] = error
        if q.allow_other:
            other = clean_text(form.get(field_name(q.other_key), "") or "").strip()
            if len(other) > OTHER_LIMIT:
                errors[field_name(q.other_key)] = _("Gebruik maximaal %(limit)s tekens (u gebruikte er %(used)s).",
                                                     limit=OTHER_LIMIT, used=len(other))
            answers[q.other_key] = other or None
    return {k: v for k, v in answers.items() if not is_empty(v)}, errors


def _parse_list(q: Question, form: FormData, errors: dict[str, str]) -> list[dict[str, Any]]:
    try:
        rows = min(int(form.get(f"q-{q.key}-rows", 0) or 0), 200)
    except ValueError:
        rows = 0
    items = []
    for i in range(rows):
        item: dict[str, Any] = {}
        row_errors = {}
        for f in q.fields:
            name = field_name(q.key, i, f.key)
            value, error = parse_value(f, form, name)
            if error:
                row_errors[name] = error
            if not is_empty(value):
                item[f.key] = value
        _check_row(q, i, item, row_errors)
        if item or row_errors:
            errors.update(row_errors)
            items.append(item)
    return items


def _check_row(q: Question, i: int, item: dict[str, Any], row_errors: dict[str, str]) -> None:
    """The rules between the fields of one row: an end month not before its start; an old text dropped once the
    fields that replace it are filled."""
    for f in q.fields:
        name = field_name(q.key, i, f.key)
        start = item.get(f.not_before) if f.not_before else None
        if start and name not in row_errors and months.is_month(start) and months.is_month(item.get(f.key)) \
                and item[f.key] < start:
            row_errors[name] = _("De eindmaand (%(end)s) ligt vóór de startmaand (%(start)s). Kies een eindmaand "
                                 "vanaf de startmaand.", end=months.label(item[f.key]), start=months.label(start))
        if f.is_legacy and all(not is_empty(item.get(k)) for k in f.replaced_by):
            item.pop(f.key, None)


def parse_value(q: Question, form: FormData, name: str) -> tuple[Any, str | None]:
    """One posted value, checked against its question's type. Returns (value, error)."""
    if q.type == "multi_choice":
        chosen = [clean_text(str(v)) for v in form.getlist(name)]
        known = {o.value for o in q.options}
        unknown = [v for v in chosen if v not in known]
        if unknown:
            return chosen, _("Kies alleen uit de gegeven mogelijkheden.")
        return [o.value for o in q.options if o.value in chosen], None
    raw = clean_text(str(form.get(name, "") or ""))
    if q.type in ("text", "long_text"):
        value = raw.strip() if q.type == "text" else raw.strip("\n ")
        if len(value) > q.text_limit():
            return value, _("Gebruik maximaal %(limit)s tekens (u gebruikte er %(used)s).",
                             limit=_thousands(q.text_limit()), used=_thousands(len(value)))
        return value, None
    raw = raw.strip()
    if raw == "":
        return None, None
    if q.type == "choice":
        if raw not in {o.value for o in q.options}:
            return raw, _("Kies een van de gegeven mogelijkheden.")
        return raw, None
    if q.type == "yes_no":
        if raw not in ("ja", "nee"):
            return raw, _("Kies ja of nee.")
        return raw == "ja", None
    if q.type == "number":
        try:
            number = parse_number(raw, unit=unit_for(q.key, q.unit))
        except NumberError as exc:
            return raw, str(exc)
        if q.min is not None and number < q.min or q.max is not None and number > q.max:
            return raw, _("Vul een getal in van %(min)s tot en met %(max)s.", min=_thousands(q.min), max=_thousands(q.max))
        return number, None
    if q.type == "date":
        try:
            return date.fromisoformat(raw).isoformat(), None
        except ValueError:
            return raw, _("Vul een geldige datum in, bijvoorbeeld 2027-01-01.")
    if q.type == "month":
        try:
            return months.parse_month(raw), None
        except months.MonthError as exc:
            return raw, str(exc)
    if q.type == "money":
        try:
            return parse_euros(raw), None
        except NumberError as exc:
            return raw, str(exc)
    if q.type == "answer_choice":  # the options depend on another step, which may change: any short text is kept
        if len(raw) > OTHER_LIMIT:
            return raw, _("Gebruik maximaal %(limit)s tekens (u gebruikte er %(used)s).", limit=OTHER_LIMIT,
                          used=len(raw))
        return raw, None
    return raw, None


def _thousands(number: int | None) -> str:
    """12345 as '12.345', the Dutch way."""
    return "" if number is None else f"{number:,}".replace(",", ".")


NUMBER_LIMIT = 10**9  # the form takes at most nine digits; an imported number is held to the same bound


def check_value(q: Question, value: Any) -> str | None:
    """Check an answer that did not come from a form (plan import). Returns a problem or None, never raises:
    the value can be anything JSON holds, including lists and objects where a word is expected."""
    if value is None:
        return None
    options = [o.value for o in q.options]
    if q.type in ("text", "long_text"):
        if not isinstance(value, str):
            return _("moet tekst zijn")
        if len(value) > q.text_limit():
            return _("is langer dan %(limit)s tekens", limit=q.text_limit())
    elif q.type == "choice":
        if not isinstance(value, str) or value not in options:
            return _("'%(value)s' is geen optie (kies uit %(options)s)", value=shorten(value),
                     options=", ".join(options))
    elif q.type == "multi_choice":
        if not isinstance(value, list) or not all(isinstance(v, str) and v in options for v in value):
            return _("moet een lijst zijn met waarden uit %(options)s", options=", ".join(options))
    elif q.type == "yes_no":
        if not isinstance(value, bool):
            return _("moet true of false zijn")
    elif q.type == "number":
        if not isinstance(value, int) or isinstance(value, bool):
            return _("moet een geheel getal zijn")
        if abs(value) >= NUMBER_LIMIT:
            return _("moet een getal van ten hoogste negen cijfers zijn")
        if q.min is not None and value < q.min or q.max is not None and value > q.max:
            return _("moet tussen %(min)s en %(max)s liggen", min=q.min, max=q.max)
    elif q.type == "date":
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return _("moet een datum zijn (JJJJ-MM-DD)")
        try:
            date.fromisoformat(value)
        except ValueError:
            return _("moet een datum zijn (JJJJ-MM-DD)")
    elif q.type == "month":
        if not months.is_month(value):
            return _("moet een maand zijn (JJJJ-MM)")
    elif q.type == "money":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value < NUMBER_LIMIT \
                or round(value, 2) != value:
            return _("moet een bedrag in euro zijn (een getal van nul of meer, ten hoogste twee decimalen)")
    elif q.type == "answer_choice":
        if not isinstance(value, str) or len(value) > OTHER_LIMIT:
            return _("moet tekst zijn van ten hoogste %(limit)s tekens", limit=OTHER_LIMIT)
    elif q.type == "list":
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            return _("moet een lijst van rijen zijn")
        fields = {f.key: f for f in q.fields}
        for i, row in enumerate(value, start=1):
            for k, v in row.items():
                if k not in fields:
                    return _("rij %(row)s: onbekend veld '%(field)s'", row=i, field=shorten(k))
                problem = check_value(fields[k], v)
                if problem:
                    return _("rij %(row)s, veld '%(field)s' %(problem)s", row=i, field=k, problem=problem)
            for f in q.fields:
                if f.not_before and months.is_month(row.get(f.key)) and months.is_month(row.get(f.not_before)) \
                        and row[f.key] < row[f.not_before]:
                    return _("rij %(row)s: '%(field)s' ligt vóór '%(start)s'", row=i, field=f.key, start=f.not_before)
    return None


def clean_value(q: Question, value: Any) -> Any:
    """An imported answer that passed check_value, with its text cleaned as a form would clean it."""
    if isinstance(value, str):
        return clean_text(value)
    if q.type == "list" and isinstance(value, list):
        fields = {f.key: f for f in q.fields}
        return [{k: clean_value(fields[k], v) for k, v in row.items()} for row in value]
    return value


def shorten(text: Any, limit: int = 40) -> str:
    """A key from a file as it can be shown in a message: cleaned and cut short."""
    text = clean_text(str(text))
    return text if len(text) <= limit else text[:limit] + "…"


def is_visible(q: Question, answers: Mapping[str, Any]) -> bool:
    return q.show_if is None or q.show_if.holds(answers)


def is_answered(q: Question, value: Any) -> bool:
    if q.type == "list":
        return bool(value) and all(
            all(not is_empty(row.get(f.key)) for f in q.fields if f.required) for row in value)
    return not is_empty(value)


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
    if is_empty(value):
        return ""
    if q.type == "choice":
        return q.option_label(value)
    if q.type == "multi_choice":
        return ", ".join(q.option_label(v) for v in value)
    if q.type == "yes_no":
        return _("Ja") if value else _("Nee")
    if q.type == "month":
        return months.label(value)
    if q.type == "money":
        return format_euros(value) if isinstance(value, (int, float)) else str(value)
    if q.type == "answer_choice":
        return q.option_label(value)
    if q.type == "list":
        return "\n".join(
            "; ".join(f"{_legacy_label(f)}: {display_value(f, row.get(f.key))}" for f in q.fields
                      if not is_empty(row.get(f.key)))
            for row in value)
    return str(value)


def _legacy_label(f: Question) -> str:
    return _("%(label)s (eerder ingevuld)", label=f.label) if f.is_legacy else f.label


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
