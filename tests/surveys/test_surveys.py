"""The participant survey: anonymous answers without IP or user agent, one per browser, the honeypot, closed surveys,
results only from five responses on (page and CSV), and other organisations kept out."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from app import content
from app.extensions import db
from app.models import AuditEvent, ProjectDocument, Survey, SurveyResponse
from app.services.surveys import surveys
from app.services.core.access import PUBLIC
from tests import helpers
from tests.projects.helpers import make_project

ANSWERS = {"q_invloed_duidelijk": "4", "q_informatie_op_tijd": "2", "q_terugkoppeling": "5", "q_weer_meedoen": "4",
           "q_wat_kan_beter": "Eerder de tekeningen laten zien."}


def open_survey(editor):
    project = make_project(editor.organisation, editor.plan)
    db.session.add(ProjectDocument(project_id=project.id, kind="participatieplan", answers={"invloed": "raadplegen"},
                                   version=1))
    db.session.commit()
    response = helpers.post_form(editor.client, f"/trajecten/{project.id}/vragenlijst/openen", {},
                                 token_from=f"/trajecten/{project.id}/vragenlijst")
    assert response.status_code == 302
    survey = db.session.scalar(select(Survey).where(Survey.project_id == project.id))
    return project, f"/enquete/{survey.token}"


def answer(visitor, url, data=None, **kwargs):
    return helpers.post_form(visitor, url, dict(ANSWERS if data is None else data), token_from=url, **kwargs)


def results_page(editor, project) -> str:
    return helpers.text_of(editor.client.get(f"/trajecten/{project.id}/vragenlijst"))


def test_the_survey_page_is_public_plain_and_names_the_project(editor, browser):
    project, url = open_survey(editor)
    page = browser().get(url)
    text = helpers.text_of(page)
    assert page.status_code == 200
    assert "Herinrichting Stationsplein" in text and "Voorbeeld" in text
    assert "U kon uw mening geven over Herinrichting Stationsplein" in text   # the plan's promise: raadplegen
    assert "bewaren uw IP-adres niet" in text
    assert page.data.count(b"<legend") == 4 and b'name="website"' in page.data


@pytest.mark.fresh_app("reads the table's columns through db.engine, a connection of its own")
def test_an_anonymous_answer_stores_no_address_or_user_agent(editor, browser):
    project, url = open_survey(editor)
    response = answer(browser(), url, environ_base={"REMOTE_ADDR": "203.0.113.77"},
                      headers={"User-Agent": "Spion/1.0"})
    assert response.status_code == 200 and "Bedankt voor uw antwoorden" in helpers.text_of(response)
    columns = {c["name"] for c in inspect(db.engine).get_columns("survey_response")}
    assert columns == {"id", "survey_id", "answers", "answered_on", "source"}
    row = db.session.execute(select(SurveyResponse.__table__)).one()
    assert "203.0.113.77" not in repr(tuple(row)) and "Spion" not in repr(tuple(row))
    # the source is a keyed hash of survey, day and address: not the address, nor its plain hash
    import hashlib
    assert len(row.source) == 16 and row.source not in hashlib.sha256(b"203.0.113.77").hexdigest()
    assert row.answers["wat_kan_beter"] == "Eerder de tekeningen laten zien."
    # No audit line per anonymous answer.
    assert not db.session.scalars(select(AuditEvent).where(AuditEvent.ip == "203.0.113.77")).all()


def test_the_same_browser_answers_once(editor, browser):
    project, url = open_survey(editor)
    visitor = browser()
    answer(visitor, url)
    again = visitor.get(url)
    assert "U heeft deze vragenlijst al ingevuld" in helpers.text_of(again)
    second = visitor.post(url, data={**ANSWERS, "csrf_token": helpers.csrf_token(visitor)})
    assert "U heeft deze vragenlijst al ingevuld" in helpers.text_of(second)
    assert db.session.query(SurveyResponse).count() == 1


def test_a_filled_honeypot_is_thanked_but_not_stored(editor, browser):
    project, url = open_survey(editor)
    response = answer(browser(), url, {**ANSWERS, "website": "http://spam.example"})
    assert response.status_code == 200 and "Bedankt voor uw antwoorden" in helpers.text_of(response)
    assert db.session.query(SurveyResponse).count() == 0


def test_a_too_long_open_answer_is_refused_and_kept_on_the_page(editor, browser):
    project, url = open_survey(editor)
    response = answer(browser(), url, {**ANSWERS, "q_wat_kan_beter": "x" * 1001})
    text = helpers.text_of(response)
    assert "Houd uw antwoord korter dan 1000 tekens." in text and "x" * 1001 in response.get_data(as_text=True)
    assert db.session.query(SurveyResponse).count() == 0


def test_a_closed_survey_refuses_answers(editor, browser):
    project, url = open_survey(editor)
    visitor = browser()
    token = helpers.csrf_token(visitor, url)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/vragenlijst/sluiten", {},
                      token_from=f"/trajecten/{project.id}/vragenlijst")
    response = visitor.post(url, data={**ANSWERS, "csrf_token": token})
    assert response.status_code == 410 and "Deze vragenlijst is gesloten" in helpers.text_of(response)
    assert db.session.query(SurveyResponse).count() == 0
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("survey.%"))
                                 .order_by(AuditEvent.id)).all()
    assert actions == ["survey.opened", "survey.closed"]


def test_results_are_hidden_at_four_and_shown_at_five(editor, browser):
    project, url = open_survey(editor)
    for _ in range(4):
        answer(browser(), url)
    page = results_page(editor, project)
    assert "Nog te weinig reacties (4 van minimaal 5)" in page
    assert "Gemiddelde" not in page and "Eerder de tekeningen" not in page
    csv = editor.client.get(f"/trajecten/{project.id}/vragenlijst/resultaten.csv")
    assert csv.status_code == 409 and "Nog te weinig reacties" in helpers.text_of(csv)
    assert surveys.results_for(project, content.surveys()).questions == []

    answer(browser(), url, {**ANSWERS, "q_wat_kan_beter": "<script>alert(1)</script>"})
    response = editor.client.get(f"/trajecten/{project.id}/vragenlijst")
    page = helpers.text_of(response)
    assert "Nog te weinig reacties" not in page
    assert "Gemiddelde: 4,0 (van 1 tot 5), 5 antwoorden" in page          # 4 four times and once more
    assert "Eerder de tekeningen laten zien." in page
    assert b"<script>alert(1)</script>" not in response.data and b"&lt;script&gt;" in response.data
    csv = editor.client.get(f"/trajecten/{project.id}/vragenlijst/resultaten.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    body = csv.get_data(as_text=True)
    assert "Ik kreeg de informatie op tijd.;faciliterend;Oneens;5;" in body
    results = surveys.results_for(project, content.surveys())
    assert results.count == 5 and results.enough
    first = results.questions[0]
    assert (first.key, first.theme, first.mean) == ("invloed_duidelijk", "transparant", 4.0)
    assert first.options[3] == ("Eens", 5)
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "survey.exported"))


def test_another_organisation_gets_404_on_the_results(editor, browser):
    project, url = open_survey(editor)
    helpers.make_organisation("Elders", helpers.make_user("ander@elders.nl"), "beheerder")
    other = browser()
    helpers.login(other, "ander@elders.nl")
    assert other.get(f"/trajecten/{project.id}/vragenlijst").status_code == 404
    assert other.get(f"/trajecten/{project.id}/vragenlijst/resultaten.csv").status_code == 404


def test_own_questions_at_most_four(editor, browser):
    project, url = open_survey(editor)
    manage = f"/trajecten/{project.id}/vragenlijst"
    for i in range(4):
        r = helpers.post_form(editor.client, f"{manage}/vragen", {"label": f"Eigen vraag {i}", "kind": "schaal"},
                              token_from=manage)
        assert r.status_code == 302
    assert "U heeft het maximum van 4 eigen vragen bereikt." in results_page(editor, project)
    r = helpers.post_form(editor.client, f"{manage}/vragen", {"label": "Vijfde", "kind": "open"}, token_from=manage)
    assert r.status_code == 400 and "ten hoogste 4 eigen vragen" in helpers.text_of(r)
    assert "Eigen vraag 3" in helpers.text_of(browser().get(url))
    survey = db.session.scalar(select(Survey))
    db.session.refresh(survey)
    assert len(survey.own_questions) == 4


def test_the_limit_counts_stored_answers_per_address_and_survey(editor, browser, app):
    """SURVEY_ADDRESS_LIMIT answers a day from one address; the third is refused and not stored, another address
    and another survey still answer; no rate-limit counter is written (one write per answer)."""
    app.config["SURVEY_ADDRESS_LIMIT"] = 2
    project, url = open_survey(editor)
    codes = [answer(browser(), url, environ_base={"REMOTE_ADDR": "198.51.100.9"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert db.session.query(SurveyResponse).count() == 2
    refused = answer(browser(), url, environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert "Vandaag al vaak ingevuld vanaf dit adres" in helpers.text_of(refused)
    assert answer(browser(), url, environ_base={"REMOTE_ADDR": "198.51.100.10"}).status_code == 200
    other_project, other_url = open_survey(editor)
    assert answer(browser(), other_url, environ_base={"REMOTE_ADDR": "198.51.100.9"}).status_code == 200
    keys = db.session.execute(select(db.metadata.tables["rate_limit_counter"].c.key)).scalars().all()
    assert not [k for k in keys if "survey" in k or "198.51.100" in k], keys


def test_an_unknown_link_says_so(browser):
    response = browser().get("/enquete/bestaat-niet")
    assert response.status_code == 404 and "Deze vragenlijst bestaat niet" in helpers.text_of(response)


def test_a_reopened_survey_keeps_its_link_and_takes_answers_again(editor, browser):
    project, url = open_survey(editor)
    manage = f"/trajecten/{project.id}/vragenlijst"
    helpers.post_form(editor.client, f"{manage}/sluiten", {}, token_from=manage)
    assert browser().get(url).status_code == 410
    helpers.post_form(editor.client, f"{manage}/openen", {}, token_from=manage)
    assert answer(browser(), url).status_code == 200
    assert db.session.query(SurveyResponse).count() == 1


def test_an_empty_response_is_not_counted(editor, browser):
    project, url = open_survey(editor)
    response = answer(browser(), url, {"q_wat_kan_beter": "   "})
    assert "Beantwoord ten minste één vraag." in helpers.text_of(response)
    assert db.session.query(SurveyResponse).count() == 0


def test_the_content_file_is_checked_at_start_up(tmp_path):
    from pathlib import Path

    import pytest

    from app.services.questions.handreiking import ContentError
    folder = Path(__file__).resolve().parents[2] / "handreiking" / "surveys"
    source, staff = ((folder / name).read_text("utf-8") for name in ("deelnemers.yaml", "medewerkers.yaml"))
    themes = {"transparant", "faciliterend"}
    (tmp_path / "deelnemers.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "medewerkers.yaml").write_text(staff, encoding="utf-8")
    loaded = surveys.load_survey_content(tmp_path, themes)
    assert [theme for _q, theme in loaded.questions] == ["transparant", "faciliterend", "transparant", None, None]
    assert loaded.for_audience("medewerkers").questions[0][0].key == "invloed_duidelijk"
    (tmp_path / "deelnemers.yaml").write_text(source.replace("theme: faciliterend", "theme: snelheid"), "utf-8")
    with pytest.raises(ContentError, match="thema 'snelheid' staat niet in zelfscan/zelfscan.yaml"):
        surveys.load_survey_content(tmp_path, themes)
    (tmp_path / "deelnemers.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "medewerkers.yaml").write_text(staff.replace("options: *schaal", "options: [{value: a, label: A}]",
                                                             1), "utf-8")
    with pytest.raises(ContentError, match="medewerkers.yaml, vraag 1: een schaalvraag heeft de opties 1 tot en met 5"):
        surveys.load_survey_content(tmp_path, themes)


def _with_own_questions(editor):
    """An open survey with an own scale question and an own open question, added on the team's page."""
    project, url = open_survey(editor)
    manage = f"/trajecten/{project.id}/vragenlijst"
    for label, kind in (("Was de avond op een goed tijdstip?", "schaal"), ("Wat vond u van de zaal?", "open")):
        assert helpers.post_form(editor.client, f"{manage}/vragen", {"label": label, "kind": kind},
                                 token_from=manage).status_code == 302
    survey = db.session.scalar(select(Survey).where(Survey.project_id == project.id))
    db.session.refresh(survey)
    scale, open_ = (q["key"] for q in survey.own_questions)
    return project, url, survey, scale, open_


