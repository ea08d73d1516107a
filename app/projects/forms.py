"""Forms of projects: their details, publishing and the JSON import. The plan and verslag are question sets
(handreiking/projects/*.yaml) parsed like the wizard's steps."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app.adoption.forms import PlanDateField  # the app's date input with Dutch messages
from app.forms import BaseForm


TOO_LONG = _l("Gebruik ten hoogste 200 tekens.")


class ProjectForm(BaseForm):
    name = StringField(_l("Naam van het traject"), validators=[InputRequired(_l("Vul de naam van het traject in.")),
                                                               Length(max=200, message=TOO_LONG)],
                       description=_l("Bijvoorbeeld ‘Herinrichting Stationsplein’."))
    domain = SelectField(_l("Beleidsterrein"), validators=[InputRequired(_l("Kies een beleidsterrein."))])
    owner = SelectField(_l("Eigenaar"), default="",
                        description=_l("Een lid van het team, of vul hieronder een naam in."))
    owner_name = StringField(_l("Of: naam van de eigenaar"), validators=[Length(max=200, message=TOO_LONG)],
                             description=_l("Voor een eigenaar die geen lid van het team is."))
    phase = RadioField(_l("Fase"), validators=[InputRequired(_l("Kies een fase."))], default="idee")
    impact = RadioField(_l("Verwachte impact"), validators=[InputRequired(_l("Kies de verwachte impact."))],
                        default="middel")
    area = StringField(_l("Gebied"), validators=[Length(max=200, message=TOO_LONG)],
                       description=_l("Bijvoorbeeld een wijk, een straat of ‘de hele gemeente’."))
    plan = SelectField(_l("Verordening die het traject volgt"), default="",
                       description=_l("Het plan van uw organisatie waarin de verordening staat. De assistent toetst "
                                      "het participatieplan daaraan."))
    version = HiddenField()

    def fill_choices(self, content, members, plans) -> ProjectForm:
        self.domain.choices = [("", _l("— Kies —"))] + [(o.value, o.label) for o in content.domains]
        self.phase.choices = [(o.value, o.label) for o in content.phases]
        self.impact.choices = [(o.value, o.label) for o in content.impacts]
        self.owner.choices = [("", _l("— Geen lid van het team —"))] + [(str(u.id), u.name) for u in members]
        self.plan.choices = [("", _l("— Nog geen —"))] + [(str(p.id), p.title) for p in plans]
        return self

    def validate_owner_name(self, field):
        if self.owner.data and (field.data or "").strip():
            raise ValidationError(_l("Kies een lid van het team of vul een naam in, niet allebei."))

    def details(self) -> dict:
        return {"name": self.name.data.strip(), "domain": self.domain.data, "phase": self.phase.data,
                "impact": self.impact.data, "area": (self.area.data or "").strip() or None,
                "owner_id": int(self.owner.data) if self.owner.data else None,
                "owner_name": (self.owner_name.data or "").strip() or None,
                "plan_id": int(self.plan.data) if self.plan.data else None}


class PublishForm(BaseForm):
    publish = HiddenField(validators=[InputRequired()])

    def validate_publish(self, field):
        if field.data not in ("ja", "nee"):
            raise ValidationError(_l("Kies openbaar maken of niet meer openbaar."))


class ImportProjectForm(BaseForm):
    file = FileField(_l("Traject als JSON-bestand"), validators=[FileRequired(_l("Kies een JSON-bestand."))],
                     description=_l("Een bestand dat u eerder bij een traject heeft gedownload. Ten hoogste 1 MB."))


class ConfirmForm(BaseForm):
    confirm = StringField(_l("Typ de naam van het traject"),
                          validators=[InputRequired(_l("Typ de naam van het traject om te bevestigen."))])


class ProjectCommentForm(BaseForm):
    body = TextAreaField(_l("Opmerking voor het team"), validators=[
        DataRequired(_l("Schrijf eerst een opmerking.")),
        Length(max=5000, message=_l("Gebruik maximaal 5000 tekens."))],
        description=_l("Alleen het team ziet opmerkingen; ze staan nooit op de openbare pagina."))


class PeriodForm(BaseForm):
    """The period of the ordinance's evaluation, read from the address (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    van = PlanDateField(_l("Van"), validators=[Optional()], description=_l("Eerste dag van de periode."))
    tot = PlanDateField(_l("Tot en met"), validators=[Optional()], description=_l("Laatste dag van de periode."))

    def validate_tot(self, field):
        if field.data and self.van.data and field.data < self.van.data:
            raise ValidationError(_l("De laatste dag ligt vóór de eerste dag."))
