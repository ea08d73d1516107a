"""Comments on steps and articles, and the jurist's review marks on articles."""
from __future__ import annotations

from typing import TYPE_CHECKING

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import utcnow

if TYPE_CHECKING:  # for the type hints of relationships only
    from app.models.user import User


class Comment(db.Model):
    __tablename__ = "comment"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE"), index=True)
    #: "step:3" or "article:uitdaagrecht_criteria"
    target: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: set while the comment is resolved; reopening clears it
    resolved_at: Mapped[datetime | None]

    author: Mapped["User | None"] = relationship()


class ArticleReview(db.Model):
    """A jurist marked this article of the draft as reviewed."""
    __tablename__ = "article_review"
    __table_args__ = (UniqueConstraint("plan_id", "article_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE"))
    article_key: Mapped[str] = mapped_column(String(120))
    #: the article text at review time; a later change of the text shows the review as outdated
    text_digest: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped["User | None"] = relationship()


class ArticleText(db.Model):
    """A jurist's own wording of an article; it replaces the generated text until it is removed."""
    __tablename__ = "article_text"
    __table_args__ = (UniqueConstraint("plan_id", "article_key", name="uq_article_text_plan_article"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("participation_plan.id", ondelete="CASCADE"))
    article_key: Mapped[str] = mapped_column(String(120))
    #: the jurist's text, one member per line
    body: Mapped[str] = mapped_column(Text)
    #: the generated article text the jurist rewrote; when the generated text changes, the own text is flagged
    generated_digest: Mapped[str] = mapped_column(String(64))
    #: the answers that decide the article (its choice notes) when the jurist wrote the text
    answers_digest: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped["User | None"] = relationship()
