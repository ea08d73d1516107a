"""The trajectory report (promises kept, the leader's scores beside the participants') and the evaluation of the
ordinance over a period, as pages and DOCX files."""
from __future__ import annotations

import re
import subprocess
from datetime import datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import AuditEvent
from app.models.project import Project
from app.services.documents.docx_writer import render_docx
from app.services.projects import evaluation, ordinance_evaluation
from tests import helpers
from tests.conftest import require_tool
from tests.projects.helpers import PLAN_FORM, fill_ordinance, make_project
from tests.projects.test_evaluation import evaluation_form
from tests.projects.test_plan_and_documents import _article, docx_text

VERSLAG_FORM = {"q-verloop": "Twee avonden en een enquête.", "q-deelnemers-rows": "1",
                "q-deelnemers-0-groep": "Omwonenden", "q-deelnemers-0-aantal": "120",
                "q-plan_gevolgd": "Ja, met een extra avond.",
                "q-terugkoppeling_gegeven": "Brief aan alle deelnemers in juni 2027."}


def _filled_project(editor, name="Herinrichting Stationsplein", verslag=True, **kwargs) -> Project:
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan, name=name, **kwargs)
    url = f"/trajecten/{project.id}"
    assert helpers.post_form(editor.client, f"{url}/participatieplan", PLAN_FORM).status_code == 302
    if verslag:
        assert helpers.post_form(editor.client, f"{url}/participatieverslag", VERSLAG_FORM).status_code == 302
    assert helpers.post_form(editor.client, f"{url}/evaluatie",
                             evaluation_form(**{"q-score_budget": "2"})).status_code == 302
    return project


SURVEY_THEMES = {"invloed_duidelijk": "transparant", "informatie_op_tijd": "faciliterend",
                 "terugkoppeling": "transparant", "weer_meedoen": None}


def _results(count: int, mean: float = 3.8, keys=("invloed_duidelijk",)):
    """Survey results in the shape app/services/surveys/surveys.py gives them (results_for), for the survey's own keys."""
    enough = count >= 5
    questions = [SimpleNamespace(key=key, label="Vraag", theme=SURVEY_THEMES[key], mean=mean,
                                 options=[("1", 0), ("2", 1), ("3", 1), ("4", count - 3), ("5", 1)])
                 for key in keys]
    return SimpleNamespace(count=count, enough=enough, questions=questions if enough else [])


def test_the_docx_holds_the_promises_whether_kept_and_the_leader_s_scores(editor):
    project = _filled_project(editor)
    response = editor.client.get(f"/trajecten/{project.id}/trajectrapport.docx")
    assert response.status_code == 200
    text = docx_text(response.data)
    for expected in ("Trajectrapport Herinrichting Stationsplein", "Beloften uit het participatieplan",
                     "Terugkoppeling aan de deelnemers: Binnen zes weken na het collegebesluit, per brief. | Ja: "
                     "Brief aan alle deelnemers in juni 2027.",
                     "Groepen die worden betrokken: Omwonenden, ondernemers en reizigers; jongeren via school. | Ja:"
                     " Bereikt: Omwonenden (120)",
                     "Budget voor initiatieven | 2 | —", "Duidelijk waarover invloed | 4 | —",
                     "Duidelijk waarover invloed: Vooraf goed uitgelegd op de inloopavond.", "Lessen",
                     "Eerder naar de scholen gaan."):
        assert expected in text, expected
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "project.download"))


def test_a_promise_the_verslag_does_not_mention_is_not_marked_as_kept(editor):
    project = _filled_project(editor, verslag=False)
    text = docx_text(editor.client.get(f"/trajecten/{project.id}/trajectrapport.docx").data)
    assert "Terugkoppeling aan de deelnemers: Binnen zes weken na het collegebesluit, per brief. | " \
           "Niet vastgelegd: Het participatieverslag zegt hier (nog) niets over." in text


def test_without_a_survey_the_report_says_so(editor):
    project = _filled_project(editor)
    page = editor.client.get(f"/trajecten/{project.id}/trajectrapport")
    assert page.status_code == 200
    assert "Er is (nog) geen enquête onder deelnemers." in helpers.text_of(page)


