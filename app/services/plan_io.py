"""The plan as a JSON document (docs/plan-format.md): export, and import with validation."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _  # outside an app context it returns the Dutch text itself

from app.extensions import db
from app.models import Membership, Municipality, ParticipationPlan, Role, User
from app.services import plans
from app.services.answers import check_value, effective_answers
from app.services.handreiking import Handreiking
from app.services.ordinance import PlanInput

FORMAT = "participatie-assistent/plan"
VERSION = 1
BODY_TYPES = ("gemeente", "provincie", "waterschap")


class PlanFileError(Exception):
    """The file is not a valid plan; the message names the field."""


def export_plan(plan: ParticipationPlan) -> dict[str, Any]:
    muni = plan.municipality
    return {
        "format": FORMAT,
        "version": VERSION,
        "municipality": {"name": muni.name, "body_type": muni.body_type, "inhabitants": muni.inhabitants},
        "plan": {"title": plan.title},
        "steps": {str(s.step_number): dict(s.answers or {}) for s in plan.steps if s.answers},
    }


def validate_document(doc: Any, handreiking: Handreiking) -> dict[str, Any]:
    """Check a plan document completely before anything is written. Raises PlanFileError."""
    if not isinstance(doc, dict):
        raise PlanFileError(_("het bestand moet een JSON-object zijn"))
    if doc.get("format") != FORMAT:
        raise PlanFileError(_("format: verwacht '%(format)s'", format=FORMAT))
    if doc.get("version") != VERSION:
        raise PlanFileError(_("version: versie %(found)s wordt niet ondersteund (verwacht %(expected)s)",
                               found=repr(doc.get("version")), expected=VERSION))
    muni = doc.get("municipality")
    if not isinstance(muni, dict):
        raise PlanFileError(_("municipality: ontbreekt of is geen object"))
    if not isinstance(muni.get("name"), str) or not muni["name"].strip() or len(muni["name"]) > 120:
        raise PlanFileError(_("municipality.name: moet een naam van 1 tot 120 tekens zijn"))
    if muni.get("body_type") not in BODY_TYPES:
        raise PlanFileError(_("municipality.body_type: kies uit %(options)s", options=", ".join(BODY_TYPES)))
    inhabitants = muni.get("inhabitants")
    if inhabitants is not None and (not isinstance(inhabitants, int) or isinstance(inhabitants, bool)
                                    or inhabitants < 1):
        raise PlanFileError(_("municipality.inhabitants: moet een positief geheel getal zijn of null"))
    plan = doc.get("plan")
    if not isinstance(plan, dict) or not isinstance(plan.get("title"), str) or not plan["title"].strip() \
            or len(plan["title"]) > 200:
        raise PlanFileError(_("plan.title: moet een titel van 1 tot 200 tekens zijn"))
    steps = doc.get("steps")
    if not isinstance(steps, dict):
        raise PlanFileError(_("steps: ontbreekt of is geen object"))
    for number, answers in steps.items():
        step = handreiking.step(int(number)) if str(number).isdigit() else None
        if step is None:
            raise PlanFileError(_("steps.%(number)s: deze stap bestaat niet", number=number))
        if not isinstance(answers, dict):
            raise PlanFileError(_("steps.%(number)s: moet een object met antwoorden zijn", number=number))
        questions = {q.key: q for q in step.questions}
        for key, value in answers.items():
            if key.endswith("__anders") and key.removesuffix("__anders") in questions \
                    and questions[key.removesuffix("__anders")].allow_other:
                if not isinstance(value, str) and value is not None:
                    raise PlanFileError(_("steps.%(number)s.%(key)s: moet tekst zijn", number=number, key=key))
                continue
            if key not in questions:
                raise PlanFileError(_("steps.%(number)s.%(key)s: deze vraag bestaat niet in stap %(number)s",
                                       number=number, key=key))
            problem = check_value(questions[key], value)
            if problem:
                raise PlanFileError(f"steps.{number}.{key}: {problem}")
    return doc


def import_plan(doc: Any, handreiking: Handreiking, municipality: Municipality | None = None,
                owner: User | None = None) -> ParticipationPlan:
    """Validate, then write the plan in one transaction: a bad file writes nothing.

    Without a municipality, one is made from the file; `owner` becomes its beheerder."""
    doc = validate_document(doc, handreiking)
    if municipality is None:
        m = doc["municipality"]
        municipality = Municipality(name=m["name"].strip(), body_type=m["body_type"], inhabitants=m.get("inhabitants"))
        db.session.add(municipality)
        if owner is not None:
            db.session.add(Membership(user=owner, municipality=municipality, role=Role.BEHEERDER.value))
    plan = plans.create_plan(municipality, doc["plan"]["title"].strip())
    db.session.flush()
    plans.replace_all_steps(plan, {int(k): v for k, v in doc["steps"].items()}, owner, kind="import")
    return plan


def plan_input_from_document(doc: Any, handreiking: Handreiking) -> PlanInput:
    doc = validate_document(doc, handreiking)
    answers = effective_answers(handreiking, {int(k): v for k, v in doc["steps"].items()})
    return PlanInput(doc["municipality"]["name"].strip(), doc["municipality"]["body_type"], answers)


def plan_input(plan: ParticipationPlan, handreiking: Handreiking) -> PlanInput:
    return PlanInput(plan.municipality.name, plan.municipality.body_type,
                     effective_answers(handreiking, plans.answers_by_step(plan)))
