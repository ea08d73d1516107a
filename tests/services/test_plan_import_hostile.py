"""Hostile plan files through the CLI: a clear message naming the problem, and nothing written."""
from __future__ import annotations

import copy
import json

import pytest

from app.extensions import db
from app.models import Organisation, ParticipationPlan
from tests.test_fuzz import DEMO, HUGE_NUMBER


def _import(app, tmp_path, content: bytes):
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    return app.test_cli_runner().invoke(args=["plan", "import", str(path)])


def _doc(*changes: tuple[str, object]) -> bytes:
    doc = copy.deepcopy(DEMO)
    for path, value in changes:
        *parents, last = path.split(".")
        target = doc
        for key in parents:
            target = target[key]
        target[last] = value
    return json.dumps(doc).encode()


@pytest.mark.parametrize("content, message", [
    (b"[" * 10_000 + b"]" * 10_000, "geen geldige JSON: te diep genest"),
    (b'{"version": ' + HUGE_NUMBER.encode() + b"}", "geen geldige JSON (Exceeds the limit"),
    (_doc(("steps.²", {})), "steps.²: deze stap bestaat niet"),
    (_doc(("steps.٣", {})), "steps.٣: deze stap bestaat niet"),
    (_doc(("steps.5.inspraak_procedure", ["eigen"])), "steps.5.inspraak_procedure: '['eigen']' is geen optie"),
    (_doc(("steps.5.inspraak_procedure", {"a": 1})), "steps.5.inspraak_procedure: '{'a': 1}' is geen optie"),
    (_doc(("steps.1.participatie_vormen", [["x"]])), "steps.1.participatie_vormen: moet een lijst zijn"),
    (_doc(("steps.5.inspraak_termijn_weken", [4])), "steps.5.inspraak_termijn_weken: moet een geheel getal zijn"),
    (_doc(("steps.7.evaluatie_termijn_jaren", 10**30)), "moet een getal van ten hoogste negen cijfers zijn"),
    (_doc(("steps.8.inwerkingtreding_datum", {"y": 1})), "steps.8.inwerkingtreding_datum: moet een datum zijn"),
    (_doc(("steps.8.inwerkingtreding_datum", "٢٠٢٧-01-01")), "steps.8.inwerkingtreding_datum: moet een datum zijn"),
    (_doc(("steps.1.participatie_definitie", {"x": 1})), "steps.1.participatie_definitie: moet tekst zijn"),
    (_doc(("municipality.inhabitants", 1e30)), "municipality.inhabitants: moet een geheel getal van 1 tot en met"),
    (_doc(("municipality.inhabitants", 10**30)), "municipality.inhabitants: moet een geheel getal van 1 tot en met"),
    (_doc(("municipality.inhabitants", 20_000_001)), "municipality.inhabitants"),
    (_doc(("municipality.name", "\x00\x01 ")), "municipality.name: moet een naam van 1 tot 120 tekens zijn"),
])
def test_hostile_file_is_refused_by_the_cli_and_writes_nothing(app, tmp_path, content, message):
    result = _import(app, tmp_path, content)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(ParticipationPlan)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Organisation)) == 0


def test_control_characters_are_cleaned_from_names_titles_and_answers(app, tmp_path):
    doc = copy.deepcopy(DEMO)
    doc["municipality"].update(name="Voor\x00beeld\x1b", inhabitants=20_000_000)
    doc["plan"]["title"] = "Plan\x07 2027\x00"
    doc["steps"]["1"]["participatie_definitie"] = "Samen\x00 doen,\x0b met\r\nelkaar."
    doc["steps"]["2"]["zelfscan"][0]["toelichting"] = "Rij\x00 een"
    result = _import(app, tmp_path, json.dumps(doc).encode())
    assert result.exit_code == 0, result.output
    plan = db.session.scalar(db.select(ParticipationPlan))
    assert plan.organisation.name == "Voorbeeld" and plan.organisation.inhabitants == 20_000_000
    assert plan.title == "Plan 2027"
    assert plan.step_answers(1)["participatie_definitie"] == "Samen doen, met\nelkaar."
    assert plan.step_answers(2)["zelfscan"][0]["toelichting"] == "Rij een"
