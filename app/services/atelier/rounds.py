"""The goal and deliverables of each atelier round: content in handreiking/atelier/rounds.yaml, checked at start-up."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from app.models.atelier import ROUND_NUMBERS
from app.services.core import yaml_files
from app.services.questions.handreiking import ContentError



@dataclass(frozen=True)
class RoundContent:
    number: int
    goal: str
    deliverables: tuple[str, ...]


def load_rounds(folder: str | Path) -> dict[int, RoundContent]:
    """Every round once, each with a goal and at least one deliverable; an error names the file and the problem."""
    path = Path(folder) / "rounds.yaml"
    name = "atelier/rounds.yaml"
    try:
        data = yaml_files.load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError(f"{name}: het bestand ontbreekt ({exc})") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"{name}: geen geldige YAML ({exc})") from exc
    if not isinstance(data, list):
        raise ContentError(f"{name}: het bestand moet een lijst van rondes zijn")
    rounds: dict[int, RoundContent] = {}
    for i, raw in enumerate(data, start=1):
        if not isinstance(raw, dict) or set(raw) != {"number", "goal", "deliverables"}:
            raise ContentError(f"{name}, ronde {i}: een ronde heeft precies 'number', 'goal' en 'deliverables'")
        number, goal, deliverables = raw["number"], raw["goal"], raw["deliverables"]
        if number not in ROUND_NUMBERS or number in rounds:
            raise ContentError(f"{name}, ronde {i}: 'number' moet 1 tot en met 4 zijn, elk één keer")
        if not isinstance(goal, str) or not goal.strip():
            raise ContentError(f"{name}, ronde {number}: 'goal' moet een tekst zijn")
        if not isinstance(deliverables, list) or not deliverables or \
                not all(isinstance(d, str) and d.strip() for d in deliverables):
            raise ContentError(f"{name}, ronde {number}: 'deliverables' moet een lijst van teksten zijn")
        rounds[number] = RoundContent(number, goal.strip(), tuple(d.strip() for d in deliverables))
    if set(rounds) != set(ROUND_NUMBERS):
        raise ContentError(f"{name}: elke ronde (1 tot en met 4) moet erin staan")
    return rounds
