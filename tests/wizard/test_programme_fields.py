"""The typed fields of the activities of steps 6 and 7: start and end month, a budget in euros, and the ambition
of step 3 an activity serves. Answers saved before these fields existed stay visible."""
import re

from app.extensions import db
from app.services.plans import plans
from app.services.questions.answers import answers_problem
from tests import helpers

FIELD = "q-uitvoeringsactiviteiten-0-{}"


def row(**fields):
    data = {"q-uitvoeringsactiviteiten-rows": "1", "q-programma_periode": "2027-2028"}
    data.update({FIELD.format(k): v for k, v in fields.items()})
    return data


def stored(plan):
    db.session.expire_all()
    return (plans.answers_by_step(plan).get(6) or {}).get("uitvoeringsactiviteiten")


def cell(html: str, field: str) -> str:
    """The table cell of one field of the first row: its label, message and input."""
    match = re.search(r'<td class="utrecht-table__cell">\s*<label class="list-table__label" for="'
                      + FIELD.format(field) + r'">.*?</td>', html, re.S)
    assert match, field
    return match.group(0)


def test_months_and_a_euro_amount_are_stored_typed(editor):
    response = helpers.save_step(editor.client, editor.plan.id, 6, row(
        activiteit="Training", start="maart 2027", eind="2027-06", budget="€ 12.500"))
    assert response.status_code == 302
    assert stored(editor.plan) == [{"activiteit": "Training", "start": "2027-03", "eind": "2027-06", "budget": 12500}]
    helpers.save_step(editor.client, editor.plan.id, 6, row(activiteit="Training", budget="12.500,50"))
    assert stored(editor.plan)[0]["budget"] == 12500.5
    page = editor.client.get(f"/plannen/{editor.plan.id}/stap/6").get_data(as_text=True)
    assert 'value="12.500,50"' in cell(page, "budget")


def test_an_end_before_the_start_gets_a_message_beside_the_field_and_keeps_what_was_typed(editor):
    response = helpers.save_step(editor.client, editor.plan.id, 6, row(
        activiteit="Training", start="2027-06", eind="2027-03", budget="€ 12.500"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    end = cell(html, "eind")
    assert "De eindmaand (maart 2027) ligt vóór de startmaand (juni 2027)." in end
    assert 'value="maart 2027"' in end and 'aria-invalid="true"' in end
    assert 'value="juni 2027"' in cell(html, "start") and 'value="12.500"' in cell(html, "budget")
    assert stored(editor.plan) is None


def test_a_month_or_amount_that_is_not_one_gets_a_message(editor):
    response = helpers.save_step(editor.client, editor.plan.id, 6, row(
        activiteit="Training", start="volgend voorjaar", budget="veel"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Vul een maand in, bijvoorbeeld 2027-03 of maart 2027." in cell(html, "start")
    assert "Vul een bedrag in euro in, bijvoorbeeld € 12.500 of 12.500,50." in cell(html, "budget")
    assert 'value="volgend voorjaar"' in cell(html, "start")


def test_an_old_free_text_period_stays_visible_until_the_new_fields_are_filled(editor):
    old = {"activiteit": "Training", "periode": "Q1 2027", "middelen": "twee fte", "ambitie": "Meer vertrouwen"}
    plans.save_step(editor.plan, 6, {"uitvoeringsactiviteiten": [old]}, editor.user, None)
    db.session.commit()
    url = f"/plannen/{editor.plan.id}/stap/6"
    html = editor.client.get(url).get_data(as_text=True)
    assert "eerder ingevuld: Q1 2027" in helpers.text_of(editor.client.get(url))
    assert "eerder ingevuld: twee fte" in helpers.text_of(editor.client.get(url))
    assert '<option value="Meer vertrouwen" selected>eerder ingevuld: Meer vertrouwen</option>' in cell(html, "ambitie")
    # Saving the page as it is loses nothing: the old texts travel along with the form.
    assert '<input type="hidden" name="q-uitvoeringsactiviteiten-0-periode" value="Q1 2027">' in cell(html, "start")
    assert '<input type="hidden" name="q-uitvoeringsactiviteiten-0-middelen" value="twee fte">' in cell(html, "budget")
    helpers.save_step(editor.client, editor.plan.id, 6, row(
        activiteit="Training", periode="Q1 2027", middelen="twee fte", ambitie="Meer vertrouwen"))
    assert stored(editor.plan) == [old]
    # Once the months are filled the old period is replaced; the old budget text stays until a budget is given.
    helpers.save_step(editor.client, editor.plan.id, 6, row(
        activiteit="Training", periode="Q1 2027", middelen="twee fte", start="2027-01", eind="2027-03"))
    assert stored(editor.plan) == [{"activiteit": "Training", "middelen": "twee fte", "start": "2027-01",
                                    "eind": "2027-03"}]
    assert "eerder ingevuld: Q1 2027" not in helpers.text_of(editor.client.get(url))
    review = helpers.text_of(editor.client.get(f"/plannen/{editor.plan.id}/overzicht"))
    assert "Middelen (eerder ingevuld): twee fte" in review and "Startmaand: januari 2027" in review


def test_the_ambition_lists_the_answers_of_step_3(editor):
    url = f"/plannen/{editor.plan.id}/stap/6"
    assert "in stap 3. Daar staat nog niets" in helpers.text_of(editor.client.get(url))
    plans.save_step(editor.plan, 3, {"waarden": ["vertrouwen", "inclusiviteit"],
                                     "waarden__anders": "Snelle terugkoppeling"}, editor.user, None)
    db.session.commit()
    html = editor.client.get(url).get_data(as_text=True)
    options = re.findall(r"<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>", cell(html, "ambitie"))
    assert options == [("", "— Nog niet gekozen —"), ("vertrouwen", "Vertrouwen tussen inwoners en gemeente"),
                       ("inclusiviteit", "Iedereen kan meedoen"), ("Snelle terugkoppeling", "Snelle terugkoppeling")]
    assert "in stap 3. Daar staat nog niets" not in helpers.text_of(editor.client.get(url))
    helpers.save_step(editor.client, editor.plan.id, 6, row(activiteit="Jongerenpanel", ambitie="inclusiviteit"))
    assert stored(editor.plan)[0]["ambitie"] == "inclusiviteit"
    review = helpers.text_of(editor.client.get(f"/plannen/{editor.plan.id}/overzicht"))
    assert "Welke ambitie uit stap 3 dient deze activiteit?: Iedereen kan meedoen" in review


def test_an_imported_plan_is_held_to_the_same_types():
    step = content_step(6)
    good = {"uitvoeringsactiviteiten": [{"activiteit": "A", "start": "2027-01", "eind": "2027-02", "budget": 500.25}]}
    assert answers_problem(step, good) is None
    for bad in ({"start": "maart 2027"}, {"budget": "12.500"}, {"budget": 1.234}, {"budget": -5},
                {"start": "2027-05", "eind": "2027-04"}):
        problem = answers_problem(step, {"uitvoeringsactiviteiten": [{"activiteit": "A", **bad}]})
        assert problem is not None and problem[0] == "uitvoeringsactiviteiten", bad


def content_step(number):
    from app.services.questions.handreiking import load_handreiking
    return load_handreiking("handreiking").step(number)
