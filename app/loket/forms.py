"""Forms of the loket: the intake per right (built from the right's field list), the adoption and case handling."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from app.adoption.forms import PlanDateField
from app.forms import BaseForm, strip
from app.services.loket.content import RightText
from app.services.loket.requests import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS


class IntakeBase(BaseForm):
    requester_name = StringField(_l("Uw naam, of de naam van uw organisatie"), filters=[strip],
                                 validators=[InputRequired(_l("Vul uw naam in.")),
                                             Length(max=200, message=_l("Gebruik ten hoogste 200 tekens."))])
    requester_address = StringField(_l("Uw adres"), filters=[strip],
                                    description=_l("Straat, huisnummer en woonplaats. Het besluit sturen wij ook "
                                                   "per post als u dat vraagt."),
                                    validators=[InputRequired(_l("Vul uw adres in.")),
                                                Length(max=300, message=_l("Gebruik ten hoogste 300 tekens."))])
    requester_email = EmailField(_l("Uw e-mailadres"), filters=[strip],
                                 description=_l("Hierheen sturen wij de ontvangstbevestiging en de link om uw verzoek "
                                                "te volgen."),
                                 validators=[InputRequired(_l("Vul uw e-mailadres in.")),
                                             Email(message=_l("Vul een geldig e-mailadres in, bijvoorbeeld "
                                                              "naam@voorbeeld.nl.")),
                                             Length(max=254, message=_l("Gebruik ten hoogste 254 tekens."))])
    attachments = MultipleFileField(
        _l("Bijlagen (niet verplicht)"),
        description=_l("Ten hoogste %(count)s bestanden van elk ten hoogste %(mb)s MB: PDF, Word (.docx), "
                       "OpenDocument (.odt), JPG of PNG.", count=MAX_ATTACHMENTS,
                       mb=MAX_ATTACHMENT_BYTES // (1024 * 1024)))
    privacy = BooleanField(_l("Ik heb gelezen wat er met mijn gegevens gebeurt"),
                           validators=[DataRequired(_l("Bevestig dat u hebt gelezen wat er met uw gegevens "
                                                       "gebeurt."))])


def intake_form(text: RightText, words: dict[str, str]) -> type[IntakeBase]:
    """A form class with the fields the ordinance's article asks for this right (handreiking/loket/loket.yaml)."""
    attrs = {}
    for spec in text.fields:
        validators = [InputRequired(_l("Vul dit veld in.")) if spec.required else Optional(),
                      Length(max=spec.max_length, message=_l("Gebruik ten hoogste %(max)s tekens.",
                                                             max=spec.max_length))]
        kind = TextAreaField if spec.long else StringField
        attrs[f"f_{spec.key}"] = kind(spec.label.format(**words), validators=validators,
                                      description=spec.help.format(**words) if spec.help else "")
    return type(f"Intake_{text.key}", (IntakeBase,), attrs)


class AdoptForm(BaseForm):
    snapshot = SelectField(_l("Vastgestelde versie"), coerce=int,
                           description=_l("De bewaarde versie van het plan waarvan de verordening is vastgesteld."))
    decided_on = PlanDateField(_l("Datum van het raadsbesluit"),
                               validators=[InputRequired(_l("Vul de datum van het raadsbesluit in."))])
    in_force_from = PlanDateField(_l("In werking vanaf"),
                                  validators=[InputRequired(_l("Vul de datum van inwerkingtreding in."))])


class ActionForm(BaseForm):
    """Only the CSRF token: a button that needs no further choice."""


class AssignForm(BaseForm):
    assignee = SelectField(_l("Behandelaar"), coerce=str)


class NoteForm(BaseForm):
    body = TextAreaField(_l("Interne notitie"), description=_l("Alleen zichtbaar voor behandelaars."),
                         validators=[InputRequired(_l("Schrijf een notitie.")),
                                     Length(max=4000, message=_l("Gebruik ten hoogste 4000 tekens."))])


class PostponeForm(BaseForm):
    until = PlanDateField(_l("Nieuwe uiterste datum"), validators=[InputRequired(_l("Vul de nieuwe datum in."))])
    reason = TextAreaField(_l("Reden van de verdaging"), description=_l("De verzoeker leest deze reden."),
                           validators=[InputRequired(_l("Geef de reden van de verdaging.")),
                                       Length(max=2000, message=_l("Gebruik ten hoogste 2000 tekens."))])


class DecideForm(BaseForm):
    outcome = RadioField(_l("Besluit"), choices=[("toegekend", _l("Toegekend")), ("afgewezen", _l("Afgewezen")),
                                                 ("deels", _l("Deels toegekend"))],
                         validators=[InputRequired(_l("Kies het besluit."))])
    reasons = TextAreaField(_l("Motivering"), description=_l("Waarom dit besluit? De motivering komt in de brief "
                                                             "(artikel 3:46 Awb)."),
                            validators=[InputRequired(_l("Schrijf de motivering.")),
                                        Length(max=8000, message=_l("Gebruik ten hoogste 8000 tekens."))])
    conditions = TextAreaField(_l("Voorwaarden (niet verplicht)"),
                               validators=[Length(max=4000, message=_l("Gebruik ten hoogste 4000 tekens."))])


class SupportForm(BaseForm):
    email = EmailField(_l("Uw e-mailadres"), filters=[strip],
                       description=_l("Wij sturen u een link om uw steun te bevestigen. Eén keer steunen per "
                                      "e-mailadres."),
                       validators=[InputRequired(_l("Vul uw e-mailadres in.")),
                                   Email(message=_l("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")),
                                   Length(max=254, message=_l("Gebruik ten hoogste 254 tekens."))])
    resident = BooleanField(_l("Ik woon in deze gemeente en voldoe aan de leeftijdsgrens van de verordening"),
                            validators=[DataRequired(_l("Alleen inwoners kunnen een burgerinitiatief steunen."))])


class PaperForm(BaseForm):
    count = StringField(_l("Geteld op papieren lijsten (totaal)"),
                        description=_l("Het aantal geldige ondersteuners op de papieren lijsten, na controle."),
                        validators=[InputRequired(_l("Vul het aantal in."))])

    def validate_count(self, field):
        from wtforms.validators import ValidationError
        text = (field.data or "").strip()
        if not re.fullmatch(r"[0-9]{1,7}", text) or int(text) > 1_000_000:
            raise ValidationError(_l("Vul een heel getal in, bijvoorbeeld 120."))
