from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms import BaseForm
from app.services.ordinance.article_texts import TEXT_LIMIT


class ArticleTextForm(BaseForm):
    body = TextAreaField(_l("Eigen tekst van het artikel"),
                         validators=[DataRequired(_l("Schrijf de tekst van het artikel, of ga terug zonder opslaan.")),
                                     Length(max=TEXT_LIMIT,
                                            message=_l("Gebruik maximaal %(max)d tekens.", max=TEXT_LIMIT))],
                         description=_l("Elke regel wordt een lid van het artikel; nummer de leden zelf "
                                        "(bijvoorbeeld “1. …”). Deze tekst vervangt de gemaakte tekst in de "
                                        "conceptverordening en in het Word-document."))
