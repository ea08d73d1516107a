"""Demo data for `flask demo`: Voorbeeldstad's zelfscans of 2025 and 2026, opted in to the benchmark, and six
anonymous-looking organisations of the same size class (no logins), so the demo benchmark shows a distribution. All of
them are verified (only verified organisations count in the benchmark)."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import BenchmarkParticipation, Organisation, SelfScan, SelfScanAnswer, User
from app.services.zelfscan import benchmark
from app.services.core import access
from app.services.organisations import organisations
from app.services.zelfscan import zelfscan
from app.services.zelfscan.zelfscan import ZelfscanContent

YEARS = (2025, 2026)
DEMO_PEERS = [(f"Demogemeente {i}", 21_000 + i * 4_000) for i in range(1, 7)]  # all 20.000 to 50.000, as Voorbeeldstad
#: Voorbeeldstad's own profile per theme: (2025, 2026); budget and experimenteren stay lowest
VOORBEELDSTAD = {"raad": (3, 4), "college": (3, 4), "organisatie": (2, 3), "inwoners": (2, 3), "transparant": (3, 4),
                 "budget": (1, 2), "afspiegeling": (2, 3), "faciliterend": (3, 4), "ervaring": (3, 3),
                 "experimenteren": (2, 2)}


def _peer_score(peer: int, theme: int, statement: int, year: int) -> int:
    return 1 + (peer * 3 + theme * 2 + statement + year) % 5


def verify_demo(voorbeeldstad: Organisation) -> bool:
    """The demo organisations are verified, also in a database loaded before verification existed. True if any
    was not yet."""
    names = [name for name, _inhabitants in DEMO_PEERS]
    peers = db.session.scalars(select(Organisation).where(Organisation.name.in_(names))).all()
    return any([organisations.set_verified(organisation, True, by=access.SYSTEM, operator="flask demo")
                for organisation in [voorbeeldstad, *peers]])


def load_demo(voorbeeldstad: Organisation, by: User, scan_content: ZelfscanContent) -> bool:
    """False if Voorbeeldstad has its scans already (its organisations are verified either way)."""
    if zelfscan.scan_of(voorbeeldstad, YEARS[0]) is not None:
        return verify_demo(voorbeeldstad)
    for index, year in enumerate(YEARS):
        answers = {s.key: (VOORBEELDSTAD.get(t.key, (3, 3))[index], "") for t in scan_content.themes
                   for s in t.statements}
        answers["budget_vast"] = (answers["budget_vast"][0], "Er is nog geen vast budget; voorstel in de begroting.")
        zelfscan.save_scan(voorbeeldstad, year, answers, scan_content, by=by)
    benchmark.set_participation(voorbeeldstad, True, by=by)
    for peer, (name, inhabitants) in enumerate(DEMO_PEERS, start=1):
        if db.session.scalar(select(Organisation.id).where(Organisation.name == name)):
            continue
        organisation = Organisation(name=name, body_type="gemeente", inhabitants=inhabitants)
        db.session.add(organisation)
        db.session.flush()
        for year in YEARS:
            scan = SelfScan(organisation_id=organisation.id, year=year)
            scan.answers = [SelfScanAnswer(statement_key=s.key, score=_peer_score(peer, t_i, s_i, year))
                            for t_i, t in enumerate(scan_content.themes) for s_i, s in enumerate(t.statements)]
            db.session.add(scan)
        db.session.add(BenchmarkParticipation(organisation_id=organisation.id))
    verify_demo(voorbeeldstad)
    return True
