"""The guide's content: eight steps, each a YAML file of questions and a Markdown text.

Content editors change these files; the app validates them at start-up and names the file and the
problem when something is wrong, so a broken edit never reaches users as a half-working page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import markdown
import nh3
import yaml

from app.services.core import yaml_files
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
# ContentError, Option and _load_options stay importable from here (other content loaders use them).
from app.services.questions.questions import TYPES, ContentError, Option, QuestionType  # noqa: F401
from app.services.questions.questions import load_options as _load_options  # noqa: F401
from app.services.questions.questions import OTHER_SUFFIX, other_key

#: the types a question may have, and those a field of a list may have (month "2027-03", money in euros,
#: answer_choice: one of the plan's answers to another question, `options_from`); see
#: app/services/questions/questions.py
QUESTION_TYPES = {name for name, t in TYPES.items() if t.top_level}
LIST_FIELD_TYPES = {name for name, t in TYPES.items() if t.in_list}
GUIDE_SECTIONS = ["Waar gaat deze stap over?", "Goede praktijken", "Het goede gesprek", "Bronnen"]
DEFAULT_MAX_LENGTH = {"text": 500, "long_text": 50_000}
QUESTION_FIELDS = {"key", "type", "label", "help", "required", "options", "allow_other", "show_if", "fields", "min",
                   "max", "max_length", "item_label", "warn_if", "unit", "not_before", "replaced_by", "options_from",
                   "retired"}
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Condition:
    """Show a question only when another question of the same step has a certain answer."""
    question: str
    equals: Any = None
    includes: str | None = None
    one_of: tuple = ()

    def holds(self, answers: dict[str, Any]) -> bool:
        value = answers.get(self.question)
        if self.includes is not None:
            return isinstance(value, list) and self.includes in value
        if self.one_of:
            return value in self.one_of
        return value == self.equals

    def describe(self, step: "Step") -> str:
        q = step.question(self.question)
        if self.includes is not None:
            wanted = q.option_label(self.includes)
        elif self.one_of:
            wanted = (" " + _("of") + " ").join(q.option_label(v) for v in self.one_of)
        elif isinstance(self.equals, bool):
            wanted = _("Ja") if self.equals else _("Nee")
        else:
            wanted = q.option_label(self.equals)
        return _("“%(question)s” is “%(answer)s”", question=q.label, answer=wanted)


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    options: tuple[Option, ...] = ()
    allow_other: bool = False
    show_if: Condition | None = None
    fields: tuple["Question", ...] = ()
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    item_label: str = ""
    warn_if: dict | None = None
    unit: str = ""  # a number's unit ("weken"); when empty, a key ending in _weken, _jaren, ... names it
    #: a month field of a list: the month field of the same row it may not come before ("eind" not before "start")
    not_before: str = ""
    #: a list field kept only for answers saved before the fields named here replaced it: it is shown as
    #: "eerder ingevuld" beside them and dropped when they are all filled
    replaced_by: tuple[str, ...] = ()
    #: an answer_choice field: the multi-choice question (of any step) whose answers in the plan are the options;
    #: `options` holds all of that question's options, for showing a stored value
    options_from: str = ""
    #: a question no longer asked: answers saved before are kept, shown and changeable where a plan has one
    retired: bool = False

    @property
    def kind(self) -> QuestionType:
        """The question's type: it parses, checks, shows and exports the answers (app/services/questions/questions.py)."""
        return TYPES[self.type]

    def csv_value(self, value: Any) -> str:
        """The answer as one CSV cell ("" for no answer)."""
        return self.kind.csv_value(self, value)

    @property
    def is_legacy(self) -> bool:
        return bool(self.replaced_by)

    @property
    def other_key(self) -> str:
        return other_key(self.key)

    def option_label(self, value: Any) -> str:
        for o in self.options:
            if o.value == value:
                return o.label
        return str(value)

    def text_limit(self) -> int:
        return self.max_length or DEFAULT_MAX_LENGTH.get(self.type, 500)


