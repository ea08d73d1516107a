"""The participant survey on a phone: five people answer anonymously, each in a fresh browser, and a member of the
project's team sees the results appear after the fifth (after the fourth: "nog te weinig reacties")."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Project, ProjectDocument
from app.services.surveys import surveys
from tests.browser.conftest import new_context
from tests.browser.test_accessibility import describe, run_axe

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000
SCORES = ["Eens", "Helemaal eens", "Eens", "Oneens", "Eens"]


def _open_survey(live_server, seeded_plan) -> tuple[int, str]:
    from app.models import User
    from sqlalchemy import select
    with live_server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == seeded_plan.email))
        project = Project(organisation_id=seeded_plan.organisation_id, name="Herinrichting Havenkade",
                          domain="openbare_ruimte", phase="uitvoering", impact="groot", plan_id=seeded_plan.plan_id)
        db.session.add(project)
        db.session.flush()
        db.session.add(ProjectDocument(project_id=project.id, kind="participatieplan",
                                       answers={"invloed": "raadplegen"}, version=1))
        survey = surveys.open_survey(project, by=user)
        db.session.commit()
        return project.id, f"/enquete/{survey.token}"


def _answer(browser, live_server, url: str, score: str, number: int) -> None:
    context = new_context(browser, base_url=live_server.url, bypass_csp=True)  # bypass: to inject axe-core
    try:
        page = context.new_page()
        page.set_viewport_size(PHONE if number < 5 else {"width": 1280, "height": 720})   # the fifth at a desk
        page.goto(url, timeout=TIMEOUT_MS)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Herinrichting Havenkade", timeout=TIMEOUT_MS)
        if number == 1:   # the page fits a phone and axe finds nothing
            width, screen = page.evaluate("[document.documentElement.scrollWidth, "
                                          "document.documentElement.clientWidth]")
            assert width <= screen, f"de vragenlijst is {width} px breed op een scherm van {screen} px"
            violations = run_axe(page)
            assert not violations, describe(violations)
        group = page.get_by_role("group", name="Het was mij duidelijk wat ik kon beïnvloeden.")
        expect(group).to_contain_text("U kon uw mening geven over Herinrichting Havenkade", timeout=TIMEOUT_MS)
        group.get_by_label(score, exact=True).check(timeout=TIMEOUT_MS)
        page.get_by_role("group", name="Ik kreeg de informatie op tijd.").get_by_label(
            "Eens", exact=True).check(timeout=TIMEOUT_MS)
        page.get_by_label("Wat kan beter?").fill(f"Antwoord nummer {number}.", timeout=TIMEOUT_MS)
        page.get_by_role("button", name="Antwoorden versturen").click(timeout=TIMEOUT_MS)
        expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden", timeout=TIMEOUT_MS)
        page.goto(url, timeout=TIMEOUT_MS)
        expect(page.get_by_role("heading", level=1)).to_have_text("U heeft deze vragenlijst al ingevuld",
                                                                  timeout=TIMEOUT_MS)
    finally:
        context.close()


def test_five_anonymous_answers_on_a_phone_then_the_team_sees_the_results(browser, live_server, seeded_plan,
                                                                          member_context):
    project_id, url = _open_survey(live_server, seeded_plan)
    team = member_context.new_page()
    try:
        for number, score in enumerate(SCORES[:4], start=1):
            _answer(browser, live_server, url, score, number)
        team.goto(f"/trajecten/{project_id}/vragenlijst", timeout=TIMEOUT_MS)
        expect(team.locator("#survey-too-few")).to_contain_text("Nog te weinig reacties (4 van minimaal 5)",
                                                                timeout=TIMEOUT_MS)
        expect(team.locator("table.survey-results")).to_have_count(0, timeout=TIMEOUT_MS)
        expect(team.locator("body")).not_to_contain_text("Antwoord nummer", timeout=TIMEOUT_MS)

        _answer(browser, live_server, url, SCORES[4], 5)
        team.reload(timeout=TIMEOUT_MS)
        expect(team.locator("#survey-too-few")).to_have_count(0, timeout=TIMEOUT_MS)
        first = team.locator("table.survey-results").first
        # Eens 3 times, Helemaal eens once, Oneens once: (4 + 5 + 4 + 2 + 4) / 5 = 3,8
        expect(first).to_contain_text("Gemiddelde: 3,8 (van 1 tot 5), 5 antwoorden", timeout=TIMEOUT_MS)
        expect(first.get_by_role("row", name=re.compile(r"^Eens 3\b"))).to_have_count(1, timeout=TIMEOUT_MS)
        expect(team.locator(".survey-open-answers li")).to_have_count(5, timeout=TIMEOUT_MS)
        team.set_viewport_size(PHONE)
        violations = run_axe(team)
        assert not violations, describe(violations)
    finally:
        team.close()


def test_event_mode_two_residents_answer_a_yes_no_and_a_choice_on_one_phone(browser, live_server, seeded_plan,
                                                                              member_context):
    """The project leader adds a yes/no and a choice question and sets event mode on the survey's page; on one phone
    (one browser context) two residents answer after each other, under the organisation's header."""
    project_id, url = _open_survey(live_server, seeded_plan)
    team = member_context.new_page()
    try:
        team.goto(f"/trajecten/{project_id}/vragenlijst", timeout=TIMEOUT_MS)
        for label, kind, options in (("Was de avond op een goed tijdstip?", "Ja of nee", ""),
                                     ("Hoe hoorde u van de avond?", "Een keuze uit uw eigen mogelijkheden",
                                      "De flyer\nEen buurman\nDe website")):
            team.get_by_label("Uw vraag").fill(label)
            team.get_by_role("group", name="Soort antwoord").get_by_label(kind).check()
            if options:
                team.get_by_label("Keuzes (alleen bij een keuze)").fill(options)
            team.get_by_role("button", name="Vraag toevoegen").click()
            expect(team.locator(".utrecht-alert")).to_contain_text("De vraag is toegevoegd.", timeout=TIMEOUT_MS)
        team.get_by_label("Avondstand: één apparaat, veel antwoorden").check()
        team.get_by_role("button", name="Instellingen opslaan").click()
        expect(team.locator(".utrecht-alert")).to_contain_text("De instellingen zijn opgeslagen.", timeout=TIMEOUT_MS)
    finally:
        team.close()

    context = new_context(browser, base_url=live_server.url, bypass_csp=True)  # bypass: to inject axe-core
    try:
        page = context.new_page()
        page.set_viewport_size(PHONE)
        page.goto(url, timeout=TIMEOUT_MS)
        header = page.locator("header")
        expect(header).to_have_text("Gemeente Zeedorp", timeout=TIMEOUT_MS)
        expect(page.get_by_role("link", name="Inloggen")).to_have_count(0)
        expect(page.get_by_role("link", name="Hulp")).to_have_count(0)
        for number, (yes_no, heard) in enumerate((("Ja", "De flyer"), ("Nee", "De website")), start=1):
            when = page.get_by_role("group", name="Was de avond op een goed tijdstip?")
            when.get_by_label(yes_no, exact=True).check()
            page.get_by_role("group", name="Hoe hoorde u van de avond?").get_by_label(heard, exact=True).check()
            if number == 1:
                width, screen = page.evaluate("[document.documentElement.scrollWidth, "
                                              "document.documentElement.clientWidth]")
                assert width <= screen, f"de vragenlijst is {width} px breed op een scherm van {screen} px"
                violations = run_axe(page)
                assert not violations, describe(violations)
            page.get_by_role("button", name="Antwoorden versturen").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden", timeout=TIMEOUT_MS)
            page.get_by_role("link", name="Volgende deelnemer").click()
            expect(page.get_by_role("button", name="Antwoorden versturen")).to_be_visible(timeout=TIMEOUT_MS)
            expect(page.get_by_role("group", name="Was de avond op een goed tijdstip?").get_by_label(
                yes_no, exact=True)).not_to_be_checked()   # the next resident gets an empty form
    finally:
        context.close()
    with live_server.app.app_context():
        from sqlalchemy import select
        from app.models import SurveyResponse, Survey
        survey = db.session.scalar(select(Survey).where(Survey.project_id == project_id))
        stored = db.session.scalars(select(SurveyResponse.answers).where(SurveyResponse.survey_id == survey.id)).all()
        keys = {q["type"]: q["key"] for q in survey.own_questions}
        assert sorted((a[keys["janee"]], a[keys["keuze"]]) for a in stored) == [(False, "k3"), (True, "k1")]
