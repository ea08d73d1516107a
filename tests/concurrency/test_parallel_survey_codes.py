"""A one-time access code answers a survey once, also when several people type it at the same moment: of parallel
answers with one code, the database lets exactly one through (gunicorn, several workers, one database)."""
import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Project, Survey, SurveyCode, SurveyResponse
from tests import helpers
from tests.live import at_once

pytestmark = pytest.mark.live
PEOPLE = 8
TOKEN = "vragenlijst-met-codes"


def _seed() -> None:
    user = helpers.make_user("bea@aadorp.nl", "Bea Beheerder")
    organisation = helpers.make_organisation("Aadorp", user, "beheerder")
    project = Project(organisation_id=organisation.id, name="Dorpshuis", domain="sociaal_domein", phase="uitvoering",
                      impact="klein")
    db.session.add(project)
    db.session.flush()
    survey = Survey(project_id=project.id, token=TOKEN, own_questions=[], with_codes=True)
    db.session.add(survey)
    db.session.flush()
    db.session.add_all([SurveyCode(survey_id=survey.id, code="ABCDEFGH"), SurveyCode(survey_id=survey.id,
                                                                                     code="KLMNPQRS")])


def test_eight_people_with_one_code_at_once_give_one_answer(live_server):
    server = live_server(_seed)
    url = f"/enquete/{TOKEN}"

    def open_form(_i):
        visitor = server.browser()
        return visitor, visitor.csrf_token(visitor.get(url))

    opened = at_once([lambda i=i: open_form(i) for i in range(PEOPLE)])
    replies = at_once([lambda v=v, t=t: v.post(url, {"csrf_token": t, "code": "abcd-efgh", "q_weer_meedoen": "4"})
                       for v, t in opened])
    thanked = [r for r in replies if "Bedankt voor uw antwoorden" in r.body]
    refused = [r for r in replies if "Deze toegangscode kennen wij niet, of hij is al gebruikt." in r.body]
    assert (len(thanked), len(refused)) == (1, PEOPLE - 1), sorted(r.status for r in replies)
    assert all(r.status == 200 for r in replies)
    with server.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 1
        used = dict(db.session.execute(select(SurveyCode.code, SurveyCode.used)).all())
        assert used == {"ABCDEFGH": True, "KLMNPQRS": False}
