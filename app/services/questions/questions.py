"""The question engine: one class per question type, registered in TYPES.

Each type reads its own part of a question's YAML (options, fields, options_from), turns posted form data into an
answer and says what is wrong with it, checks an answer that came from a file (plan import, merge), shows a stored
answer as a person reads it and writes it into a CSV cell. The guide (handreiking.py), the answers (answers.py) and
any other question set (surveys, the self-scan, the evaluation) ask the question's type instead of testing
`q.type` themselves; a new type is one class here, one line in TYPES and its macro (of the same name) in
templates/questions/_types.html, which renders it.

This module sits below handreiking.py and answers.py (both import it); it knows a question only by its attributes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Protocol

from app.services.core import dates, months
from app.services.core.numbers import NumberError, format_euros, parse_euros, parse_number, unit_for
from app.services.core.text import _  # outside an app context it returns the Dutch text itself

if TYPE_CHECKING:
    from app.services.questions.handreiking import Question

# Control characters other than tab and newline are not valid in a Word document; the private-use
# characters are the ordinance engine's markers. Neither may come from a user.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\ue0ff]")
OTHER_LIMIT = 500  # the own wording next to the options ("anders")
NUMBER_LIMIT = 10**9  # the form takes at most nine digits; an imported number is held to the same bound
#: a CSV cell starting with one of these is a formula to a spreadsheet; free text gets a leading apostrophe
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ContentError(Exception):
    """A content file is missing or wrong; the message names the file and the problem."""


class FormData(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


@dataclass(frozen=True)
class Option:
    value: str
    label: str


def clean_text(value: str) -> str:
    """Drop characters that cannot be stored in a document; normalise line ends."""
    return _FORBIDDEN.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


#: a question's form field is FIELD_PREFIX + its key; the own wording next to its options ("anders") is stored under
#: its key + OTHER_SUFFIX (Question.other_key) and posted in the field of that name
FIELD_PREFIX = "q-"
OTHER_SUFFIX = "__anders"


def field_name(key: str, *parts: int | str) -> str:
    """The name (and HTML id) of a question's form field: q-<key>, and of a part of it q-<key>-<part>-..., as a list's
    row count (q-<key>-rows) or the field of a row (q-<key>-<row>-<field>). The services read posted forms by it,
    the templates render it (a global), and the page's script (app.js) takes a list's names from the HTML the server
    renders and a condition's from its FIELD_PREFIX, which tests/wizard/test_field_names.py keeps equal to this one."""
    return FIELD_PREFIX + "-".join((key, *map(str, parts)))


def other_key(key: str) -> str:
    """The answer key of the own wording next to the options of question `key`."""
    return key + OTHER_SUFFIX


def thousands(number: int | None) -> str:
    """12345 as '12.345', the Dutch way."""
    return "" if number is None else f"{number:,}".replace(",", ".")


def shorten(text: Any, limit: int = 40) -> str:
    """A key from a file as it can be shown in a message: cleaned and cut short."""
    text = clean_text(str(text))
    return text if len(text) <= limit else text[:limit] + "…"


