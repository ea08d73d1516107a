"""Organisations with zelfscans, for the zelfscan and benchmark tests."""
from __future__ import annotations

from datetime import datetime

from app import content
from app.extensions import db
from app.models import BenchmarkParticipation, Organisation, SelfScan, SelfScanAnswer


def fill(client, organisation_id: int, year: int, score: int | dict[str, int] = 3, note: str = ""):
    """Post the zelfscan form with every statement scored (one score, or a score per theme key)."""
    from tests import helpers
    data = {}
    for theme in content.zelfscan().themes:
        for s in theme.statements:
            data[f"score_{s.key}"] = str(score if isinstance(score, int) else score[theme.key])
            data[f"note_{s.key}"] = note
    return helpers.post_form(client, f"/organisaties/{organisation_id}/zelfscan/{year}", data)


def scanned_organisation(name: str, year: int, score: float | dict[str, int], inhabitants: int = 30_000,
                      body_type: str = "gemeente", opted_in: bool = True, verified: bool = True) -> Organisation:
    """An organisation without members, its scan written directly: every statement gets the same score per theme."""
    organisation = Organisation(name=name, body_type=body_type, inhabitants=inhabitants,
                        verified_at=datetime(2026, 1, 5) if verified else None)
    db.session.add(organisation)
    db.session.flush()
    scan = SelfScan(organisation_id=organisation.id, year=year)
    db.session.add(scan)
    for theme in content.zelfscan().themes:
        value = score if isinstance(score, int) else score[theme.key]
        for s in theme.statements:
            scan.answers.append(SelfScanAnswer(statement_key=s.key, score=value, note=f"notitie van {name}"))
    if opted_in:
        db.session.add(BenchmarkParticipation(organisation_id=organisation.id))
    db.session.commit()
    return organisation
