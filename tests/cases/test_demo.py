"""`flask demo` brings a published case: Zeedorp's finished speelplek, in the library and on Voorbeeldstad's step 5."""
from __future__ import annotations

from sqlalchemy import func, select

from app.demo import DEMO_EMAIL
from app.extensions import db
from app.models import ParticipationPlan, Project
from app.models.case import Case
from tests import helpers


def test_demo_has_a_published_case_of_another_organisation(app, browser):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    stationsplein = db.session.scalar(select(Project).where(Project.name == "Herinrichting Stationsplein"))
    assert stationsplein.phase != "afgerond"  # the Voorbeeldstad demo project stays as it was
    client = browser()
    helpers.login(client, DEMO_EMAIL, "participatie-demo")
    library = helpers.text_of(client.get("/casussen"))
    assert "Speelplek Dorpsweide: kinderen ontwerpen mee" in library and "gemeente Zeedorp" in library
    plan = db.session.scalar(select(ParticipationPlan).where(ParticipationPlan.organisation_id
                                                             == stationsplein.organisation_id))
    step = helpers.text_of(client.get(f"/plannen/{plan.id}/stap/5"))
    assert "Voorbeelden van andere organisaties" in step and "Speelplek Dorpsweide" in step
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0  # a second run adds nothing
    assert db.session.scalar(select(func.count(Case.id))) == 1
