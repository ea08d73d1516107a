"""Forms of the beheerder's pages: the organisation's details, deleting it, and the audit log's filter."""
from flask_babel import gettext as _, lazy_gettext as _l
from app.forms import BaseForm, NumberField
from wtforms import BooleanField, DateField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from app.plans.forms import BODY_TYPE_CHOICES
from app.services.core import audit
from app.services.questions.answers import clean_line


class OrganisationForm(BaseForm):
    """The same rules as the new-plan form's fields for a new organisation."""
    name = StringField(_l("Naam"), filters=[clean_line],
                       validators=[DataRequired(_l("Vul de naam van de organisatie in.")),
                                   Length(max=120, message=_l("Gebruik maximaal 120 tekens."))],
                       description=_l("Zonder het woord ‘gemeente’, bijvoorbeeld: Voorbeeld."))
    body_type = RadioField(_l("Soort organisatie"), choices=BODY_TYPE_CHOICES,
                           validators=[DataRequired(_l("Kies de soort organisatie."))],
                           description=_l("Dit bepaalt de woorden in de verordening: raad, provinciale staten of "
                                          "algemeen bestuur."))
    inhabitants = NumberField(_l("Aantal inwoners"), unit="inwoners", validators=[Optional(), NumberRange(1, 20_000_000,
                               _l("Vul een aantal in tussen 1 en 20.000.000."))],
                               description=_l("Mag leeg blijven."))
    ori_source = StringField(_l("Bron bij Open Raadsinformatie"), filters=[clean_line],
                             validators=[Optional(), Length(max=64, message=_l("Gebruik maximaal 64 tekens.")),
                                         Regexp(r"^(?:(ori|osi|owi)_)?[a-z0-9][a-z0-9_]{1,58}$", message=_l(
                                             "Vul de naam van de index in met kleine letters, cijfers en liggende "
                                             "streepjes, bijvoorbeeld ori_utrecht."))],
                             description=_l("De naam van de index van uw organisatie bij Open Raadsinformatie, "
                                            "bijvoorbeeld ori_utrecht. Daarmee haalt de route naar vaststelling de "
                                            "vergaderdata op. Mag leeg blijven."))


class ConfirmNameForm(BaseForm):
    """Typing the name of what is deleted, so a slip of the mouse deletes nothing."""
    confirm = StringField(_l("Typ de naam ter bevestiging"), filters=[clean_line],
                          validators=[DataRequired(_l("Typ de naam om het verwijderen te bevestigen.")),
                                      Length(max=300)])


class AuditFilterForm(BaseForm):
    """The log page's filter; read from the query string, so a filtered page can be bookmarked."""
    class Meta:
        csrf = False  # a GET form that changes nothing

    soort = SelectField(_l("Soort gebeurtenis"), choices=[], default="", validate_choice=True)
    van = DateField(_l("Vanaf"), validators=[Optional()])
    tot = DateField(_l("Tot en met"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.soort.choices = [("", _("Alle gebeurtenissen"))] + \
            sorted(((a.value, str(text)) for a, text in audit.LABELS.items()), key=lambda c: c[1])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.van.data and self.tot.data and self.tot.data < self.van.data:
            self.tot.errors = list(self.tot.errors) + [_("Deze datum ligt vóór de datum bij ‘Vanaf’.")]
            ok = False
        return ok


class SingleSignOnForm(BaseForm):
    """The organisation's identity provider (OpenID Connect)."""
    issuer = StringField(_l("Adres van de identity provider (issuer)"), filters=[clean_line],
                         validators=[DataRequired(_l("Vul het adres van de identity provider in.")),
                                     Length(max=300, message=_l("Gebruik maximaal 300 tekens."))],
                         description=_l("Het adres dat de identity provider als ‘issuer’ noemt, bijvoorbeeld "
                                        "https://login.voorbeeldstad.nl. Daar leest de app het discovery-document."))
    client_id = StringField(_l("Client-id"), filters=[clean_line],
                            validators=[DataRequired(_l("Vul de client-id in die de identity provider gaf.")),
                                        Length(max=200, message=_l("Gebruik maximaal 200 tekens."))])
    client_secret = PasswordField(_l("Geheim (client secret)"),
                                  validators=[Optional(), Length(max=500, message=_l("Gebruik maximaal 500 tekens."))],
                                  description=_l("Wordt versleuteld bewaard en nooit meer getoond. Laat leeg om het "
                                                 "bewaarde geheim te houden."))
    email_domain = StringField(_l("Domein van de e-mailadressen"), filters=[clean_line],
                               validators=[DataRequired(_l("Vul het domein in, bijvoorbeeld voorbeeldstad.nl.")),
                                           Length(max=200, message=_l("Gebruik maximaal 200 tekens."))],
                               description=_l("Alleen wie een bevestigd adres op dit domein heeft, kan zo inloggen. "
                                              "Nieuwe leden krijgen de rol meelezer."))
    allow_password_login = BooleanField(_l("Leden mogen ook inloggen met een eigen wachtwoord"), default=True)