def csv_text(text: str) -> str:
    """Free text for a CSV cell: a spreadsheet must not run it as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def load_options(raw: Any, where: str) -> list[Option]:
    if not isinstance(raw, list):
        raise ContentError(f"{where}: 'options' moet een lijst zijn")
    options = []
    for item in raw:
        if not isinstance(item, dict) or "value" not in item or "label" not in item:
            raise ContentError(f"{where}: elke optie heeft 'value' en 'label' nodig")
        if set(item) - {"value", "label"}:
            # Usually an unquoted comma in a {value: ..., label: ...} line that YAML split in two.
            raise ContentError(f"{where}: optie '{item['value']}' heeft onbekende velden "
                               f"{sorted(map(str, set(item) - {'value', 'label'}))}; zet een label met een komma "
                               "tussen aanhalingstekens")
        options.append(Option(str(item["value"]), str(item["label"])))
    values = [o.value for o in options]
    if len(set(values)) != len(values):
        raise ContentError(f"{where}: twee opties hebben dezelfde waarde")
    return options


#: loads one field of a list question: (raw, where, the fields read so far) -> Question
FieldLoader = Callable[[Any, str, list], "Question"]


class QuestionType:
    """A question type. Stateless: every method takes the question it works for."""
    name = ""
    top_level = True  #: a question of a step or survey may have this type
    in_list = False  #: a field of a list question may have this type
    rows = False  #: the answer is a list of rows (taken over one row at a time)
    #: rendered as a fieldset with a legend (checkboxes, radio buttons, rows), not as one labelled input
    fieldset = False

    @property
    def macro(self) -> str:
        """The macro in templates/questions/_types.html that renders this type: its input, or for a fieldset type
        what goes inside the fieldset. It has the type's name."""
        return self.name

    # --- the content file ------------------------------------------------------------------
    def load(self, raw: dict, where: str, load_field: FieldLoader) -> dict[str, Any]:
        """Check the type's own part of the question's YAML; return the Question attributes it sets."""
        return {}

    # --- a posted form ---------------------------------------------------------------------
    def parse_into(self, q: "Question", form: FormData, answers: dict[str, Any], errors: dict[str, str]) -> None:
        """Put the question's answer into `answers` and any problem, by field name, into `errors`."""
        value, error = self.parse(q, form, field_name(q.key))
        answers[q.key] = value
        if error:
            errors[field_name(q.key)] = error

    def parse(self, q: "Question", form: FormData, name: str) -> tuple[Any, str | None]:
        """One posted value. Returns (value, error); on an error the value is what the user typed."""
        raw = clean_text(str(form.get(name, "") or "")).strip()
        if raw == "":
            return None, None
        return self.parse_text(q, raw)

    def parse_text(self, q: "Question", raw: str) -> tuple[Any, str | None]:
        return raw, None

    # --- a value from a file ---------------------------------------------------------------
    def check(self, q: "Question", value: Any) -> str | None:
        """The problem with a value that is not None and did not come from a form, or None. Never raises."""
        return None

    def clean(self, q: "Question", value: Any) -> Any:
        """An imported value that passed check, with its text cleaned as a form would clean it."""
        return clean_text(value) if isinstance(value, str) else value

    def is_answered(self, q: "Question", value: Any) -> bool:
        return not is_empty(value)

    # --- what can be chosen ------------------------------------------------------------------
    def choices(self, q: "Question") -> list[tuple[Any, str]]:
        """The values a person chooses between, with their labels as written in the content; none for a free
        answer."""
        return [(o.value, o.label) for o in q.options]

    def chosen(self, q: "Question", value: Any) -> list[Any]:
        """The values a non-empty answer chose: one, or several for a question that allows more."""
        return [value]

    def answer_of(self, q: "Question", value: Any) -> Any:
        """The answer that chooses `value` and nothing else."""
        return value

    # --- showing and exporting -------------------------------------------------------------
    def display(self, q: "Question", value: Any) -> str:
        """A non-empty answer as a person reads it."""
        return str(value)

    def csv_value(self, q: "Question", value: Any) -> str:
        """An answer as one CSV cell: empty for no answer, plain values (ISO dates, numbers without thousands
        separators, amounts with two decimals and a point), option labels, free text safe from formulas."""
        return "" if is_empty(value) else self.csv(q, value)

    def csv(self, q: "Question", value: Any) -> str:
        return str(value)


class TextType(QuestionType):
    name = "text"
    in_list = True

    def parse(self, q, form, name):
        value = self.trim(clean_text(str(form.get(name, "") or "")))
        if len(value) > q.text_limit():
            return value, _("Gebruik maximaal %(limit)s tekens (u gebruikte er %(used)s).",
                            limit=thousands(q.text_limit()), used=thousands(len(value)))
        return value, None

    def trim(self, value: str) -> str:
        return value.strip()

    def check(self, q, value):
        if not isinstance(value, str):
            return _("moet tekst zijn")
        if len(value) > q.text_limit():
            return _("is langer dan %(limit)s tekens", limit=q.text_limit())
        return None

    def csv(self, q, value):
        return csv_text(str(value))


class LongTextType(TextType):
    name = "long_text"
    in_list = False

    def trim(self, value: str) -> str:
        return value.strip("\n ")


class ChoiceType(QuestionType):
    name = "choice"
    in_list = True

    def load(self, raw, where, load_field):
        options = tuple(load_options(raw.get("options"), where))
        if not options:
            raise ContentError(f"{where}: een keuzevraag heeft 'options' nodig")
        return {"options": options}

    def parse_text(self, q, raw):
        if raw not in {o.value for o in q.options}:
            return raw, _("Kies een van de gegeven mogelijkheden.")
        return raw, None

    def check(self, q, value):
        options = [o.value for o in q.options]
        if not isinstance(value, str) or value not in options:
            return _("'%(value)s' is geen optie (kies uit %(options)s)", value=shorten(value),
                     options=", ".join(options))
        return None

    def display(self, q, value):
        return q.option_label(value)

    def csv(self, q, value):
        return csv_text(q.option_label(value))


