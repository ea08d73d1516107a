"""The wizard as a policy adviser uses it: outline, saving steps, conditions, completion, review."""
import os
import re
import subprocess
import sys
from pathlib import Path

from app import create_app
from app.extensions import db
from app.models import ParticipationPlan, StepAnswer
from config import TestConfig
from tests import helpers
from tests.helpers import save_step, text_of

ROOT = Path(__file__).resolve().parents[2]


def test_outline_lists_eight_steps_with_status(editor):
    page = text_of(editor.client.get(f"/plannen/{editor.plan.id}"))
    for title in ("Begrippen en uitgangspunten", "Waar staat de gemeente?", "Waarom participatie?",
                  "Beleid: vormen en mate van invloed", "Instrumenten en aanpak", "Uitvoeren",
                  "Leren en evalueren", "Juridisch verankeren"):
        assert title in page
    assert page.count("Niet begonnen") == 8
    assert "0 van 8 stappen afgerond" in page


def test_new_plan_for_new_organisation(app, client):
    helpers.make_user("nieuw@gemeente.nl")
    helpers.login(client, "nieuw@gemeente.nl")
    response = helpers.post_form(client, "/plannen/nieuw", {"workspace": "nieuw", "name": "Dorpsveen",
                                 "body_type": "gemeente", "inhabitants": "12000", "title": "Onze verordening"})
    assert response.status_code == 302
    plan = db.session.scalar(db.select(ParticipationPlan))
    assert plan.organisation.name == "Dorpsveen" and plan.organisation.inhabitants == 12000
    assert "Onze verordening" in text_of(client.get(response.headers["Location"]))


def test_new_plan_takes_inhabitants_as_people_type_them(app, client):
    helpers.make_user("nieuw@gemeente.nl")
    helpers.login(client, "nieuw@gemeente.nl")
    form = {"workspace": "nieuw", "name": "Dorpsveen", "body_type": "gemeente", "title": "Onze verordening"}
    response = helpers.post_form(client, "/plannen/nieuw", {**form, "inhabitants": "42,5"})
    assert "Vul een heel getal in, zonder komma, bijvoorbeeld 6." in text_of(response)
    assert "Vul een aantal in tussen" not in text_of(response)  # one message, not two
    assert 'value="42,5"' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(ParticipationPlan)) is None
    response = helpers.post_form(client, "/plannen/nieuw", {**form, "inhabitants": "42.500 inwoners"})
    assert response.status_code == 302
    assert db.session.scalar(db.select(ParticipationPlan)).organisation.inhabitants == 42500


def test_new_plan_without_name_keeps_input_and_explains(app, client):
    helpers.make_user("nieuw@gemeente.nl")
    helpers.login(client, "nieuw@gemeente.nl")
    response = helpers.post_form(client, "/plannen/nieuw", {"workspace": "nieuw", "name": "",
                                 "body_type": "gemeente", "inhabitants": "veel", "title": "Mijn titel"})
    page = response.get_data(as_text=True)
    assert "Vul de naam van de gemeente in." in page
    assert 'value="Mijn titel"' in page
    assert db.session.scalar(db.select(ParticipationPlan)) is None


def test_partial_step_is_saved_and_shown_again(editor):
    response = save_step(editor.client, editor.plan.id, 1, {"q-participatie_definitie": "Samen beleid maken."})
    assert response.status_code == 302
    page = text_of(editor.client.get(f"/plannen/{editor.plan.id}/stap/1"))
    assert "Bezig" in page  # saved, not complete: a required question is still open
    assert "Samen beleid maken." in editor.client.get(f"/plannen/{editor.plan.id}/stap/1").get_data(as_text=True)


# A new Python process: builds the app from config, logs in through its own client, prints the page text.
_READ_BACK = """
import sys
from app import create_app
from config import TestConfig
from tests import helpers
app = create_app(TestConfig)
client = app.test_client()
helpers.login(client, "a@b.nl")
print(helpers.text_of(client.get(f"/plannen/{sys.argv[1]}/stap/2")))
"""


def test_answer_saved_through_the_web_survives_a_restart(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'plan.db'}"

    class FileConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url

    first = create_app(FileConfig)
    first.test_client_class = helpers.IsolatedClient
    with first.app_context():
        db.drop_all()
        db.create_all()
        try:
            user = helpers.make_user("a@b.nl")
            plan_id = helpers.make_plan(helpers.make_organisation("Herstart", user)).id
            client = first.test_client()
            helpers.login(client, "a@b.nl")
            assert save_step(client, plan_id, 2, {"q-ambitie": "Iedereen doet mee."}).status_code == 302
            db.session.remove()

            restarted = subprocess.run([sys.executable, "-c", _READ_BACK, str(plan_id)], cwd=ROOT, timeout=60,
                                       env=os.environ | {"TEST_DATABASE_URL": url}, capture_output=True, text=True)
            assert restarted.returncode == 0, restarted.stderr[-2000:]
            assert "Iedereen doet mee." in restarted.stdout
            assert "Waar staat de gemeente?" in restarted.stdout
        finally:
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


