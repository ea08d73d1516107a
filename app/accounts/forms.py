from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from app.forms import BaseForm


class RegisterForm(BaseForm):
    name = StringField(_l("Uw naam"), validators=[DataRequired(_l("Vul uw naam in.")), Length(max=120)],
                       description=_l("Zo ziet uw team wie iets heeft gewijzigd."))
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul uw e-mailadres in.")),
                                                      Email(_l("Vul een geldig e-mailadres in.")), Length(max=254)],
                       description=_l("U logt hiermee in."))
    password = PasswordField(_l("Wachtwoord"),
                             validators=[DataRequired(_l("Kies een wachtwoord.")),
                                         Length(min=10, max=200, message=_l("Gebruik ten minste 10 tekens."))],
                             description=_l("Ten minste 10 tekens."))
    confirm = PasswordField(_l("Herhaal het wachtwoord"),
                            validators=[EqualTo("password", _l("De wachtwoorden zijn niet gelijk."))])


class LoginForm(BaseForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul uw e-mailadres in.")), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(_l("Vul uw wachtwoord in.")), Length(max=200)])


class DeleteAccountForm(BaseForm):
    password = PasswordField(_l("Uw wachtwoord"),
                             validators=[DataRequired(_l("Vul uw wachtwoord in ter bevestiging."))],
                             description=_l("Ter bevestiging. Uw account en uw lidmaatschappen worden verwijderd."))
    confirm = BooleanField(_l("Ik begrijp dat dit niet ongedaan kan worden gemaakt"),
                           validators=[DataRequired(_l("Vink dit aan om door te gaan."))])
