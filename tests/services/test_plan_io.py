"""Plan export and import as JSON, through the CLI as an administrator uses it."""
from datetime import date
import json

import pytest

from app.extensions import db
from app.models import Organisation, ParticipationPlan
from tests import helpers

DEMO = json.loads(open("app/demo/voorbeeldstad.json", encoding="utf-8").read())


def _import(app, path):
    return app.test_cli_runner().invoke(args=["plan", "import", str(path)])


def test_json_round_trip_export_import_export(app, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(DEMO, ensure_ascii=False), encoding="utf-8")
    result = _import(app, source)
    assert result.exit_code == 0, result.output
    plan = db.session.scalar(db.select(ParticipationPlan))
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["plan", "export", str(plan.id), "--out", str(first)]).exit_code == 0
    assert _import(app, first).exit_code == 0
    second_plan = db.session.scalars(db.select(ParticipationPlan).order_by(ParticipationPlan.id.desc())).first()
    assert runner.invoke(args=["plan", "export", str(second_plan.id), "--out", str(second)]).exit_code == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert json.loads(first.read_text(encoding="utf-8")) == DEMO


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(version=2), "version: versie 2 wordt niet ondersteund"),
    (lambda d: d.update(format="iets"), "format: verwacht 'participatie-assistent/plan'"),
    (lambda d: d["municipality"].update(body_type="stad"), "municipality.body_type"),
    (lambda d: d["steps"]["5"].update(inspraak_procedure="geen"), "steps.5.inspraak_procedure: 'geen' is geen optie"),
    (lambda d: d["steps"]["7"].update(evaluatie_termijn_jaren="vier"), "steps.7.evaluatie_termijn_jaren: moet een geheel getal zijn"),
    (lambda d: d["steps"]["1"].update(onbekend="x"), "steps.1.onbekend: deze vraag bestaat niet in stap 1"),
    (lambda d: d["steps"].update({"9": {}}), "steps.9: deze stap bestaat niet"),
    (lambda d: d["steps"]["2"]["zelfscan"].append({"thema": "visie", "kleur": "rood"}), "steps.2.zelfscan: rij 4: onbekend veld 'kleur'"),
    (lambda d: d["plan"].update(title=""), "plan.title"),
])
def test_bad_plan_file_is_refused_naming_the_field_and_writes_nothing(app, tmp_path, mutate, message):
    doc = json.loads(json.dumps(DEMO))
    mutate(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = _import(app, path)
    assert result.exit_code != 0
    assert message in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(ParticipationPlan)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Organisation)) == 0


def test_not_json_is_refused(app, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text("{ dit is geen json", encoding="utf-8")
    result = _import(app, path)
    assert result.exit_code != 0 and "geen geldige JSON" in result.output


def test_export_download_from_the_web(editor):
    helpers.save_step(editor.client, editor.plan.id, 1, {"q-participatie_definitie": "Samen"})
    response = editor.client.get(f"/plannen/{editor.plan.id}/export.json")
    assert response.status_code == 200
    doc = response.get_json()
    assert doc["version"] == 1 and doc["steps"]["1"]["participatie_definitie"] == "Samen"


def test_demo_command_loads_a_plan_in_progress(app):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    plan = db.session.scalar(db.select(ParticipationPlan))
    assert plan.organisation.name == "Voorbeeldstad"
    assert plan.step_answers(5)["inspraak_procedure"] == "eigen"
    assert "demo@voorbeeldstad.nl" in result.output


def test_demo_command_loads_a_leeratelier_with_round_2_running(app, browser):
    from app.models import Atelier, AtelierParticipant

    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "facilitator@leeratelier.nl / participatie-demo" in result.output
    atelier = db.session.scalar(db.select(Atelier))
    names = {p.organisation.name for p in db.session.scalars(db.select(AtelierParticipant))}
    assert names == {"Voorbeeldstad", "Lindehoven", "Zeedorp"}
    assert {len(g.seats) for g in atelier.groups} == {3}
    # The demo user sees the others' answers of round 2 on the atelier page; running it again adds nothing.
    client = browser()
    helpers.login(client, "demo@voorbeeldstad.nl", "participatie-demo")
    page = helpers.text_of(client.get(f"/ateliers/{atelier.id}"))
    assert "Gedeelde antwoorden in ronde 2" in page and "gemeente Lindehoven" in page and "gemeente Zeedorp" in page
    # Round 2 has an opdracht and a huiswerk (done by Lindehoven), and Zeedorp reacted on Lindehoven's example.
    work = helpers.text_of(client.get(f"/ateliers/{atelier.id}/rondes/2/werk"))
    assert "Toets uw werkwijze aan twee casussen — opdracht tijdens de ronde" in work
    assert "Inventariseer de bestaande overlegvormen — huiswerk, inleveren vóór" in work
    assert "Goed idee om standaard te betrekken" in work and "Beheerder Zeedorp" in work
    facilitator = browser()
    helpers.login(facilitator, "facilitator@leeratelier.nl", "participatie-demo")
    board = helpers.text_of(facilitator.get(f"/ateliers/{atelier.id}/dashboard?ronde=2"))
    lindehoven = board[board.index("Gemeente Lindehoven"):]
    assert "1 van 1" in lindehoven[:300] and "0 van 1" in board[board.index("Gemeente Zeedorp"):][:300]
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    assert db.session.query(Atelier).count() == 1


def test_demo_command_gives_voorbeeldstad_a_council_calendar_so_the_raadsvoorstel_has_dates(app, browser):
    from app.models import MeetingDate
    from app.services.ordinance.wording import dutch_date

    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    raad = sorted(db.session.scalars(db.select(MeetingDate.day).where(MeetingDate.body == "raad")))
    assert len(raad) == 6 and raad[0] > date.today()
    client = browser()
    helpers.login(client, "demo@voorbeeldstad.nl", "participatie-demo")
    plan = db.session.scalar(db.select(ParticipationPlan))
    page = helpers.text_of(client.get(f"/plannen/{plan.id}/documenten/raadsvoorstel"))
    assert any(dutch_date(day) in page for day in raad), page[-1500:]
    assert "Jongerenpanel via scholen en de jongerenraad € 24.500" in page and "Totaal € 85.000,50" in page
    # Running it again adds no second calendar.
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    assert db.session.query(MeetingDate).filter_by(body="raad").count() == 6
