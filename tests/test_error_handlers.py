"""The app answers a refusal and a failed save in one place (app/errors.py), so a view need not catch them itself:
AccessDenied is 404 when the user may not know the target exists and 403 when the role is too weak; an organisation that
asks for a second factor sends its member to set one up; SaveFailed is the 503 page that says nothing was saved."""
from __future__ import annotations

import pytest

from app.services.core import access
from app.services.core.transaction import SaveFailed
from tests import helpers
from tests.helpers import text_of

pytestmark = pytest.mark.fresh_app("adds a route, which Flask allows only before an app's first request")


@pytest.fixture()
def raising(app, client):
    """Routes that raise what a service raises, and a logged-in user."""
    raised = {"verborgen": access.AccessDenied(hidden=True), "verboden": access.AccessDenied(hidden=False),
              "tweede-factor": access.SecondFactorRequired(), "mislukt": SaveFailed("UNIQUE constraint failed")}

    def raise_it(what: str):
        raise raised[what]

    app.add_url_rule("/test-fout/<what>", "test_raise", raise_it)
    helpers.make_user("bea@a.nl", "Bea")
    helpers.login(client, "bea@a.nl")
    return client


def test_a_hidden_target_is_not_found(raising):
    response = raising.get("/test-fout/verborgen")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text_of(response)


def test_a_weak_role_is_forbidden(raising):
    response = raising.get("/test-fout/verboden")
    assert response.status_code == 403
    assert "U heeft niet de rol die voor deze handeling nodig is." in text_of(response)


def test_a_missing_second_factor_sends_to_its_set_up(raising):
    response = raising.get("/test-fout/tweede-factor")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/tweede-factor")
    assert "next=/test-fout/tweede-factor" in response.headers["Location"]


def test_a_failed_save_says_nothing_was_saved(raising):
    response = raising.get("/test-fout/mislukt")
    assert response.status_code == 503
    page = text_of(response)
    assert "Er is niets gewijzigd" in page and "UNIQUE" not in page
