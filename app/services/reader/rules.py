"""The reading rules (handreiking/reader/rules.yaml): patterns per legal element, per sign of an outdated text and
per decision point. Loaded and checked against the handreiking's questions once per version of the file."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.services.core import yaml_files
from app.services.core.body_types import BODY_TYPES
from app.services.questions.answers import check_value
from app.services.questions.handreiking import ContentError, Handreiking

_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Part:
    label: str
    patterns: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Element:
    id: str
    title: str
    grounds: dict[str, str]
    parts: tuple[Part, ...]
    missing: str
    partial: str = ""
    check: str = ""


@dataclass(frozen=True)
class Outdated:
    message: str
    where: str
    patterns: tuple[re.Pattern, ...]
    when_missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    key: str
    where: str = "articles"
    within: tuple[re.Pattern, ...] = ()
    found: tuple[re.Pattern, ...] = ()
    answer: Any = None
    options: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict)
    choose: tuple[tuple[str, tuple[re.Pattern, ...]], ...] = ()
    number: tuple[re.Pattern, ...] = ()
    capture: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class Rules:
    elements: tuple[Element, ...]
    outdated: tuple[Outdated, ...]
    decisions: tuple[Decision, ...]


def _patterns(raw: Any, where: str) -> tuple[re.Pattern, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise ContentError(f"{where}: verwacht een lijst met patronen")
    try:
        return tuple(re.compile(p, _FLAGS) for p in raw)
    except re.error as exc:
        raise ContentError(f"{where}: ongeldig patroon ({exc})") from exc


def load_rules(path: Path, handreiking: Handreiking) -> Rules:
    try:
        data = yaml_files.load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: niet te lezen ({exc})") from exc
    elements = []
    for raw in data.get("elements", []):
        where = f"{path.name}: element {raw.get('id')}"
        if set(raw.get("grounds", {})) != set(BODY_TYPES):
            raise ContentError(f"{where}: grounds moet {', '.join(BODY_TYPES)} noemen")
        parts = tuple(Part(p["label"], _patterns(p["patterns"], where)) for p in raw["parts"])
        elements.append(Element(id=raw["id"], title=raw["title"], grounds=dict(raw["grounds"]), parts=parts,
                                missing=raw["missing"], partial=raw.get("partial", ""), check=raw.get("check", "")))
    ids = {e.id for e in elements}
    outdated = []
    for raw in data.get("outdated", []):
        where = f"{path.name}: outdated “{raw.get('message', '')[:40]}”"
        unknown = set(raw.get("when_missing", [])) - ids
        if unknown or raw.get("where") not in ("title", "articles"):
            raise ContentError(f"{where}: onbekend element {sorted(unknown)} of where niet title/articles")
        outdated.append(Outdated(raw["message"], raw["where"], _patterns(raw["patterns"], where),
                                 tuple(raw.get("when_missing", []))))
    decisions = [_decision(raw, path.name, handreiking) for raw in data.get("decisions", [])]
    return Rules(tuple(elements), tuple(outdated), tuple(decisions))


def _decision(raw: dict, file: str, handreiking: Handreiking) -> Decision:
    key = raw.get("key", "")
    where = f"{file}: beslispunt {key}"
    found = handreiking.find_question(key)
    if found is None or found[1].key != key:
        raise ContentError(f"{where}: deze vraag bestaat niet in de handreiking")
    question = found[1]
    options = {value: _patterns(p, f"{where}.{value}") for value, p in (raw.get("options") or {}).items()}
    choose = tuple((c["value"], _patterns(c["all"], f"{where}.{c['value']}")) for c in raw.get("choose") or [])
    values = list(options) + [v for v, _p in choose]
    for value in values:
        sample = question.kind.answer_of(question, value)
        if check_value(question, sample):
            raise ContentError(f"{where}: “{value}” is geen keuze van deze vraag")
    if "answer" in raw and check_value(question, raw["answer"]):
        raise ContentError(f"{where}: antwoord {raw['answer']!r} past niet bij de vraag")
    kinds = sum(bool(x) for x in (options, choose, raw.get("number"), raw.get("capture"), "answer" in raw))
    if kinds != 1:
        raise ContentError(f"{where}: geef precies één van answer, options, choose, number, capture")
    if raw.get("number") and question.type != "number" or raw.get("capture") and question.type != "text":
        raise ContentError(f"{where}: number of capture past niet bij een vraag van type {question.type}")
    return Decision(key=key, where=raw.get("where", "articles"), within=_patterns(raw.get("within", []), where),
                    found=_patterns(raw.get("found", []), where), answer=raw.get("answer"), options=options,
                    choose=choose, number=_patterns(raw.get("number", []), where),
                    capture=_patterns(raw.get("capture", []), where))


_CACHE: dict[tuple, Rules] = {}


def rules_for(path: Path, handreiking: Handreiking) -> Rules:
    """The rules, loaded once per version of the file."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, id(handreiking))
    if key not in _CACHE:
        _CACHE[key] = load_rules(path, handreiking)
    return _CACHE[key]
