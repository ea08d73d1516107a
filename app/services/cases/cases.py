"""The casusbibliotheek: finished projects that their organisation publishes as a case for every user of the app.

What others see of a case: its texts (title, what was done, outcomes, success factors, lessons), the name and body
type of the organisation and the project's domain. Never the team's names, comments, documents or survey answers: the
queries below select only those columns.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, func, literal_column, or_, select, union_all

from app.extensions import db
from app.models import Organisation, User
from app.models.case import Case
from app.models.organisation import utcnow
from app.models.project import Project
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.paging import Page

#: the phases of a finished project (handreiking/projects/project.yaml)
FINISHED_PHASES = ("evaluatie", "afgerond")
TEXT_FIELDS = ("title", "approach", "outcomes", "lessons")
MAX_WORDS = 8
CASES_PER_PAGE = 20
EXAMPLES = 3  # published cases beside the handreiking's good practices on a step page


class NotFinished(Exception):
    """Only a project in evaluation or finished can be published as a case."""


def is_finished(project: Project) -> bool:
    return project.phase in FINISHED_PHASES


def case_of(project: Project) -> Case | None:
    return db.session.scalar(select(Case).where(Case.project_id == project.id))


def draft_of(project: Project, existing: Case | None) -> dict[str, Any]:
    """The case's texts: the saved case, or else what the project's verslag, plan and evaluation already say."""
    if existing is not None:
        return {"title": existing.title, "approach": existing.approach, "outcomes": existing.outcomes,
                "lessons": existing.lessons, "factors": existing.factor_keys}
    plan = dict((project.document("participatieplan").answers or {}) if project.document("participatieplan") else {})
    verslag = dict((project.document("participatieverslag").answers or {})
                   if project.document("participatieverslag") else {})

    evaluation = dict((project.document("evaluatie").answers or {}) if project.document("evaluatie") else {})

    def text(*values: Any) -> str:
        return "\n\n".join(v.strip() for v in values if isinstance(v, str) and v.strip())

    return {"title": project.name, "approach": text(verslag.get("verloop")) or text(plan.get("doel")),
            "outcomes": text(verslag.get("inbreng"), verslag.get("verwerking")),
            # the project leader's lessons for a next project; whether the plan was followed is no lesson
            "lessons": text(evaluation.get("lessen")), "factors": []}


def publish(project: Project, texts: dict[str, Any], factors: list[str], allowed_factors: set[str],
            by: User) -> Case:
    """Publish the case of a finished project, or change its published texts. Audited."""
    access.require(by, Action.EDIT, project)
    if not is_finished(project):
        raise NotFinished(project.id)
    unknown = set(factors) - allowed_factors
    if unknown:
        raise ValueError(sorted(unknown))
    existing = case_of(project)
    item = existing or Case(project_id=project.id)
    was_published = bool(existing and existing.published)
    for field in TEXT_FIELDS:
        setattr(item, field, texts[field])
    item.factors = "," + ",".join(factors) + "," if factors else ""
    item.updated_at, item.updated_by_id = utcnow(), by.id
    if not was_published:
        item.published, item.published_at = True, utcnow()
    db.session.add(item)
    db.session.flush()
    audit.record(AuditAction.CASE_CHANGED if was_published else AuditAction.CASE_PUBLISHED, actor=by,
                 organisation_id=project.organisation_id, target=audit.target_of(item), title=item.title)
    return item


def unpublish(project: Project, by: User) -> bool:
    """Take the case out of the library at once; its texts stay for a later publication. False if not published."""
    access.require(by, Action.EDIT, project)
    item = case_of(project)
    if item is None or not item.published:
        return False
    item.published, item.published_at = False, None
    item.updated_at, item.updated_by_id = utcnow(), by.id
    audit.record(AuditAction.CASE_UNPUBLISHED, actor=by, organisation_id=project.organisation_id,
                 target=audit.target_of(item), title=item.title)
    return True


# --- reading: every logged-in user, published cases only ------------------------------------------

@dataclass
class CaseRow:
    """A published case as the library shows it: no names of people, only the organisation's name."""
    id: int
    title: str
    approach: str
    outcomes: str
    lessons: str
    factors: list[str]
    published_at: datetime | None
    domain: str
    organisation_name: str
    body_type: str

    @property
    def organisation(self) -> str:
        return f"{self.body_type} {self.organisation_name}"


