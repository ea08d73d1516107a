"""Forms for the round's opdrachten and huiswerk, marking homework done, and reactions on shared answers."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, ValidationError

from app.adoption.forms import PlanDateField  # the app's Dutch date input (dd-mm-jjjj)
from app.forms import BaseForm, strip
from app.models.atelier_homework import AssignmentKind


class AssignmentForm(BaseForm):
    title = StringField(_l("Titel"), validators=[DataRequired(_l("Geef de opdracht een titel.")),
                                                 Length(max=200, message=_l("Houd de titel op hoogstens 200 tekens."))],
                        filters=[strip], description=_l("Bijvoorbeeld: Spreek twee partijen uit uw witte vlek."))
    description = TextAreaField(_l("Beschrijving (niet verplicht)"),
                                validators=[Length(max=2000, message=_l("Houd de beschrijving op hoogstens 2.000 "
                                                                        "tekens."))],
                                filters=[strip], description=_l("Gewone tekst, zonder opmaak."))
    kind = RadioField(_l("Soort"), choices=[(AssignmentKind.TASK.value, _l("Opdracht (tijdens de ronde)")),
                                            (AssignmentKind.HOMEWORK.value, _l("Huiswerk (tussen de rondes)"))],
                      default=AssignmentKind.TASK.value,
                      validators=[InputRequired(_l("Kies of het een opdracht of huiswerk is."))])
    due_date = PlanDateField(_l("Inleveren vóór"),
                             description=_l("Verplicht bij huiswerk. Bijvoorbeeld 12-01-2027."))

    def validate_due_date(self, field):
        if field.data is None and not field.errors and self.kind.data == AssignmentKind.HOMEWORK.value:
            raise ValidationError(_l("Vul in vóór welke datum het huiswerk af moet zijn."))


class DoneForm(BaseForm):
    """Marks the homework done ("ja") or undoes it ("nee"): a hidden field the page fills in."""
    done = StringField(validators=[InputRequired(), AnyOf(["ja", "nee"])])


class ReactionForm(BaseForm):
    """A reaction on one shared answer: whose, which step and question (hidden), and the text."""
    participant = IntegerField(validators=[InputRequired()])
    step = IntegerField(validators=[InputRequired()])
    question = StringField(validators=[InputRequired(), Length(max=100)])
    body = TextAreaField(_l("Uw reactie"), filters=[strip], validators=[
        DataRequired(_l("Schrijf een reactie.")),
        Length(max=1000, message=_l("Een reactie is hoogstens 1.000 tekens lang. Maak hem korter."))],
        description=_l("Hoogstens 1.000 tekens, gewone tekst. Iedereen die dit antwoord ziet, ziet ook uw reactie."))
