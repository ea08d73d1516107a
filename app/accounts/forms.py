from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from app.forms import BaseForm, strip


class RegisterForm(BaseForm):
    name = StringField(_l("Uw naam"), validators=[DataRequired(_l("Vul uw naam in.")), Length(max=120)],
                       description=_l("Zo ziet uw team wie iets heeft gewijzigd."))
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul uw e-mailadres in.")),
                                                      Email(_l("Vul een geldig e-mailadres in.")), Length(max=254)],
                       description=_l("U logt hiermee in."), filters=[strip])
    password = PasswordField(_l("Wachtwoord"),
                             validators=[DataRequired(_l("Kies een wachtwoord.")),
                                         Length(min=10, max=200, message=_l("Gebruik ten minste 10 tekens."))],
                             description=_l("Ten minste 10 tekens, niet makkelijk te raden. Een paar losse woorden "
                                            "werkt goed."))
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


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(_l("Huidig wachtwoord"),
                                     validators=[DataRequired(_l("Vul uw huidige wachtwoord in.")), Length(max=200)])
    new_password = PasswordField(_l("Nieuw wachtwoord"),
                                 validators=[DataRequired(_l("Kies een nieuw wachtwoord.")),
                                             Length(min=10, max=200, message=_l("Gebruik ten minste 10 tekens."))],
                                 description=_l("Ten minste 10 tekens. Op uw andere apparaten wordt u uitgelogd."))
    new_password_confirm = PasswordField(_l("Herhaal het nieuwe wachtwoord"),
                                         validators=[EqualTo("new_password", _l("De wachtwoorden zijn niet gelijk."))])


_CODE_INPUT = {"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "8"}


class CodeForm(BaseForm):
    """The six-digit code from the authenticator app: at login and to confirm the set-up."""
    code = StringField(_l("Code uit uw authenticator-app"),
                       validators=[DataRequired(_l("Vul de code van 6 cijfers in.")), Length(max=20)],
                       description=_l("6 cijfers. De app toont elke 30 seconden een nieuwe code."),
                       render_kw=_CODE_INPUT)


class DisableSecondFactorForm(BaseForm):
    password = PasswordField(_l("Uw wachtwoord"), validators=[DataRequired(_l("Vul uw wachtwoord in.")),
                                                              Length(max=200)])
    code = StringField(_l("Code uit uw authenticator-app"),
                       validators=[DataRequired(_l("Vul de code van 6 cijfers in.")), Length(max=20)],
                       render_kw=_CODE_INPUT)


class OrganisationSecondFactorForm(BaseForm):
    required = BooleanField(_l("Leden moeten een tweede factor gebruiken"),
                            description=_l("Wie nog geen tweede factor heeft, stelt die eerst in voordat de pagina's "
                                           "van deze organisatie opengaan."))


class ForgotPasswordForm(BaseForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul uw e-mailadres in.")),
                                                      Email(_l("Vul een geldig e-mailadres in.")), Length(max=254)],
                       description=_l("Het adres waarmee u inlogt."), filters=[strip])


class ResetPasswordForm(BaseForm):
    password = PasswordField(_l("Nieuw wachtwoord"),
                             validators=[DataRequired(_l("Kies een wachtwoord.")),
                                         Length(min=10, max=200, message=_l("Gebruik ten minste 10 tekens."))],
                             description=_l("Ten minste 10 tekens, niet makkelijk te raden. Een paar losse woorden "
                                            "werkt goed."))
    confirm = PasswordField(_l("Herhaal het nieuwe wachtwoord"),
                            validators=[EqualTo("password", _l("De wachtwoorden zijn niet gelijk."))])


class ConfirmEmailForm(BaseForm):
    """Only the button: a link opened by a mail scanner must not use up the confirmation."""


class OrganisationLoginForm(BaseForm):
    """Single sign-on: the work address tells which organisation's identity provider to use."""
    email = EmailField(_l("E-mailadres van uw werk"),
                       validators=[DataRequired(_l("Vul het e-mailadres van uw werk in.")), Length(max=254)],
                       description=_l("U logt in op de inlogpagina van uw organisatie."), filters=[strip])
