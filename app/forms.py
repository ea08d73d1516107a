"""The base of every form: text fields are cleaned of control characters on the way in."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, StringField
from wtforms.validators import StopValidation

from app.services.questions.answers import clean_text
from app.services.core.numbers import NumberError, parse_number


def _clean(value):
    # PostgreSQL refuses NUL in text and Word refuses the other control characters: drop them before validation.
    return clean_text(value) if isinstance(value, str) else value


def strip(value):
    """A filter for e-mail addresses and names: a pasted value often carries a space at either end."""
    return value.strip() if isinstance(value, str) else value


class BaseForm(FlaskForm):
    """Every form inherits this, so no string field can bring NUL or other control characters into the database."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            # A password is never stored as text and must be checked exactly as typed.
            if issubclass(unbound_field.field_class, StringField) \
                    and not issubclass(unbound_field.field_class, PasswordField):
                options["filters"] = (*unbound_field.kwargs.get("filters", ()), *options.get("filters", ()), _clean)
            return unbound_field.bind(form=form, **options)


class NumberField(IntegerField):
    """A whole number as people type it: "42.500", "42 500" or "42.500 inwoners" (with unit="inwoners")."""

    def __init__(self, *args, unit: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = parse_number(clean_text(valuelist[0]), unit=self.unit)
        except NumberError as exc:
            self.data = None
            raise ValueError(str(exc)) from None

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()  # the message says what to type; a range check on nothing would only add noise
