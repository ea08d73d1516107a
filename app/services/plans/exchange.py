"""The plan as a JSON document (docs/plan-format.md): export, and import with validation."""
from __future__ import annotations

import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from app.extensions import db
from app.models import Membership, Organisation, ParticipationPlan, Role, User
from app.services.core import access, audit
from app.services.core.audit import AuditAction
from app.services.core.body_types import BODY_TYPES
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
from app.services.ordinance import PlanInput
from app.services.plans import plans
from app.services.questions.answers import answers_problem, clean_text, clean_value, effective_answers, shorten
from app.services.questions.handreiking import Handreiking

if TYPE_CHECKING:
    from app.services.core.content import Content

FORMAT = "participatie-assistent/plan"
VERSION = 1
MAX_INHABITANTS = 20_000_000  # as on the new-plan form; the column is a 32-bit integer
STEP_KEY = re.compile(r"[1-9][0-9]?")


class PlanFileError(Exception):
    """The file is not a valid plan; the message names the field."""


def export_plan(plan: ParticipationPlan) -> dict[str, Any]:
    organisation = plan.organisation
    return {
        "format": FORMAT,
        "version": VERSION,
        "municipality": {"name": organisation.name, "body_type": organisation.body_type,
                         "inhabitants": organisation.inhabitants},
        "plan": {"title": plan.title},
        "steps": {str(s.step_number): dict(s.answers or {}) for s in plan.steps if s.answers},
    }


def read_document(raw: bytes | str) -> Any:
    """The JSON of a plan file. Raises PlanFileError for anything that is not JSON the assistant can read:
    bad UTF-8, bad syntax, nesting too deep for the parser, or a number with thousands of digits."""
    try:
        return json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except UnicodeDecodeError:
        raise PlanFileError(_("geen geldige JSON: de tekst is niet in UTF-8")) from None
    except RecursionError:
        raise PlanFileError(_("geen geldige JSON: te diep genest")) from None
    except ValueError as exc:  # JSONDecodeError, and Python's limit on the digits of an integer
        raise PlanFileError(_("geen geldige JSON (%(problem)s)", problem=str(exc)[:120])) from None


def validate_document(doc: Any, handreiking: Handreiking) -> dict[str, Any]:
    """Check a plan document completely before anything is written. Raises PlanFileError.

    Returns the document as it will be stored: step keys as numbers and texts cleaned of control characters,
    as the forms clean what is typed."""
    if not isinstance(doc, dict):
        raise PlanFileError(_("het bestand moet een JSON-object zijn"))
    if doc.get("format") != FORMAT:
        raise PlanFileError(_("format: verwacht '%(format)s'", format=FORMAT))
    if doc.get("version") != VERSION:
        raise PlanFileError(_("version: versie %(found)s wordt niet ondersteund (verwacht %(expected)s)",
                               found=shorten(repr(doc.get("version"))), expected=VERSION))
    organisation = doc.get("municipality")
    if not isinstance(organisation, dict):
        raise PlanFileError(_("municipality: ontbreekt of is geen object"))
    name = _text(organisation.get("name"))
    if not name or len(name) > 120:
        raise PlanFileError(_("municipality.name: moet een naam van 1 tot 120 tekens zijn"))
    if organisation.get("body_type") not in BODY_TYPES:
        raise PlanFileError(_("municipality.body_type: kies uit %(options)s", options=", ".join(BODY_TYPES)))
    inhabitants = organisation.get("inhabitants")
    if inhabitants is not None and (not isinstance(inhabitants, int) or isinstance(inhabitants, bool)
                                    or not 1 <= inhabitants <= MAX_INHABITANTS):
        raise PlanFileError(_("municipality.inhabitants: moet een geheel getal van 1 tot en met 20.000.000 zijn "
                               "of null"))
    plan = doc.get("plan")
    title = _text(plan.get("title")) if isinstance(plan, dict) else None
    if not title or len(title) > 200:
        raise PlanFileError(_("plan.title: moet een titel van 1 tot 200 tekens zijn"))
    steps = doc.get("steps")
    if not isinstance(steps, dict):
        raise PlanFileError(_("steps: ontbreekt of is geen object"))
    clean_steps: dict[int, dict[str, Any]] = {}
    for number, answers in steps.items():
        # Only ASCII digits: "²".isdigit() is true, but int("²") fails.
        step = handreiking.step(int(number)) if STEP_KEY.fullmatch(number) else None
        if step is None:
            raise PlanFileError(_("steps.%(number)s: deze stap bestaat niet", number=shorten(number)))
        if not isinstance(answers, dict):
            raise PlanFileError(_("steps.%(number)s: moet een object met antwoorden zijn", number=number))
        found = answers_problem(step, answers)
        if found:
            raise PlanFileError(f"steps.{number}.{shorten(found[0])}: {found[1]}")
        questions = {q.key: q for q in step.questions}
        clean = {key: clean_value(questions[key], value) if key in questions else _text(value)
                 for key, value in answers.items()}
        clean_steps[int(number)] = clean
    return {"municipality": {"name": name, "body_type": organisation["body_type"], "inhabitants": inhabitants},
            "plan": {"title": title}, "steps": clean_steps}


