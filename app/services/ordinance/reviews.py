"""The jurist's review marks on articles of the draft ordinance."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models import ArticleReview, ParticipationPlan, User
from app.models.organisation import utcnow
from app.services.core import access
from app.services.core.access import Action
from app.services.ordinance.model import Article, Ordinance


def digest(article: Article) -> str:
    return hashlib.sha256(f"{article.title}\n{article.full_text()}".encode()).hexdigest()


def reviews_for(plan: ParticipationPlan) -> dict[str, ArticleReview]:
    return {r.article_key: r for r in db.session.scalars(select(ArticleReview).where(ArticleReview.plan_id == plan.id))}


def mark_reviewed(plan: ParticipationPlan, article: Article, *, by: User) -> None:
    access.require(by, Action.REVIEW, plan)
    review = db.session.scalar(select(ArticleReview).where(ArticleReview.plan_id == plan.id,
                                                           ArticleReview.article_key == article.key))
    if review is None:
        review = ArticleReview(plan_id=plan.id, article_key=article.key)
        db.session.add(review)
    review.text_digest, review.user_id, review.reviewed_at = digest(article), by.id, utcnow()


def unmark(plan: ParticipationPlan, article_key: str, *, by: User) -> None:
    access.require(by, Action.REVIEW, plan)
    review = db.session.scalar(select(ArticleReview).where(ArticleReview.plan_id == plan.id,
                                                           ArticleReview.article_key == article_key))
    if review:
        db.session.delete(review)


@dataclass
class ReviewState:
    """Where the review of one article stands, for the article index and the review block."""
    key: str
    heading: str
    #: "beoordeeld", "gewijzigd" (the text changed after the review) or "open"
    state: str
    mark: ArticleReview | None


@dataclass
class ReviewIndex:
    articles: list[ReviewState]

    @property
    def reviewed(self) -> int:
        return sum(1 for a in self.articles if a.state == "beoordeeld")

    @property
    def total(self) -> int:
        return len(self.articles)

    def get(self, key: str) -> ReviewState | None:
        return next((a for a in self.articles if a.key == key), None)


def state_of(article: Article, mark: ArticleReview | None) -> ReviewState:
    if mark is None:
        state = "open"
    else:
        state = "beoordeeld" if mark.text_digest == digest(article) else "gewijzigd"
    return ReviewState(article.key, article.heading, state, mark)


def review_index(ordinance: Ordinance, marks: dict[str, ArticleReview]) -> ReviewIndex:
    """Every article of the ordinance in order with its review state (the text as shown, own texts included)."""
    return ReviewIndex([state_of(a, marks.get(a.key)) for a in ordinance.articles()])
