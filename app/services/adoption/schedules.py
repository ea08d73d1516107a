"""A plan's route settings and meeting dates in the database. Never commits: the caller's unit of work does."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import ParticipationPlan, User
from app.models.adoption import AdoptionSchedule, MeetingDate
from app.models.municipality import utcnow
from app.services.adoption.calendar_io import ImportedMeeting
from app.services.adoption.planner import MEETING_BODIES, Route, RouteContent, StepSetting, plan_route

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
            result[spec.key] = StepSetting(weeks=raw["weeks"], skip=bool(raw.get("skip")) and spec.optional)
    return result


def route_for(plan: ParticipationPlan, content: RouteContent, today: date) -> Route:
    schedule = schedule_of(plan)
    target = schedule.target_date if schedule is not None else content.target_default
    return plan_route(content, settings_of(schedule, content), target, today, meetings_of(plan),
                      plan.municipality.body_type)


def save_settings(plan: ParticipationPlan, content: RouteContent, *, target: date, consultation_with: str,
                  steps: dict[str, StepSetting], by: User) -> AdoptionSchedule:
    """Store the target date and the weeks/skip of every step (the form shows them all)."""
    if consultation_with not in CONSULTATION_CHOICES:
        raise ValueError(consultation_with)
    schedule = schedule_of(plan)
    if schedule is None:
        schedule = AdoptionSchedule(plan_id=plan.id)
        db.session.add(schedule)
    schedule.target_date = target
    schedule.consultation_with = consultation_with
    schedule.steps = {spec.key: {"weeks": steps[spec.key].weeks, "skip": steps[spec.key].skip and spec.optional}
                      for spec in content.steps if spec.key in steps}
    schedule.updated_at = utcnow()
    schedule.updated_by_id = by.id
    return schedule


def replace_meetings(plan: ParticipationPlan, body: str, days: list[date]) -> None:
    """The meeting dates of one body become exactly `days` (titles of dates that stay are kept)."""
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


def add_imported(plan: ParticipationPlan, meetings: list[ImportedMeeting], body_for_unknown: str | None) -> dict:
    """Add imported meetings (a date already there is kept); returns counts of added and skipped events."""
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
