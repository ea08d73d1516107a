from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField
from wtforms.validators import Email, Length, Optional

from app.forms import BaseForm, strip
from app.services.core.access import ROLE_LABELS

ROLE_CHOICES = list(ROLE_LABELS.items())


class InviteForm(BaseForm):
    role = SelectField(_l("Rol van de nieuwe deelnemer"), choices=ROLE_CHOICES, default="redacteur",
                       description=_l("De link werkt één keer, voor iemand die is ingelogd, en verloopt na "
                                      "14 dagen."))
    email = EmailField(_l("E-mailadres (niet verplicht)"),
                       validators=[Optional(), Email(_l("Vul een geldig e-mailadres in, of laat het veld leeg.")),
                                   Length(max=254)],
                       description=_l("Vult u een adres in, dan sturen wij de link ook per e-mail."), filters=[strip])


class RoleForm(BaseForm):
    role = SelectField(_l("Rol"), choices=ROLE_CHOICES)
