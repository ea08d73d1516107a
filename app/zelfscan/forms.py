"""The zelfscan form (one score and note per statement of the content file) and the benchmark opt-in."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from app.forms import BaseForm
from app.services.zelfscan.zelfscan import MAX_NOTE, Statement, ZelfscanContent

REQUIRED = _l("Kies een score van 1 tot en met 5 bij deze stelling.")


class ScoreOf:
    """The statement's question type parses and checks the posted score (one of its options "1" to "5")."""
    def __init__(self, statement: Statement):
        self.statement = statement
        self.field_flags = {"required": True}  # as InputRequired: the page marks the score as required

    def __call__(self, form, field):
        score, error = self.statement.parse_score(field.data)
        if error:
            raise ValidationError(error)
        if score is None:
            raise ValidationError(REQUIRED)


class ZelfscanForm(BaseForm):
    def answers(self, content: ZelfscanContent) -> dict[str, tuple[int, str]]:
        return {s.key: (s.parse_score(self[f"score_{s.key}"].data)[0], (self[f"note_{s.key}"].data or "").strip())
                for s in content.statements.values()}


def zelfscan_form(content: ZelfscanContent, **kwargs) -> ZelfscanForm:
    """A score (required) and a short note (optional) for every statement."""
    fields = {}
    for s in content.statements.values():
        q = s.question
        fields[f"score_{s.key}"] = RadioField(q.label, choices=[(o.value, o.label) for o in q.options],
                                              validate_choice=False, validators=[ScoreOf(s)])
        fields[f"note_{s.key}"] = StringField(_l("Toelichting bij deze stelling (niet verplicht)"), validators=[
            Length(max=MAX_NOTE, message=_l("Houd de toelichting korter dan %(max)s tekens.", max=MAX_NOTE))])
    return type("ZelfscanStatementsForm", (ZelfscanForm,), fields)(**kwargs)


class ParticipationForm(BaseForm):
    choice = RadioField(_l("Neemt uw organisatie deel aan de benchmark?"),
                        choices=[("ja", _l("Ja, wij delen onze themascores")), ("nee", _l("Nee, wij doen niet mee"))],
                        validators=[InputRequired(_l("Kies ja of nee."))])
