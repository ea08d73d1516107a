from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import (DataRequired, Email, InputRequired, Length, NumberRange, Optional, URL,
                                ValidationError)

from app.forms import BaseForm, NumberField, strip


class _DutchMessage:
    """A date or time field that says in Dutch what is wrong with a value it cannot read."""
    message = ""
    pattern = ""

    def process_formdata(self, valuelist):
        if not valuelist or not (valuelist[0] or "").strip():
            self.data = None
            return
        try:
            moment = datetime.strptime(valuelist[0].strip()[:20], self.pattern)
            self.data = moment.date() if isinstance(self, DateField) else moment.time()
        except ValueError:
            self.data = None
            raise ValueError(str(self.message))


class DayField(_DutchMessage, DateField):
    message = _l("Vul een datum in, bijvoorbeeld 2027-03-14.")
    pattern = "%Y-%m-%d"


class ClockField(_DutchMessage, TimeField):
    message = _l("Vul een tijd in, bijvoorbeeld 09:30.")
    pattern = "%H:%M"


class AtelierForm(BaseForm):
    name = StringField(_l("Naam van het leeratelier"),
                       validators=[DataRequired(_l("Geef het leeratelier een naam.")), Length(max=200)],
                       description=_l("Bijvoorbeeld: Leeratelier Gelderland voorjaar 2027. U wordt organisator en "
                                      "facilitator."), filters=[strip])


class RoundForm(BaseForm):
    date = DayField(_l("Datum"), validators=[Optional()])
    start_time = ClockField(_l("Begintijd"), validators=[Optional()])
    end_time = ClockField(_l("Eindtijd"), validators=[Optional()])
    place = StringField(_l("Plaats"), validators=[Length(max=300)], filters=[strip],
                        description=_l("Adres en zaal. Laat leeg bij een online ronde."))
    video_link = StringField(_l("Link naar de videovergadering"),
                             validators=[Optional(), Length(max=500),
                                         URL(message=_l("Vul een volledige link in, beginnend met https://."))],
                             filters=[strip], description=_l("Laat leeg als de ronde niet online is."))


class GroupForm(BaseForm):
    name = StringField(_l("Naam van de nieuwe groep"),
                       validators=[DataRequired(_l("Geef de groep een naam.")), Length(max=120)], filters=[strip],
                       description=_l("Bijvoorbeeld: Tafel 1."))


class InviteForm(BaseForm):
    label = StringField(_l("Voor welke organisatie is de link? (niet verplicht)"), validators=[Length(max=120)],
                        filters=[strip], description=_l("Een geheugensteun voor uzelf. De link werkt één keer, voor "
                                                        "één organisatie, en verloopt na 30 dagen."))
    email = EmailField(_l("E-mailadres van de beheerder (niet verplicht)"),
                       validators=[Optional(), Email(_l("Vul een geldig e-mailadres in, of laat het veld leeg.")),
                                   Length(max=254)],
                       description=_l("Vult u een adres in, dan sturen wij de link ook per e-mail."), filters=[strip])


class JoinForm(BaseForm):
    plan = SelectField(_l("Welk plan neemt deel?"), choices=[], validate_choice=False,
                       description=_l("U kunt alleen een plan kiezen van een organisatie waarvan u beheerder bent."))

    def validate_plan(self, field):
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Kies een van de plannen uit de lijst."))


def seating_form(participants, groups, data=None):
    """One select per participant: the table it sits at in this round, or none."""
    class SeatingForm(BaseForm):
        pass
    choices = [("", _l("Geen groep"))] + [(str(g.id), g.name) for g in groups]
    for p in participants:
        setattr(SeatingForm, f"p{p.id}", SelectField(p.organisation.display_name, choices=choices, default="",
                                                     validate_choice=True))
    form = SeatingForm(data=data)
    return form


def share_form(steps, labels, data=None):
    """One select per step: with whom the organisation shares its answers."""
    class ShareForm(BaseForm):
        pass
    for step in steps:
        setattr(ShareForm, f"stap{step.number}", SelectField(
            _l("Stap %(number)s: %(title)s", number=step.number, title=step.title),
            choices=list(labels.items()), validate_choice=True))
    return ShareForm(data=data)


class MessageForm(BaseForm):
    body = TextAreaField(_l("Bericht"), validators=[DataRequired(_l("Schrijf een bericht.")), Length(max=1000)],
                         filters=[strip], description=_l("De deelnemers zien het zonder de pagina te herladen."))
    group = SelectField(_l("Aan wie"), choices=[], validate_choice=False)

    def validate_group(self, field):
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Kies een groep van deze ronde, of iedereen."))


def message_form(groups, **kwargs) -> MessageForm:
    form = MessageForm(**kwargs)
    form.group.choices = [("", _l("Iedereen"))] + [(str(g.id), g.name) for g in groups]
    return form


class CountdownForm(BaseForm):
    minutes = NumberField(_l("Aantal minuten"), unit="minuten", validators=[
        InputRequired(_l("Vul een aantal minuten in.")),
        NumberRange(min=1, max=180, message=_l("Kies een aantal minuten van 1 tot en met 180."))],
        description=_l("Iedereen in het atelier ziet hoeveel tijd er nog is voor de oefening."))


class TakeOverForm(BaseForm):
    """"Overnemen": which answer (whose, which step and question, which row of a list) and from which version of
    one's own step the page was read. All hidden: the page fills them in."""
    participant = IntegerField(validators=[InputRequired()])
    step = IntegerField(validators=[InputRequired()])
    question = StringField(validators=[InputRequired(), Length(max=100)])
    row = IntegerField(validators=[Optional()])
    version = IntegerField(validators=[InputRequired()])
    #: empty on the round page's button: then the confirm page shows what would change; set there by the choice
    mode = StringField(validators=[Optional(), Length(max=20)])


class FacilitatorForm(BaseForm):
    email = EmailField(_l("E-mailadres van de nieuwe facilitator"),
                       validators=[DataRequired(_l("Vul het e-mailadres in.")),
                                   Email(_l("Vul een geldig e-mailadres in.")), Length(max=254)],
                       filters=[strip], description=_l("Deze persoon moet al een account hebben."))