def test_participants_figures_appear_only_from_five_responses(editor):
    project = _filled_project(editor)
    few = docx_text(render_docx(evaluation.build_trajectrapport(project, content.current(), results=_results(4))))
    assert "Nog te weinig reacties" in few
    assert "Duidelijk waarover invloed | 4 | —" in few
    assert "Verdeling van de antwoorden" not in few and evaluation.BAR not in few
    enough = docx_text(render_docx(evaluation.build_trajectrapport(project, content.current(), results=_results(5))))
    assert "5 deelnemers vulden de enquête in." in enough
    assert "Duidelijk waarover invloed | 4 | 3,8" in enough
    # the chart, one column an answer: the largest count gets the full bar, the others a proportional one
    assert "Thema | 1 | 2 | 3 | 4 | 5" in enough
    assert "Duidelijk waarover invloed | 0 | ■■ 1 | ■■ 1 | ■■■■■ 2 | ■■ 1" in enough
    # a success factor gets the mean of the survey questions tied to it (here two, of 3.8 and 4.2)
    results = _results(5, keys=("invloed_duidelijk", "terugkoppeling"))
    results.questions[1].mean = 4.2
    factors = docx_text(render_docx(evaluation.build_trajectrapport(project, content.current(), results=results)))
    assert "Transparant en navolgbaar proces | 4 | 4,0" in factors and "Budget voor initiatieven | 2 | —" in factors


def test_the_page_draws_the_participants_answers_as_bars(editor, monkeypatch):
    project = _filled_project(editor)
    monkeypatch.setattr(evaluation, "survey_results", lambda p, _content: _results(6))
    html = editor.client.get(f"/trajecten/{project.id}/trajectrapport").get_data(as_text=True)
    assert '<progress class="score-chart__bar" max="3" value="3" aria-label="4: 3">' in html
    monkeypatch.setattr(evaluation, "survey_results", lambda p, _content: _results(4))
    assert "score-chart__bar" not in editor.client.get(f"/trajecten/{project.id}/trajectrapport").get_data(
        as_text=True)


def _dated(project: Project, created: str, updated: str) -> None:
    project.created_at, project.updated_at = datetime.fromisoformat(created), datetime.fromisoformat(updated)
    db.session.commit()


def test_the_ordinance_evaluation_counts_the_trajectories_of_the_period_and_cites_its_article(editor):
    inside = _filled_project(editor, name="Park Noord", phase="afgerond")
    _dated(inside, "2025-03-01", "2026-01-10")
    second = make_project(editor.organisation, editor.plan, name="Jeugdbeleid", domain="sociaal_domein",
                          phase="uitvoering")
    _dated(second, "2026-02-01", "2026-02-02")
    outside = make_project(editor.organisation, editor.plan, name="Oud plein", phase="afgerond")
    _dated(outside, "2020-01-01", "2021-06-01")
    url = f"/organisaties/{editor.organisation.id}/evaluatie-verordening?van=2024-12-01&tot=2026-11-30"
    response = editor.client.get(url)
    assert response.status_code == 200
    text = helpers.text_of(response)
    assert "Trajecten in de periode 2" in text
    assert "Met een participatieplan 1" in text
    assert "Terugkoppeling gegeven zoals beloofd 1" in text
    assert "Afgerond 1" in text and "Uitvoering 1" in text
    assert "Budget voor initiatieven 2,0 1" in text
    assert "Park Noord: Eerder naar de scholen gaan." in text and "Oud plein" not in text
    article = _article(editor.plan, "evaluatie_verordening")
    assert f"belooft in artikel {article} van de" in text
    document = editor.client.get(url.replace("evaluatie-verordening?", "evaluatie-verordening.docx?"))
    assert document.status_code == 200
    words = docx_text(document.data)
    assert "Trajecten in de periode | 2" in words and f"artikel {article}" in words
    assert db.session.scalar(select(AuditEvent.id).where(
        AuditEvent.action == "project.ordinance_evaluation_download"))


def test_a_period_that_ends_before_it_starts_is_refused_next_to_the_field(editor):
    response = editor.client.get(f"/organisaties/{editor.organisation.id}/evaluatie-verordening"
                                 "?van=2026-05-01&tot=2025-01-01")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "De laatste dag ligt vóór de eerste dag." in helpers.text_of(response)
    assert 'value="2026-05-01"' in html
    for query, message in (("van=9999-12-31&tot=9999-12-31", "Kies een datum tussen 2020 en 2100."),
                           ("van=morgen", "Vul een bestaande datum in"), ("tot=%00", "Vul een bestaande datum in")):
        odd = editor.client.get(f"/organisaties/{editor.organisation.id}/evaluatie-verordening?{query}")
        assert odd.status_code == 400 and message in helpers.text_of(odd), query
        download = editor.client.get(f"/organisaties/{editor.organisation.id}/evaluatie-verordening.docx?{query}",
                                     follow_redirects=True)
        assert download.status_code == 400 and message in helpers.text_of(download), query


