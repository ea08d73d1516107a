"""The demo project's survey: open, with seven responses, so its results show."""
from __future__ import annotations

import json

from sqlalchemy import select

from app import content
from app.demo.projects import DEMO_PROJECT_FILE
from app.extensions import db
from app.models import ParticipationPlan, Project, User
from app.services.surveys import surveys
from app.services.core.access import PUBLIC

# invloed_duidelijk, informatie_op_tijd, terugkoppeling, weer_meedoen, wat kan beter
RESPONSES = [
    ("4", "4", "3", "5", "Meer avonden na 19.00 uur, dan kunnen werkende mensen ook komen."),
    ("5", "4", "4", "5", ""),
    ("3", "2", "2", "4", "De tekeningen kwamen pas twee dagen voor de avond online."),
    ("4", "5", "3", "4", "Goed dat er een wandeling over het plein was."),
    ("2", "3", "1", "3", "Ik weet nog steeds niet wat er met ons idee voor de fietsenstalling is gedaan."),
    ("4", "4", "4", "5", ""),
    ("5", "3", "3", "4", "Graag ook informatie in eenvoudige taal en in het Engels."),
]


def load_demo(voorbeeldstad: ParticipationPlan, beheerder: User) -> bool:
    """The demo project's participant survey, open, with seven responses."""
    name = json.loads(DEMO_PROJECT_FILE.read_text(encoding="utf-8"))["project"]["name"]
    project = db.session.scalar(select(Project).where(Project.organisation_id == voorbeeldstad.organisation_id,
                                                      Project.name == name))
    return project is not None and _open_with_responses(project, beheerder, content.surveys())


def _open_with_responses(project: Project, actor: User, survey_content: surveys.SurveyContent) -> bool:
    """Open the survey of the demo project with seven responses; nothing if it has a survey already."""
    if surveys.survey_of(project) is not None:
        return False
    survey = surveys.open_survey(project, by=actor)
    keys = [q.key for q, _theme in survey_content.questions]
    for row in RESPONSES:
        surveys.submit(survey, dict(zip(keys, row, strict=True)), survey_content, by=PUBLIC)
    return True
