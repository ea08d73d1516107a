"""One timeline: the dates of a plan's adoption, in one place, read by every page and document (issue 18).

Where each date is kept (once):
- the college's proposal and the raad's vaststelling: step 8's answers `voorstel_datum` and `vaststelling_datum`;
  they are the own dates of the route's steps "collegebesluit" and "raad" (the planner edits the same answers);
- the date of entry into force: step 8's `inwerkingtreding_datum` when step 8 chose a fixed date, otherwise the
  route's target date (AdoptionSchedule.target_date; without a schedule the content file's default);
- the own date of any other step (done on, or agreed): AdoptionSchedule.steps[key]["day"].
From these the planner computes the route; `Timeline` holds the dates the documents print: the raadsvoorstel, the
raadsbesluit, the ordinance's aanhef, signing block and inwerkingtreding article, and the toelichting's tense.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Mapping

from app.services.adoption.planner import Route, RouteContent, StepSetting, plan_route
from app.services.core.dates import as_date

#: the route steps whose own date is a step-8 answer
ANSWER_OF_STEP = {"collegebesluit": "voorstel_datum", "raad": "vaststelling_datum"}
TARGET_ANSWER = "inwerkingtreding_datum"
#: the law (Kamerstuk 36 210) is in force since this day; ordinances must be in force no later than the deadline
LAW_IN_FORCE = date(2025, 1, 1)
DEADLINE = date(2027, 1, 1)


def now() -> datetime:
    """The current moment; tests replace it to fix 'today' for documents built outside a page's own clock."""
    return datetime.now(timezone.utc)


def fixed_target(answers: Mapping[str, Any]) -> date | None:
    """The ordinance's own date of entry into force, when step 8 chose a fixed date."""
    if answers.get("inwerkingtreding") != "vaste_datum":
        return None
    return as_date(answers.get(TARGET_ANSWER))


@dataclass(frozen=True)
class Timeline:
    """The route and the dates every document prints.

    A step's date is its own date (entered in step 8 or in the planner) or, once the plan has a schedule, the date
    the planner proposes. The date of entry into force is the one the user chose (step 8's fixed date or the
    planner's target); when the planner cannot make it, it says so once and the user may take its earliest date
    over as the target. Without a schedule or a date of its own a document shows an open point, never a date the
    assistant made up."""
    route: Route
    has_schedule: bool
    own_target: date | None = None

    @property
    def planned(self) -> bool:
        return self.has_schedule or self.own_target is not None or any(s.fixed for s in self.route.steps)

    def date_of(self, key: str) -> date | None:
        if key == "inwerkingtreding":
            return self.inwerkingtreding
        step = next((s for s in self.route.steps if s.key == key), None)
        if step is None:
            return None
        if step.fixed:
            return step.earliest
        if not self.has_schedule or step.done:
            return None  # not planned, or behind us on a day nobody entered
        return self.route.scheduled(step)

    @property
    def voorstel(self) -> date | None:
        return self.date_of("collegebesluit")

    @property
    def vaststelling(self) -> date | None:
        return self.date_of("raad")

    @property
    def publicatie(self) -> date | None:
        return self.date_of("publicatie")

    @property
    def inwerkingtreding(self) -> date | None:
        """The date the user chose: step 8's fixed date, or the planner's target once there is a schedule."""
        return self.own_target or (self.route.target if self.has_schedule else None)


def build(content: RouteContent, settings: dict[str, StepSetting], target: date | None, answers: Mapping[str, Any],
          meetings: dict[str, list[date]], today: date, body_type: str, has_schedule: bool) -> Timeline:
    """The timeline from the plan's stored facts (pure: no database)."""
    merged = dict(settings)
    for key, answer in ANSWER_OF_STEP.items():
        day = as_date(answers.get(answer))
        spec = content.step(key)
        if spec is None:
            continue
        old = merged.get(key)
        merged[key] = StepSetting(weeks=old.weeks if old else spec.weeks, skip=False, day=day)
    own_target = fixed_target(answers)
    chosen = own_target or target or content.target_default
    route = plan_route(content, merged, chosen, today, meetings, body_type)
    return Timeline(route=route, has_schedule=has_schedule, own_target=own_target)


def answers_with_timeline(answers: dict[str, Any], timeline: Timeline) -> dict[str, Any]:
    """The answers the ordinance is built from, with the timeline's dates under step 8's keys: the aanhef, the
    signing block, the inwerkingtreding article and the toelichting read the same dates as the raadsvoorstel."""
    if not timeline.planned:
        return answers
    result = dict(answers)
    for key, day in (("voorstel_datum", timeline.voorstel), ("vaststelling_datum", timeline.vaststelling),
                     (TARGET_ANSWER, timeline.inwerkingtreding)):
        if day is not None:
            result[key] = day.isoformat()
        else:
            result.pop(key, None)
    return result
