"""Comparing versions of a plan: per question, and the two draft ordinances article by article."""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import ParticipationPlan, PlanRevision, PlanSnapshot
from app.services.core.paging import Page
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
from app.services.ordinance import ClauseLibrary, PlanInput, article_texts, build_ordinance
from app.services.ordinance.model import plain
from app.services.questions.answers import display_value, effective_answers
from app.services.questions.handreiking import Handreiking

CURRENT = "huidig"
#: the pair of refs that compares the current generated ordinance (old) with the one holding the jurist's own texts
#: (new)
GENERATED, OWN = "gegenereerd", "eigen"


# Answers longer than this are shown once with the changed words marked, not twice in full.
LONG_ANSWER = 80


@dataclass
class AnswerChange:
    step_number: int
    key: str
    label: str
    before: str
    after: str

    @property
    def diff_html(self) -> str | None:
        """For a long answer that was changed (not filled in or emptied): one text with <del>/<ins> marks."""
        if self.before and self.after and max(len(self.before), len(self.after)) > LONG_ANSWER:
            return _words_diff(self.before, self.after)
        return None


@dataclass
class ArticleChange:
    status: str  # toegevoegd, verwijderd, gewijzigd
    title: str
    diff_html: str


#: one page of a plan's recorded changes, newest first
RevisionPage = Page[PlanRevision]


REVISIONS_PER_PAGE = 50


def revisions(plan: ParticipationPlan, page: int = 1, per_page: int = REVISIONS_PER_PAGE) -> RevisionPage | None:
    """Page `page` of the plan's changes, newest first; None for a page past the last one (page 1 always exists).
    The index on (plan_id, created_at, id) keeps this a short index walk however long the history is."""
    total = db.session.scalar(select(func.count(PlanRevision.id)).where(PlanRevision.plan_id == plan.id)) or 0
    if page < 1 or (page > 1 and (page - 1) * per_page >= total):
        return None
    items = list(db.session.scalars(select(PlanRevision).where(PlanRevision.plan_id == plan.id)
                                    .options(selectinload(PlanRevision.user))  # one query for all authors
                                    .order_by(PlanRevision.created_at.desc(), PlanRevision.id.desc())
                                    .offset((page - 1) * per_page).limit(per_page)))
    return RevisionPage(items, page, total, per_page)


def snapshots(plan: ParticipationPlan) -> list[PlanSnapshot]:
    return list(db.session.scalars(select(PlanSnapshot).where(PlanSnapshot.plan_id == plan.id)
                                   .options(selectinload(PlanSnapshot.created_by))
                                   .order_by(PlanSnapshot.created_at.desc(), PlanSnapshot.id.desc())))


def state_of(plan: ParticipationPlan, ref: str) -> dict[int, dict[str, Any]] | None:
    """The answers by step of a snapshot id, or of the plan as it is now."""
    if ref == CURRENT:
        return {s.step_number: dict(s.answers or {}) for s in plan.steps}
    # ASCII digits only and no more than an id can have: "²".isdigit() is true but int("²") fails, and a
    # 30-digit id overflows the database's integer.
    if not re.fullmatch(r"[0-9]{1,9}", ref):
        return None
    snap = db.session.get(PlanSnapshot, int(ref))
    if snap is None or snap.plan_id != plan.id:
        return None
    return {int(k): v for k, v in snap.data.items()}


def compare_answers(handreiking: Handreiking, old: dict, new: dict) -> list[AnswerChange]:
    changes = []
    for step in handreiking.steps:
        a, b = old.get(step.number, {}), new.get(step.number, {})
        for q in step.questions:
            before, after = display_value(q, a.get(q.key)), display_value(q, b.get(q.key))
            if q.allow_other:
                before += " " + _("(eigen: %(text)s)", text=a[q.other_key]) if a.get(q.other_key) else ""
                after += " " + _("(eigen: %(text)s)", text=b[q.other_key]) if b.get(q.other_key) else ""
            if before != after:
                changes.append(AnswerChange(step.number, q.key, q.label, before, after))
    return changes


@dataclass
class DraftComparison:
    articles: list[ArticleChange]
    #: the general explanation per section and the explanation per article
    explanation: list[ArticleChange]


def compare_ordinances(library: ClauseLibrary, handreiking: Handreiking, organisation: str, body_type: str,
                       old: dict, new: dict) -> list[ArticleChange]:
    return compare_drafts(library, handreiking, organisation, body_type, old, new).articles


def compare_drafts(library: ClauseLibrary, handreiking: Handreiking, organisation: str, body_type: str,
                   old: dict, new: dict, own_texts_after: dict | None = None) -> DraftComparison:
    """The two draft ordinances compared: the articles, and the toelichting (which can change on its own).
    `own_texts_after` (ArticleText rows by article key) are put into the new draft only: the jurist's own texts
    against the generated text."""
    def build(state):
        return build_ordinance(library, handreiking,
                               PlanInput(organisation, body_type, effective_answers(handreiking, state)))
    before, after = build(old), build(new)
    if own_texts_after:
        article_texts.apply(after, own_texts_after)
    articles = _compare_texts({a.key: _Text(a.heading, a.title, a.full_text()) for a in before.articles()},
                              {a.key: _Text(a.heading, a.title, a.full_text()) for a in after.articles()})

    def explanation(ordinance):
        general = {f"algemeen:{s.title}": _Text(_("Algemeen: %(title)s", title=s.title), s.title, _joined(s.paragraphs))
                   for s in ordinance.general_explanation}
        return general | {a.key: _Text(a.heading, a.title, _joined(a.explanation)) for a in ordinance.articles()}
    return DraftComparison(articles, _compare_texts(explanation(before), explanation(after)))


class _Text(NamedTuple):
    heading: str  # what the reader sees, with the number
    title: str    # what is compared: a number that moves because an article came in is no change
    text: str


def _compare_texts(before: dict[str, _Text], after: dict[str, _Text]) -> list[ArticleChange]:
    """Per key: what was added, changed or removed, the words marked."""
    changes = []
    for key, new in after.items():
        old = before.get(key)
        if old is None:
            changes.append(ArticleChange("toegevoegd", new.heading, _words_diff("", new.text)))
        elif (old.title, old.text) != (new.title, new.text):
            changes.append(ArticleChange("gewijzigd", new.heading, _words_diff(old.text, new.text)))
    for key, old in before.items():
        if key not in after:
            changes.append(ArticleChange("verwijderd", old.heading, _words_diff(old.text, "")))
    return changes


def _joined(paragraphs: list[str]) -> str:
    return "\n".join(plain(p) for p in paragraphs)


def _words_diff(old: str, new: str) -> str:
    """Word-level difference as HTML: <del> for removed words, <ins> for added ones. Input is escaped."""
    a, b = old.split(" ") if old else [], new.split(" ") if new else []  # an added article has no empty <del>
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(x for x in out if x).replace("\n", "<br>")
