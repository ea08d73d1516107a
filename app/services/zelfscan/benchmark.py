"""The benchmark across workspaces: a workspace that opted in sees its theme scores beside the distribution of
comparable workspaces (same body type and size class, same year, opted in), only when at least MIN_OTHERS other
workspaces are in that group. What is shared: theme scores, body type, size class. Never a name or a note.

Anyone can create an organisation, so one person could make four with extreme scores and read the fifth's exact
scores in the group's lowest or highest figure. Only organisations an operator verified (Municipality.verified_at)
count in a group and see one.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from app.services.core.text import _l
from sqlalchemy import delete, or_, select

from app.extensions import db
from app.models import BenchmarkParticipation, Municipality, SelfScan, SelfScanAnswer, User
from app.services.core.body_types import BODIES, BodyType
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.zelfscan.zelfscan import ZelfscanContent, scan_of, scores_of, theme_means

#: the smallest number of OTHER workspaces a group needs before any figure of it is shown
MIN_OTHERS = 5

#: size classes of municipalities by number of inhabitants: (key, lower bound inclusive, upper bound exclusive)
SIZE_CLASSES = (("tot-20000", 0, 20_000), ("20000-50000", 20_000, 50_000), ("50000-100000", 50_000, 100_000),
                ("vanaf-100000", 100_000, None))
SIZE_LABELS = {"tot-20000": _l("minder dan 20.000 inwoners"), "20000-50000": _l("20.000 tot 50.000 inwoners"),
               "50000-100000": _l("50.000 tot 100.000 inwoners"), "vanaf-100000": _l("100.000 inwoners of meer"),
               **{key: _l(row.everyone) for key, row in BODIES.items() if key != BodyType.GEMEENTE.value}}


def size_class(muni: Municipality) -> str | None:
    """A municipality's class by inhabitants (None while unknown); provinces and water boards are one class each."""
    if muni.body_type != BodyType.GEMEENTE.value:
        return muni.body_type
    if muni.inhabitants is None:
        return None
    return next(key for key, low, high in SIZE_CLASSES if muni.inhabitants >= low and (high is None
                                                                                      or muni.inhabitants < high))


# --- taking part ---------------------------------------------------------------------------------------------

def is_participating(muni: Municipality) -> bool:
    return db.session.scalar(select(BenchmarkParticipation.id)
                             .where(BenchmarkParticipation.municipality_id == muni.id)) is not None


def set_participation(muni: Municipality, participate: bool, *, by: User) -> bool:
    """Opt in or out; opting out takes the workspace out of every distribution at once. True if it changed."""
    access.require(by, Action.MANAGE, muni)
    if participate == is_participating(muni):
        return False
    if participate:
        db.session.add(BenchmarkParticipation(municipality_id=muni.id, joined_by_id=by.id))
    else:
        db.session.execute(delete(BenchmarkParticipation).where(BenchmarkParticipation.municipality_id == muni.id))
    audit.record(AuditAction.BENCHMARK_JOINED if participate else AuditAction.BENCHMARK_LEFT, actor=by,
                 municipality_id=muni.id, target=audit.target_of(muni))
    return True


def record_report_download(muni: Municipality, year: int, file_name: str, *, by: User) -> None:
    """The yearly benchmark report left the assistant as a Word file: who downloaded it is in the audit log."""
    access.require(by, Action.DOWNLOAD, muni)
    audit.record(AuditAction.BENCHMARK_REPORT_DOWNLOAD, actor=by, municipality_id=muni.id,
                 target=audit.target_of(muni), year=year, file=file_name)


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
    #: the workspace's own mean per theme (empty without a scan that year)
    own: dict[str, float]
    #: per theme; None for a theme (or a whole group) with fewer than MIN_OTHERS other workspaces
    distributions: dict[str, Distribution | None]
    #: only a verified organisation counts in the groups and sees one
    verified: bool = True

    @property
    def enough(self) -> bool:
        return any(d is not None for d in self.distributions.values())


def distribution(values: list[float]) -> Distribution:
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Distribution(min(values), q1, median, q3, max(values))


def _group_scores(muni: Municipality, year: int, klass: str) -> dict[str, dict[str, int]]:
    """The statement scores of every OTHER opted-in verified body in the group, in one query whatever its size.
    Workspaces with the same official code are one body: it counts once (its first workspace), and never as an
    "other" of itself."""
    query = (select(SelfScan.municipality_id, Municipality.official_code, SelfScanAnswer.statement_key,
                    SelfScanAnswer.score)
             .join(SelfScanAnswer, SelfScanAnswer.scan_id == SelfScan.id)
             .join(Municipality, Municipality.id == SelfScan.municipality_id)
             .join(BenchmarkParticipation, BenchmarkParticipation.municipality_id == Municipality.id)
             .where(SelfScan.year == year, Municipality.body_type == muni.body_type, Municipality.id != muni.id,
                    Municipality.verified_at.is_not(None))
             .order_by(SelfScan.municipality_id))
    if muni.official_code:
        query = query.where(or_(Municipality.official_code.is_(None), Municipality.official_code != muni.official_code))
    if muni.body_type == BodyType.GEMEENTE.value:
        _key, low, high = next(c for c in SIZE_CLASSES if c[0] == klass)
        query = query.where(Municipality.inhabitants >= low)
        if high is not None:
            query = query.where(Municipality.inhabitants < high)
    scores: dict[str, dict[str, int]] = {}
    counted: dict[str, int] = {}  # body -> the workspace that speaks for it
    for workspace, code, key, score in db.session.execute(query):
        body = code or f"id:{workspace}"
        if counted.setdefault(body, workspace) == workspace:
            scores.setdefault(body, {})[key] = score
    return scores


def compare(muni: Municipality, year: int, content: ZelfscanContent) -> Comparison:
    """The workspace's own theme scores and, when it takes part and its group is large enough, the group's."""
    own = theme_means(content, scores_of(scan_of(muni, year)))
    participating, klass = is_participating(muni), size_class(muni)
    distributions: dict[str, Distribution | None] = {t.key: None for t in content.themes}
    verified = muni.verified_at is not None
    if participating and verified and klass is not None:
        per_theme: dict[str, list[float]] = {}
        for scores in _group_scores(muni, year, klass).values():
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


def years_with_scans(muni: Municipality) -> list[int]:
    return list(db.session.scalars(select(SelfScan.year).where(SelfScan.municipality_id == muni.id)
                                   .order_by(SelfScan.year.desc())))

