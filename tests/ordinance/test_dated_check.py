"""The check compares the plan's dates with the date of the concept on every page and in every document that shows
the draft, not only in the CLI: a date of vaststelling already past is a finding on the ordinance page, in the
downloaded DOCX's check annex and in the count of the raadsvoorstel; a date still to come is none. Today is the
app's, passed in (tests/…: the clock is fixed here)."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from app import content
from app.extensions import db
from app.services.adoption import timeline as timelines
from app.services.core.transaction import unit_of_work
from app.services.plans import deadline, exchange as plan_io, plans
from tests.documents.test_model import docx_text
from tests.helpers import text_of
from tests.ordinance.docx_reading import read_docx
from tests.services.test_plan_io import DEMO

TODAY = date(2026, 11, 20)
PAST = "De datum van vaststelling in stap 8 (12 november 2026) ligt vóór de datum van dit concept (20 november 2026)."


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(deadline, "today_in_amsterdam", lambda now=None: TODAY)
    monkeypatch.setattr(timelines, "now", lambda: datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc))


def plan_adopted_on(editor, day: str):
    plan = plan_io.import_plan(json.loads(json.dumps(DEMO)), content.handreiking(), editor.organisation,
                               by=editor.user)
    db.session.commit()
    current = plans.answers_by_step(plan).get(8, {})
    with unit_of_work():
        plans.save_step(plan, 8, {**current, "voorstel_datum": "2026-10-06", "vaststelling_datum": day}, editor.user,
                        None)
    return plan


def seen(editor, plan) -> dict[str, str]:
    client = editor.client
    base = f"/plannen/{plan.id}"
    return {"pagina": text_of(client.get(f"{base}/verordening")),
            "docx": read_docx(client.get(f"{base}/verordening.docx").data).text(),
            "documenten": docx_text(client.get(f"{base}/documenten/verordening.docx").data)[0],
            "voorbeeld": text_of(client.get(f"{base}/documenten/verordening")),
            "overzicht": text_of(client.get(base))}


def test_a_vaststelling_already_past_is_a_finding_on_the_page_and_in_the_docx(editor):
    plan = plan_adopted_on(editor, "2026-11-12")
    shown = seen(editor, plan)
    for where in ("pagina", "docx", "documenten", "voorbeeld"):
        assert PAST in " ".join(shown[where].split()), where
    annex = shown["docx"].split("Controle van dit concept")[-1]
    assert PAST in " ".join(annex.split())
    # the raadsvoorstel counts the same findings as the annex of the draft
    findings = int(annex.split("Bevindingen (")[1].split(")")[0])
    voorstel = docx_text(editor.client.get(f"/plannen/{plan.id}/documenten/raadsvoorstel.docx").data)[0]
    assert f"(aantal: {findings};" in " ".join(voorstel.split())


def test_a_vaststelling_still_to_come_is_no_finding(editor):
    plan = plan_adopted_on(editor, "2026-12-17")
    shown = seen(editor, plan)
    for where, text in shown.items():
        assert "ligt vóór de datum van dit concept" not in text, where
    assert "17 december 2026" in shown["docx"]
