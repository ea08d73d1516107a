"""The participant survey of a project: a public, anonymous questionnaire and its responses.

A response holds only the answers, the day it came in and `source`: a keyed hash of (survey, day, address), cut to 16
hex characters, so answers from one address on one day can be counted (the per-address limit, bursts) but never an IP
address, user agent or time of day. A survey is for participants (deelnemers) or for the project's staff
(medewerkers); at most one of each per project."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import utcnow
from app.models.project import Project


class Survey(db.Model):
    """One survey per project; its public link carries an unguessable token."""
    __tablename__ = "survey"
    __table_args__ = (UniqueConstraint("project_id", "audience", name="uq_survey_project_id_audience"),
                      UniqueConstraint("token", name="uq_survey_token"))
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE",
                                                       name="fk_survey_project_id_project"))
    token: Mapped[str] = mapped_column(String(64))
    is_open: Mapped[bool] = mapped_column(default=True, server_default=true())
    #: "deelnemers" (participants) or "medewerkers" (the staff who ran the project)
    audience: Mapped[str] = mapped_column(String(16), default="deelnemers", server_default="deelnemers")
    #: one device, many answers (a tablet at an evening meeting): no cookie, a fresh form after each answer
    event_mode: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: only with a one-time access code (SurveyCode) from the project leader
    with_codes: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: the project's own questions (at most 4): [{"key": "eigen_ab12cd", "label": "...", "type": "schaal"|"open"|
    #: "janee"|"keuze"|"getal", "options": [labels] (keuze), "labels": [labels] (schaal, else 1–5 agree),
    #: "min"/"max" (getal)}]
    own_questions: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship()


class SurveyResponse(db.Model):
    """One anonymous response: question key -> answer ("1".."5" for a scale, text for an open question)."""
    __tablename__ = "survey_response"
    __table_args__ = (Index("ix_survey_response_survey_id", "survey_id"),
                      Index("ix_survey_response_survey_id_source", "survey_id", "source"))
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE",
                                                      name="fk_survey_response_survey_id_survey"))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the day only, not the time: a time could be matched with a log line
    answered_on: Mapped[date]
    #: keyed hash of (survey, day, address), 16 hex characters: counts answers per address and day, names no one
    source: Mapped[str | None] = mapped_column(String(16))


class SurveyCode(db.Model):
    """A one-time access code for a survey of a closed group; used once, never linked to the response it opened."""
    __tablename__ = "survey_code"
    __table_args__ = (UniqueConstraint("survey_id", "code", name="uq_survey_code_survey_id_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE",
                                                      name="fk_survey_code_survey_id_survey"))
    code: Mapped[str] = mapped_column(String(16))
    used: Mapped[bool] = mapped_column(default=False, server_default=false())
