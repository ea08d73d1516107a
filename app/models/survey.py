"""The participant survey of a project: a public, anonymous questionnaire and its responses.

A response holds only the answers and the day it came in: never an IP address, user agent or anything else that
could lead back to the respondent (the rate limiter keys on a hash of the address, in its own table)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.municipality import utcnow
from app.models.project import Project


class Survey(db.Model):
    """One survey per project; its public link carries an unguessable token."""
    __tablename__ = "survey"
    __table_args__ = (UniqueConstraint("project_id", name="uq_survey_project_id"),
                      UniqueConstraint("token", name="uq_survey_token"))
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE",
                                                       name="fk_survey_project_id_project"))
    token: Mapped[str] = mapped_column(String(64))
    is_open: Mapped[bool] = mapped_column(default=True, server_default=true())
    #: the project's own questions (at most 4): [{"key": "eigen_ab12cd", "label": "...", "type": "schaal"|"open"}]
    own_questions: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship()


class SurveyResponse(db.Model):
    """One anonymous response: question key -> answer ("1".."5" for a scale, text for an open question)."""
    __tablename__ = "survey_response"
    __table_args__ = (Index("ix_survey_response_survey_id", "survey_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE",
                                                      name="fk_survey_response_survey_id_survey"))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the day only, not the time: a time could be matched with a log line
    answered_on: Mapped[date]