_COLUMNS = (Case.id, Case.title, Case.approach, Case.outcomes, Case.lessons, Case.factors, Case.published_at,
            Project.domain, Organisation.name, Organisation.body_type)


def _published(*columns):
    return (select(*(columns or _COLUMNS)).join(Project, Project.id == Case.project_id)
            .join(Organisation, Organisation.id == Project.organisation_id).where(Case.published.is_(True)))


def _row(values) -> CaseRow:
    (case_id, title, approach, outcomes, lessons, factors, published_at, domain, name, body_type) = values
    return CaseRow(case_id, title, approach, outcomes, lessons, [k for k in factors.split(",") if k], published_at,
                   domain, name, body_type)


def like_pattern(word: str) -> str:
    """A LIKE pattern that finds the word as typed: %, _ and the escape character match only themselves."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


#: one page of the library's search result: its cases, newest first, and how many matched in all
CasePage = Page[CaseRow]


def search(words: str = "", domain: str = "", body_type: str = "", factor: str = "", page: int = 1,
           per_page: int = CASES_PER_PAGE) -> CasePage:
    """Page `page` of the published cases whose title or texts contain every word, newest first: two queries (the
    count and the page's rows, limited in the database) whatever their number. A page past the last one comes back
    without rows and with `exists` false."""
    conditions = []
    for word in words.split()[:MAX_WORDS]:
        pattern = like_pattern(word)
        conditions.append(or_(*(getattr(Case, f).ilike(pattern, escape="\\") for f in TEXT_FIELDS)))
    if domain:
        conditions.append(Project.domain == domain)
    if body_type:
        conditions.append(Organisation.body_type == body_type)
    if factor:
        conditions.append(Case.factors.like(like_pattern("," + factor + ","), escape="\\"))
    total = db.session.scalar(_published(func.count(Case.id)).where(*conditions)) or 0
    result = CasePage([], page, total, per_page)
    if result.exists and total:
        query = (_published().where(*conditions).order_by(Case.published_at.desc(), Case.id.desc())
                 .offset(result.offset).limit(per_page))
        result.items = [_row(r) for r in db.session.execute(query)]
    return result


def published_case(case_id: int) -> CaseRow | None:
    values = db.session.execute(_published().where(Case.id == case_id)).first()
    return _row(values) if values else None


def examples_for(organisation: Organisation) -> list[CaseRow]:
    """Up to three published cases of other organisations, those of the same body type first, newest first: one
    query, built once (a step page asks for it on every visit)."""
    return [_row(r[:-1]) for r in db.session.execute(_examples_statement(),
                                                     {"own": organisation.id, "body_type": organisation.body_type})]


@lru_cache(maxsize=1)
def _examples_statement():
    """Two arms, the same body type and the others, each the newest EXAMPLES read along the index on (published,
    published_at, id) and stopped after EXAMPLES rows; the outer query orders those few rows. Ordering all published
    cases by "same body type first" instead made the database sort every case on every step page: 5 ms at 50
    cases, 12 ms at 5,000; this stays flat."""
    def arm(kind: int, same: bool):
        body_type = Organisation.body_type == bindparam("body_type")
        return (select(*_COLUMNS, literal_column(str(kind)).label("kind")).select_from(Case)
                .join(Project, Project.id == Case.project_id)
                .join(Organisation, Organisation.id == Project.organisation_id)
                .where(Case.published.is_(True), Organisation.id != bindparam("own"),
                       body_type if same else ~body_type)
                .order_by(Case.published_at.desc(), Case.id.desc()).limit(EXAMPLES).subquery())
    both = union_all(*(select(*s.c) for s in (arm(0, True), arm(1, False)))).subquery()
    return select(*both.c).order_by(both.c.kind, both.c.published_at.desc(), both.c.id.desc()).limit(EXAMPLES)
