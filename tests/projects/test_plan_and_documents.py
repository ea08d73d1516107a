"""The participatieplan follows the ordinance; plan and verslag become DOCX files with their sections and answers."""
from __future__ import annotations

import io

from docx import Document as WordDocument
from sqlalchemy import select

from app import content
from app.extensions import db
from app.models.project import ProjectDocument
from app.services.plans import exchange as plan_io
from app.services.ordinance import build_ordinance
from app.services.core.transaction import unit_of_work
from tests import helpers
from tests.projects.helpers import PLAN_FORM, fill_ordinance, make_project


def docx_text(data: bytes) -> str:
    word = WordDocument(io.BytesIO(data))
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text for c in row.cells))
    return "\n".join(lines)


def _article(plan, key: str) -> int:
    ordinance = build_ordinance(content.clause_library(), content.handreiking(),
                                plan_io.plan_input(plan, content.current()))
    return ordinance.article(key).number


def test_influence_options_are_the_ordinance_s_own_and_others_are_marked(editor):
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan)
    page = helpers.text_of(editor.client.get(f"/trajecten/{project.id}/participatieplan"))
    for level in ("Meeweten", "Meedenken", "Meedoen", "Meebeslissen"):
        assert level in page
    assert "Adviseren (niet toegestaan volgens de verordening)" in page
    assert "Meedenken (niet toegestaan" not in page
    # the methods come from step 5's instruments
    assert "Een burgerberaad met gelote deelnemers" in page


def test_a_level_the_ordinance_does_not_allow_gets_a_warning_with_the_article(editor):
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan)
    response = helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan",
                                 dict(PLAN_FORM, **{"q-invloed": "adviseren"}))
    assert response.status_code == 302
    page = helpers.text_of(editor.client.get(f"/trajecten/{project.id}"))
    number = _article(editor.plan, "mate_van_invloed")
    assert "belooft de mate van invloed ‘Adviseren’" in page
    assert f"zie artikel {number}" in page
    # what the ordinance asks, each rule with its article
    assert f"Mate van invloed: een van Meeweten, Meedenken, Meedoen, Meebeslissen (artikel {number})" in page
    feedback = _article(editor.plan, "terugkoppeling")
    assert f"Terugkoppeling aan de deelnemers binnen 6 weken na het besluit (artikel {feedback})" in page
    assert f"(artikel {_article(editor.plan, 'besluit_over_participatie')})" in page


def test_no_feedback_moment_while_the_ordinance_requires_it_gets_a_warning(editor):
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan)
    form = {k: v for k, v in PLAN_FORM.items() if k != "q-terugkoppeling"}
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", form)
    page = helpers.text_of(editor.client.get(f"/trajecten/{project.id}/participatieplan"))
    assert "geen moment van terugkoppeling" in page and "binnen 6 weken" in page
    assert f"zie artikel {_article(editor.plan, 'terugkoppeling')}" in page
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", PLAN_FORM)
    page = helpers.text_of(editor.client.get(f"/trajecten/{project.id}/participatieplan"))
    assert "geen moment van terugkoppeling" not in page and "belooft de mate van invloed" not in page


def test_a_wrong_month_is_refused_next_to_the_field_and_nothing_is_written(editor):
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan)
    response = helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan",
                                 dict(PLAN_FORM, **{"q-tijdlijn-1-eind": "na de zomer", "q-tijdlijn-0-eind": "2026-12"}))
    assert response.status_code == 400
    text = helpers.text_of(response)
    assert "Vul een maand in, bijvoorbeeld 2027-03 of maart 2027." in text
    assert "De laatste maand ligt voor de eerste maand." in text
    assert 'value="na de zomer"' in response.get_data(as_text=True)   # what was typed stays
    assert "Samen een veilig en groen plein ontwerpen." in response.get_data(as_text=True)
    assert db.session.scalar(select(ProjectDocument)) is None


def test_months_are_typed_as_people_write_them_and_shown_in_dutch_also_on_the_public_page(editor):
    """Issue 18, item 6: "maart 2027" was refused and the public page showed "2027-03"."""
    from app.services.projects import projects as project_service
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan)
    response = helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan",
                                 dict(PLAN_FORM, **{"q-tijdlijn-0-start": "maart 2027", "q-tijdlijn-0-eind": "4-2027"}))
    assert response.status_code == 302
    stored = db.session.scalar(select(ProjectDocument)).answers["tijdlijn"][0]
    assert (stored["start"], stored["eind"]) == ("2027-03", "2027-04")
    form = editor.client.get(f"/trajecten/{project.id}/participatieplan").get_data(as_text=True)
    assert 'value="maart 2027"' in form and 'value="april 2027"' in form
    with unit_of_work():
        project_service.set_published(project, "participatieplan", True, editor.user)
    public = helpers.text_of(editor.client.get(
        f"/openbaar/{editor.organisation.id}/trajecten/{project.id}/participatieplan"))
    assert "maart 2027" in public and "2027-03" not in public


