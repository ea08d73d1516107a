"""The jurist's own article texts: they replace the generated text of an article until they are removed, and they
are flagged when the generated text or the answers they rewrote have changed since."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.models import ArticleText, ParticipationPlan, User
from app.models.organisation import utcnow
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.ordinance.finaltext import own_members, recheck
from app.services.ordinance.model import Article, Member, Ordinance, Part

#: the longest own text of one article; the longest generated article is about 3,000 characters
TEXT_LIMIT = 20_000


@dataclass
class OwnText:
    """An own text as it stands in the ordinance now."""
    key: str
    body: str
    #: the generated text or its answers changed after the jurist wrote this text
    outdated: bool
    author: str | None
    updated_at: datetime
    #: the generated text the own text replaced, for the edit page
    generated: str
    #: the article is no longer in the ordinance (the answers changed): the text is kept and shown apart
    orphan: bool = False

    @property
    def label(self) -> str:
        """A name for the article of an orphaned text, whose heading is no longer known: "besluit_over_participatie"
        becomes "Besluit over participatie"."""
        return self.key.replace("_", " ").replace("-", " ").capitalize()


def generated_digest(article: Article) -> str:
    return hashlib.sha256(f"{article.title}\n{article.full_text()}".encode()).hexdigest()


def answers_digest(article: Article) -> str:
    """The choices that decide the article: the chosen options and the municipality's own wording."""
    basis = "\n".join(f"{n.question_key}={n.chosen}|{n.own_wording or ''}" for n in article.choices)
    return hashlib.sha256(basis.encode()).hexdigest()


def members_of(body: str) -> list[Member]:
    """The own text as the jurist typed it, as structure: "1." starts a member, "a." a part of the member above it;
    a text without numbers is one paragraph per line."""
    return [Member(number, text, [Part(letter, part) for letter, part in parts], own=True)
            for number, text, parts in own_members(body)]


def texts_for(plan: ParticipationPlan) -> dict[str, ArticleText]:
    return {t.article_key: t for t in db.session.scalars(select(ArticleText).where(ArticleText.plan_id == plan.id))}


def apply(ordinance: Ordinance, texts: dict[str, ArticleText]) -> dict[str, OwnText]:
    """Put the own texts in place of the generated ones; return them by article key. An own text of an article the
    plan no longer has stays stored (it comes back with the article) and is returned with orphan=True, so the preview
    and the check annex of the DOCX can say that it no longer has a place."""
    applied = {}
    for key, row in texts.items():
        article = ordinance.article(key)
        if article is None:
            applied[key] = OwnText(key, row.body, False, row.user.name if row.user else None, row.updated_at, "",
                                   orphan=True)
            continue
        outdated = row.generated_digest != generated_digest(article) or row.answers_digest != answers_digest(article)
        applied[key] = OwnText(key, row.body, outdated, row.user.name if row.user else None, row.updated_at,
                               article.full_text())
        article.members = members_of(row.body)
    if applied:
        recheck(ordinance)  # the check reads the text as it will be printed, own texts included
    return applied


def orphans(own_texts: dict[str, OwnText]) -> list[OwnText]:
    """The own texts whose article no longer appears, in a stable order."""
    return sorted((own for own in own_texts.values() if own.orphan), key=lambda own: own.key)


def save(plan: ParticipationPlan, article: Article, body: str, *, by: User) -> ArticleText:
    """Store the jurist's text for `article` (the generated article, before any own text is applied)."""
    access.require(by, Action.REVIEW, plan)
    row = db.session.scalar(select(ArticleText).where(ArticleText.plan_id == plan.id,
                                                      ArticleText.article_key == article.key))
    created = row is None
    if row is None:
        row = ArticleText(plan_id=plan.id, article_key=article.key)
        db.session.add(row)
    row.body = "\n".join(line.rstrip() for line in body.strip().split("\n"))
    row.generated_digest, row.answers_digest = generated_digest(article), answers_digest(article)
    row.user_id, row.updated_at = by.id, utcnow()
    audit.record(AuditAction.ARTICLE_TEXT_SAVED, actor=by, organisation_id=plan.organisation_id,
                 target=audit.target_of(plan), article=article.key, new=created)
    return row


def remove(plan: ParticipationPlan, article_key: str, *, by: User) -> bool:
    """Back to the generated text. False when there was no own text."""
    access.require(by, Action.REVIEW, plan)
    row = db.session.scalar(select(ArticleText).where(ArticleText.plan_id == plan.id,
                                                      ArticleText.article_key == article_key))
    if row is None:
        return False
    db.session.delete(row)
    audit.record(AuditAction.ARTICLE_TEXT_REMOVED, actor=by, organisation_id=plan.organisation_id,
                 target=audit.target_of(plan), article=article_key)
    return True
