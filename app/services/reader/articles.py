"""Split an ordinance's lines into its preamble, chapters and articles, leaving the toelichting aside."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# "Artikel 1 Begripsbepalingen", "Artikel 2.", "Art. 3 -", "Artikel 2.3a: Titel", "ARTIKEL 4"
_ARTICLE = re.compile(r"^(?:artikel|art\.)\s*(\d+(?:\.\d+)*\s?[a-z]?)(?=$|[\s.:\-–—])[\s.:\-–—]*(.*)$",
                      re.IGNORECASE)
# "Hoofdstuk 2 Inspraak", "Paragraaf 1.2 -", "§ 3", "Hoofdstuk II."
_CHAPTER = re.compile(r"^(hoofdstuk|paragraaf|afdeling|§)\s*(\d+(?:\.\d+)*[a-z]?|[IVXLC]+)"
                      r"(?=$|[\s.:\-–—])[\s.:\-–—]*(.*)$",
                      re.IGNORECASE)
_TOELICHTING = re.compile(r"^(algemene\s+|artikelsgewijze\s+|nota\s+van\s+)?toelichting\b[^.;]{0,60}$", re.IGNORECASE)
_SIGNING = re.compile(r"^(aldus\s+)?vastgesteld\s+(in|door)\b", re.IGNORECASE)
HEADING_MAX = 120


@dataclass
class Article:
    number: str
    title: str
    chapter: str | None
    lines: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Artikel {self.number}" + (f" {self.title}" if self.title else "")


@dataclass
class Ordinance:
    preamble: list[str]
    articles: list[Article]
    chapters: list[str]
    toelichting: list[str]

    @property
    def title(self) -> str:
        return self.preamble[0] if self.preamble else ""


def _heading_title(rest: str) -> str | None:
    """The title after an article or chapter number, or None when the line is a sentence that merely starts with
    "Artikel 3 ..." (e.g. "Artikel 3 is niet van toepassing op ...")."""
    rest = rest.strip()
    if not rest:
        return ""
    if len(rest) > HEADING_MAX or rest.endswith((".", ";", ",")) or rest[0].islower():
        return None
    return rest.rstrip(":").strip()


def split_articles(lines: list[str]) -> Ordinance:
    preamble: list[str] = []
    articles: list[Article] = []
    chapters: list[str] = []
    toelichting: list[str] = []
    chapter: str | None = None
    in_toelichting = False
    for line in lines:
        if in_toelichting:
            toelichting.append(line)
            continue
        if articles and _TOELICHTING.match(line):
            in_toelichting = True
            toelichting.append(line)
            continue
        if articles and _SIGNING.match(line):
            chapter = None
            articles[-1].lines.append(line)
            continue
        if match := _CHAPTER.match(line):
            title = _heading_title(match.group(3))
            if title is not None:
                chapter = " ".join(part for part in (match.group(1).capitalize(), match.group(2), title) if part)
                chapters.append(chapter)
                continue
        if match := _ARTICLE.match(line):
            title = _heading_title(match.group(2))
            if title is not None:
                articles.append(Article(number=match.group(1).replace(" ", ""), title=title, chapter=chapter))
                continue
        (articles[-1].lines if articles else preamble).append(line)
    return Ordinance(preamble=preamble, articles=articles, chapters=chapters, toelichting=toelichting)
