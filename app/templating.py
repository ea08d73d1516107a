"""Helpers available in every template."""
import os
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, has_request_context, request, url_for
from flask_babel import get_locale, gettext as _

from app.i18n import translations
from app.services.questions.answers import StepStatus
from flask_login import current_user
from jinja2 import FileSystemBytecodeCache, pass_context
from markupsafe import Markup

from app.services.core import access
from app.services.core.numbers import format_euros
from app.services.ordinance.model import segments
from app.services.ordinance.wording import capfirst, dutch_date


def form_errors(form) -> list[tuple[str, str]]:
    """(field id, message) for every error of a WTForms form, for the error summary."""
    return [(f.id, " ".join(map(str, f.errors))) for f in form if f.errors and f.type != "CSRFTokenField"] + (
        [("inhoud", _("Het formulier was verlopen. Probeer het opnieuw."))] if getattr(form, "csrf_token", None)
        is not None and form.csrf_token.errors else [])


try:
    _LOCAL = ZoneInfo("Europe/Amsterdam")
except ZoneInfoNotFoundError:  # no time zone database on this machine: show UTC rather than fail
    _LOCAL = timezone.utc


def local_time(moment: datetime | None) -> str:
    """A stored UTC time as a Dutch reader expects it: Amsterdam time, '24 november 2026, 14:05 uur'."""
    if moment is None:
        return ""
    local = moment.replace(tzinfo=timezone.utc).astimezone(_LOCAL)
    return _("%(date)s, %(time)s uur", date=dutch_date(local), time=f"{local:%H:%M}")


#: (the language's translations, text, autoescape) -> the text as a page shows it; a few hundred texts per language
_FIXED_TEXTS: dict[tuple, str] = {}
_FIXED_TEXTS_MAX = 5000


@pass_context
def _gettext(__context, __string: str, **variables):
    """Jinja's new-style gettext (the text is always a format string, escaped when the page escapes), with the
    result for a text without variables kept: it is the same for every user of the language, and formatting it
    again (Markup % {}) cost a step page some forty times per view."""
    autoescape = __context.eval_ctx.autoescape
    if variables:
        text = translations().ugettext(__string)
        return (Markup(text) if autoescape else text) % variables
    catalog = translations()
    key = (catalog, __string, autoescape)
    found = _FIXED_TEXTS.get(key)
    if found is None:
        text = catalog.ugettext(__string)
        found = (Markup(text) if autoescape else text) % {}
        if len(_FIXED_TEXTS) >= _FIXED_TEXTS_MAX:
            _FIXED_TEXTS.clear()
        _FIXED_TEXTS[key] = found
    return found


#: (script root, endpoint, arguments) -> the path; the same for every user, at most _URLS_MAX kept
_URLS: dict[tuple, str] = {}
_URLS_MAX = 10000


def _url_for(endpoint: str, **values) -> str:
    """Flask's url_for, with the path of a link kept: a step page builds some thirty links, each the same for
    everyone who asks with the same arguments. Relative endpoints ('.x') and the special arguments (_external,
    _anchor, _method, _scheme) go to Flask every time."""
    if endpoint.startswith(".") or not has_request_context() or any(k.startswith("_") for k in values):
        return url_for(endpoint, **values)
    try:
        key = (request.script_root, endpoint, *sorted(values.items()))
        found = _URLS.get(key)
    except TypeError:  # an argument that is not hashable
        return url_for(endpoint, **values)
    if found is None:
        found = url_for(endpoint, **values)
        if len(_URLS) >= _URLS_MAX:
            _URLS.clear()
        _URLS[key] = found
    return found


def _cache_compiled_templates(app: Flask) -> None:
    """Pages compile their templates once per template and version, not once per worker start: Jinja keeps the
    compiled code in instance/jinja-cache (keyed by the template's name and a checksum of its text, so an edited
    template compiles again). Without a writable instance folder templates compile in memory, as before."""
    folder = Path(app.instance_path) / "jinja-cache"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    if os.access(folder, os.W_OK):
        app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def init_app(app: Flask) -> None:
    from app import question_html  # imported here: it reads the app's content when it renders
    # The same callables Flask-Babel installs, with the translations looked up once per request.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True)
    # A text without variables is the same for every user: its escaped form is kept (see _gettext).
    app.jinja_env.globals["gettext"] = _gettext
    app.jinja_env.globals["url_for"] = _url_for
    # `_()` straight to gettext: Jinja's alias looks `gettext` up again in the context for every text.
    app.jinja_env.globals["_"] = app.jinja_env.globals["gettext"]
    # page_language: the <html lang> follows the locale, so a translated page is announced in its own language.
    app.jinja_env.globals.update(form_errors=form_errors, StepStatus=StepStatus,
                                 described_by=question_html.described_by, render_question=question_html.question,
                                 step_questions=question_html.step_questions,
                                 can=lambda action, target: access.can(current_user, access.Action(action), target),
                                 page_language=lambda: str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"]),
                                 segments=segments, format_euros=format_euros)
    app.jinja_env.globals.update(question_html.TEMPLATE_GLOBALS)  # field_name and the question macros' helpers
    app.jinja_env.filters["capfirst"] = capfirst
    _cache_compiled_templates(app)
    app.jinja_env.filters["datum"] = lambda d: dutch_date(d) if d else ""
    app.jinja_env.filters["tijd"] = local_time