class MultiChoiceType(ChoiceType):
    name = "multi_choice"
    fieldset = True
    in_list = False

    def parse(self, q, form, name):
        chosen = [clean_text(str(v)) for v in form.getlist(name)]
        known = {o.value for o in q.options}
        if any(v not in known for v in chosen):
            return chosen, _("Kies alleen uit de gegeven mogelijkheden.")
        return [o.value for o in q.options if o.value in chosen], None

    def check(self, q, value):
        options = [o.value for o in q.options]
        if not isinstance(value, list) or not all(isinstance(v, str) and v in options for v in value):
            return _("moet een lijst zijn met waarden uit %(options)s", options=", ".join(options))
        return None

    def chosen(self, q, value):
        return list(value) if isinstance(value, list) else []

    def answer_of(self, q, value):
        return [value]

    def display(self, q, value):
        return ", ".join(q.option_label(v) for v in value)

    def csv(self, q, value):
        return csv_text("; ".join(q.option_label(v) for v in value))


class YesNoType(QuestionType):
    name = "yes_no"
    fieldset = True

    def parse_text(self, q, raw):
        if raw not in ("ja", "nee"):
            return raw, _("Kies ja of nee.")
        return raw == "ja", None

    def check(self, q, value):
        return None if isinstance(value, bool) else _("moet true of false zijn")

    def choices(self, q):
        return [(True, "Ja"), (False, "Nee")]

    def display(self, q, value):
        return _("Ja") if value else _("Nee")

    def csv(self, q, value):
        return "ja" if value else "nee"


class NumberType(QuestionType):
    name = "number"
    in_list = True

    def parse_text(self, q, raw):
        try:
            number = parse_number(raw, unit=unit_for(q.key, q.unit))
        except NumberError as exc:
            return raw, str(exc)
        if q.min is not None and number < q.min or q.max is not None and number > q.max:
            if q.max is None:
                return raw, _("Vul een getal in van ten minste %(min)s.", min=thousands(q.min))
            if q.min is None:
                return raw, _("Vul een getal in van ten hoogste %(max)s.", max=thousands(q.max))
            return raw, _("Vul een getal in van %(min)s tot en met %(max)s.", min=thousands(q.min),
                          max=thousands(q.max))
        return number, None

    def check(self, q, value):
        if not isinstance(value, int) or isinstance(value, bool):
            return _("moet een geheel getal zijn")
        if abs(value) >= NUMBER_LIMIT:
            return _("moet een getal van ten hoogste negen cijfers zijn")
        if q.min is not None and value < q.min or q.max is not None and value > q.max:
            if q.max is None:
                return _("moet ten minste %(min)s zijn", min=q.min)
            if q.min is None:
                return _("moet ten hoogste %(max)s zijn", max=q.max)
            return _("moet tussen %(min)s en %(max)s liggen", min=q.min, max=q.max)
        return None


class DateType(QuestionType):
    name = "date"
    in_list = True

    def parse_text(self, q, raw):
        try:
            return dates.parse_date(raw).isoformat(), None
        except dates.DateError as exc:
            return raw, str(exc)

    def check(self, q, value):
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return _("moet een datum zijn (JJJJ-MM-DD)")
        try:
            date.fromisoformat(value)
        except ValueError:
            return _("moet een datum zijn (JJJJ-MM-DD)")
        return None

    def display(self, q, value):
        found = dates.as_date(value)
        return dates.format_date(found) if found else str(value)


class MonthType(QuestionType):
    """A month ("2027-03"), a field of a list."""
    name = "month"
    top_level = False
    in_list = True

    def parse_text(self, q, raw):
        try:
            return months.parse_month(raw), None
        except months.MonthError as exc:
            return raw, str(exc)

    def check(self, q, value):
        return None if months.is_month(value) else _("moet een maand zijn (JJJJ-MM)")

    def display(self, q, value):
        return months.label(value)


class MoneyType(QuestionType):
    """An amount in euros, a field of a list."""
    name = "money"
    top_level = False
    in_list = True

    def parse_text(self, q, raw):
        try:
            return parse_euros(raw), None
        except NumberError as exc:
            return raw, str(exc)

    def check(self, q, value):
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value < NUMBER_LIMIT \
                or round(value, 2) != value:
            return _("moet een bedrag in euro zijn (een getal van nul of meer, ten hoogste twee decimalen)")
        return None

    def display(self, q, value):
        return format_euros(value) if isinstance(value, (int, float)) else str(value)

    def csv(self, q, value):
        return (f"{value:.2f}" if isinstance(value, (int, float)) and not isinstance(value, bool)
                else csv_text(str(value)))


