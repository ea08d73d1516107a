from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.models.municipality import BodyType

NEW = "nieuw"
BODY_TYPES = [(BodyType.GEMEENTE.value, "Gemeente"), (BodyType.PROVINCIE.value, "Provincie"),
              (BodyType.WATERSCHAP.value, "Waterschap")]


class NewPlanForm(FlaskForm):
    workspace = SelectField("Voor welke organisatie is het plan?", choices=[], validate_choice=True,
                            description="Kies een organisatie waarvan u lid bent, of maak een nieuwe aan.")
    name = StringField("Naam van de gemeente", validators=[Length(max=120)],
                       description="Zonder het woord ‘gemeente’, bijvoorbeeld: Voorbeeld.")
    body_type = RadioField("Soort organisatie", choices=BODY_TYPES, default=BodyType.GEMEENTE.value,
                           description="Dit bepaalt de woorden in de verordening: raad, provinciale staten of "
                                       "algemeen bestuur.")
    inhabitants = IntegerField("Aantal inwoners", validators=[Optional(), NumberRange(1, 20_000_000,
                               "Vul een aantal in tussen 1 en 20.000.000.")],
                               description="Mag leeg blijven.")
    title = StringField("Naam van het plan", validators=[DataRequired("Geef het plan een naam."), Length(max=200)],
                        default="Participatieverordening",
                        description="Bijvoorbeeld: Participatieverordening 2027.")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.workspace.data == NEW and not (self.name.data or "").strip():
            self.name.errors = list(self.name.errors) + ["Vul de naam van de gemeente in."]
            ok = False
        return ok


class CommentForm(FlaskForm):
    target = StringField(validators=[DataRequired(), Length(max=120)])
    body = TextAreaField("Opmerking", validators=[DataRequired("Schrijf eerst een opmerking."),
                                                  Length(max=5000, message="Gebruik maximaal 5000 tekens.")])


class ImportPlanForm(FlaskForm):
    workspace = SelectField("Bij welke organisatie hoort het plan?", choices=[], validate_choice=True,
                            description="Kies een organisatie waarvan u lid bent, of maak een nieuwe aan met de "
                                        "gegevens uit het bestand.")
    file = FileField("Planbestand (JSON)", validators=[FileRequired("Kies een bestand.")],
                     description="Een bestand dat met ‘Plan downloaden (JSON)’ is gemaakt.")