def test_step_completes_when_required_answers_given(editor):
    save_step(editor.client, editor.plan.id, 3, {"q-doelen": "Beter beleid", "q-visie": "Samen"})
    page = text_of(editor.client.get(f"/plannen/{editor.plan.id}"))
    assert "1 van 8 stappen afgerond" in page
    assert "Afgerond" in page


def test_conditional_question_hidden_keeps_its_answer(editor):
    c, pid = editor.client, editor.plan.id
    save_step(c, pid, 5, {"q-inspraak_procedure": "eigen", "q-inspraak_termijn_weken": "4"})
    html = c.get(f"/plannen/{pid}/stap/5").get_data(as_text=True)
    block = re.search(r'<div class="question[^"]*" id="vraag-inspraak_termijn_weken"[^>]*>', html).group(0)
    assert "hidden" not in block

    # Switch to afdeling 3.4 Awb: the period question disappears but its answer is kept.
    save_step(c, pid, 5, {"q-inspraak_procedure": "awb", "q-inspraak_termijn_weken": "4"})
    html = c.get(f"/plannen/{pid}/stap/5").get_data(as_text=True)
    block = re.search(r'<div class="question[^"]*" id="vraag-inspraak_termijn_weken"[^>]*>', html).group(0)
    assert "hidden" in block
    assert 'value="4"' in html
    # Back to the own procedure: the answer is still there.
    save_step(c, pid, 5, {"q-inspraak_procedure": "eigen", "q-inspraak_termijn_weken": "4"})
    stored = db.session.scalar(db.select(StepAnswer).where(StepAnswer.step_number == 5))
    assert stored.answers["inspraak_termijn_weken"] == 4


def test_hidden_required_question_does_not_block_completion(editor):
    c, pid = editor.client, editor.plan.id
    data = {"q-wie_beslist": "standaard_tenzij", "q-verplichte_gevallen": ["wettelijk"],
            "q-invloed_vocabulaire": "vier_woorden"}
    save_step(c, pid, 4, data)
    assert "Afgerond" in text_of(c.get(f"/plannen/{pid}/stap/4")).split("Status:")[1][:40]
    # Choosing "grote impact" reveals a required question: the step is no longer complete.
    data["q-verplichte_gevallen"] = ["wettelijk", "grote_impact"]
    save_step(c, pid, 4, data)
    status = text_of(c.get(f"/plannen/{pid}/stap/4")).split("Status:")[1][:120]
    assert "Bezig" in status and "Wanneer heeft beleid grote maatschappelijke impact?" in status


def test_list_question_rows(editor):
    c, pid = editor.client, editor.plan.id
    response = save_step(c, pid, 2, {"q-witte_vlek-rows": "3", "q-witte_vlek-0-naam": "Jongeren",
                                     "q-witte_vlek-0-soort": "jongeren", "q-witte_vlek-1-naam": "",
                                     "q-witte_vlek-2-naam": "Ondernemers"})
    assert response.status_code == 302
    stored = db.session.scalar(db.select(StepAnswer).where(StepAnswer.step_number == 2))
    assert [r["naam"] for r in stored.answers["witte_vlek"]] == ["Jongeren", "Ondernemers"]


def test_review_lists_answers_with_edit_links(editor):
    c, pid = editor.client, editor.plan.id
    save_step(c, pid, 1, {"q-participatie_definitie": "Meedoen", "q-participatie_vormen": ["uitdaagrecht"]})
    save_step(c, pid, 8, {"q-citeertitel": "Participatieverordening Voorbeeld"})
    html = c.get(f"/plannen/{pid}/overzicht").get_data(as_text=True)
    assert "Meedoen" in html and "Uitdaagrecht" in html and "Participatieverordening Voorbeeld" in html
    link = f'/plannen/{pid}/stap/1#q-participatie_definitie'
    assert f'href="{link}"' in html
    target = c.get(link.split("#")[0]).get_data(as_text=True)
    assert 'id="q-participatie_definitie"' in target


def test_changing_earlier_answer_keeps_later_answers(editor):
    c, pid = editor.client, editor.plan.id
    save_step(c, pid, 1, {"q-participatie_definitie": "Eerst"})
    save_step(c, pid, 7, {"q-evaluatie_termijn_jaren": "4"})
    save_step(c, pid, 1, {"q-participatie_definitie": "Later gewijzigd"})
    html = c.get(f"/plannen/{pid}/overzicht").get_data(as_text=True)
    assert "Later gewijzigd" in html and ">4<" in html.replace('<span class="preserve">4</span>', ">4<")


