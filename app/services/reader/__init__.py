"""Reading an existing inspraak- or participatieverordening: safe reading (source), splitting into articles
(articles), the gap report against the law and the handreiking (report, rules) and a plan pre-filled from it
(prefill). Nothing here is stored, except the plan the user chooses to start."""
from __future__ import annotations

from app.services.questions.handreiking import Handreiking
from app.services.reader.articles import split_articles
from app.services.reader.report import GapReport, analyse
from app.services.reader.rules import Rules
from app.services.reader.source import DocumentRefused, lines_of_docx, lines_of_text  # noqa: F401


def read(lines: list[str], body_type: str, rules: Rules, handreiking: Handreiking) -> GapReport:
    """The gap report of an ordinance's lines against the reader's rules (app.content.reader_rules); refuses a text
    without any article."""
    ordinance = split_articles(lines)
    if not ordinance.articles:
        from app.services.core.text import _
        raise DocumentRefused(_("Er zijn geen artikelen gevonden. Een verordening heeft kopjes als “Artikel 1 "
                                "Begripsbepalingen”; controleer of dit de tekst van de verordening is."))
    return analyse(ordinance, rules, handreiking, body_type)
