"""Which body meets at an imported event: college, commissie or raad, or none and why. The words are content
(handreiking/route/meeting_names.yaml); this module only applies them. Used by the .ics import and by the import
from Open Raadsinformatie, so both recognise the same meetings."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from app.services.adoption.planner import MEETING_BODIES, AdoptionContentError
from app.services.core import yaml_files


@dataclass(frozen=True)
class NotMeeting:
    words: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class MeetingNames:
    not_meetings: tuple[NotMeeting, ...]
    bodies: tuple[tuple[str, tuple[str, ...]], ...]

    def not_a_meeting(self, name: str) -> str | None:
        """The reason this name is not a meeting, or None."""
        lowered = name.lower()
        return next((rule.reason for rule in self.not_meetings if any(w in lowered for w in rule.words)), None)

    def body_of(self, name: str) -> str | None:
        """college, commissie or raad by the words in the name; None when the name does not tell."""
        lowered = name.lower()
        return next((body for body, words in self.bodies if any(w in lowered for w in words)), None)


def load_meeting_names_folder(folder) -> MeetingNames:
    return load_meeting_names(Path(folder) / "meeting_names.yaml")


def load_meeting_names(path) -> MeetingNames:
    """Read and check the file; a mistake stops the start with the file and the problem."""
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml_files.load(f)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise AdoptionContentError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("not_meetings"), list) \
            or not isinstance(data.get("bodies"), dict):
        raise AdoptionContentError(f"{path}: verwacht 'not_meetings' (een lijst) en 'bodies' (per orgaan de woorden)")
    rules = []
    for number, rule in enumerate(data["not_meetings"], 1):
        if not isinstance(rule, dict) or not _words(rule.get("words")) or not isinstance(rule.get("reason"), str):
            raise AdoptionContentError(f"{path}: not_meetings {number}: verwacht 'words' (een lijst) en 'reason'")
        rules.append(NotMeeting(words=_words(rule["words"]), reason=rule["reason"].strip()))
    bodies = data["bodies"]
    if set(bodies) != set(MEETING_BODIES) or not all(_words(words) for words in bodies.values()):
        raise AdoptionContentError(f"{path}: 'bodies' moet precies {', '.join(MEETING_BODIES)} hebben, elk met woorden")
    return MeetingNames(not_meetings=tuple(rules),
                        bodies=tuple((body, _words(words)) for body, words in bodies.items()))


def _words(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        return ()
    return tuple(w.strip().lower() for w in value)
