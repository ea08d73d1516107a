"""`flask demo` gives Voorbeeldstad an adopted ordinance and two example requests at its loket."""
from __future__ import annotations

from sqlalchemy import func, select

from app.demo import DEMO_EMAIL
from app.extensions import db
from app.models import Organisation
from app.models.loket import LoketRequest
from tests import helpers


def test_demo_has_a_loket_with_two_requests(app, browser):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == "Voorbeeldstad"))
    client = browser()
    page = helpers.text_of(client.get(f"/loket/{organisation.id}"))
    assert "Uitdaagrecht" in page and "Burgerinitiatief" in page and "ten minste 150 inwoners" in page
    register = helpers.text_of(client.get(f"/loket/{organisation.id}/register"))
    assert "Beheer van de moestuin in het Wilgenpark" in register and "Toegekend" in register
    assert "De Wilg" not in register
    helpers.login(client, DEMO_EMAIL, "participatie-demo")
    assert "In behandeling" in helpers.text_of(client.get(f"/organisaties/{organisation.id}/loket"))
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0     # a second run adds nothing
    assert db.session.scalar(select(func.count(LoketRequest.id))) == 2
