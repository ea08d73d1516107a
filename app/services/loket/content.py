"""The loket's fixed texts (handreiking/loket/loket.yaml): field lists per right, the privacy statement, the letter."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.services.core import yaml_files

RIGHT_KEYS = ("uitdaagrecht", "participatieverzoek", "burgerinitiatief", "buurtplanrecht", "biedrecht")


class LoketContentError(Exception):
    pass


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    required: bool = False
    max_length: int = 2000
    long: bool = False
    help: str = ""
    #: the one field whose text may appear in the public register (the subject, never a name)
    public: bool = False


@dataclass(frozen=True)
class RightText:
    key: str
    title: str
    #: what the resident files, as the letter names it: "uitdaging", "bod"
    noun: str
    summary: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class LoketContent:
    rights: dict[str, RightText]
    privacy: tuple[str, ...]
    letter: dict[str, Any] = field(default_factory=dict)


def load_loket_content(folder: Path) -> LoketContent:
    path = Path(folder) / "loket.yaml"
    try:
        raw = yaml_files.load(path.read_text(encoding="utf-8"))
        rights = {}
        for key in RIGHT_KEYS:
            item = raw["rights"][key]
            specs = tuple(FieldSpec(**f) for f in item["fields"])
            if sum(1 for s in specs if s.public) != 1:
                raise LoketContentError(f"{path}: {key} needs exactly one field with public: true")
            rights[key] = RightText(key, item["title"], item["noun"], item["summary"], specs)
        return LoketContent(rights, tuple(raw["privacy"]), raw["letter"])
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise LoketContentError(f"{path}: {exc}") from exc
