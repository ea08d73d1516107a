"""The decision letter: reasons always, the bezwaar clause only where the decision is a beschikking."""
from __future__ import annotations

import io
from datetime import date

import docx

from app import content
from app.extensions import db
from app.services.documents.docx_writer import render_docx
from app.services.documents.model import Document
from app.services.documents.registry import KINDS
from app.services.loket import requests as loket
from app.services.loket.requests import Outcome
from app.services.core.access import PUBLIC
from tests import helpers
from tests.loket.factories import adopted


def _letter_text(filed, organisation) -> str:
    data = render_docx(KINDS["besluit_verzoek"].build(filed, content.loket(), organisation.display_name,
                                                      organisation.body_type),
                       date(2027, 4, 1))
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_a_verzoek_om_participatie_is_no_beschikking_and_a_province_decides_in_the_plural(app):
    boss = helpers.make_user("b@provincie.nl", "Bea")
    organisation = helpers.make_organisation("Noordland", boss, "beheerder", body_type="provincie")
    organisation, _plan, version = adopted(boss, organisation=organisation)
    rights = loket.rights_for(version, content.handreiking())
    asked = loket.submit(version, rights["participatieverzoek"], "Het fietsbeleid", {"beleid": "Het fietsbeleid"},
                         name="Piet", address="Dorpsstraat 1", email="p@example.nl", uploads=[],
                         today=date(2027, 3, 1), by=PUBLIC)
    challenge = loket.submit(version, rights["uitdaagrecht"], "Bermen maaien", {"taak": "Bermen maaien"},
                             name="Stichting Berm", address="Weg 2", email="s@example.nl", uploads=[],
                             today=date(2027, 3, 1), by=PUBLIC)
    for filed in (asked, challenge):
        loket.decide(filed, Outcome.AFGEWEZEN, "Het beleid ligt al vast.", "", by=boss, today=date(2027, 3, 20))
    db.session.commit()
    text = _letter_text(asked, organisation)
    assert "Het beleid ligt al vast." in text and "af te wijzen" in text
    assert "bezwaar maken" not in text and "geen besluit waartegen bezwaar openstaat" in text
    text = _letter_text(challenge, organisation)
    assert "Gedeputeerde staten hebben besloten uw uitdaging af te wijzen." in text
    assert "binnen zes weken" in text and "bezwaar maken bij gedeputeerde staten" in text


def test_the_sent_decision_letter_has_no_concept_header_but_keeps_its_page_numbers_and_a_plan_document_stays_a_draft(
        app):
    boss = helpers.make_user("c@gemeente.nl", "Cor")
    organisation, _plan, version = adopted(boss)
    rights = loket.rights_for(version, content.handreiking())
    filed = loket.submit(version, rights["uitdaagrecht"], "Bermen maaien", {"taak": "Bermen maaien"},
                         name="Stichting Berm", address="Weg 2", email="s@example.nl", uploads=[],
                         today=date(2027, 3, 1), by=PUBLIC)
    loket.decide(filed, Outcome.AFGEWEZEN, "Het beleid ligt al vast.", "", by=boss, today=date(2027, 3, 20))
    db.session.commit()
    letter = docx.Document(io.BytesIO(render_docx(
        KINDS["besluit_verzoek"].build(filed, content.loket(), organisation.display_name, organisation.body_type),
        date(2027, 4, 1))))
    section = letter.sections[0]
    assert "CONCEPT" not in section.header._element.xml
    assert "PAGE" in section.footer._element.xml and "NUMPAGES" in section.footer._element.xml
    assert "Pagina" in section.footer.paragraphs[0].text
    # the same writer, the same day, a plan's document: still a concept (the cached package is per kind of header)
    draft = Document(kind="uitvoeringsprogramma", title="Uitvoeringsprogramma")
    draft.paragraph("Tekst")
    header = docx.Document(io.BytesIO(render_docx(draft, date(2027, 4, 1)))).sections[0].header.paragraphs[0].text
    assert header == "CONCEPT — 1 april 2027"
