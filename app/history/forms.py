from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class SnapshotForm(FlaskForm):
    name = StringField("Naam van de versie", validators=[DataRequired("Geef de versie een naam."),
                                                         Length(max=200, message="Gebruik maximaal 200 tekens.")],
                       description="Bijvoorbeeld: versie voor het college, of: na inspraakreactie.")
