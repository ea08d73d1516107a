"""The public survey form (built from the survey's questions) and the team's forms."""
from __future__ import annotations

from functools import lru_cache

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.forms import BaseForm
from app.services.surveys import MAX_LABEL, OPEN, SCALE, SurveyQuestion


class AnswerForm(BaseForm):
    #: the honeypot: hidden from people, filled by bots; a filled one is thanked and not stored
    website = StringField(_l("Laat dit veld leeg"), validators=[Optional(), Length(max=200)])

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
        if q.options:   # a choice: radio buttons; whether the value is one of them, the engine checks
            fields[f"q_{q.key}"] = RadioField(q.label, choices=list(q.options), description=q.help,
                                              validate_choice=False, validators=[Optional()])
        else:
            limit = q.question.text_limit()
            fields[f"q_{q.key}"] = TextAreaField(q.label, description=q.help, validators=[
                Length(max=limit, message=_l("Houd uw antwoord korter dan %(max)s tekens.", max=limit))])
    return type("SurveyAnswerForm", (AnswerForm,), fields)


class ConfirmForm(BaseForm):
    pass


class QuestionForm(BaseForm):
    label = StringField(_l("Uw vraag"), description=_l("Kort en in gewone taal, bijvoorbeeld: “Was de avond op een "
                                                       "goed tijdstip?”"),
                        validators=[InputRequired(_l("Typ de vraag.")),
                                    Length(max=MAX_LABEL, message=_l("Houd de vraag korter dan %(max)s tekens.",
                                                                     max=MAX_LABEL))])
    kind = RadioField(_l("Soort antwoord"), choices=[(SCALE, _l("Een schaal van 1 (helemaal oneens) tot 5 (helemaal "
                                                               "eens)")),
                                                      (OPEN, _l("Een kort antwoord in eigen woorden"))],
                      validators=[InputRequired(_l("Kies het soort antwoord."))])


class RemoveQuestionForm(BaseForm):
    key = HiddenField()
