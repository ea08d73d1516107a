"""Every Word document the app makes is on A4, the paper Dutch municipalities print on (not python-docx's default,
US Letter), with the house's 2.5 cm margins."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone

import docx
from docx.shared import Twips
from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import Organisation, ParticipationPlan, Project
from app.models.loket import LoketRequest
from app.services.documents import kinds  # noqa: F401  registers every kind
from app.services.documents.docx_writer import HOUSE, LAYOUTS, render_docx
from app.services.documents.model import Document
from app.services.documents.registry import KINDS
from app.services.ordinance import changes
from app.services.ordinance.builder import build_ordinance
from app.services.ordinance.docx_render import render_changes_docx, render_ordinance_docx
from app.services.plans import exchange

TODAY = date(2026, 11, 24)
A4 = (Twips(11906), Twips(16838))  # 210 x 297 mm


def assert_a4(data: bytes, name: str) -> None:
    for section in docx.Document(io.BytesIO(data)).sections:
        assert (section.page_width, section.page_height) == A4, \
            f"{name}: {section.page_width.cm:.2f} x {section.page_height.cm:.2f} cm"
        margins = {section.top_margin, section.bottom_margin, section.left_margin, section.right_margin}
        assert {round(m.cm, 2) for m in margins} == {2.5}, name


def test_every_document_kind_of_the_demo_is_on_a4(app):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    handreiking = content.handreiking()
    plan = db.session.scalar(select(ParticipationPlan).order_by(ParticipationPlan.id))
    project = db.session.scalar(select(Project).order_by(Project.id))
    filed = db.session.scalar(select(LoketRequest).order_by(LoketRequest.id))
    organisation = db.session.get(Organisation, filed.organisation_id)
    built = set()
    for key, kind in KINDS.items():
        if kind.source == "loket":
            document = kind.build(filed, content.loket(), organisation.display_name, organisation.body_type)
        else:
            document = kind.build({"plan": plan, "project": project}[kind.source], content.current())
        assert_a4(render_docx(document, TODAY), key)
        built.add(kind.source)
    assert built == {"plan", "project", "loket"}

    ordinance = build_ordinance(content.clause_library(), handreiking, exchange.plan_input(plan, content.current()))
    assert_a4(render_ordinance_docx(ordinance, TODAY), "verordening")
    assert_a4(render_changes_docx(ordinance, changes.compare(ordinance, ordinance), author="Jurist", old_name="oud",
                                  new_name="nieuw", today=TODAY, when=datetime(2026, 11, 24, tzinfo=timezone.utc)),
              "wijzigingen")


def test_every_layout_is_a4_also_for_a_kind_outside_the_registry():
    # the reports of the zelfscan, the reader, the atelier and the evaluation use the house layout
    assert_a4(render_docx(Document(kind="zelfscan", title="Rapport"), TODAY), "huisstijl")
    for kind in LAYOUTS:
        assert_a4(render_docx(Document(kind=kind, title="Document"), TODAY), kind)
    assert (HOUSE.page_width, HOUSE.page_height) == (11906, 16838)
