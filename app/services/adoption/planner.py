"""The route to adoption as pure date logic: no Flask, no database, today's date passed in.

Each step falls at least its number of weeks after the previous one (and always at least a day later; the first
step counts from today). A step that needs a meeting (college, commissie, raad) falls on a meeting date of that
body. Working back from the target gives the latest date of each step; working forward from today gives the earliest.
A step whose earliest date is after its latest can no longer make the target.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import yaml

from app.services.core import yaml_files
from app.services.core.body_types import DEFAULT, body

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MEETING_BODIES = ("college", "commissie", "raad")
MAX_WEEKS = 104


class AdoptionContentError(ValueError):
    """The content file of the route is wrong; the message names the file and the problem."""


@dataclass(frozen=True)
class StepSpec:
    """A step of the route as the content file describes it."""
    key: str
    label: str
    weeks: int
    optional: bool = False
    meeting: str | None = None
    help: str = ""


@dataclass(frozen=True)
class RouteContent:
    target_default: date
    steps: tuple[StepSpec, ...]

    def step(self, key: str) -> StepSpec | None:
        return next((s for s in self.steps if s.key == key), None)


@dataclass(frozen=True)
class StepSetting:
    """What a plan changed about a step: its weeks, skipping it (only an optional step), or its own date: the day it
    was done (a past date is fine) or a day already agreed, from which the rest of the route counts."""
    weeks: int
    skip: bool = False
    day: date | None = None


@dataclass(frozen=True)
class PlannedStep:
    key: str
    label: str
    meeting: str | None
    weeks: int
    earliest: date
    latest: date
    #: True when no meeting date of that body was entered near the date: the date is computed, not a meeting
    earliest_estimated: bool = False
    latest_estimated: bool = False
    #: the meeting dates between earliest and latest: the dates still possible for this step
    options: tuple[date, ...] = ()
    #: the plan gave this step its own date (earliest and latest are that date)
    fixed: bool = False
    #: the step lies behind: its own date is today or earlier, or a later step is done (then its date is not known)
    done: bool = False

    @property
    def possible(self) -> bool:
        return self.earliest <= self.latest


@dataclass(frozen=True)
class Route:
    target: date
    today: date
    steps: tuple[PlannedStep, ...]
    feasible: bool = field(init=False)

    def __post_init__(self):
        # Every step must fit its window: past the last meeting entered, a step's earliest date is an estimate that
        # may lie after the last meeting it could use.
        object.__setattr__(self, "feasible", bool(self.steps) and all(s.possible for s in self.steps))

    @property
    def earliest_entry(self) -> date:
        """The earliest possible date of entry into force, from today on."""
        return self.steps[-1].earliest

    def scheduled(self, step: PlannedStep) -> date:
        """The date the schedule proposes: the latest that still makes the target, or, when the target cannot be
        met, the earliest possible."""
        return step.latest if self.feasible else step.earliest

    @property
    def estimated(self) -> list[PlannedStep]:
        return [s for s in self.steps if s.meeting and (s.earliest_estimated if not self.feasible
                                                         else s.latest_estimated)]


def today_in_amsterdam(now: datetime) -> date:
    """The calendar date in the Netherlands at the moment `now` (an aware time, or naive UTC)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return now.astimezone(AMSTERDAM).date()


def words_for(body_type: str) -> dict[str, str]:
    return body(body_type).route


def label_for(spec: StepSpec, body_type: str) -> str:
    text = spec.label.format_map(words_for(body_type))
    return text[:1].upper() + text[1:]


def _gap(weeks: int, first: bool) -> timedelta:
    return timedelta(days=7 * weeks if first else max(1, 7 * weeks))


def _next_meeting(dates: list[date], day: date) -> tuple[date, bool]:
    """The first meeting on or after `day`; (day, True) when none is entered."""
    i = bisect_left(dates, day)
    return (dates[i], False) if i < len(dates) else (day, True)


def _previous_meeting(dates: list[date], day: date) -> tuple[date, bool]:
    """The last meeting on or before `day`; (day, True) when none is entered."""
    i = bisect_right(dates, day)
    return (dates[i - 1], False) if i else (day, True)


