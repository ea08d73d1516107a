"""The interface texts go through Flask-Babel: with a catalog for another language, the page is translated."""
from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask_babel import force_locale

from app import create_app
from app.services.questions.answers import parse_value
from app.services.questions.handreiking import Question
from config import TestConfig


@pytest.fixture()
def app_with_english(tmp_path):
    """An app with a tiny English catalog next to the Dutch source texts."""
    catalog = Catalog(locale="en")
    catalog.add("Inloggen", "Log in")
    catalog.add("E-mailadres", "Email address")
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as mo:
        write_mo(mo, catalog)
    config = type("EnglishTestConfig", (TestConfig,), {"BABEL_TRANSLATION_DIRECTORIES": str(tmp_path)})
    return create_app(config)


def test_login_page_is_translated_with_another_locale(app_with_english):
    with app_with_english.test_request_context("/inloggen"), force_locale("en"):
        html = app_with_english.view_functions["accounts.login"]()
    assert '<html lang="en">' in html
    assert '<h1 class="utrecht-heading-1">Log in</h1>' in html
    assert ">Email address</label>" in html          # a form label (lazy_gettext) follows the locale too
    assert "Inloggen" not in html
    assert "Ga direct naar de inhoud" in html         # not in the catalog: the Dutch text stays


def test_dutch_users_see_the_dutch_texts(app_with_english):
    response = app_with_english.test_client().get("/inloggen")
    html = response.get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert '<h1 class="utrecht-heading-1">Inloggen</h1>' in html
    assert ">E-mailadres</label>" in html


def test_service_messages_work_without_an_app():
    """The CLI checks plan files outside a request: the message is then the Dutch text itself."""
    number = Question(key="aantal", type="number", label="Aantal")
    assert parse_value(number, {"q": "zes"}, "q") == ("zes", "Vul een heel getal in, bijvoorbeeld 6.")


def test_a_page_can_switch_locale_halfway(app_with_english):
    """Templates look the translations up once per request (app/templating.py), yet force_locale still switches."""
    render = app_with_english.jinja_env.from_string("{{ _('Inloggen') }}").render
    with app_with_english.test_request_context("/inloggen"):
        assert render() == "Inloggen"
        with force_locale("en"):
            assert render() == "Log in"
        assert render() == "Inloggen"
