"""Forms of the route to adoption: the schedule's settings, the meeting dates and the .ics import."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, RadioField, SelectField, StringField,
                     TextAreaField)
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError

from app.forms import BaseForm
from app.services.core import dates
from app.services.adoption import RouteContent, label_for
from app.services.adoption.calendar_io import MAX_EVENTS
from app.services.adoption.planner import MAX_WEEKS

FIRST_YEAR, LAST_YEAR = 2020, 2100
MAX_MEETINGS = 200


class PlanDateField(StringField):
    """A date between 2020 and 2100 as people write it ("12 januari 2027", "12-1-2027"), shown the Dutch way; a
    refused date keeps what was typed."""

    def process_formdata(self, valuelist):
        self.raw_text = valuelist[0] if valuelist else ""
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = dates.parse_date(valuelist[0], FIRST_YEAR, LAST_YEAR)
        except dates.DateError as exc:
            self.data = None
            raise ValueError(str(exc)) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return dates.format_date(self.data) if isinstance(self.data, date) else ""


def parse_date(text: str) -> date | None:
    return dates.parse_or_none(text)


class ScheduleForm(BaseForm):
    target = PlanDateField(_l("Beoogde datum van inwerkingtreding"),
                           validators=[InputRequired(_l("Vul de datum in waarop de verordening moet gelden."))],
                           description=_l("Meestal 1 januari 2027: uiterlijk op die dag moet de "
                                          "participatieverordening in werking zijn getreden (Wet versterking "
                                          "participatie op decentraal niveau)."))
    consultation_with = RadioField(_l("Wie reageert op het concept?"), default="adviesraad",
                                   choices=[("adviesraad", _l("De adviesraad")), ("inwoners", _l("Inwoners")),
                                            ("beide", _l("De adviesraad en inwoners"))],
                                   description=_l("Bij de stap ‘Consultatie op het concept’."))


def schedule_form(content: RouteContent, body_type: str, **kwargs) -> ScheduleForm:
    """The settings form with a weeks field (and, for an optional step, a skip box) for every step of the route."""
    fields = {}
    for spec in content.steps:
        label = label_for(spec, body_type)
        fields[f"weeks_{spec.key}"] = IntegerField(
            _l("%(step)s: aantal weken", step=label),
            validators=[InputRequired(_l("Vul een aantal weken in, 0 of meer.")),
                        NumberRange(0, MAX_WEEKS, _l("Vul een aantal weken in van 0 tot en met %(max)s.",
                                                     max=MAX_WEEKS))],
            description=_l("Minimaal aantal weken na de vorige stap."), default=spec.weeks)
        if spec is not content.steps[-1]:  # the last step's date is the target date above
            fields[f"day_{spec.key}"] = PlanDateField(_l("%(step)s: gedaan of vastgelegd op", step=label))
        if spec.optional:
            fields[f"skip_{spec.key}"] = BooleanField(_l("%(step)s overslaan", step=label))
    form_class = type("PlanScheduleForm", (ScheduleForm,), fields)
    return form_class(**kwargs)


class AcceptEarliestForm(BaseForm):
    """One button: take the planner's earliest possible date as the target date."""


class MeetingsForm(BaseForm):
    college = TextAreaField(_l("Vergaderdata van het college"), validators=[Length(max=5000)])
    commissie = TextAreaField(_l("Vergaderdata van de commissie"), validators=[Length(max=5000)])
    raad = TextAreaField(_l("Vergaderdata van de raad"), validators=[Length(max=5000)])

    def dates(self, name: str) -> list[date]:
        return getattr(self, name).parsed

    def _check(self, field):
        field.parsed = []
        lines = [line.strip() for line in (field.data or "").splitlines() if line.strip()]
        if len(lines) > MAX_MEETINGS:
            raise ValidationError(_("Vul ten hoogste %(max)s data in.", max=MAX_MEETINGS))
        for number, line in enumerate(lines, 1):
            day = parse_date(line)
            if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise ValidationError(_("Regel %(number)s (‘%(text)s’) is geen datum tussen %(first)s en %(last)s. "
                                        "Schrijf één datum per regel, bijvoorbeeld 14 oktober 2026 of 14-10-2026.",
                                        number=number, text=line[:30], first=FIRST_YEAR, last=LAST_YEAR))
            field.parsed.append(day)

    validate_college = validate_commissie = validate_raad = _check


class ImportMeetingsForm(BaseForm):
    file = FileField(_l("Agendabestand (.ics)"), validators=[FileRequired(_l("Kies een agendabestand (.ics)."))],
                     description=_l("Bijvoorbeeld de vergaderkalender van de griffie. Ten hoogste 1 MB en "
                                    "%(events)s afspraken; herhalende afspraken worden uitgerekend tot twee jaar "
                                    "vooruit. U ziet eerst wat er is herkend; pas na uw bevestiging wordt het "
                                    "opgeslagen.", events=MAX_EVENTS))
    body_for_unknown = SelectField(
        _l("Afspraken waarvan de naam niet zegt wie vergadert"), default="",
        choices=[("", _l("Overslaan")), ("college", _l("Vergaderingen van het college")),
                 ("commissie", _l("Vergaderingen van de commissie")), ("raad", _l("Vergaderingen van de raad"))],
        description=_l("Een afspraak met ‘commissie’, ‘college’ of ‘raad’ in de naam wordt vanzelf "
                       "herkend."))


class FetchMeetingsForm(BaseForm):
    """The button that fetches the meetings from Open Raadsinformatie; errors are shown next to it."""
    source = HiddenField()


class ConfirmImportForm(BaseForm):
    """The preview's confirmation: the recognised meetings travel signed in a hidden field."""
    token = HiddenField(validators=[InputRequired()])  # a missing token: calendar_io.expired_preview_message()
