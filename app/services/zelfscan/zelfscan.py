"""The zelfscan: statements per theme from handreiking/zelfscan/zelfscan.yaml, scores as typed rows per year.

A theme is a perspective (raad, college, ambtelijke organisatie, inwoners) or a success factor. A theme's score is
the mean of its statements' scores (1 helemaal oneens … 5 helemaal eens), rounded to one decimal for display.

Each statement is a question of the question engine (app/services/questions/questions.py), loaded with the same loader as the
wizard, the survey and the evaluation: a choice with the values "1" to "5", as the survey's scale questions. The
type parses and checks the posted score and writes it into a CSV cell; the score is stored as an integer.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation, ParticipationPlan, SelfScan, SelfScanAnswer, StepAnswer, User
from app.models.organisation import utcnow
from app.services.core import yaml_files
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _, _l
from app.services.questions.handreiking import ContentError, Question, _load_question
from app.services.questions.questions import csv_text

KINDS = ("perspectief", "succesfactor")
PERSPECTIVE, SUCCESS_FACTOR = KINDS
SCORES = (1, 2, 3, 4, 5)
FIRST_YEAR, LAST_YEAR = 2020, 2100
MAX_NOTE = 300
KEY = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
FILE = "zelfscan/zelfscan.yaml"
#: the plan's step about where the organisation stands: it shows the zelfscan, and may hold scores in the old layout
STEP = 2
#: the options of every statement: a choice with the values 1 to 5, as the survey's scale
SCALE = [{"value": str(n), "label": label} for n, label in zip(SCORES, (
    _l("1 helemaal oneens"), _l("2 oneens"), _l("3 neutraal"), _l("4 eens"), _l("5 helemaal eens")))]


@dataclass(frozen=True)
class Statement:
    key: str
    text: str
    #: the statement as a question of the engine (type choice, options SCALE): it parses, checks and exports scores
    question: Question

    def parse_score(self, raw: object) -> tuple[int | None, str | None]:
        """A posted score: (the score, None), (None, None) when empty, or (None, the type's message)."""
        value, error = self.question.kind.parse(self.question, {"score": raw}, "score")
        return (None, error) if error or value is None else (int(value), None)

    def is_score(self, score: object) -> bool:
        return isinstance(score, int) and self.question.kind.check(self.question, str(score)) is None

    def csv_value(self, score: int | None) -> str:
        return self.question.csv_value(None if score is None else str(score))


@dataclass(frozen=True)
class Theme:
    key: str
    kind: str
    title: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class ZelfscanContent:
    themes: tuple[Theme, ...]

    @property
    def statement_keys(self) -> list[str]:
        return [s.key for t in self.themes for s in t.statements]

    @property
    def statements(self) -> dict[str, Statement]:
        return {s.key: s for t in self.themes for s in t.statements}

    def theme_of(self) -> dict[str, str]:
        """statement key -> theme key"""
        return {s.key: t.key for t in self.themes for s in t.statements}

    @property
    def success_factors(self) -> list[Theme]:
        return [t for t in self.themes if t.kind == SUCCESS_FACTOR]


def load_zelfscan(folder: str | Path) -> ZelfscanContent:
    """The themes and statements; an error names the file and the problem, and stops the start."""
    path = Path(folder) / "zelfscan.yaml"
    try:
        data = yaml_files.load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError(f"{FILE}: het bestand ontbreekt ({exc})") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"{FILE}: geen geldige YAML ({exc})") from exc
    if not isinstance(data, list) or not data:
        raise ContentError(f"{FILE}: het bestand moet een lijst van thema's zijn")
    themes, seen, questions = [], set(), []
    for i, raw in enumerate(data, start=1):
        if not isinstance(raw, dict) or set(raw) != {"key", "kind", "title", "statements"}:
            raise ContentError(f"{FILE}, thema {i}: een thema heeft precies 'key', 'kind', 'title' en 'statements'")
        key, kind, title, statements = raw["key"], raw["kind"], raw["title"], raw["statements"]
        where = f"{FILE}, thema {key!r}"
        if not isinstance(key, str) or not KEY.match(key) or key in seen:
            raise ContentError(f"{FILE}, thema {i}: 'key' moet uniek zijn, met kleine letters, cijfers en _")
        seen.add(key)
        if kind not in KINDS:
            raise ContentError(f"{where}: 'kind' moet {' of '.join(KINDS)} zijn")
        if not isinstance(title, str) or not title.strip():
            raise ContentError(f"{where}: 'title' moet een tekst zijn")
        if not isinstance(statements, list) or not statements:
            raise ContentError(f"{where}: 'statements' moet een lijst van stellingen zijn")
        parsed = []
        for j, s in enumerate(statements, start=1):
            if not isinstance(s, dict) or set(s) != {"key", "text"}:
                raise ContentError(f"{where}, stelling {j}: een stelling heeft precies 'key' en 'text'")
            if not isinstance(s["key"], str) or not KEY.match(s["key"]) or s["key"] in seen:
                raise ContentError(f"{where}, stelling {j}: 'key' moet uniek zijn, met kleine letters, cijfers en _")
            if not isinstance(s["text"], str) or not s["text"].strip():
                raise ContentError(f"{where}, stelling {s['key']!r}: 'text' moet een tekst zijn")
            seen.add(s["key"])
            question = _load_question({"key": s["key"], "type": "choice", "label": s["text"].strip(),
                                       "required": True, "options": SCALE}, f"{where}, stelling {j}", questions, True)
            questions.append(question)
            parsed.append(Statement(s["key"], question.label, question))
        themes.append(Theme(key, kind, title.strip(), tuple(parsed)))
    if not any(t.kind == SUCCESS_FACTOR for t in themes):
        raise ContentError(f"{FILE}: er moet ten minste één succesfactor in staan")
    return ZelfscanContent(tuple(themes))


