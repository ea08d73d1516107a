"""Starting a plan from an existing ordinance: only the answers the text supports, each marked on its step until the
user saves that step; through save_step and the audit log; a tampered pre-fill writes nothing."""
import html
import json
import re

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, ParticipationPlan, PlanRevision
from tests import helpers
from tests.helpers import text_of
from tests.reader.documents import inspraak_docx
from tests.reader.test_gap_report import read
from tests.test_fuzz import dump

MARK = "Uit de bestaande verordening — bevestig dit."


def report_answers(response) -> str:
    match = re.search(r'name="answers" type="hidden" value="([^"]*)"|type="hidden" name="answers" value="([^"]*)"|'
                      r'id="answers" name="answers" type="hidden" value="([^"]*)"', response.get_data(as_text=True))
    assert match, "geen verborgen veld met de antwoorden"
    return html.unescape(next(g for g in match.groups() if g is not None))


def start(client, answers: str, organisation: str, **extra):
    data = {"answers": answers, "workspace": organisation, "title": "Participatieverordening 2027",
            "body_type": "gemeente", **extra}
    return helpers.post_form(client, "/verordening-inlezen/plan", data, token_from="/verordening-inlezen")


def test_plan_starts_with_the_supported_answers_marked_until_the_step_is_saved(editor):
    answers = report_answers(read(editor.client, file=inspraak_docx()))
    response = start(editor.client, answers, str(editor.organisation.id))
    assert response.status_code == 302
    plan = db.session.scalars(select(ParticipationPlan).order_by(ParticipationPlan.id.desc())).first()
    assert plan.id != editor.plan.id and plan.organisation_id == editor.organisation.id
    assert plan.step_answers(5) == {"instrumenten": ["bijeenkomst"], "terugkoppeling_aan": ["deelnemers"],
                                    "terugkoppeling_termijn_weken": 4, "inspraak_procedure": "eigen",
                                    "inspraak_termijn_weken": 6}
    assert plan.step_answers(8)["inspraakverordening_naam"] == "Inspraakverordening Voorbeeld 2005"
    assert "uitdaagrecht_opnemen" not in plan.all_answers()  # the text is silent: no "nee" is made up
    assert "Het plan is aangemaakt met 11 antwoorden uit de bestaande verordening" in text_of(
        editor.client.get(response.headers["Location"]))
    revisions = db.session.scalars(select(PlanRevision).where(PlanRevision.plan_id == plan.id)).all()
    assert {(r.step_number, r.kind, r.note) for r in revisions} == {
        (n, "import", "uit bestaande verordening") for n in (1, 4, 5, 8)}
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.target == f"plan:{plan.id}")).one()
    assert event.action == "plan.created" and event.detail["source"] == "bestaande verordening"

    page = text_of(editor.client.get(f"/plannen/{plan.id}/stap/5"))
    assert "5 antwoorden op deze stap komen uit de bestaande verordening" in page
    assert page.count(MARK) == 5
    assert MARK not in text_of(editor.client.get(f"/plannen/{plan.id}/stap/2"))  # nothing pre-filled there
    # Saving the step unchanged confirms the answers: the marks are gone, the answers stay.
    same = {"q-instrumenten": "bijeenkomst", "q-terugkoppeling_aan": "deelnemers",
            "q-terugkoppeling_termijn_weken": "4", "q-inspraak_procedure": "eigen", "q-inspraak_termijn_weken": "6"}
    assert helpers.save_step(editor.client, plan.id, 5, same).status_code == 302
    assert MARK not in text_of(editor.client.get(f"/plannen/{plan.id}/stap/5"))
    db.session.expire_all()
    assert plan.step_answers(5)["inspraak_termijn_weken"] == 6
    assert MARK in text_of(editor.client.get(f"/plannen/{plan.id}/stap/8"))  # other steps still ask
    # the history tells both: the pre-fill and the confirming save (a new version without changed answers)
    history = editor.client.get(f"/plannen/{plan.id}/versies")
    assert history.status_code == 200 and "geïmporteerd, stap 5" in text_of(history)
    assert plan.steps[[s.step_number for s in plan.steps].index(5)].version == 2


def test_plan_in_a_new_organisation(app, client):
    helpers.make_user("nieuw@gemeente.nl")
    helpers.login(client, "nieuw@gemeente.nl")
    answers = report_answers(read(client, file=inspraak_docx()))
    response = start(client, answers, "nieuw", name="Voorbeeld", body_type="gemeente")
    assert response.status_code == 302
    plan = db.session.scalar(select(ParticipationPlan))
    assert plan.organisation.name == "Voorbeeld" and plan.step_answers(4)["wie_beslist"] == "eigen_bevoegdheid"


def test_tampered_answers_write_nothing(app, editor):
    before = dump()
    bad = json.dumps({"5": {"inspraak_procedure": "geen"}, "4": {"bestaat_niet": 1}})
    response = start(editor.client, bad, str(editor.organisation.id))
    assert response.status_code == 422
    assert "zijn gewijzigd of onleesbaar" in text_of(response)
    assert dump() == before


def test_missing_name_for_a_new_organisation_keeps_the_answers(editor):
    answers = report_answers(read(editor.client, file=inspraak_docx()))
    response = start(editor.client, answers, "nieuw", name="")
    assert response.status_code == 422
    page = text_of(response)
    assert "Vul de naam van de gemeente in." in page and "Inspraakverordening Voorbeeld 2005" in page
    assert json.loads(report_answers(response)) == json.loads(answers)


def test_a_meelezer_cannot_start_a_plan_in_the_organisation(app, editor, browser):
    reader = helpers.make_user("lees@voorbeeld.nl")
    helpers.add_member(editor.organisation, reader, "meelezer")
    client = browser()
    helpers.login(client, "lees@voorbeeld.nl")
    answers = report_answers(read(client, file=inspraak_docx()))
    response = start(client, answers, str(editor.organisation.id))
    assert response.status_code == 422  # the organisation is not among the choices
    assert len(editor.organisation.plans) == 1
