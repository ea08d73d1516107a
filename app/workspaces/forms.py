from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from app.services.access import ROLE_LABELS

ROLE_CHOICES = list(ROLE_LABELS.items())


class InviteForm(FlaskForm):
    role = SelectField(_l("Rol van de nieuwe deelnemer"), choices=ROLE_CHOICES, default="redacteur",
                       description=_l("De link werkt één keer, voor iemand die is ingelogd."))


class RoleForm(FlaskForm):
    role = SelectField(_l("Rol"), choices=ROLE_CHOICES)
