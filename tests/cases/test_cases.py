"""The casusbibliotheek: publishing a finished project as a case, the library, the examples on the wizard's steps,
and what never leaves the organisation."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, insert, select

from app.extensions import db
from app.models import AuditEvent, Project, ProjectComment, ProjectDocument
from app.models.case import Case
from app.services.cases import cases
from tests import helpers

VERSLAG = {"verloop": "Drie inloopavonden en een wandeling door de wijk.", "inbreng": "Meer groen, minder auto's.",
           "verwerking": "Het ontwerp kreeg twee extra bomenrijen.", "plan_gevolgd": "Ja, op één avond na."}


def make_project(organisation, phase="afgerond", name="Herinrichting Dorpsstraat", domain="openbare_ruimte") -> Project:
    project = Project(organisation_id=organisation.id, name=name, domain=domain, phase=phase, impact="middel")
    db.session.add(project)
    db.session.flush()
    db.session.add(ProjectDocument(project_id=project.id, kind="participatieverslag", answers=dict(VERSLAG), version=1))
    db.session.add(ProjectDocument(project_id=project.id, kind="participatieplan", answers={"doel": "Samen ontwerpen."},
                                   version=1))
    db.session.commit()
    return project


def publish(client, project, **changes):
    data = {"title": "Dorpsstraat samen ontworpen", "approach": "Drie inloopavonden.", "outcomes": "Twee bomenrijen.",
            "lessons": "Begin vroeg.", "factors": ["transparant", "afspiegeling"], "confirm": "y"} | changes
    return helpers.post_form(client, f"/trajecten/{project.id}/casus", data)


def make_case(project, title, published=True, factors="", approach="Gedaan.", when=None) -> Case:
    case = Case(project_id=project.id, title=title, approach=approach, outcomes="Opgeleverd.", lessons="",
                factors=factors, published=published, published_at=when or datetime(2026, 11, 1))
    db.session.add(case)
    db.session.commit()
    return case


def other_user(browser, email="lezer@elders.nl", town="Elders", body_type="gemeente"):
    user = helpers.make_user(email, "Lies Lezer")
    organisation = helpers.make_organisation(town, user, "beheerder", body_type=body_type)
    client = browser()
    helpers.login(client, email)
    return helpers.Ctx(user=user, organisation=organisation, plan=helpers.make_plan(organisation), client=client)


def count_queries(client, url):
    db.session.expire_all()  # every count starts alike: the test's own session shares the identity map
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200
    return len(statements), response


# --- publishing -------------------------------------------------------------------------------------

def test_the_form_is_pre_filled_from_the_verslag_and_states_what_becomes_visible(editor):
    project = make_project(editor.organisation)
    page = editor.client.get(f"/trajecten/{project.id}/casus")
    html, text = page.get_data(as_text=True), helpers.text_of(page)
    assert page.status_code == 200
    assert "Drie inloopavonden en een wandeling door de wijk." in html          # wat is gedaan ← verloop
    assert "Het ontwerp kreeg twee extra bomenrijen." in html                    # resultaten ← verwerking
    assert "Ja, op één avond na." not in html                   # whether the plan was followed is no lesson
    assert re.search(r'name="lessons"[^>]*>\s*</textarea>', html)                # nothing yet
    assert "de naam van uw organisatie (gemeente Voorbeeld)" in text
    assert "Nooit zichtbaar: de namen van uw teamleden, opmerkingen" in text
    assert "Representatieve afspiegeling" in text                                # the zelfscan's success factors


def test_publishing_needs_the_confirmation_and_writes_nothing_without_it(editor):
    project = make_project(editor.organisation)
    response = publish(editor.client, project, confirm="", title="Mijn eigen titel")
    assert response.status_code == 400
    assert "Bevestig dat u begrijpt wat zichtbaar wordt." in helpers.text_of(response)
    assert 'value="Mijn eigen titel"' in response.get_data(as_text=True)
    assert db.session.scalar(select(Case)) is None


def test_an_unknown_success_factor_is_refused(editor):
    project = make_project(editor.organisation)
    response = publish(editor.client, project, factors=["transparant", "verzonnen"])
    assert response.status_code == 400
    assert "Kies alleen succesfactoren uit de lijst." in helpers.text_of(response)
    assert db.session.scalar(select(Case)) is None


def test_a_project_that_is_not_finished_cannot_be_published(editor):
    project = make_project(editor.organisation, phase="uitvoering")
    assert "fase Evaluatie of Afgerond" in helpers.text_of(editor.client.get(f"/trajecten/{project.id}/casus"))
    response = publish(editor.client, project)
    assert response.status_code == 409
    assert "er is niets gepubliceerd" in helpers.text_of(response)
    assert db.session.scalar(select(Case)) is None


def test_publish_edit_and_unpublish_are_audited_and_the_case_disappears_at_once(editor, browser):
    project = make_project(editor.organisation, phase="evaluatie")
    reader = other_user(browser)
    assert publish(editor.client, project).status_code == 302
    case = db.session.scalar(select(Case))
    assert case.published and case.factor_keys == ["transparant", "afspiegeling"]
    assert "Dorpsstraat samen ontworpen" in helpers.text_of(reader.client.get("/casussen"))
    assert publish(editor.client, project, title="Dorpsstraat, samen ontworpen").status_code == 302
    assert "Dorpsstraat, samen ontworpen" in helpers.text_of(reader.client.get(f"/casussen/{case.id}"))
    unpublished = helpers.post_form(editor.client, f"/trajecten/{project.id}/casus/intrekken", {},
                                    token_from=f"/trajecten/{project.id}/casus")
    assert unpublished.status_code == 302
    assert reader.client.get(f"/casussen/{case.id}").status_code == 404
    assert "Dorpsstraat" not in helpers.text_of(reader.client.get("/casussen"))
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.target == f"case:{case.id}")
                                                     .order_by(AuditEvent.id))]
    assert actions == ["case.published", "case.changed", "case.unpublished"]


def test_a_meelezer_cannot_publish(editor, browser):
    project = make_project(editor.organisation)
    meelezer = helpers.make_user("meelezer@voorbeeld.nl")
    helpers.add_member(editor.organisation, meelezer, "meelezer")
    client = browser()
    helpers.login(client, meelezer.email)
    assert client.get(f"/trajecten/{project.id}/casus").status_code == 403
    token = helpers.csrf_token(client, "/casussen")
    assert client.post(f"/trajecten/{project.id}/casus", data={"csrf_token": token, "title": "x", "approach": "x",
                                                              "outcomes": "x", "confirm": "y"}).status_code == 403
    assert db.session.scalar(select(Case)) is None


# --- the library -------------------------------------------------------------------------------------

def test_search_by_words_and_filters(editor, browser):
    water = helpers.make_organisation("Rijnland", body_type="waterschap")
    make_case(make_project(editor.organisation, name="A"), "Speeltuin in de Parkwijk", factors=",budget,",
              approach="Kinderen ontwierpen mee.")
    make_case(make_project(water, name="B", domain="duurzaamheid"), "Dijkversterking met bewoners",
              factors=",transparant,", approach="Keukentafelgesprekken.")
    make_case(make_project(editor.organisation, name="C"), "Nog niet openbaar", published=False)
    reader = other_user(browser)

    def titles(query):
        return helpers.text_of(reader.client.get(f"/casussen?{query}"))

    everything = titles("")
    assert "Speeltuin in de Parkwijk" in everything and "Dijkversterking met bewoners" in everything
    assert "Nog niet openbaar" not in everything
    assert "2 casussen" in everything
    found = titles("q=keukentafel")                       # words in the text, case-insensitive
    assert "Dijkversterking" in found and "Speeltuin" not in found
    found = titles("q=speeltuin+kinderen")                # every word must occur
    assert "Speeltuin" in found and "Dijkversterking" not in found
    assert "Speeltuin" not in titles("q=speeltuin+dijk")
    found = titles("organisatie=waterschap")
    assert "Dijkversterking" in found and "Speeltuin" not in found
    found = titles("domein=openbare_ruimte")
    assert "Speeltuin" in found and "Dijkversterking" not in found
    found = titles("succesfactor=budget")
    assert "Speeltuin" in found and "Dijkversterking" not in found
    assert "Geen casussen gevonden" in titles("q=onvindbaar")


def test_percent_and_underscore_in_the_words_match_only_themselves(editor, browser):
    make_case(make_project(editor.organisation, name="A"), "Opkomst 40% hoger", approach="Gewoon.")
    make_case(make_project(editor.organisation, name="B"), "Wijk_noord", approach="Gewoon.")
    make_case(make_project(editor.organisation, name="C"), "Wijkenoord", approach="Gewoon.")
    reader = other_user(browser)
    text = helpers.text_of(reader.client.get("/casussen?q=%25"))      # "%" matches only a real percent sign
    assert "Opkomst 40% hoger" in text and "Wijkenoord" not in text and "1 casus" in text
    text = helpers.text_of(reader.client.get("/casussen?q=wijk_noord"))
    assert "Wijk_noord" in text and "Wijkenoord" not in text


def test_an_unknown_filter_value_gets_a_clear_message(editor):
    response = editor.client.get("/casussen?domein=%3Cscript%3E")
    assert response.status_code == 400
    assert "Kies een waarde uit de lijst." in helpers.text_of(response)


@pytest.mark.fresh_app("counts the statements a page sends; the savepoints of a shared transaction would count")
def test_the_list_takes_the_same_number_of_queries_for_200_cases(editor, browser):
    reader = other_user(browser)
    project = make_project(editor.organisation, name="Eerste")
    make_case(project, "Casus 0")
    reader.client.get("/casussen")  # the first request after logging in also refreshes the session
    few, _response = count_queries(reader.client, "/casussen")
    for i in range(1, 200):
        make_case(make_project(editor.organisation, name=f"Traject {i}"), f"Casus {i}", factors=",budget,")
    many, response = count_queries(reader.client, "/casussen")
    assert many == few, f"{few} queries for 1 case, {many} for 200"
    assert "200 casussen" in helpers.text_of(response)
    filtered, response = count_queries(reader.client, "/casussen?q=casus&succesfactor=budget&domein=openbare_ruimte")
    assert filtered == few and "199 casussen" in helpers.text_of(response)


def test_the_library_needs_a_login(client):
    assert client.get("/casussen").status_code == 302


# --- examples on the wizard's step pages and the atelier ----------------------------------------------

def test_steps_5_and_7_show_up_to_three_cases_of_other_organisations_same_body_type_first(editor, browser):
    others = [helpers.make_organisation(f"Gemeente {i}") for i in range(4)]
    water = helpers.make_organisation("Rijnland", body_type="waterschap")
    start = datetime(2026, 10, 1)
    make_case(make_project(water, name="W"), "Casus van het waterschap", when=start + timedelta(days=30))
    for i, organisation in enumerate(others):
        make_case(make_project(organisation, name=f"G{i}"), f"Gemeentecasus {i}", when=start + timedelta(days=i))
    make_case(make_project(editor.organisation, name="Eigen"), "Onze eigen casus", when=start + timedelta(days=40))
    for number in (5, 7):
        text = helpers.text_of(editor.client.get(f"/plannen/{editor.plan.id}/stap/{number}"))
        assert "Voorbeelden van andere organisaties" in text
        assert "Gemeentecasus 3" in text and "Gemeentecasus 2" in text and "Gemeentecasus 1" in text
        assert "Gemeentecasus 0" not in text                        # at most three
        assert "Casus van het waterschap" not in text               # same body type first
        assert "Onze eigen casus" not in text                       # other organisations only
        assert "Meer voorbeelden in de casusbibliotheek" in text
    assert "Voorbeelden van andere organisaties" not in helpers.text_of(
        editor.client.get(f"/plannen/{editor.plan.id}/stap/1"))


@pytest.mark.fresh_app("counts the statements a page sends; the savepoints of a shared transaction would count")
def test_the_examples_add_one_query_to_the_step_page(editor, monkeypatch):
    make_case(make_project(helpers.make_organisation("Elders"), name="E"), "Een casus van elders")
    url = f"/plannen/{editor.plan.id}/stap/5"
    editor.client.get(url)  # the first request after logging in also refreshes the session
    with_examples, response = count_queries(editor.client, url)
    assert "Een casus van elders" in helpers.text_of(response)
    monkeypatch.setattr("app.wizard.routes.EXAMPLE_STEPS", ())
    without, response = count_queries(editor.client, url)
    assert "Een casus van elders" not in helpers.text_of(response)
    assert with_examples == without + 1


def test_fewer_than_three_of_the_same_body_type_are_followed_by_the_newest_of_the_others(editor):
    start = datetime(2026, 10, 1)
    make_case(make_project(helpers.make_organisation("Gelderland", body_type="provincie"), name="P"),
              "Provinciecasus", when=start)
    for i in range(3):
        make_case(make_project(helpers.make_organisation(f"Dorp {i}"), name=f"G{i}"), f"Gemeentecasus {i}",
                  when=start + timedelta(days=i + 1))
    viewer = helpers.make_organisation("Utrecht", body_type="provincie")
    assert [c.title for c in cases.examples_for(viewer)] == ["Provinciecasus", "Gemeentecasus 2", "Gemeentecasus 1"]


def _add_published_cases(towns: list, first: int, count: int) -> None:
    now = datetime(2026, 11, 1)
    db.session.execute(insert(Project), [
        {"organisation_id": towns[n % len(towns)].id, "name": f"Traject {n}", "domain": "openbare_ruimte",
         "phase": "afgerond", "impact": "middel"} for n in range(first, first + count)])
    ids = db.session.scalars(select(Project.id).order_by(Project.id.desc()).limit(count)).all()
    db.session.execute(insert(Case), [
        {"project_id": pid, "title": f"Casus {pid}", "approach": "Gedaan.", "outcomes": "Opgeleverd.", "lessons": "",
         "factors": "", "published": True, "published_at": now - timedelta(hours=pid)} for pid in ids])
    db.session.commit()


def test_the_examples_read_a_few_rows_by_the_index_at_50_and_at_5000_cases(editor):
    """Not a timing: the database's own work. Each part of the query stops after three rows (LIMIT), read along the
    index in the order wanted; on SQLite the number of virtual-machine steps stays the same from 50 to 5,000 cases
    (sorting all cases, as before, took a hundred times as many)."""
    towns = [helpers.make_organisation(f"Dorp {i}") for i in range(8)] + \
        [helpers.make_organisation(f"Waterschap {i}", body_type="waterschap") for i in range(2)]
    statements: list[str] = []

    def work() -> int:
        steps = [0]
        raw = db.session.connection().connection.dbapi_connection
        sqlite = db.engine.dialect.name == "sqlite"
        if sqlite:
            raw.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1) or 0, 10)
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            found = cases.examples_for(editor.organisation)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
            if sqlite:
                raw.set_progress_handler(None, 10)
        newest = sorted((c for c in found), key=lambda c: c.published_at, reverse=True)
        assert len(found) == 3 and {c.body_type for c in found} == {"gemeente"} and found == newest
        return steps[0]

    _add_published_cases(towns, 0, 50)
    at_50 = work()
    _add_published_cases(towns, 50, 4950)
    at_5000 = work()
    assert at_5000 <= at_50 * 1.5 + 10, (at_50, at_5000)
    examples = [s for s in statements if "case_study" in s]
    assert len(examples) == 2 and examples[0].upper().count("LIMIT") == 3  # both parts and the whole


# --- privacy -----------------------------------------------------------------------------------------

def test_no_page_of_the_library_shows_team_names_or_comments(editor, browser):
    project = make_project(editor.organisation)
    project.owner_id = editor.user.id
    project.owner_name = None
    db.session.add(ProjectComment(project_id=project.id, kind="participatieverslag", body="Geheime teamopmerking",
                                  author_id=editor.user.id))
    db.session.commit()
    assert publish(editor.client, project).status_code == 302
    case = db.session.scalar(select(Case))
    reader = other_user(browser)
    pages = [reader.client.get("/casussen"), reader.client.get(f"/casussen/{case.id}"),
             reader.client.get(f"/plannen/{reader.plan.id}/stap/5"), reader.client.get(f"/plannen/{reader.plan.id}/stap/7")]
    for page in pages:
        text = helpers.text_of(page)
        assert page.status_code == 200
        assert "Dorpsstraat samen ontworpen" in text            # the case is there …
        assert "Bea Beheerder" not in text                      # … but not the team's names
        assert "Geheime teamopmerking" not in text
        assert "Meer groen, minder auto's" not in text          # nor the verslag's answers that were not copied
    assert "gemeente Voorbeeld" in helpers.text_of(pages[1])     # the municipality's name is shown


def test_an_unpublished_case_is_404_for_other_organisations_and_not_in_the_library(editor, browser):
    case = make_case(make_project(editor.organisation), "Concept van Voorbeeld", published=False)
    reader = other_user(browser)
    assert reader.client.get(f"/casussen/{case.id}").status_code == 404
    assert "Concept van Voorbeeld" not in helpers.text_of(reader.client.get("/casussen"))
    assert reader.client.get(f"/trajecten/{case.project_id}/casus").status_code == 404


def test_deleting_the_project_removes_its_case(editor, browser):
    project = make_project(editor.organisation)
    assert publish(editor.client, project).status_code == 302
    case_id = db.session.scalar(select(Case.id))
    response = helpers.post_form(editor.client, f"/trajecten/{project.id}/verwijderen", {"confirm": project.name})
    assert response.status_code == 302
    assert db.session.scalar(select(Case)) is None
    reader = other_user(browser)
    assert reader.client.get(f"/casussen/{case_id}").status_code == 404


def test_the_lessons_are_pre_filled_from_the_evaluation(editor):
    project = make_project(editor.organisation)
    db.session.add(ProjectDocument(project_id=project.id, kind="evaluatie", version=1,
                                   answers={"lessen": "Vraag de school om mee te organiseren."}))
    db.session.commit()
    html = editor.client.get(f"/trajecten/{project.id}/casus").get_data(as_text=True)
    lessons = html.split('name="lessons"')[1][:400]
    assert "Vraag de school om mee te organiseren." in lessons and "Ja, op één avond na." not in html
