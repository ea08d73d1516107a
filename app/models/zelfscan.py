"""The zelfscan (an organisation's self-assessment, once per year) and its opt-in to the benchmark across organisations."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.organisation import utcnow


class SelfScan(db.Model):
    """One zelfscan of an organisation for one year; its scores are SelfScanAnswer rows."""
    __tablename__ = "self_scan"
    __table_args__ = (UniqueConstraint("municipality_id", "year", name="uq_self_scan_municipality_year"),
                      Index("ix_self_scan_year", "year"))
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE",
                                                            name="fk_self_scan_municipality_id_municipality"))
    #: the year the scan is about, e.g. 2026
    year: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: who saved it last
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                                 name="fk_self_scan_updated_by_id_user"))

    answers: Mapped[list[SelfScanAnswer]] = relationship(back_populates="scan", cascade="all, delete-orphan")


class SelfScanAnswer(db.Model):
    """The score (1 helemaal oneens … 5 helemaal eens) of one statement of the content file, with a short note."""
    __tablename__ = "self_scan_answer"
    __table_args__ = (UniqueConstraint("scan_id", "statement_key", name="uq_self_scan_answer_scan_statement"),
                      CheckConstraint("score BETWEEN 1 AND 5", name="ck_self_scan_answer_score"))
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("self_scan.id", ondelete="CASCADE",
                                                    name="fk_self_scan_answer_scan_id_self_scan"))
    #: the statement's key in handreiking/zelfscan/zelfscan.yaml
    statement_key: Mapped[str] = mapped_column(String(60))
    #: 1 to 5
    score: Mapped[int]
    #: the team's own note; never shared with the benchmark
    note: Mapped[str] = mapped_column(String(300), default="")

    scan: Mapped[SelfScan] = relationship(back_populates="answers")


class BenchmarkParticipation(db.Model):
    """Present while an organisation takes part in the benchmark; opting out deletes the row."""
    __tablename__ = "benchmark_participation"
    __table_args__ = (UniqueConstraint("municipality_id", name="uq_benchmark_participation_municipality_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        "municipality_id", ForeignKey("municipality.id", ondelete="CASCADE",
                                      name="fk_benchmark_participation_municipality_id_municipality"))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    joined_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL",
                                                                name="fk_benchmark_participation_joined_by_id_user"))