def _text(value: Any) -> str | None:
    """A name or title from the file, cleaned and trimmed; None when it is not text."""
    return clean_text(value).strip() if isinstance(value, str) else None


def import_plan(doc: Any, handreiking: Handreiking, organisation: Organisation | None = None, *,
                by: User | access.Actor) -> ParticipationPlan:
    """Validate, then write the plan in one transaction: a bad file writes nothing.

    Without a municipality, one is made from the file; a person who imports becomes its beheerder. A person's import
    is in the audit log; the operator's (the command line, the demo) is not."""
    # Into an organisation: `by` edits there; into a new one: a person makes it for themselves (or the operator does).
    access.require(by, *((access.Action.EDIT, organisation) if organisation is not None
                         else (access.Action.OWN_ACCOUNT, by)))
    doc = validate_document(doc, handreiking)
    if organisation is None:
        m = doc["municipality"]
        organisation = Organisation(name=m["name"], body_type=m["body_type"], inhabitants=m["inhabitants"])
        db.session.add(organisation)
        if by is not access.SYSTEM:
            db.session.add(Membership(user=by, organisation=organisation, role=Role.BEHEERDER.value))
    plan = plans.create_plan(organisation, doc["plan"]["title"], by)
    db.session.flush()
    plans.replace_all_steps(plan, doc["steps"], by, kind="import")
    if by is not access.SYSTEM:
        audit.record(AuditAction.PLAN_IMPORTED, actor=by, organisation_id=plan.organisation_id,
                     target=audit.target_of(plan), title=plan.title)
    return plan


def plan_input_from_document(doc: Any, handreiking: Handreiking) -> PlanInput:
    doc = validate_document(doc, handreiking)
    answers = effective_answers(handreiking, doc["steps"])
    return PlanInput(doc["municipality"]["name"], doc["municipality"]["body_type"], answers)


def plan_input(plan: ParticipationPlan, content: Content, today: date | None = None) -> PlanInput:
    """The plan's answers for the ordinance, with the dates of its one timeline (the proposal, the vaststelling,
    the entry into force) under step 8's keys, so the ordinance prints what the raadsvoorstel prints."""
    from app.services.adoption import schedules, timeline as timelines
    from app.services.adoption.planner import today_in_amsterdam

    by_step = plans.answers_by_step(plan)
    raw = {k: v for step in by_step.values() for k, v in step.items()}
    found = schedules.timeline_for(plan, content.adoption_route, today or today_in_amsterdam(timelines.now()), raw)
    answers = timelines.answers_with_timeline(effective_answers(content.handreiking, by_step), found)
    return PlanInput(plan.organisation.name, plan.organisation.body_type, answers, found)


def record_export(plan: ParticipationPlan, file: str, *, by: User) -> None:
    """The plan left the assistant as a JSON file."""
    audit.record_download(plan, AuditAction.PLAN_EXPORT, by=by, file=file)
