"""Demo data: Voorbeeldstad's project Stationsplein (stationsplein.json), following its ordinance, with a filled
participatieplan and a published verslag."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import ParticipationPlan, User
from app.models.project import Project
from app.services.projects import projects, exchange as project_io

DEMO_PROJECT_FILE = Path(__file__).parent / "stationsplein.json"


def load_demo(voorbeeldstad: ParticipationPlan, beheerder: User) -> bool:
    """A project of Voorbeeldstad that follows its ordinance, with a filled plan and a published verslag."""
    data = json.loads(DEMO_PROJECT_FILE.read_text(encoding="utf-8"))
    if db.session.scalar(select(Project.id).where(Project.organisation_id == voorbeeldstad.organisation_id,
                                                  Project.name == data["project"]["name"])):
        return False
    checked = project_io.read_project(data, content.projects(), content.handreiking())
    project = project_io.build_project(voorbeeldstad.organisation, checked, by=beheerder)
    project.plan_id = voorbeeldstad.id
    for kind in ("participatieplan", "participatieverslag"):
        projects.set_published(project, kind, True, beheerder)
    return True