def plan_route(content: RouteContent, settings: dict[str, StepSetting], target: date, today: date,
               meetings: dict[str, list[date]], body_type: str = "gemeente") -> Route:
    """Work back from `target` and forward from today (or from the last step done) through the steps the plan
    keeps. A step with its own date stays on it; the steps after it count from it."""
    kept: list[tuple[StepSpec, int, date | None]] = []
    for spec in content.steps:
        setting = settings.get(spec.key)
        if setting is not None and setting.skip and spec.optional:
            continue
        kept.append((spec, setting.weeks if setting is not None else spec.weeks,
                     setting.day if setting is not None else None))
    calendars = {body: sorted(set(meetings.get(body, ()))) for body in MEETING_BODIES}
    # the last step done: every step before it lies behind as well
    last_done = max((i for i, (_s, _w, day) in enumerate(kept) if day is not None and day <= today), default=-1)

    latest: list[tuple[date, bool]] = [(target, False)] * len(kept)
    day = target
    for i in range(len(kept) - 1, -1, -1):
        spec, _weeks, own = kept[i]
        estimated = False
        if i < len(kept) - 1:
            day = day - _gap(kept[i + 1][1], False)
        if own is not None:
            day = own
        elif spec.meeting:
            day, estimated = _previous_meeting(calendars[spec.meeting], day)
        latest[i] = (day, estimated)

    earliest: list[tuple[date, bool]] = []
    day, start = today, True
    for i, (spec, weeks, own) in enumerate(kept):
        if own is not None:
            day, estimated, start = own, False, False
        elif i < last_done:
            day, estimated = latest[i][0], False   # behind us; its date is not known, the latest possible stands in
        else:
            day, estimated = max(day + _gap(weeks, start), today), False
            start = False
            if spec.meeting:
                day, estimated = _next_meeting(calendars[spec.meeting], day)
        earliest.append((day, estimated))

    steps = []
    for i, ((spec, weeks, own), (first, first_est), (last, last_est)) in enumerate(zip(kept, earliest, latest)):
        if own is not None or i < last_done:
            last, last_est = first, first_est
        options = tuple(d for d in calendars[spec.meeting] if first <= d <= last) if spec.meeting else ()
        steps.append(PlannedStep(key=spec.key, label=label_for(spec, body_type), meeting=spec.meeting, weeks=weeks,
                                 earliest=first, latest=last, earliest_estimated=first_est,
                                 latest_estimated=last_est, options=options, fixed=own is not None,
                                 done=i <= last_done))
    return Route(target=target, today=today, steps=tuple(steps))


# --- the content file --------------------------------------------------------------------------------------

def load_route_folder(folder) -> RouteContent:
    """The route of a content folder: its adoption.yaml."""
    from pathlib import Path
    return load_route_content(Path(folder) / "adoption.yaml")


def load_route_content(path) -> RouteContent:
    """Read and check handreiking/route/adoption.yaml; a mistake stops the start with the file and the problem."""
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml_files.load(f)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise AdoptionContentError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list) or not data["steps"]:
        raise AdoptionContentError(f"{path}: verwacht 'steps' met ten minste één stap")
    target = data.get("target_default")
    if not isinstance(target, date):
        raise AdoptionContentError(f"{path}: 'target_default' moet een datum zijn (JJJJ-MM-DD)")
    steps, seen = [], set()
    for n, raw in enumerate(data["steps"], 1):
        where = f"{path}: stap {n}"
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str) or not isinstance(raw.get("label"), str):
            raise AdoptionContentError(f"{where}: 'key' en 'label' zijn verplicht")
        if raw["key"] in seen:
            raise AdoptionContentError(f"{where}: sleutel '{raw['key']}' komt twee keer voor")
        seen.add(raw["key"])
        weeks = raw.get("weeks")
        if not isinstance(weeks, int) or isinstance(weeks, bool) or not 0 <= weeks <= MAX_WEEKS:
            raise AdoptionContentError(f"{where}: 'weeks' moet een geheel getal van 0 tot {MAX_WEEKS} zijn")
        meeting = raw.get("meeting")
        if meeting is not None and meeting not in MEETING_BODIES:
            raise AdoptionContentError(f"{where}: 'meeting' moet een van {', '.join(MEETING_BODIES)} zijn")
        unknown = set(raw) - {"key", "label", "weeks", "optional", "meeting", "help"}
        if unknown:
            raise AdoptionContentError(f"{where}: onbekende velden {sorted(unknown)}")
        try:
            for text in (raw["label"], raw.get("help", "")):
                text.format_map(body(DEFAULT).route)
        except (KeyError, ValueError, IndexError) as exc:
            raise AdoptionContentError(f"{where}: onbekend woord tussen accolades: {exc}") from exc
        steps.append(StepSpec(key=raw["key"], label=raw["label"], weeks=weeks, optional=bool(raw.get("optional")),
                              meeting=meeting, help=raw.get("help", "")))
    return RouteContent(target_default=target, steps=tuple(steps))
