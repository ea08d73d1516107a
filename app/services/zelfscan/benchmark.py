"""The benchmark across organisations: an organisation that opted in sees its theme scores beside the distribution of
comparable organisations (same body type and size class, same year, opted in), only when at least MIN_OTHERS other
organisations are in that group. What is shared: theme scores, body type, size class. Never a name or a note.

Anyone can create an organisation, so one person could make four with extreme scores and read the fifth's exact
scores in the group's lowest or highest figure. Only organisations an operator verified (Organisation.verified_at)
count in a group and see one.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlalchemy import delete, or_, select

from app.extensions import db
from app.models import BenchmarkParticipation, Organisation, SelfScan, SelfScanAnswer, User
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.body_types import BODIES, BodyType
from app.services.core.text import _l
from app.services.zelfscan.zelfscan import ZelfscanContent, scan_of, scores_of, theme_means

#: the smallest number of OTHER organisations a group needs before any figure of it is shown
MIN_OTHERS = 5

#: size classes of municipalities by number of inhabitants: (key, lower bound inclusive, upper bound exclusive)
SIZE_CLASSES = (("tot-20000", 0, 20_000), ("20000-50000", 20_000, 50_000), ("50000-100000", 50_000, 100_000),
                ("vanaf-100000", 100_000, None))
SIZE_LABELS = {"tot-20000": _l("minder dan 20.000 inwoners"), "20000-50000": _l("20.000 tot 50.000 inwoners"),
               "50000-100000": _l("50.000 tot 100.000 inwoners"), "vanaf-100000": _l("100.000 inwoners of meer"),
               **{key: _l(row.everyone) for key, row in BODIES.items() if key != BodyType.GEMEENTE.value}}


def size_class(organisation: Organisation) -> str | None:
    """A municipality's class by inhabitants (None while unknown); provinces and water boards are one class each."""
    if organisation.body_type != BodyType.GEMEENTE.value:
        return organisation.body_type
    if organisation.inhabitants is None:
        return None
    return next(key for key, low, high in SIZE_CLASSES
                if organisation.inhabitants >= low and (high is None or organisation.inhabitants < high))


# --- taking part ---------------------------------------------------------------------------------------------

def is_participating(organisation: Organisation) -> bool:
    return db.session.scalar(select(BenchmarkParticipation.id)
                             .where(BenchmarkParticipation.organisation_id == organisation.id)) is not None


def set_participation(organisation: Organisation, participate: bool, *, by: User) -> bool:
    """Opt in or out; opting out takes the organisation out of every distribution at once. True if it changed."""
    access.require(by, Action.MANAGE, organisation)
    if participate == is_participating(organisation):
        return False
    if participate:
        db.session.add(BenchmarkParticipation(organisation_id=organisation.id, joined_by_id=by.id))
    else:
        db.session.execute(delete(BenchmarkParticipation)
                           .where(BenchmarkParticipation.organisation_id == organisation.id))
    audit.record(AuditAction.BENCHMARK_JOINED if participate else AuditAction.BENCHMARK_LEFT, actor=by,
                 organisation_id=organisation.id, target=audit.target_of(organisation))
    return True


def record_report_download(organisation: Organisation, year: int, file_name: str, *, by: User) -> None:
    """The yearly benchmark report left the assistant as a Word file: who downloaded it is in the audit log."""
    access.require(by, Action.DOWNLOAD, organisation)
    audit.record(AuditAction.BENCHMARK_REPORT_DOWNLOAD, actor=by, organisation_id=organisation.id,
                 target=audit.target_of(organisation), year=year, file=file_name)


# --- comparing -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Distribution:
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


@dataclass(frozen=True)
class Comparison:
    year: int
    participating: bool
    size_class: str | None
    #: the organisation's own mean per theme (empty without a scan that year)
    own: dict[str, float]
    #: per theme; None for a theme (or a whole group) with fewer than MIN_OTHERS other organisations
    distributions: dict[str, Distribution | None]
    #: only a verified organisation counts in the groups and sees one
    verified: bool = True

    @property
    def enough(self) -> bool:
        return any(d is not None for d in self.distributions.values())


def distribution(values: list[float]) -> Distribution:
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Distribution(min(values), q1, median, q3, max(values))


def _group_scores(organisation: Organisation, year: int, klass: str) -> dict[str, dict[str, int]]:
    """The statement scores of every OTHER opted-in verified body in the group, in one query whatever its size.
    Organisations with the same official code are one body: it counts once (its first organisation), and never as an
    "other" of itself."""
    query = (select(SelfScan.organisation_id, Organisation.official_code, SelfScanAnswer.statement_key,
                    SelfScanAnswer.score)
             .join(SelfScanAnswer, SelfScanAnswer.scan_id == SelfScan.id)
             .join(Organisation, Organisation.id == SelfScan.organisation_id)
             .join(BenchmarkParticipation, BenchmarkParticipation.organisation_id == Organisation.id)
             .where(SelfScan.year == year, Organisation.body_type == organisation.body_type,
                    Organisation.id != organisation.id, Organisation.verified_at.is_not(None))
             .order_by(SelfScan.organisation_id))
    if organisation.official_code:
        query = query.where(or_(Organisation.official_code.is_(None),
                                Organisation.official_code != organisation.official_code))
    if organisation.body_type == BodyType.GEMEENTE.value:
        _key, low, high = next(c for c in SIZE_CLASSES if c[0] == klass)
        query = query.where(Organisation.inhabitants >= low)
        if high is not None:
            query = query.where(Organisation.inhabitants < high)
    scores: dict[str, dict[str, int]] = {}
    counted: dict[str, int] = {}  # body -> the organisation that speaks for it
    for organisation_id, code, key, score in db.session.execute(query):
        body = code or f"id:{organisation_id}"
        if counted.setdefault(body, organisation_id) == organisation_id:
            scores.setdefault(body, {})[key] = score
    return scores


def compare(organisation: Organisation, year: int, content: ZelfscanContent) -> Comparison:
    """The organisation's own theme scores and, when it takes part and its group is large enough, the group's."""
    own = theme_means(content, scores_of(scan_of(organisation, year)))
    participating, klass = is_participating(organisation), size_class(organisation)
    distributions: dict[str, Distribution | None] = {t.key: None for t in content.themes}
    verified = organisation.verified_at is not None
    if participating and verified and klass is not None:
        per_theme: dict[str, list[float]] = {}
        for scores in _group_scores(organisation, year, klass).values():
            for theme, mean in theme_means(content, scores).items():
                per_theme.setdefault(theme, []).append(mean)
        for theme, values in per_theme.items():
            if len(values) >= MIN_OTHERS:
                distributions[theme] = distribution(values)
    return Comparison(year, participating, klass, own, distributions, verified)


def position(own: float | None, dist: Distribution | None) -> str:
    """Where the own score lies in the group, in words."""
    if own is None or dist is None:
        return ""
    own = round(own, 1)
    if own < round(dist.q1, 1):
        return str(_l("bij het laagste kwart"))
    if own > round(dist.q3, 1):
        return str(_l("bij het hoogste kwart"))
    if own == round(dist.median, 1):
        return str(_l("op de mediaan"))
    return str(_l("onder de mediaan")) if own < dist.median else str(_l("boven de mediaan"))


def years_with_scans(organisation: Organisation) -> list[int]:
    return list(db.session.scalars(select(SelfScan.year).where(SelfScan.organisation_id == organisation.id)
                                   .order_by(SelfScan.year.desc())))

