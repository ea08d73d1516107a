"""Error pages without the database: while it is down, every page answers with the app's own 503 page and headers."""
from __future__ import annotations

import socket

import pytest

from app import create_app
from config import TestConfig
from tests import helpers
from tests.helpers import PASSWORD, csrf_token, text_of


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free once the socket closes: nothing listens there


UNREACHABLE = {
    "sqlite": lambda tmp_path: f"sqlite:///{tmp_path / 'bestaat-niet' / 'participatie.db'}",
    "postgresql": lambda _tmp: f"postgresql+psycopg://p:p@127.0.0.1:{_closed_port()}/p?connect_timeout=2",
}


@pytest.fixture(params=sorted(UNREACHABLE))
def database_down(request, app, tmp_path):
    """A second app with the same secret key whose database cannot be reached, and a browser that logged in on
    the working app first: its session cookie is valid, but the user behind it cannot be loaded."""
    helpers.make_user("bea@a.nl", "Bea Beheerder")
    working = app.test_client()
    helpers.login(working, "bea@a.nl")
    config = type("DatabaseDown", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": UNREACHABLE[request.param](tmp_path),
                                                  "PROPAGATE_EXCEPTIONS": False})
    down = create_app(config)

    @down.route("/kapot")
    def broken():
        raise RuntimeError("een fout in de code")

    client = down.test_client()
    client.set_cookie("session", working.get_cookie("session").value)
    return client


def _assert_outage_page(response) -> None:
    assert response.status_code == 503
    page = text_of(response)
    assert "Tijdelijke storing" in page and "wat u eerder heeft opgeslagen, is bewaard" in page
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_logged_in_page_answers_503_while_the_database_is_down(database_down):
    _assert_outage_page(database_down.get("/"))
    _assert_outage_page(database_down.get("/plannen/1"))


def test_logging_in_answers_503_while_the_database_is_down(database_down):
    anonymous = database_down.application.test_client()
    assert anonymous.get("/inloggen").status_code == 200  # the empty form needs no database
    response = anonymous.post("/inloggen", data={"email": "bea@a.nl", "password": PASSWORD,
                                                 "csrf_token": csrf_token(anonymous)})
    _assert_outage_page(response)


def test_the_500_page_needs_no_database(database_down):
    """A bug in the code while the database is down: the error page itself must not need the database. For a
    logged-in visitor the session check comes first and finds the outage (503); for anyone else it is the 500."""
    _assert_outage_page(database_down.get("/kapot"))
    response = database_down.application.test_client().get("/kapot")
    assert response.status_code == 500
    assert "Er ging iets mis aan onze kant." in text_of(response)
    assert "Content-Security-Policy" in response.headers


def test_a_missing_page_is_404_also_while_the_database_is_down(database_down):
    response = database_down.application.test_client().get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text_of(response) and "Uitloggen" not in text_of(response)
    assert "Content-Security-Policy" in response.headers
    _assert_outage_page(database_down.get("/bestaat-niet"))  # logged in: the session cannot be checked


def test_error_pages_show_the_menu_while_the_database_works(editor):
    response = editor.client.get("/plannen/999999")
    assert response.status_code == 404
    page = text_of(response)
    assert "Pagina niet gevonden" in page and "Uitloggen (Bea Beheerder)" in page
    assert "Content-Security-Policy" in response.headers


def test_a_bug_on_a_logged_in_page_keeps_the_users_menu(editor, monkeypatch):
    """A 500 after the request loaded its user: the error page shows the user's menu, not a logged-out header."""
    from app.adoption import routes as adoption_routes

    def broken(*_args, **_kwargs):
        raise RuntimeError("een fout in de code")

    editor.client.application.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(adoption_routes, "timeline_for", broken)
    response = editor.client.get(f"/plannen/{editor.plan.id}/route-naar-vaststelling")
    assert response.status_code == 500
    page = text_of(response)
    assert "Er ging iets mis aan onze kant." in page and "Uitloggen (Bea Beheerder)" in page
    assert "Content-Security-Policy" in response.headers


def test_an_anonymous_visitor_is_sent_to_the_login_page_not_to_plans(app):
    page = text_of(app.test_client().get("/bestaat-niet"))
    assert "Naar de inlogpagina" in page and "Naar mijn plannen" not in page