def test_the_plan_docx_holds_its_sections_and_answers(editor):
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan)
    helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieplan", PLAN_FORM)
    response = editor.client.get(f"/trajecten/{project.id}/participatieplan.docx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    text = docx_text(response.data)
    for expected in ("Participatieplan Herinrichting Stationsplein", "Doel van de participatie",
                     "Samen een veilig en groen plein ontwerpen.", "Mate van invloed", "Meedenken",
                     "Wie worden betrokken", "jongeren via school", "Werkvormen", "Enquêtes en peilingen",
                     "Planning", "Inloopavond", "mrt 2027", "Terugkoppeling", "Binnen zes weken",
                     f"artikel {_article(editor.plan, 'mate_van_invloed')}"):
        assert expected in text, expected


def test_the_verslag_docx_holds_its_sections_numbers_and_total(editor):
    project = make_project(editor.organisation, editor.plan, phase="afgerond")
    data = {"q-verloop": "Twee avonden en een enquête.", "q-deelnemers-rows": "2",
            "q-deelnemers-0-groep": "Omwonenden", "q-deelnemers-0-aantal": "120",
            "q-deelnemers-1-groep": "Ondernemers", "q-deelnemers-1-aantal": "15",
            "q-inbreng": "Meer groen, minder auto's.", "q-verwerking": "Meer bomen; parkeren blijft, want het "
            "station heeft de plaatsen nodig.", "q-plan_gevolgd": "Ja.",
            "q-terugkoppeling_gegeven": "Brief aan alle deelnemers in juni 2027."}
    assert helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieverslag", data).status_code == 302
    text = docx_text(editor.client.get(f"/trajecten/{project.id}/participatieverslag.docx").data)
    for expected in ("Participatieverslag Herinrichting Stationsplein", "Wat is er gedaan", "Twee avonden",
                     "Wie deden er mee", "Omwonenden | 120", "Ondernemers | 15", "Totaal | 135",
                     "Wat is er met de inbreng gedaan, en waarom", "station heeft de plaatsen nodig",
                     "Terugkoppeling aan de deelnemers", "Brief aan alle deelnemers"):
        assert expected in text, expected


def test_a_meelezer_reads_the_plan_but_cannot_save_it(editor, browser):
    project = make_project(editor.organisation, editor.plan)
    reader = helpers.make_user("m@voorbeeld.nl")
    helpers.add_member(editor.organisation, reader, "meelezer")
    client = browser()
    helpers.login(client, "m@voorbeeld.nl")
    page = client.get(f"/trajecten/{project.id}/participatieplan")
    assert page.status_code == 200 and "Participatieplan opslaan" not in helpers.text_of(page)
    assert helpers.post_form(client, f"/trajecten/{project.id}/participatieplan", PLAN_FORM,
                             token_from=f"/trajecten/{project.id}").status_code == 403
    assert db.session.scalar(select(ProjectDocument)) is None


def test_a_save_from_an_older_version_of_the_plan_is_a_conflict_and_keeps_the_other_save(editor, browser):
    project = make_project(editor.organisation, editor.plan)
    colleague = helpers.make_user("r@voorbeeld.nl", "Rik Redacteur")
    helpers.add_member(editor.organisation, colleague, "redacteur")
    other = browser()
    helpers.login(other, "r@voorbeeld.nl")
    url = f"/trajecten/{project.id}/participatieplan"
    assert helpers.post_form(other, url, {"q-doel": "Eerst opgeslagen.", "version": "0"}).status_code == 302
    stale = helpers.post_form(editor.client, url, {"q-doel": "Later, vanuit versie 0.", "version": "0"})
    assert stale.status_code == 400
    assert "Iemand anders heeft dit intussen opgeslagen" in helpers.text_of(stale)
    assert "Later, vanuit versie 0." in stale.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(ProjectDocument.answers)) == {"doel": "Eerst opgeslagen."}


def test_a_missing_plan_or_verslag_cites_the_article_that_requires_them_not_the_definitions(editor):
    fill_ordinance(editor.plan, editor.user)
    project = make_project(editor.organisation, editor.plan, phase="afgerond")
    page = helpers.text_of(editor.client.get(f"/trajecten/{project.id}"))
    number = _article(editor.plan, "participatieplan")
    assert number != 1  # article 1 only defines the words
    assert f"het participatieplan is niet openbaar gemaakt; de verordening vraagt dat voordat de participatie " \
           f"begint. (zie artikel {number})" in page
    assert f"De verordening vraagt na afloop een participatieverslag; dat is nog niet ingevuld. (zie artikel " \
           f"{number})" in page
    assert "(zie artikel 1)" not in page


def test_a_negative_number_of_participants_is_refused_next_to_the_field(editor):
    project = make_project(editor.organisation, editor.plan, phase="afgerond")
    data = {"q-verloop": "Twee avonden.", "q-deelnemers-rows": "1", "q-deelnemers-0-groep": "Omwonenden",
            "q-deelnemers-0-aantal": "-1"}
    response = helpers.post_form(editor.client, f"/trajecten/{project.id}/participatieverslag", data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Vul een getal in van ten minste 0." in helpers.text_of(response)
    field = html[html.index('id="q-deelnemers-0-aantal"') - 400:html.index('id="q-deelnemers-0-aantal"') + 400]
    assert 'value="-1"' in field and "Vul een getal in van ten minste 0." in field  # beside the field, as typed
    assert "Twee avonden." in html
    assert db.session.scalar(select(ProjectDocument)) is None
