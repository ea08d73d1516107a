"""`flask demo` brings a project of Voorbeeldstad with a filled participatieplan and a published verslag."""
from __future__ import annotations

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import Survey, SurveyResponse
from app.models.project import Project
from app.services.projects.documents import warnings_of
from tests import helpers


def test_demo_has_the_stationsplein_project_with_a_published_verslag(app, browser):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    project = db.session.scalar(select(Project).where(Project.name == "Herinrichting Stationsplein"))
    assert project.plan is not None and project.plan.organisation_id == project.organisation_id
    assert warnings_of(project, content.current()) == []  # the demo follows its own ordinance
    anonymous = browser()
    listing = helpers.text_of(anonymous.get(f"/openbaar/{project.organisation_id}/trajecten"))
    assert "Herinrichting Stationsplein" in listing
    verslag = anonymous.get(f"/openbaar/{project.organisation_id}/trajecten/{project.id}/participatieverslag")
    text = helpers.text_of(verslag)
    assert verslag.status_code == 200
    assert "Reizigers (enquête)" in text and "569" in text and "verhoogde fietsoversteek" in text
    public = f"/openbaar/{project.organisation_id}/trajecten/{project.id}"
    plan = helpers.text_of(anonymous.get(f"{public}/participatieplan"))
    assert "Adviseren" in plan and "Twee ontwerpavonden" in plan
    # a second run changes nothing
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    assert len(db.session.scalars(select(Project).where(Project.name == "Herinrichting Stationsplein")).all()) == 1
    assert db.session.query(SurveyResponse).count() == 7


def test_demo_project_has_an_open_survey_whose_results_show(app, browser):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    project = db.session.scalar(select(Project).where(Project.name == "Herinrichting Stationsplein"))
    team = browser()
    helpers.login(team, "demo@voorbeeldstad.nl", "participatie-demo")
    page = helpers.text_of(team.get(f"/trajecten/{project.id}/vragenlijst"))
    assert "De vragenlijst is open." in page and "Er zijn 7 reacties." in page
    assert "Gemiddelde: 3,9 (van 1 tot 5), 7 antwoorden" in page      # (4+5+3+4+2+4+5) / 7
    assert "fietsenstalling" in page
    token = db.session.scalar(select(Survey.token))
    assert "U kon advies geven over Herinrichting Stationsplein" in helpers.text_of(browser().get(f"/enquete/{token}"))
