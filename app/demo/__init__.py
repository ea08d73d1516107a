"""All demo data, loaded by `flask demo` (and `make run`): Voorbeeldstad's half-finished plan (voorbeeldstad.json), the
demo atelier, zelfscans and benchmark, a case, a project (stationsplein.json) with its survey, the council calendar and
the loket. Each part does nothing when it is there already, so the command can run again."""
from __future__ import annotations

import json
from pathlib import Path

from app import content
from app.demo import adoption, atelier, cases, loket, projects, surveys, zelfscan
from app.demo.accounts import ensure_user
from app.demo.atelier import DEMO_FACILITATOR, DEMO_PASSWORD
from app.extensions import db
from app.models import Membership, Role
from app.services.core import access
from app.services.plans import exchange as plan_io
from app.services.plans.deadline import today_in_amsterdam
from app.services.core.transaction import unit_of_work

DEMO_FILE = Path(__file__).parent / "voorbeeldstad.json"
DEMO_EMAIL = "demo@voorbeeldstad.nl"

__all__ = ["DEMO_EMAIL", "DEMO_FACILITATOR", "DEMO_PASSWORD", "DemoError", "load"]


class DemoError(Exception):
    """The demo plan's file does not pass the plan import's checks."""


def load() -> bool:
    """Load what is missing of the demo; True if anything was added."""
    user = ensure_user(DEMO_EMAIL, "Demo Beleidsadviseur", DEMO_PASSWORD)
    db.session.flush()
    loaded = not user.memberships
    if loaded:
        try:
            plan = plan_io.import_plan(json.loads(DEMO_FILE.read_text(encoding="utf-8")), content.handreiking(),
                                      by=access.SYSTEM)
        except plan_io.PlanFileError as exc:
            db.session.rollback()
            raise DemoError(str(exc)) from exc
        db.session.add(Membership(user=user, organisation=plan.organisation, role=Role.BEHEERDER.value))
        db.session.flush()
        db.session.expire(user, ["memberships"])
    voorbeeldstad = next((p for m in user.memberships for p in m.organisation.plans), None)
    with unit_of_work():
        if voorbeeldstad is not None:
            loaded = atelier.load_demo(voorbeeldstad, user) or loaded
            loaded = zelfscan.load_demo(voorbeeldstad.organisation, user, content.zelfscan()) or loaded
            loaded = cases.load_demo() or loaded
            loaded = projects.load_demo(voorbeeldstad, user) or loaded
            loaded = adoption.load_demo(voorbeeldstad) or loaded
            loaded = surveys.load_demo(voorbeeldstad, user) or loaded
            loaded = loket.load_demo(voorbeeldstad, user, today_in_amsterdam()) or loaded
    return loaded
