"""Helpers available in every template."""
from flask import Flask

from app.services.answers import StepStatus
from app.services.ordinance.wording import capfirst, dutch_date


def form_errors(form) -> list[tuple[str, str]]:
    """(field id, message) for every error of a WTForms form, for the error summary."""
    return [(f.id, " ".join(f.errors)) for f in form if f.errors and f.type != "CSRFTokenField"] + (
        [("inhoud", "Het formulier was verlopen. Probeer het opnieuw.")] if getattr(form, "csrf_token", None)
        is not None and form.csrf_token.errors else [])


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(form_errors=form_errors, StepStatus=StepStatus)
    app.jinja_env.filters["capfirst"] = capfirst
    app.jinja_env.filters["datum"] = lambda d: dutch_date(d) if d else ""
    app.jinja_env.filters["tijd"] = lambda d: f"{dutch_date(d)}, {d:%H:%M} uur" if d else ""
