from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from app.forms import BaseForm
from app.services.access import ROLE_LABELS

ROLE_CHOICES = list(ROLE_LABELS.items())


class InviteForm(BaseForm):
    role = SelectField(_l("Rol van de nieuwe deelnemer"), choices=ROLE_CHOICES, default="redacteur",
                       description=_l("De link werkt één keer, voor iemand die is ingelogd."))


class RoleForm(BaseForm):
    role = SelectField(_l("Rol"), choices=ROLE_CHOICES)