def test_own_questions_are_parsed_by_the_engine_like_the_standard_ones(editor):
    """One path: an own scale question refuses "7" and keeps "4" as the standard scale question does; an own open
    question is stored stripped and refused above its limit, as the standard open question is."""
    import pytest

    from app import content
    project, url, survey, scale, open_ = _with_own_questions(editor)
    survey_content = content.surveys()
    by_key = {q.key: q.question for q in surveys.questions_of(survey, survey_content)}
    assert (by_key[scale].type, by_key[scale].options) == (by_key["weer_meedoen"].type, by_key["weer_meedoen"].options)
    assert (by_key[open_].type, by_key[open_].text_limit()) == ("text", by_key["wat_kan_beter"].text_limit())
    for key in ("weer_meedoen", scale):
        with pytest.raises(surveys.AnswersRefused) as refused:
            surveys.submit(survey, {key: "7"}, survey_content, by=PUBLIC)
        assert refused.value.errors == {key: "Kies een van de gegeven mogelijkheden."}
    for key in ("wat_kan_beter", open_):
        with pytest.raises(surveys.AnswersRefused) as refused:
            surveys.submit(survey, {key: "x" * 1001}, survey_content, by=PUBLIC)
        assert "Gebruik maximaal 1.000 tekens" in refused.value.errors[key]
    db.session.commit()
    assert db.session.query(SurveyResponse).count() == 0
    surveys.submit(survey, {"weer_meedoen": "4", scale: "4", "wat_kan_beter": "  Later beginnen. \n",
                            open_: "\n  Te klein.  "}, survey_content, by=PUBLIC)
    db.session.commit()
    stored = db.session.scalar(select(SurveyResponse.answers))
    assert stored == {"weer_meedoen": "4", scale: "4", "wat_kan_beter": "Later beginnen.", open_: "Te klein."}


def test_a_refused_own_answer_is_named_next_to_its_field_and_the_rest_stays(editor, browser):
    project, url, survey, scale, open_ = _with_own_questions(editor)
    response = answer(browser(), url, {**ANSWERS, f"q_{scale}": "7", f"q_{open_}": "Te klein voor zoveel mensen."})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    field = page[page.index("Was de avond op een goed tijdstip?"):]
    assert "Kies een van de gegeven mogelijkheden." in field[:field.index("</fieldset>")]
    assert "Te klein voor zoveel mensen." in page and "Eerder de tekeningen laten zien." in page
    assert db.session.query(SurveyResponse).count() == 0
    assert answer(browser(), url, {**ANSWERS, f"q_{scale}": "4"}).status_code == 200
    assert db.session.scalar(select(SurveyResponse.answers))[scale] == "4"
