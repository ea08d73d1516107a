"""Interface texts in the request's language, looked up once per request.

Flask-Babel's own gettext walks through `g` several times per text, and a step page has some eighty texts; templates
(app/templating.py), the question HTML and the services that label things on every page use these translations.
"""
from __future__ import annotations

from flask import g, has_app_context
from flask_babel import get_translations


def translations():
    """This request's translations, looked up again only when the locale changes (force_locale): Flask-Babel's own
    lookup walks through `g` several times per text, and a step page has some eighty texts."""
    if not has_app_context():
        return get_translations()  # Flask-Babel's own answer outside an app: the texts as written
    state = g._get_current_object()
    memo = getattr(state, "_page_translations", None)
    if memo is None or memo[0] is None or memo[0] is not getattr(state._flask_babel, "babel_locale", None):
        translations = get_translations()  # sets g._flask_babel.babel_locale
        memo = state._page_translations = (getattr(state._flask_babel, "babel_locale", None), translations)
    return memo[1]


def init_app(app) -> None:
    """The services' texts (app/services/core/text.py) are looked up in the same per-request translations."""
    from app.services.core import text
    text.install(translations)