@dataclass
class Step:
    number: int
    title: str
    summary: str
    workshop_round: int | None
    questions: list[Question]
    guide_html: str
    source_file: str

    def question(self, key: str) -> Question:
        for q in self.questions:
            if q.key == key:
                return q
        raise KeyError(key)

    def keys(self) -> set[str]:
        keys = set()
        for q in self.questions:
            keys.add(q.key)
            if q.allow_other:
                keys.add(q.other_key)
        return keys


@dataclass
class Handreiking:
    steps: list[Step] = field(default_factory=list)

    def step(self, number: int) -> Step | None:
        for s in self.steps:
            if s.number == number:
                return s
        return None

    def find_question(self, key: str) -> tuple[Step, Question] | None:
        base = key.removesuffix(OTHER_SUFFIX)
        for s in self.steps:
            for q in s.questions:
                if q.key == base:
                    return s, q
        return None


def render_markdown(text: str) -> str:
    """Markdown to HTML, sanitised: content files are trusted, but the output is never executable."""
    return nh3.clean(markdown.markdown(text, extensions=["sane_lists"]))


def load_handreiking(folder: str | Path) -> Handreiking:
    folder = Path(folder)
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ContentError(f"{folder}: geen stapbestanden (*.yaml) gevonden")
    steps = [_load_step(path) for path in files]
    steps.sort(key=lambda s: s.number)
    numbers = [s.number for s in steps]
    if numbers != list(range(1, len(steps) + 1)):
        raise ContentError(f"{folder}: stapnummers moeten 1 tot en met {len(steps)} zijn, gevonden: {numbers}")
    seen: dict[str, str] = {}
    for s in steps:
        for key in s.keys():
            if key in seen:
                raise ContentError(f"{s.source_file}: vraag '{key}' bestaat ook in {seen[key]}")
            seen[key] = s.source_file
    hr = Handreiking(steps)
    for s in steps:
        s.questions = [_resolve_options_from(hr, s, q) for q in s.questions]
    return hr


def _resolve_options_from(hr: Handreiking, step: Step, q: Question) -> Question:
    """Give an answer_choice field the options of the question it draws from (checked here, once all steps are read)."""
    if not q.kind.rows or not any(f.options_from for f in q.fields):
        return q
    fields = []
    for f in q.fields:
        if f.options_from:
            found = hr.find_question(f.options_from)
            if found is None or found[1].key != f.options_from or found[1].type != "multi_choice":
                raise ContentError(f"{step.source_file}, vraag '{q.key}': 'options_from' van '{f.key}' moet een "
                                   f"meerkeuzevraag noemen, niet '{f.options_from}'")
            f = replace(f, options=found[1].options)
        fields.append(f)
    return replace(q, fields=tuple(fields))


def _load_step(path: Path) -> Step:
    name = path.name
    try:
        data = yaml_files.load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"{name}: geen geldige YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ContentError(f"{name}: het bestand moet een stap beschrijven (number, title, questions)")
    for required in ("number", "title", "questions"):
        if required not in data:
            raise ContentError(f"{name}: '{required}' ontbreekt")
    if not isinstance(data["number"], int):
        raise ContentError(f"{name}: 'number' moet een geheel getal zijn")
    if not isinstance(data["questions"], list) or not data["questions"]:
        raise ContentError(f"{name}: 'questions' moet een lijst met ten minste één vraag zijn")
    questions: list[Question] = []
    for i, raw in enumerate(data["questions"], start=1):
        questions.append(_load_question(raw, f"{name}, vraag {i}", questions, top_level=True))
    guide_path = path.with_suffix(".md")
    if not guide_path.exists():
        raise ContentError(f"{guide_path.name}: de tekst bij stap {data['number']} ontbreekt")
    guide_text = guide_path.read_text(encoding="utf-8")
    _check_guide(guide_text, guide_path.name)
    return Step(
        number=data["number"], title=str(data["title"]), summary=str(data.get("summary", "")),
        workshop_round=data.get("workshop_round"), questions=questions,
        guide_html=render_markdown(guide_text), source_file=name,
    )


