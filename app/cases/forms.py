"""Forms of the casusbibliotheek: publishing a case (with a confirmation of what becomes visible) and the search."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from app.forms import BaseForm

MAX_TEXT = 5000
TOO_LONG_TEXT = _l("Gebruik ten hoogste 5000 tekens.")


class CaseForm(BaseForm):
    title = StringField(_l("Titel van de casus"), validators=[InputRequired(_l("Vul een titel in.")),
                                                             Length(max=200,
                                                                    message=_l("Gebruik ten hoogste 200 tekens."))])
    approach = TextAreaField(_l("Wat is er gedaan?"),
                             validators=[InputRequired(_l("Beschrijf wat er is gedaan.")),
                                         Length(max=MAX_TEXT, message=TOO_LONG_TEXT)],
                             description=_l("De aanpak en de werkvormen, in het kort."))
    outcomes = TextAreaField(_l("Wat heeft het opgeleverd?"),
                             validators=[InputRequired(_l("Beschrijf wat het heeft opgeleverd.")),
                                         Length(max=MAX_TEXT, message=TOO_LONG_TEXT)])
    factors = SelectMultipleField(_l("Succesfactoren"), validate_choice=False,
                                  description=_l("Wat heeft het succes bepaald? Kies uit de succesfactoren van de "
                                                 "zelfscan."))
    lessons = TextAreaField(_l("Lessen voor anderen"), validators=[Length(max=MAX_TEXT, message=TOO_LONG_TEXT)],
                            description=_l("Wat zou u een andere organisatie aanraden, of juist afraden?"))
    confirm = BooleanField(_l("Ik begrijp wat zichtbaar wordt voor alle gebruikers van de Participatie-assistent"),
                           validators=[DataRequired(_l("Bevestig dat u begrijpt wat zichtbaar wordt."))])

    def with_factors(self, themes) -> CaseForm:
        self.factors.choices = [(t.key, t.title) for t in themes]
        return self

    def validate_factors(self, field):
        allowed = {key for key, _label in field.choices}
        if any(value not in allowed for value in field.data or []):
            raise ValidationError(_l("Kies alleen succesfactoren uit de lijst."))

    def texts(self) -> dict[str, str]:
        return {"title": self.title.data.strip(), "approach": self.approach.data.strip(),
                "outcomes": self.outcomes.data.strip(), "lessons": (self.lessons.data or "").strip()}


class UnpublishForm(BaseForm):
    """Only the CSRF token: taking a case back needs no further choice."""


class SearchForm(BaseForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    q = StringField(_l("Zoeken op woorden"), validators=[Length(max=200, message=_l("Gebruik ten hoogste 200 "
                                                                                     "tekens."))])
    domein = SelectField(_l("Beleidsterrein"), default="")
    organisatie = SelectField(_l("Soort organisatie"), default="")
    succesfactor = SelectField(_l("Succesfactor"), default="")

    def fill_choices(self, domains, body_types, themes) -> SearchForm:
        everything = ("", _l("Alle"))
        self.domein.choices = [everything] + [(o.value, o.label) for o in domains]
        self.organisatie.choices = [everything] + body_types
        self.succesfactor.choices = [everything] + [(t.key, t.title) for t in themes]
        for f in (self.domein, self.organisatie, self.succesfactor):
            f.pre_validate = lambda form, f=f: _known(f)
        return self


def _known(field) -> None:
    if field.data not in {value for value, _label in field.choices}:
        raise ValidationError(_l("Kies een waarde uit de lijst."))


#: more digits than any page of the library can have; such a number is read as "past the last page"
MAX_PAGE_DIGITS = 9


def page_number(value: str | None) -> int | None:
    """The page asked for in ?pagina=: 1 when absent or empty, None when it is not a whole number from 1 on.
    ASCII digits only ("²" and "٣" pass str.isdigit but are no page numbers)."""
    value = (value or "").strip()
    if not value:
        return 1
    if not re.fullmatch(r"[0-9]+", value) or not value.strip("0"):
        return None
    value = value.lstrip("0")
    return int(value) if len(value) <= MAX_PAGE_DIGITS else 10 ** MAX_PAGE_DIGITS