# --- bad input -----------------------------------------------------------------------------------

def _stored(step: int):
    row = db.session.scalar(db.select(StepAnswer).where(StepAnswer.step_number == step))
    return dict(row.answers) if row else None


def test_overlong_text_is_refused_and_kept_on_page(editor):
    c, pid = editor.client, editor.plan.id
    save_step(c, pid, 6, {"q-programma_periode": "2027-2028"})
    long = "x" * 101
    response = save_step(c, pid, 6, {"q-programma_periode": long})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Gebruik maximaal 100 tekens (u gebruikte er 101)." in html
    assert long in html
    assert _stored(6)["programma_periode"] == "2027-2028"  # nothing saved was lost


def test_wrong_types_get_messages_next_to_the_field(editor):
    c, pid = editor.client, editor.plan.id
    response = save_step(c, pid, 7, {"q-evaluatie_termijn_jaren": "vier"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="q-evaluatie_termijn_jaren-error"' in html and "Vul een heel getal in" in html
    assert 'value="vier"' in html
    response = save_step(c, pid, 7, {"q-evaluatie_termijn_jaren": "40"})
    assert "Vul een getal in van 1 tot en met 10." in response.get_data(as_text=True)
    response = save_step(c, pid, 8, {"q-inwerkingtreding_datum": "31-02-2027"})
    assert "Deze datum bestaat niet." in response.get_data(as_text=True)
    assert 'value="31-02-2027"' in response.get_data(as_text=True)
    assert _stored(7) is None and _stored(8) is None


def test_unknown_choice_value_is_refused(editor):
    c, pid = editor.client, editor.plan.id
    response = save_step(c, pid, 5, {"q-inspraak_procedure": "geen", "q-terugkoppeling_aan": ["pers"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Kies een van de gegeven mogelijkheden." in html
    assert "Kies alleen uit de gegeven mogelijkheden." in html
    assert _stored(5) is None


def test_missing_csrf_token_is_refused(editor):
    response = editor.client.post(f"/plannen/{editor.plan.id}/stap/1",
                                  data={"q-participatie_definitie": "zonder token", "base_version": "0"})
    assert response.status_code == 400
    assert "Formulier verlopen" in text_of(response)
    assert _stored(1) is None


def test_step_that_does_not_exist(editor):
    assert editor.client.get(f"/plannen/{editor.plan.id}/stap/9").status_code == 404
    assert editor.client.get(f"/plannen/{editor.plan.id}/stap/0").status_code == 404
    assert editor.client.get(f"/plannen/{editor.plan.id}/stap/abc").status_code == 404


def test_plan_of_another_organisation_is_not_found(editor):
    other = helpers.make_organisation("Elders", helpers.make_user("ander@elders.nl"))
    other_plan = helpers.make_plan(other)
    c = editor.client
    assert c.get(f"/plannen/{other_plan.id}").status_code == 404
    assert c.get(f"/plannen/{other_plan.id}/stap/1").status_code == 404
    token = helpers.csrf_token(c, f"/plannen/{editor.plan.id}/stap/1")
    response = c.post(f"/plannen/{other_plan.id}/stap/1",
                      data={"csrf_token": token, "q-participatie_definitie": "inbraak", "base_version": "0"})
    assert response.status_code == 404
    assert db.session.scalar(db.select(StepAnswer)) is None


def test_numbers_are_saved_as_people_type_them(editor):
    c, pid = editor.client, editor.plan.id
    response = save_step(c, pid, 7, {"q-evaluatie_termijn_jaren": "3 jaar"})
    assert response.status_code == 302
    assert _stored(7)["evaluatie_termijn_jaren"] == 3
    response = save_step(c, pid, 5, {"q-terugkoppeling_termijn_weken": "6 maanden",
                                     "q-burgerinitiatief": "ja", "q-burgerinitiatief_handtekeningen": "1.500"})
    assert response.status_code == 422
    assert "Vul het aantal weken in, bijvoorbeeld 6 of 6 weken." in text_of(response)
    assert 'value="6 maanden"' in response.get_data(as_text=True)
    assert _stored(5) is None
    response = save_step(c, pid, 5, {"q-terugkoppeling_termijn_weken": "6 weken",
                                     "q-burgerinitiatief": "ja", "q-burgerinitiatief_handtekeningen": "1.500"})
    assert response.status_code == 302
    assert _stored(5)["terugkoppeling_termijn_weken"] == 6 and _stored(5)["burgerinitiatief_handtekeningen"] == 1500
