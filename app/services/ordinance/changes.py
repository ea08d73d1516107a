"""What changed between two drafts, paragraph by paragraph and word by word, for a document with tracked changes."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from app.models import ParticipationPlan
from app.services.ordinance import article_texts
from app.services.ordinance.builder import PlanInput, build_ordinance
from app.services.ordinance.library import ClauseLibrary
from app.services.ordinance.model import Ordinance, plain
from app.services.questions.answers import effective_answers
from app.services.questions.handreiking import Handreiking

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class Block:
    """One paragraph of the document: unchanged (old == new), inserted (old is None), deleted (new is None) or
    changed within (both set and different). `style` as in `paragraphs`."""
    style: tuple[str, int]
    old: str | None
    new: str | None

    def words(self) -> list[tuple[str, str]]:
        """(kind, text) with kind "equal", "delete" or "insert", in reading order."""
        return word_changes(self.old or "", self.new or "")


def ordinances_to_compare(library: ClauseLibrary, handreiking: Handreiking, plan: ParticipationPlan,
                          old: dict[int, dict[str, Any]], new: dict[int, dict[str, Any]], *,
                          generated_before: bool = False) -> tuple[Ordinance, Ordinance]:
    """The drafts of two states of a plan. Versions hold answers, not own texts: the jurist's current own texts are
    put into both, so the revisions show what the answers changed and the result reads as the current draft.
    With `generated_before` the old draft keeps the generated text, so the revisions show the own texts."""
    texts = article_texts.texts_for(plan)
    drafts = []
    for state in (old, new):
        ordinance = build_ordinance(library, handreiking, PlanInput(plan.organisation.name,
                                                                    plan.organisation.body_type,
                                                                    effective_answers(handreiking, state)))
        if not (generated_before and not drafts):
            article_texts.apply(ordinance, texts)
        drafts.append(ordinance)
    return drafts[0], drafts[1]


def paragraphs(ordinance: Ordinance) -> list[tuple[tuple[str, int], str]]:
    """The document as ((style, indent), text) in reading order: a paragraph style and indent of the document model
    (app/services/documents/model.py), or ("heading", level). Member numbers and part letters stay in the text, so
    a renumbered member shows as a change."""
    out = [(("title", 0), ordinance.title)] + [(("aanhef", 0), plain(line)) for line in ordinance.aanhef]
    for chapter in ordinance.chapters:
        out.append((("heading", 1), chapter.heading))
        for article in chapter.articles:
            out.append((("heading", 2), article.heading))
            for member in article.members:
                prefix = f"{member.number}.\t" if member.number else ""
                out.append((("body", 1) if member.number else ("article", 0), prefix + plain(member.text)))
                out += [(("part", 2 if member.number else 1), (f"{p.letter}.\t" if p.letter else "") + plain(p.text))
                        for p in member.parts]
    out += [(("signing", 0), plain(line)) for line in ordinance.signing]
    out += [(("heading", 1), "Toelichting"), (("heading", 2), "Algemeen")]
    for section in ordinance.general_explanation:
        out.append((("heading", 3), section.title))
        out += [(("body", 0), plain(p)) for p in section.paragraphs]
    out.append((("heading", 2), "Artikelsgewijs"))
    for article in ordinance.articles():
        out.append((("heading", 3), article.heading))
        out += [(("body", 0), plain(p)) for p in article.explanation]
    return out


def compare(before: Ordinance, after: Ordinance) -> list[Block]:
    """The paragraphs of `after`, with those of `before` that are gone at the place they stood."""
    a, b = paragraphs(before), paragraphs(after)
    blocks: list[Block] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            blocks += [Block(style, text, text) for style, text in b[j1:j2]]
            continue
        old, new = a[i1:i2], b[j1:j2]
        paired = min(len(old), len(new)) if op == "replace" else 0
        blocks += [Block(n[0], o[1], n[1]) for o, n in zip(old[:paired], new[:paired])]
        blocks += [Block(style, text, None) for style, text in old[paired:]]
        blocks += [Block(style, None, text) for style, text in new[paired:]]
    return blocks


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference; spaces are tokens too, so the pieces join back into the exact texts."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("insert", "".join(b[j1:j2])))
    return out
