from flask_wtf import FlaskForm
from wtforms import SelectField

from app.services.permissions import ROLE_LABELS

ROLE_CHOICES = list(ROLE_LABELS.items())


class InviteForm(FlaskForm):
    role = SelectField("Rol van de nieuwe deelnemer", choices=ROLE_CHOICES, default="redacteur",
                       description="De link werkt één keer, voor iemand die is ingelogd.")


class RoleForm(FlaskForm):
    role = SelectField("Rol", choices=ROLE_CHOICES)
