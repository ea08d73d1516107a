from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.forms import BaseForm


class SnapshotForm(BaseForm):
    name = StringField(_l("Naam van de versie"),
                       validators=[DataRequired(_l("Geef de versie een naam.")),
                                   Length(max=200, message=_l("Gebruik maximaal 200 tekens."))],
                       description=_l("Bijvoorbeeld: versie voor het college, of: na inspraakreactie."))
