from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import BaseForm, NumberField
from app.services.core.body_types import BODIES, BodyType

NEW = "nieuw"
BODY_TYPE_CHOICES = [(key, _l(row.label)) for key, row in BODIES.items()]


class NewPlanForm(BaseForm):
    workspace = SelectField(_l("Voor welke organisatie is het plan?"), choices=[], validate_choice=True,
                            description=_l("Kies een organisatie waarvan u lid bent, of maak een nieuwe aan."))
    name = StringField(_l("Naam van de gemeente"), validators=[Length(max=120)],
                       description=_l("Zonder het woord ‘gemeente’, bijvoorbeeld: Voorbeeld."))
    body_type = RadioField(_l("Soort organisatie"), choices=BODY_TYPE_CHOICES, default=BodyType.GEMEENTE.value,
                           description=_l("Dit bepaalt de woorden in de verordening: raad, provinciale staten of "
                                          "algemeen bestuur."))
    inhabitants = NumberField(_l("Aantal inwoners"), unit="inwoners", validators=[Optional(), NumberRange(1, 20_000_000,
                               _l("Vul een aantal in tussen 1 en 20.000.000."))],
                               description=_l("Mag leeg blijven."))
    title = StringField(_l("Naam van het plan"),
                        validators=[DataRequired(_l("Geef het plan een naam.")), Length(max=200)],
                        default="Participatieverordening",
                        description=_l("Bijvoorbeeld: Participatieverordening 2027."))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.workspace.data == NEW and not (self.name.data or "").strip():
            self.name.errors = list(self.name.errors) + [_("Vul de naam van de gemeente in.")]
            ok = False
        return ok


class CommentForm(BaseForm):
    target = StringField(validators=[DataRequired(), Length(max=120)])
    body = TextAreaField(_l("Opmerking"), validators=[DataRequired(_l("Schrijf eerst een opmerking.")),
                                                      Length(max=5000, message=_l("Gebruik maximaal 5000 tekens."))])


class ImportPlanForm(BaseForm):
    workspace = SelectField(_l("Bij welke organisatie hoort het plan?"), choices=[], validate_choice=True,
                            description=_l("Kies een organisatie waarvan u lid bent, of maak een nieuwe aan met de "
                                           "gegevens uit het bestand."))
    file = FileField(_l("Planbestand (JSON)"), validators=[FileRequired(_l("Kies een bestand."))],
                     description=_l("Een bestand dat met ‘Plan downloaden (JSON)’ is gemaakt."))