def test_participants_means_count_only_projects_with_five_responses(editor):
    project = _filled_project(editor)
    start, end = ordinance_evaluation.default_period(datetime.now().date())
    few = ordinance_evaluation.evaluate_ordinance(editor.organisation, start, end, content.current(),
                                                  results_for=lambda p: _results(4))
    enough = ordinance_evaluation.evaluate_ordinance(editor.organisation, start, end, content.current(),
                                                     results_for=lambda p: _results(5, mean=4.2))
    assert project.name in [name for name, _text in enough.lessons]
    influence = [t for t in few.themes if t.title == "Duidelijk waarover invloed"][0]
    assert (influence.participants_mean, influence.participants_count) == (None, 0)
    influence = [t for t in enough.themes if t.title == "Duidelijk waarover invloed"][0]
    assert (influence.participants_mean, influence.participants_count) == (4.2, 1)


@pytest.mark.tool
def test_libreoffice_opens_the_trajectory_report_and_the_ordinance_evaluation(app, tmp_path):
    require_tool("/usr/bin/soffice", "LibreOffice controleert dat Word-bestanden te openen zijn")
    require_tool("/usr/bin/pdftotext", "pdftotext (poppler-utils) leest de tekst uit de PDF")
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    project = db.session.scalar(select(Project).where(Project.name == "Herinrichting Stationsplein"))
    start, end = ordinance_evaluation.default_period(datetime.now().date())
    report = ordinance_evaluation.evaluate_ordinance(project.organisation, start, end, content.current())
    # the demo's survey has seven responses (app/demo/surveys.py)
    files = {"trajectrapport": (evaluation.build_trajectrapport(project, content.current()),
                                ["Beloften uit het participatieplan", "Budget voor initiatieven",
                                 "7 deelnemers vulden de enquête in.",
                                 "Begin eerder met het werven van jongeren", "Verdeling van de antwoorden"]),
             "evaluatie": (ordinance_evaluation.build_document(report),
                           ["Trajecten in de periode", "Lessen per traject", "Herinrichting Stationsplein"])}
    for name, (document, expected) in files.items():
        source = tmp_path / f"{name}.docx"
        source.write_bytes(render_docx(document))
        result = subprocess.run(
            ["/usr/bin/soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
            capture_output=True, text=True, timeout=180)
        pdf = tmp_path / f"{name}.pdf"
        assert result.returncode == 0 and pdf.exists(), result.stderr
        text = subprocess.run(["/usr/bin/pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat = " ".join(text.split())
        for section in expected:
            assert section in flat, f"{section} ontbreekt in {name}.pdf"
        if name == "trajectrapport":
            info = subprocess.run(["/usr/bin/pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
            assert pages <= 2, f"het trajectrapport telt {pages} pagina's"


def test_real_survey_answers_show_beside_the_leader_s_scores_from_the_fifth_response_on(editor, browser):
    from tests.surveys.test_surveys import (  # the survey helper's own way to answer
        answer,
        open_survey,
    )
    project, url = open_survey(editor)
    assert helpers.post_form(editor.client, f"/trajecten/{project.id}/evaluatie", evaluation_form()).status_code == 302
    for _i in range(4):
        assert answer(browser(), url).status_code == 200
    few = docx_text(editor.client.get(f"/trajecten/{project.id}/trajectrapport.docx").data)
    assert "Nog te weinig reacties" in few and "Informatie op tijd | 4 | —" in few and evaluation.BAR not in few
    assert answer(browser(), url).status_code == 200
    enough = docx_text(editor.client.get(f"/trajecten/{project.id}/trajectrapport.docx").data)
    # five answers of ANSWERS: informatie_op_tijd "2" each, so a mean of 2,0 and all five on "Oneens"
    assert "5 deelnemers vulden de enquête in." in enough
    assert "Informatie op tijd | 4 | 2,0" in enough
    assert "Informatie op tijd | 0 | ■■■■■ 5 | 0 | 0 | 0" in enough
    page = editor.client.get(f"/trajecten/{project.id}/trajectrapport").get_data(as_text=True)
    assert 'max="5" value="5" aria-label="Oneens: 5"' in page


def test_a_kept_promise_is_not_said_twice(app):
    from app.services.projects.evaluation import kept_cell
    with app.test_request_context():
        assert kept_cell(True, "Ja. De reactieronde is verlengd.") == "Ja. De reactieronde is verlengd."
        assert kept_cell(True, "In september kregen alle deelnemers een brief.") == \
            "Ja: In september kregen alle deelnemers een brief."
        assert kept_cell(False, "") == "Niet vastgelegd"


def test_the_ordinance_evaluation_shows_its_default_period_in_the_fields_and_in_words(editor):
    from datetime import date

    from app.services.ordinance.wording import dutch_date
    from app.services.projects.ordinance_evaluation import default_period
    start, end = default_period(date.today())
    response = editor.client.get(f"/organisaties/{editor.organisation.id}/evaluatie-verordening")
    html = response.get_data(as_text=True)
    assert f'value="{dutch_date(start)}"' in html and f'value="{dutch_date(end)}"' in html  # as people write a date
    assert f"{dutch_date(start)} – {dutch_date(end)}" in helpers.text_of(response)
