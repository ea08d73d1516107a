"""A plan's route settings and meeting dates in the database. Never commits: the caller's unit of work does."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from sqlalchemy import select

from app.extensions import db
from app.models import ParticipationPlan, User
from app.models.adoption import AdoptionSchedule, MeetingDate
from app.models.organisation import utcnow
from app.services.adoption.calendar_io import ImportedMeeting
from app.services.adoption.planner import MEETING_BODIES, Route, RouteContent, StepSetting
from app.services.adoption.timeline import ANSWER_OF_STEP, TARGET_ANSWER, Timeline, build, fixed_target
from app.services.core import access
from app.services.core.access import Action
from app.services.core.dates import as_date
from app.services.plans import plans

CONSULTATION_CHOICES = ("adviesraad", "inwoners", "beide")


def schedule_of(plan: ParticipationPlan) -> AdoptionSchedule | None:
    return db.session.scalar(select(AdoptionSchedule).where(AdoptionSchedule.plan_id == plan.id))


def meetings_of(plan: ParticipationPlan) -> dict[str, list[date]]:
    rows = db.session.execute(select(MeetingDate.body, MeetingDate.day).where(MeetingDate.plan_id == plan.id)
                              .order_by(MeetingDate.day)).all()
    found: dict[str, list[date]] = {body: [] for body in MEETING_BODIES}
    for body, day in rows:
        found.setdefault(body, []).append(day)
    return found


def settings_of(schedule: AdoptionSchedule | None, content: RouteContent) -> dict[str, StepSetting]:
    """The plan's step settings; keys that the content file no longer has are ignored."""
    stored = (schedule.steps if schedule is not None else None) or {}
    result = {}
    for spec in content.steps:
        raw = stored.get(spec.key)
        if isinstance(raw, dict) and isinstance(raw.get("weeks"), int):
            day = as_date(raw.get("day")) if spec.key not in ANSWER_OF_STEP else None  # those live in step 8
            result[spec.key] = StepSetting(weeks=raw["weeks"], skip=bool(raw.get("skip")) and spec.optional, day=day)
    return result


def timeline_for(plan: ParticipationPlan, content: RouteContent, today: date,
                 answers: Mapping[str, Any] | None = None) -> Timeline:
    """The plan's timeline (adoption/timeline.py builds it): its schedule, its meeting dates and its step-8 dates."""
    schedule = schedule_of(plan)
    if answers is None:
        answers = {k: v for step in plans.answers_by_step(plan).values() for k, v in step.items()}
    return build(content, settings_of(schedule, content), schedule.target_date if schedule else None,
                 answers, meetings_of(plan), today, plan.organisation.body_type, schedule is not None)


def route_for(plan: ParticipationPlan, content: RouteContent, today: date) -> Route:
    """The planner's route: the route of the plan's one timeline."""
    return timeline_for(plan, content, today).route


def save_settings(plan: ParticipationPlan, content: RouteContent, *, target: date, consultation_with: str,
                  steps: dict[str, StepSetting], by: User, handreiking=None) -> AdoptionSchedule:
    """Store the target date and the weeks/skip/own date of every step (the form shows them all). The own dates of
    the college's and the raad's step, and a fixed date of entry into force, are step 8's answers: they are written
    there (with `handreiking`, which says where step 8's questions are), so the plan keeps each date once."""
    access.require(by, Action.EDIT, plan)
    if consultation_with not in CONSULTATION_CHOICES:
        raise ValueError(consultation_with)
    schedule = schedule_of(plan)
    if schedule is None:
        schedule = AdoptionSchedule(plan_id=plan.id)
        db.session.add(schedule)
    schedule.target_date = target
    schedule.consultation_with = consultation_with
    stored = {}
    for spec in content.steps:
        if spec.key not in steps:
            continue
        setting = steps[spec.key]
        stored[spec.key] = {"weeks": setting.weeks, "skip": setting.skip and spec.optional}
        if setting.day is not None and spec.key not in ANSWER_OF_STEP:
            stored[spec.key]["day"] = setting.day.isoformat()
    schedule.steps = stored
    schedule.updated_at = utcnow()
    schedule.updated_by_id = by.id
    if handreiking is not None:
        _write_step_dates(plan, handreiking, {answer: steps[key].day for key, answer in ANSWER_OF_STEP.items()
                                              if key in steps}, target, by)
    return schedule


def _write_step_dates(plan: ParticipationPlan, handreiking, days: dict[str, date | None], target: date,
                      by: User) -> None:
    """The planner's dates that step 8 keeps, written as step 8's answers (a new version of that step)."""
    found = handreiking.find_question("vaststelling_datum")
    if found is None:
        return
    number = found[0].number
    answers = plans.answers_by_step(plan).get(number, {})
    new = dict(answers)
    for key, day in days.items():
        if day is None:
            new.pop(key, None)
        else:
            new[key] = day.isoformat()
    if fixed_target(answers) is not None:
        new[TARGET_ANSWER] = target.isoformat()
    if new != answers:
        plans.save_step(plan, number, new, by, None, note="Route naar vaststelling")


def replace_meetings(plan: ParticipationPlan, body: str, days: list[date], *, by: User | access.Actor) -> None:
    """The meeting dates of one body become exactly `days` (titles of dates that stay are kept)."""
    access.require(by, Action.EDIT, plan)
    if body not in MEETING_BODIES:
        raise ValueError(body)
    wanted = set(days)
    existing = {m.day: m for m in db.session.scalars(select(MeetingDate).where(
        MeetingDate.plan_id == plan.id, MeetingDate.body == body))}
    for day, meeting in existing.items():
        if day not in wanted:
            db.session.delete(meeting)
    for day in sorted(wanted - set(existing)):
        db.session.add(MeetingDate(plan_id=plan.id, body=body, day=day))


def add_imported(plan: ParticipationPlan, meetings: list[ImportedMeeting], body_for_unknown: str | None, *,
                 by: User) -> dict:
    """Add imported meetings (a date already there is kept); returns counts of added and skipped events."""
    access.require(by, Action.EDIT, plan)
    existing = set(db.session.execute(select(MeetingDate.body, MeetingDate.day)
                                      .where(MeetingDate.plan_id == plan.id)).all())
    added = skipped = 0
    for meeting in meetings:
        body = meeting.body or body_for_unknown
        if body is None:
            skipped += 1
            continue
        if (body, meeting.day) in existing:
            continue
        existing.add((body, meeting.day))
        db.session.add(MeetingDate(plan_id=plan.id, body=body, day=meeting.day, title=meeting.title or None))
        added += 1
    return {"added": added, "skipped": skipped}