def _check_guide(text: str, name: str) -> None:
    headings = [(m.start(), m.group(1).strip()) for m in re.finditer(r"^##\s+(.+)$", text, re.M)]
    titles = [h for _, h in headings]
    position = -1
    for section in GUIDE_SECTIONS:
        if section not in titles:
            raise ContentError(f"{name}: het kopje '## {section}' ontbreekt")
        index = titles.index(section)
        if index < position:
            raise ContentError(f"{name}: het kopje '## {section}' staat niet op de goede plaats")
        position = index
        start = headings[index][0]
        end = headings[index + 1][0] if index + 1 < len(headings) else len(text)
        body = text[start:end].split("\n", 1)[1] if "\n" in text[start:end] else ""
        if not body.strip():
            raise ContentError(f"{name}: onder '## {section}' staat geen tekst")


def _load_question(raw: Any, where: str, earlier: list[Question], top_level: bool) -> Question:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: een vraag moet velden hebben (key, type, label)")
    unknown = set(raw) - QUESTION_FIELDS
    if unknown:
        raise ContentError(f"{where}: onbekende velden {sorted(map(str, unknown))}")
    for required in ("key", "type", "label"):
        if not raw.get(required):
            raise ContentError(f"{where}: '{required}' ontbreekt")
    key, qtype = str(raw["key"]), raw["type"]
    where = f"{where.split(',')[0]}, vraag '{key}'"
    if not KEY_RE.match(key) or "__" in key:
        raise ContentError(f"{where}: de sleutel mag alleen kleine letters, cijfers en enkele _ bevatten")
    allowed = QUESTION_TYPES if top_level else LIST_FIELD_TYPES
    if qtype not in allowed:
        raise ContentError(f"{where}: onbekend type '{qtype}' (kies uit {', '.join(sorted(allowed))})")
    # The type's own part: options, the fields of a list, options_from.
    own = TYPES[qtype].load(raw, where, lambda raw_field, at, subs: _load_question(raw_field, at, subs, False))
    condition = _load_condition(raw.get("show_if"), where, earlier) if raw.get("show_if") else None
    for number_key in ("min", "max", "max_length"):
        if raw.get(number_key) is not None and not isinstance(raw[number_key], int):
            raise ContentError(f"{where}: '{number_key}' moet een geheel getal zijn")
    if any(q.key == key for q in earlier):
        raise ContentError(f"{where}: deze sleutel komt twee keer voor")
    if raw.get("retired") and raw.get("required"):
        raise ContentError(f"{where}: een vraag die niet meer gesteld wordt (retired) kan niet verplicht zijn")
    return Question(
        key=key, type=qtype, label=str(raw["label"]), help=str(raw.get("help", "")),
        required=bool(raw.get("required", False)), options=own.get("options", ()),
        allow_other=bool(raw.get("allow_other", False)), show_if=condition, fields=own.get("fields", ()),
        min=raw.get("min"), max=raw.get("max"), max_length=raw.get("max_length"),
        item_label=str(raw.get("item_label", "")), warn_if=raw.get("warn_if"), unit=str(raw.get("unit", "")),
        not_before=str(raw.get("not_before", "")), replaced_by=tuple(map(str, raw.get("replaced_by") or ())),
        options_from=str(raw.get("options_from", "")), retired=bool(raw.get("retired", False)),
    )


def _load_condition(raw: Any, where: str, earlier: list[Question]) -> Condition:
    if not isinstance(raw, dict) or "question" not in raw:
        raise ContentError(f"{where}: 'show_if' heeft 'question' nodig")
    target = next((q for q in earlier if q.key == raw["question"]), None)
    if target is None:
        raise ContentError(f"{where}: 'show_if' verwijst naar '{raw['question']}', die niet eerder in deze stap staat")
    if "includes" in raw:
        cond = Condition(target.key, includes=str(raw["includes"]))
        values = [cond.includes]
    elif "in" in raw:
        cond = Condition(target.key, one_of=tuple(raw["in"]))
        values = list(cond.one_of)
    elif "equals" in raw:
        cond = Condition(target.key, equals=raw["equals"])
        values = [] if isinstance(raw["equals"], bool) else [raw["equals"]]
    else:
        raise ContentError(f"{where}: 'show_if' heeft 'equals', 'includes' of 'in' nodig")
    known = {o.value for o in target.options}
    for v in values:
        if v not in known:
            raise ContentError(f"{where}: 'show_if' noemt '{v}', maar dat is geen optie van '{target.key}'")
    return cond