# --- scans -------------------------------------------------------------------------------------------------

def scan_of(organisation: Organisation, year: int) -> SelfScan | None:
    return db.session.scalar(select(SelfScan).where(SelfScan.organisation_id == organisation.id, SelfScan.year == year))


def scans_of(organisation: Organisation) -> list[SelfScan]:
    """Every scan of the organisation, oldest year first, with its answers."""
    return list(db.session.scalars(select(SelfScan).where(SelfScan.organisation_id == organisation.id)
                                   .order_by(SelfScan.year)).unique())


def save_scan(organisation: Organisation, year: int, answers: dict[str, tuple[int, str]], content: ZelfscanContent, *,
              by: User) -> SelfScan:
    """Write the year's scan: one row per statement of the content file; the caller commits."""
    access.require(by, Action.EDIT, organisation)
    keys = set(content.statement_keys)
    if set(answers) - keys or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError("unknown statement or year")  # the form only offers the file's statements
    scan = scan_of(organisation, year)
    if scan is None:
        scan = SelfScan(organisation_id=organisation.id, year=year)
        db.session.add(scan)
    scan.updated_at, scan.updated_by_id = utcnow(), by.id
    existing = {a.statement_key: a for a in scan.answers}
    statements = content.statements
    for key, (score, note) in answers.items():
        if not statements[key].is_score(score):
            raise ValueError("score out of range")
        answer = existing.get(key)
        if answer is None:
            scan.answers.append(SelfScanAnswer(statement_key=key, score=score, note=(note or "")[:MAX_NOTE]))
        else:
            answer.score, answer.note = score, (note or "")[:MAX_NOTE]
    db.session.flush()
    audit.record(AuditAction.ZELFSCAN_SAVED, actor=by, organisation_id=organisation.id, target=audit.target_of(scan),
                 year=year)
    return scan


def record_export(organisation: Organisation, scans: list[SelfScan], *, by: User) -> None:
    """The organisation's scans left the assistant as CSV: who downloaded them is in the audit log."""
    access.require(by, Action.DOWNLOAD, organisation)
    audit.record(AuditAction.ZELFSCAN_EXPORTED, actor=by, organisation_id=organisation.id,
                 target=audit.target_of(organisation), years=[s.year for s in scans])


