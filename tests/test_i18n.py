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
    # texts the services write (app/services/core/text.py); one catalog for every test: Flask-Babel keeps the
    # translations it loaded per locale for the whole process
    catalog.add("Beheerder", "Administrator")                       # access.ROLE_LABELS: lazy, made at import
    catalog.add("Afgerond", "Done")                                 # StepStatus.label: the step page's fast path
    catalog.add("Vul het aantal %(unit)s in, bijvoorbeeld 6 of 6 %(unit)s.", "Enter the number of %(unit)s.")
    catalog.add(("%(num)d stap", "%(num)d stappen"), ("%(num)d step", "%(num)d steps"))
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


def test_service_texts_follow_the_request_locale(app_with_english):
    """Services translate without Flask: through the translator the app installs, in the request's language."""
    from app.services.core import text
    from app.services.core.access import ROLE_LABELS
    from app.services.core.numbers import NumberError, parse_number
    from app.services.questions.answers import StepStatus
    administrator = next(label for label in ROLE_LABELS.values() if str(label) in ("Beheerder", "Administrator"))

    def texts():
        try:
            parse_number("6 kilo", unit="woningen")
        except NumberError as exc:
            problem = str(exc)
        return (str(administrator), StepStatus.COMPLETE.label, problem,
                text.ngettext("%(num)d stap", "%(num)d stappen", 3))

    with app_with_english.test_request_context("/"):
        assert texts() == ("Beheerder", "Afgerond", "Vul het aantal woningen in, bijvoorbeeld 6 of 6 woningen.",
                           "3 stappen")
        with force_locale("en"):
            assert texts() == ("Administrator", "Done", "Enter the number of woningen.", "3 steps")
        assert texts()[:2] == ("Beheerder", "Afgerond")


def test_the_translator_formats_as_flask_babel_does(app_with_english, monkeypatch):
    """Same answers as Flask-Babel's own functions, with and without an app: variables are filled in only when
    given (a bare "100%" stays), the plural gets `num`, and a lazy text is read anew each time."""
    import flask_babel
    from app.services.core import text
    cases = [("gettext", ("100% klaar",), {}), ("gettext", ("Afgerond",), {}),
             ("gettext", ("%(n)s van %(m)s",), {"n": 2, "m": 3}),
             ("ngettext", ("%(num)d stap", "%(num)d stappen", 1), {}),
             ("ngettext", ("%(num)d stap van %(n)s", "%(num)d stappen van %(n)s", 4), {"n": 5})]

    def answers(module):
        return [getattr(module, name)(*args, **kwargs) for name, args, kwargs in cases] + \
               [str(module.lazy_gettext("Afgerond")), module.lazy_gettext("%(n)s%%") % {"n": 5}]

    expected = answers(flask_babel)
    assert expected[:2] == ["100% klaar", "Afgerond"] and answers(text) == expected  # outside an app
    with monkeypatch.context() as before_any_app:
        before_any_app.setattr(text, "catalog", text._source)  # not installed yet: a script, a pure unit test
        assert answers(text) == expected
    with app_with_english.test_request_context("/"), force_locale("en"):
        expected = answers(flask_babel)
        assert expected[1] == "Done" and answers(text) == expected