class AnswerChoiceType(QuestionType):
    """One of the plan's answers to another (multi-choice) question, named by `options_from`; a field of a list."""
    name = "answer_choice"
    top_level = False
    in_list = True

    def load(self, raw, where, load_field):
        if not raw.get("options_from"):
            raise ContentError(f"{where}: een answer_choice heeft 'options_from' nodig")
        return {}

    def parse_text(self, q, raw):  # the options depend on another step, which may change: any short text is kept
        if len(raw) > OTHER_LIMIT:
            return raw, _("Gebruik maximaal %(limit)s tekens (u gebruikte er %(used)s).", limit=OTHER_LIMIT,
                          used=len(raw))
        return raw, None

    def check(self, q, value):
        if not isinstance(value, str) or len(value) > OTHER_LIMIT:
            return _("moet tekst zijn van ten hoogste %(limit)s tekens", limit=OTHER_LIMIT)
        return None

    display, csv = ChoiceType.display, ChoiceType.csv  # shown by the option's label, as a choice is


class ListType(QuestionType):
    """Rows of fields (activities, a planning); each field has a type of its own."""
    name = "list"
    fieldset = True
    rows = True

    def load(self, raw, where, load_field):
        if not isinstance(raw.get("fields"), list) or not raw["fields"]:
            raise ContentError(f"{where}: een lijstvraag heeft 'fields' nodig")
        fields: list = []
        for raw_field in raw["fields"]:
            fields.append(load_field(raw_field, where, fields))
        by_key = {f.key: f for f in fields}
        for f in fields:
            if f.not_before and (f.type != "month" or by_key.get(f.not_before) is None
                                 or by_key[f.not_before].type != "month"):
                raise ContentError(f"{where}: 'not_before' van '{f.key}' moet een ander maandveld van de lijst noemen")
            for other in f.replaced_by:
                if other not in by_key or by_key[other].is_legacy:
                    raise ContentError(f"{where}: 'replaced_by' van '{f.key}' noemt '{other}', geen nieuw veld van "
                                       "de lijst")
        return {"fields": tuple(fields)}

    def parse_into(self, q, form, answers, errors):
        try:
            rows = min(int(form.get(field_name(q.key, "rows"), 0) or 0), 200)
        except ValueError:
            rows = 0
        items = []
        for i in range(rows):
            item: dict[str, Any] = {}
            row_errors: dict[str, str] = {}
            for f in q.fields:
                name = field_name(q.key, i, f.key)
                value, error = f.kind.parse(f, form, name)
                if error:
                    row_errors[name] = error
                if not is_empty(value):
                    item[f.key] = value
            self._check_row(q, i, item, row_errors)
            if item or row_errors:
                errors.update(row_errors)
                items.append(item)
        answers[q.key] = items

    def parse(self, q, form, name):
        answers: dict[str, Any] = {}
        errors: dict[str, str] = {}
        self.parse_into(q, form, answers, errors)
        return answers[q.key], next(iter(errors.values()), None)

    @staticmethod
    def _check_row(q, i: int, item: dict[str, Any], row_errors: dict[str, str]) -> None:
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

    def check(self, q, value):
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            return _("moet een lijst van rijen zijn")
        fields = {f.key: f for f in q.fields}
        for i, row in enumerate(value, start=1):
            for k, v in row.items():
                if k not in fields:
                    return _("rij %(row)s: onbekend veld '%(field)s'", row=i, field=shorten(k))
                problem = None if v is None else fields[k].kind.check(fields[k], v)
                if problem:
                    return _("rij %(row)s, veld '%(field)s' %(problem)s", row=i, field=k, problem=problem)
            for f in q.fields:
                if f.not_before and months.is_month(row.get(f.key)) and months.is_month(row.get(f.not_before)) \
                        and row[f.key] < row[f.not_before]:
                    return _("rij %(row)s: '%(field)s' ligt vóór '%(start)s'", row=i, field=f.key, start=f.not_before)
        return None

    def clean(self, q, value):
        if not isinstance(value, list):
            return super().clean(q, value)
        fields = {f.key: f for f in q.fields}
        return [{k: fields[k].kind.clean(fields[k], v) for k, v in row.items()} for row in value]

    def is_answered(self, q, value):
        return bool(value) and all(all(not is_empty(row.get(f.key)) for f in q.fields if f.required) for row in value)

    @staticmethod
    def field_label(f) -> str:
        return _("%(label)s (eerder ingevuld)", label=f.label) if f.is_legacy else f.label

    def display(self, q, value):
        return "\n".join(
            "; ".join(f"{self.field_label(f)}: {f.kind.display(f, row[f.key])}" for f in q.fields
                      if not is_empty(row.get(f.key)))
            for row in value)

    def csv(self, q, value):
        return "\n".join(
            "; ".join(f"{self.field_label(f)}: {f.kind.csv(f, row[f.key])}" for f in q.fields
                      if not is_empty(row.get(f.key)))
            for row in value)


#: every question type by its name in the content files
TYPES: dict[str, QuestionType] = {t.name: t for t in (
    TextType(), LongTextType(), ChoiceType(), MultiChoiceType(), YesNoType(), NumberType(), DateType(),
    MonthType(), MoneyType(), AnswerChoiceType(), ListType())}