def scans_csv(content: ZelfscanContent, scans: list[SelfScan]) -> str:
    """Every scan of an organisation for a spreadsheet: one row per statement, a score and a note column per year.
    The score cell is the statement's question type's csv_value ("4 eens")."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    header = [_("Thema"), _("Stelling")]
    for scan in scans:
        header += [_("Score %(year)s", year=scan.year), _("Toelichting %(year)s", year=scan.year)]
    writer.writerow(header)
    answers = [{a.statement_key: a for a in scan.answers} for scan in scans]
    for theme in content.themes:
        for s in theme.statements:
            row = [theme.title, s.text]
            for per_key in answers:
                answer = per_key.get(s.key)
                row += [s.csv_value(answer.score if answer else None), csv_text(answer.note if answer else "")]
            writer.writerow(row)
    return out.getvalue()


def theme_means(content: ZelfscanContent, scores: dict[str, int]) -> dict[str, float]:
    """The mean score per theme over the statements answered; a theme without answers is left out."""
    theme_of = content.theme_of()
    sums: dict[str, list[int]] = {}
    for key, score in scores.items():
        if key in theme_of:
            sums.setdefault(theme_of[key], []).append(score)
    return {t: sum(v) / len(v) for t, v in sums.items()}


def scores_of(scan: SelfScan | None) -> dict[str, int]:
    return {a.statement_key: a.score for a in scan.answers} if scan else {}


def lowest_success_factors(content: ZelfscanContent, means: dict[str, float], count: int = 3) -> list[Theme]:
    """The success factors with the lowest mean (the file's order breaks ties)."""
    factors = [t for t in content.success_factors if t.key in means]
    return sorted(factors, key=lambda t: round(means[t.key], 1))[:count]


@dataclass(frozen=True)
class TrendRow:
    theme: Theme
    #: per year of the scans (same order as Trend.years): the mean, or None when the theme was not scored
    means: tuple[float | None, ...]


@dataclass(frozen=True)
class Trend:
    years: tuple[int, ...]
    rows: tuple[TrendRow, ...]


def trend(content: ZelfscanContent, scans: list[SelfScan]) -> Trend:
    per_year = [theme_means(content, scores_of(s)) for s in scans]
    return Trend(tuple(s.year for s in scans),
                 tuple(TrendRow(t, tuple(m.get(t.key) for m in per_year)) for t in content.themes))


def one_decimal(value: float | None) -> str:
    """3.45 -> "3,5": Dutch notation, one decimal (half up, as people round)."""
    if value is None:
        return "–"
    from decimal import ROUND_HALF_UP, Decimal
    return str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)).replace(".", ",")


@dataclass(frozen=True)
class Summary:
    """The organisation's zelfscan as step 2 of a plan shows it: the latest year's mean per theme."""
    year: int | None              # None: no zelfscan yet
    means: tuple[tuple[Theme, float], ...]
    lowest: tuple[Theme, ...]


def summary(content: ZelfscanContent, organisation: Organisation) -> Summary:
    scans = scans_of(organisation)
    if not scans:
        return Summary(None, (), ())
    means = theme_means(content, scores_of(scans[-1]))
    return Summary(scans[-1].year, tuple((t, means[t.key]) for t in content.themes if t.key in means),
                   tuple(lowest_success_factors(content, means)))


@dataclass(frozen=True)
class EarlierScores:
    """Scores filled in on step 2 of a plan before the zelfscan had one place (the retired question 'zelfscan')."""
    plan: ParticipationPlan
    rows: tuple[dict, ...]


def earlier_step_scores(organisation: Organisation) -> list[EarlierScores]:
    """Per plan of the organisation, the rows its step 2 still holds in the old layout (theme, score, note)."""
    found = db.session.execute(select(ParticipationPlan, StepAnswer).join(
        StepAnswer, StepAnswer.plan_id == ParticipationPlan.id).where(
        ParticipationPlan.organisation_id == organisation.id, StepAnswer.step_number == STEP)
        .order_by(ParticipationPlan.id)).all()
    return [EarlierScores(plan, tuple(row.answers["zelfscan"])) for plan, row in found
            if isinstance((row.answers or {}).get("zelfscan"), list) and row.answers["zelfscan"]]
