"""The public survey form (built from the survey's questions) and the team's forms."""
from __future__ import annotations

from functools import lru_cache

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.forms import BaseForm
from app.services.surveys.surveys import CHOICE, MAX_CODES, MAX_LABEL, NUMBER, OPEN, SCALE, YES_NO, SurveyQuestion


class AnswerForm(BaseForm):
    #: the honeypot: hidden from people, filled by bots; a filled one is thanked and not stored
    website = StringField(_l("Laat dit veld leeg"), validators=[Optional(), Length(max=200)])
    #: asked only when the survey works with one-time codes (Survey.with_codes)
    code = StringField(_l("Toegangscode"), description=_l("De code die u op papier of per e-mail kreeg, bijvoorbeeld "
                                                          "ABCD-EFGH. Elke code werkt één keer."),
                       validators=[Optional(), Length(max=40)])

    def answers(self, questions: list[SurveyQuestion]) -> dict[str, str]:
        return {q.key: (self[f"q_{q.key}"].data or "") for q in questions}

    def filled_honeypot(self) -> bool:
        return bool((self.website.data or "").strip())


def answer_form(questions: list[SurveyQuestion], **kwargs) -> AnswerForm:
    """Every question may be skipped. The form shows the questions; the engine's types check the answers when they are
    stored (surveys.submit), and the view puts what they refuse next to the field. An open answer's limit is also
    told here, at once, in the words the visitor knows."""
    return _form_class(tuple(questions))(**kwargs)


@lru_cache(maxsize=256)
def _form_class(questions: tuple[SurveyQuestion, ...]) -> type[AnswerForm]:
    # One class per set of questions, made once: a burst of answers to one survey builds no class per request.
    fields = {}
    for q in questions:
        if q.options:   # a scale or a choice: radio buttons; whether the value is one of them, the engine checks
            fields[f"q_{q.key}"] = RadioField(q.label, choices=list(q.options), description=q.help,
                                              validate_choice=False, validators=[Optional()])
        elif q.kind == YES_NO:
            fields[f"q_{q.key}"] = RadioField(q.label, choices=[("ja", _l("Ja")), ("nee", _l("Nee"))],
                                              description=q.help, validate_choice=False, validators=[Optional()])
        elif q.kind == NUMBER:   # the engine reads the number (Dutch style) and checks its bounds
            fields[f"q_{q.key}"] = StringField(q.label, description=q.help or _number_help(q),
                                               validators=[Optional(), Length(max=20)],
                                               render_kw={"inputmode": "numeric", "autocomplete": "off"})
        else:
            limit = q.question.text_limit()
            fields[f"q_{q.key}"] = TextAreaField(q.label, description=q.help, validators=[
                Length(max=limit, message=_l("Houd uw antwoord korter dan %(max)s tekens.", max=limit))])
    return type("SurveyAnswerForm", (AnswerForm,), fields)


def _number_help(q: SurveyQuestion) -> str:
    low, high = q.question.min, q.question.max
    if low is not None and high is not None:
        return _l("Een heel getal van %(min)s tot en met %(max)s.", min=low, max=high)
    return _l("Een heel getal.")


class ConfirmForm(BaseForm):
    audience = HiddenField()


class QuestionForm(BaseForm):
    label = StringField(_l("Uw vraag"), description=_l("Kort en in gewone taal, bijvoorbeeld: “Was de avond op een "
                                                       "goed tijdstip?”"),
                        validators=[InputRequired(_l("Typ de vraag.")),
                                    Length(max=MAX_LABEL, message=_l("Houd de vraag korter dan %(max)s tekens.",
                                                                     max=MAX_LABEL))])
    kind = RadioField(_l("Soort antwoord"), choices=[
        (YES_NO, _l("Ja of nee")),
        (CHOICE, _l("Een keuze uit uw eigen mogelijkheden")),
        (SCALE, _l("Een schaal: van 1 (helemaal oneens) tot 5 (helemaal eens), of met uw eigen woorden")),
        (NUMBER, _l("Een getal")),
        (OPEN, _l("Een kort antwoord in eigen woorden"))],
        validators=[InputRequired(_l("Kies het soort antwoord."))])
    options = TextAreaField(_l("Keuzes (alleen bij een keuze)"),
                            description=_l("Elke keuze op een eigen regel, 2 tot en met 8; bijvoorbeeld “De flyer”, "
                                           "“Een buurman”, “De website”."), validators=[Length(max=2000)])
    labels = TextAreaField(_l("Woorden van de schaal (alleen bij een schaal, mag leeg)"),
                           description=_l("Van laag naar hoog, elk op een eigen regel, 3 tot en met 7; bijvoorbeeld "
                                          "“Veel te vroeg”, “Goed”, “Veel te laat”. Leeg: helemaal oneens tot "
                                          "helemaal eens."), validators=[Length(max=1000)])
    minimum = StringField(_l("Laagste getal (alleen bij een getal, mag leeg)"), validators=[Length(max=20)],
                          render_kw={"inputmode": "numeric"})
    maximum = StringField(_l("Hoogste getal (alleen bij een getal, mag leeg)"), validators=[Length(max=20)],
                          render_kw={"inputmode": "numeric"})
    audience = HiddenField()


class RemoveQuestionForm(BaseForm):
    key = HiddenField()
    audience = HiddenField()


class SettingsForm(BaseForm):
    event_mode = BooleanField(_l("Avondstand: één apparaat, veel antwoorden"),
                              description=_l("Voor een tablet op een bijeenkomst: na elk antwoord verschijnt een leeg "
                                             "formulier voor de volgende deelnemer. Er komen dan veel antwoorden van "
                                             "één adres; de assistent laat er meer toe en telt ze als reeks."))
    with_codes = BooleanField(_l("Alleen met een toegangscode"),
                              description=_l("Voor een besloten groep: elke deelnemer krijgt een code die één keer "
                                             "werkt. Maak de codes hieronder."))
    audience = HiddenField()


class CodesForm(BaseForm):
    number = StringField(_l("Aantal nieuwe codes"), description=_l("Van 1 tot en met %(max)s.", max=MAX_CODES),
                         validators=[InputRequired(_l("Vul het aantal codes in."))], render_kw={"inputmode": "numeric"})
    audience = HiddenField()
