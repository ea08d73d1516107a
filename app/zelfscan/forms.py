"""The zelfscan form (one score and note per statement of the content file) and the benchmark opt-in."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import InputRequired, Length

from app.forms import BaseForm
from app.services.zelfscan import MAX_NOTE, ZelfscanContent

SCORE_LABELS = [("1", _l("1 helemaal oneens")), ("2", _l("2 oneens")), ("3", _l("3 neutraal")),
                ("4", _l("4 eens")), ("5", _l("5 helemaal eens"))]


class ZelfscanForm(BaseForm):
    def answers(self, content: ZelfscanContent) -> dict[str, tuple[int, str]]:
        return {key: (int(self[f"score_{key}"].data), (self[f"note_{key}"].data or "").strip())
                for key in content.statement_keys}


def zelfscan_form(content: ZelfscanContent, **kwargs) -> ZelfscanForm:
    """A score (required) and a short note (optional) for every statement."""
    fields = {}
    for theme in content.themes:
        for s in theme.statements:
            fields[f"score_{s.key}"] = RadioField(s.text, choices=SCORE_LABELS, validators=[
                InputRequired(_l("Kies een score van 1 tot en met 5 bij deze stelling."))])
            fields[f"note_{s.key}"] = StringField(_l("Toelichting bij deze stelling (niet verplicht)"), validators=[
                Length(max=MAX_NOTE, message=_l("Houd de toelichting korter dan %(max)s tekens.", max=MAX_NOTE))])
    return type("ZelfscanStatementsForm", (ZelfscanForm,), fields)(**kwargs)


class ParticipationForm(BaseForm):
    choice = RadioField(_l("Neemt uw organisatie deel aan de benchmark?"),
                        choices=[("ja", _l("Ja, wij delen onze themascores")), ("nee", _l("Nee, wij doen niet mee"))],
                        validators=[InputRequired(_l("Kies ja of nee."))])
