"""The jurist's review marks on articles of the draft ordinance."""
from __future__ import annotations

import hashlib

from sqlalchemy import select

from app.extensions import db
from app.models import ArticleReview, ParticipationPlan, User
from app.models.municipality import utcnow
from app.services.ordinance.model import Article


def digest(article: Article) -> str:
    return hashlib.sha256(f"{article.title}\n{article.full_text()}".encode()).hexdigest()


def reviews_for(plan: ParticipationPlan) -> dict[str, ArticleReview]:
    return {r.article_key: r for r in db.session.scalars(select(ArticleReview).where(ArticleReview.plan_id == plan.id))}


def mark_reviewed(plan: ParticipationPlan, article: Article, user: User) -> None:
    review = db.session.scalar(select(ArticleReview).where(ArticleReview.plan_id == plan.id,
                                                           ArticleReview.article_key == article.key))
    if review is None:
        review = ArticleReview(plan_id=plan.id, article_key=article.key)
        db.session.add(review)
    review.text_digest, review.user_id, review.reviewed_at = digest(article), user.id, utcnow()


def unmark(plan: ParticipationPlan, article_key: str) -> None:
    review = db.session.scalar(select(ArticleReview).where(ArticleReview.plan_id == plan.id,
                                                           ArticleReview.article_key == article_key))
    if review:
        db.session.delete(review)
