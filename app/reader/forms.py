from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import Length

from app.forms import BaseForm
from app.models.organisation import BodyType
from app.plans.forms import BODY_TYPE_CHOICES, NewPlanForm
from app.services.reader.source import MAX_TEXT_CHARS, MAX_UPLOAD_BYTES


class ReadOrdinanceForm(BaseForm):
    file = FileField(_l("Word-bestand (.docx)"),
                     description=_l("De verordening zoals uw gemeente haar nu heeft, als Word-bestand van ten hoogste "
                                    "%(size)s MB. Het bestand wordt alleen gelezen, niet bewaard.",
                                    size=MAX_UPLOAD_BYTES // (1024 * 1024)))
    text = TextAreaField(_l("Of plak de tekst van de verordening"),
                         validators=[Length(max=MAX_TEXT_CHARS, message=_l("Plak ten hoogste %(max)s tekens."))],
                         description=_l("Bijvoorbeeld gekopieerd van lokaleregelgeving.overheid.nl, met de kopjes "
                                        "‘Artikel 1’, ‘Artikel 2’ enzovoort."))
    body_type = RadioField(_l("Van welke soort organisatie is de verordening?"), choices=BODY_TYPE_CHOICES,
                           default=BodyType.GEMEENTE.value,
                           description=_l("Dit bepaalt welk wetsartikel de assistent als maatstaf neemt: artikel 150 "
                                          "Gemeentewet, artikel 147 Provinciewet of artikel 79 Waterschapswet."))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        has_file = bool(self.file.data and getattr(self.file.data, "filename", ""))
        has_text = bool((self.text.data or "").strip())
        if not has_file and not has_text:
            self.file.errors = list(self.file.errors) + [_("Kies een Word-bestand of plak de tekst hieronder.")]
            ok = False
        elif has_file and has_text:
            self.text.errors = list(self.text.errors) + [_("Kies een bestand óf plak de tekst, niet allebei.")]
            ok = False
        return ok


class StartPlanForm(NewPlanForm):
    #: the pre-fill, as JSON; checked like an imported plan before anything is written
    answers = HiddenField(validators=[Length(max=200_000)])
