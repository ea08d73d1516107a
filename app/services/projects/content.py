"""The content of projects: the lists a project is described with (handreiking/projects/project.yaml) and the
questions of its participatieplan and participatieverslag (one YAML file each, in the app's question format)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.services.core import yaml_files
from app.services.questions.handreiking import ContentError, Option, Step, _load_options, _load_question
from app.services.zelfscan.zelfscan import load_zelfscan

DOCUMENT_KINDS = ("participatieplan", "participatieverslag", "evaluatie")
#: the evaluation is the team's own judgement and is never published
PUBLISHABLE_KINDS = ("participatieplan", "participatieverslag")
#: an evaluation theme is asked of the participants too ("deelnemers") or is a success factor of the zelfscan
PARTICIPANT_THEME, SUCCESS_FACTOR = "deelnemers", "succesfactor"


@dataclass(frozen=True)
class EvaluationTheme:
    """One theme of the project leader's evaluation: scored 1–5 in `score_key`, explained in `note_key`."""
    key: str
    kind: str
    #: short name for reports ("Transparant en navolgbaar proces")
    title: str
    #: the question as the project leader reads it
    label: str
    #: a participants' theme: the key of the survey question that asks the participants the same
    survey_question: str | None = None

    @property
    def score_key(self) -> str:
        return f"score_{self.key}"

    @property
    def note_key(self) -> str:
        return f"toelichting_{self.key}"


@dataclass(frozen=True)
class ProjectContent:
    domains: tuple[Option, ...]
    phases: tuple[Option, ...]
    impacts: tuple[Option, ...]
    #: ordinance vocabulary (step 4 invloed_vocabulaire) -> the levels of influence it names, lowest first
    influence_levels: dict[str, tuple[str, ...]]
    influence_labels: dict[str, str]
    #: document kind -> its questions as a Step (number 0), so the wizard's parsing and rendering apply
    forms: dict[str, Step] = field(default_factory=dict)
    #: the themes of the project leader's evaluation, participants' themes first, then the success factors
    evaluation_themes: tuple[EvaluationTheme, ...] = ()

    def label(self, options: tuple[Option, ...], value: str | None) -> str:
        return next((o.label for o in options if o.value == value), value or "")

    def labels(self, name: str) -> dict[str, str]:
        """value -> label of one of the lists (domains, phases, impacts)."""
        return {o.value: o.label for o in getattr(self, name)}

    def all_levels(self) -> list[str]:
        seen: list[str] = []
        for levels in self.influence_levels.values():
            seen.extend(level for level in levels if level not in seen)
        return seen


def _yaml(path: Path) -> dict:
    try:
        data = yaml_files.load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path.name}: niet te lezen ({exc})") from exc
    if not isinstance(data, dict):
        raise ContentError(f"{path.name}: het bestand moet velden hebben")
    return data


def _form(path: Path) -> Step:
    data = _yaml(path)
    if not isinstance(data.get("questions"), list) or not data["questions"]:
        raise ContentError(f"{path.name}: 'questions' moet een lijst met ten minste één vraag zijn")
    questions = []
    for i, raw in enumerate(data["questions"], start=1):
        questions.append(_load_question(raw, f"{path.name}, vraag {i}", questions, top_level=True))
    return Step(number=0, title=str(data.get("title", path.stem)), summary="", workshop_round=None,
                questions=questions, guide_html="", source_file=path.name)


def _evaluation_form(path: Path, zelfscan_folder: Path) -> tuple[Step, tuple[EvaluationTheme, ...]]:
    """The evaluation's questions: a score and a note per theme (the participants' themes of the file, then the
    success factors of the zelfscan, so there is one list of them), then the file's own questions."""
    data = _yaml(path)
    themes_raw = data.get("themes")
    if not isinstance(themes_raw, list) or not themes_raw or not isinstance(data.get("scale"), list):
        raise ContentError(f"{path.name}: 'scale' en 'themes' moeten lijsten zijn")
    themes = []
    for i, raw in enumerate(themes_raw, start=1):
        if not isinstance(raw, dict) or not raw.get("key") or not raw.get("label"):
            raise ContentError(f"{path.name}, thema {i}: een thema heeft 'key' en 'label' nodig")
        themes.append(EvaluationTheme(str(raw["key"]), PARTICIPANT_THEME, str(raw.get("title") or raw["label"]),
                                      str(raw["label"]), str(raw["survey_question"]) if raw.get("survey_question")
                                      else None))
    template = str(data.get("success_factor_label") or "{title}")
    for factor in load_zelfscan(zelfscan_folder).success_factors:
        themes.append(EvaluationTheme(factor.key, SUCCESS_FACTOR, factor.title, template.format(title=factor.title)))
    if len({t.key for t in themes}) != len(themes):
        raise ContentError(f"{path.name}: een thema heeft dezelfde sleutel als een succesfactor van de zelfscan")
    questions = []
    for theme in themes:
        where = f"{path.name}, thema {theme.key}"
        questions.append(_load_question({"key": theme.score_key, "type": "choice", "label": theme.label,
                                         "required": True, "options": data["scale"]}, where, questions, True))
        questions.append(_load_question({"key": theme.note_key, "type": "text",
                                         "label": str(data.get("note_label") or "Toelichting")}, where, questions,
                                        True))
    for i, raw in enumerate(data.get("questions") or [], start=1):
        questions.append(_load_question(raw, f"{path.name}, vraag {i}", questions, top_level=True))
    if not any(q.key == "lessen" for q in questions):
        raise ContentError(f"{path.name}: de vraag 'lessen' ontbreekt; het trajectrapport leest haar")
    step = Step(number=0, title=str(data.get("title", path.stem)), summary="", workshop_round=None,
                questions=questions, guide_html="", source_file=path.name)
    return step, tuple(themes)


def load_project_content(folder: str | Path) -> ProjectContent:
    folder = Path(folder)
    data = _yaml(folder / "project.yaml")
    lists = {}
    for name in ("domains", "phases", "impacts"):
        lists[name] = tuple(_load_options(data.get(name), f"project.yaml, {name}"))
    levels = data.get("influence_levels")
    labels = data.get("influence_labels")
    if not isinstance(levels, dict) or not isinstance(labels, dict):
        raise ContentError("project.yaml: 'influence_levels' en 'influence_labels' ontbreken")
    for vocabulary, names in levels.items():
        missing = [n for n in names if n not in labels]
        if missing:
            raise ContentError(f"project.yaml: trede(n) {missing} van '{vocabulary}' hebben geen label")
    forms = {kind: _form(folder / f"{kind}.yaml") for kind in PUBLISHABLE_KINDS}
    forms["evaluatie"], evaluation_themes = _evaluation_form(folder / "evaluatie.yaml", folder.parent / "zelfscan")
    for needed in ("invloed", "methoden", "tijdlijn", "terugkoppeling", "doelgroepen"):
        if not any(q.key == needed for q in forms["participatieplan"].questions):
            raise ContentError(f"participatieplan.yaml: de vraag '{needed}' ontbreekt; de toets aan de verordening "
                               "leest haar")
    return ProjectContent(domains=lists["domains"], phases=lists["phases"], impacts=lists["impacts"],
                          influence_levels={k: tuple(v) for k, v in levels.items()},
                          influence_labels={str(k): str(v) for k, v in labels.items()}, forms=forms,
                          evaluation_themes=evaluation_themes)
