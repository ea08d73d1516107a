"""What the ordinance a project follows asks of its participatieplan, and the check of a plan against it.

The rules are read from the answers of the organisation's plan (steps 4 and 5) and the article that carries each rule is
found in the built ordinance (app/services/ordinance/builder.py): by the question that decides it, never by a number
written here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from app.models import ParticipationPlan
from app.services.core.text import _
from app.services.ordinance import build_ordinance
from app.services.ordinance.library import ClauseLibrary
from app.services.ordinance.model import Ordinance
from app.services.plans import exchange as plan_io
from app.services.projects.content import ProjectContent
from app.services.questions.answers import field_name, is_empty, other_key
from app.services.questions.handreiking import Handreiking, Option, Question, Step

if TYPE_CHECKING:
    from app.services.core.content import Content

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
LATE_PHASES = ("evaluatie", "afgerond")
ACTIVE_PHASES = ("uitvoering", "evaluatie", "afgerond")


@dataclass
class PlanWarning:
    message: str
    #: "artikel 7", or "" when the ordinance has no article for the rule (yet)
    article: str = ""

    def __str__(self) -> str:
        return f"{self.message} ({self.article})" if self.article else self.message


@dataclass
class OrdinanceRules:
    """The rules of one ordinance that a project's plan must follow."""
    plan_title: str
    #: the levels of influence the ordinance names; empty when it has not chosen its words yet
    allowed_levels: list[str]
    #: the groups the ordinance asks to reach (free text of step 4), or ""
    target_groups: str
    #: to whom feedback is given (deelnemers, raad) and within how many weeks of the decision
    feedback_to: list[str]
    feedback_weeks: int | None
    #: how participation per project is recorded (step 5 projectdocumenten)
    project_documents: str | None
    #: the cases in which participation is required, as labels; and whether a "groot" impact makes it required
    required_cases: list[str]
    large_impact_required: bool
    #: who decides whether and how to involve people, as a label
    who_decides: str
    #: the instruments of step 5 (value, label), the methods a project can choose from
    instruments: list[Option]
    #: question key -> "artikel N" of the article that carries the rule
    articles: dict[str, str] = field(default_factory=dict)

    @property
    def plan_required(self) -> bool:
        return self.project_documents in ("plan_en_verslag", "beide")

    @property
    def feedback_required(self) -> bool:
        return "deelnemers" in self.feedback_to


def article_number(ordinance: Ordinance, library: ClauseLibrary, key: str) -> int | None:
    """The number of the article that carries the rule of question `key`: the article decided by it, or else the
    article whose text or explanation uses the answer. An article of definitions is never it: defining the term
    "participatieplan" does not require one (it made every check cite article 1)."""
    present = {a.key: a.number for a in ordinance.articles()}
    definitions = [a for chapter in library.chapters for a in chapter.articles if not a.definitions]
    for article in definitions:
        if key in article.decided_by and article.key in present:
            return present[article.key]
    quoted = re.compile(rf"['\"]{re.escape(key)}['\"]|a\.{re.escape(key)}\b")
    for article in definitions:
        sources = [m.text.source for m in article.members] + [getattr(article.explanation, "source", "") or ""]
        if article.key in present and any(quoted.search(s or "") for s in sources):
            return present[article.key]
    return None


RULE_KEYS = ("invloed_vocabulaire", "doelgroepen", "terugkoppeling_aan", "projectdocumenten", "verplichte_gevallen",
             "wie_beslist")


def rules_for(plan: ParticipationPlan, content: Content) -> OrdinanceRules:
    handreiking, library, lists = content.handreiking, content.clause_library, content.projects
    plan_input = plan_io.plan_input(plan, content)
    answers = plan_input.answers
    ordinance = build_ordinance(library, handreiking, plan_input)
    articles = {}
    for key in RULE_KEYS:
        number = article_number(ordinance, library, key)
        if number is not None:
            articles[key] = _("artikel %(number)s", number=number)
    return OrdinanceRules(
        plan_title=plan.title,
        allowed_levels=list(lists.influence_levels.get(answers.get("invloed_vocabulaire") or "", ())),
        target_groups=str(answers.get("doelgroepen") or ""),
        feedback_to=list(answers.get("terugkoppeling_aan") or []),
        feedback_weeks=answers.get("terugkoppeling_termijn_weken"),
        project_documents=answers.get("projectdocumenten"),
        required_cases=_labels(handreiking, "verplichte_gevallen", answers.get("verplichte_gevallen") or []),
        large_impact_required="grote_impact" in (answers.get("verplichte_gevallen") or []),
        who_decides=", ".join(_labels(handreiking, "wie_beslist", [answers["wie_beslist"]]))
        if answers.get("wie_beslist") else "",
        instruments=list(_question(handreiking, "instrumenten").options) if _question(handreiking, "instrumenten")
        else [],
        articles=articles,
    )


def _question(handreiking: Handreiking, key: str) -> Question | None:
    found = handreiking.find_question(key)
    return found[1] if found else None


def _labels(handreiking: Handreiking, key: str, values: list[Any]) -> list[str]:
    question = _question(handreiking, key)
    return [question.option_label(v) if question else str(v) for v in values]


def plan_form(step: Step, rules: OrdinanceRules | None, content: ProjectContent) -> Step:
    """The participatieplan's questions for this project: the levels of influence of its ordinance first, the others
    marked as not allowed; the methods from step 5's instruments."""
    questions = []
    for q in step.questions:
        if q.key == "invloed":
            allowed = rules.allowed_levels if rules and rules.allowed_levels else content.all_levels()
            others = [level for level in content.all_levels() if level not in allowed]
            options = [Option(level, content.influence_labels[level]) for level in allowed]
            options += [Option(level, _("%(level)s (niet toegestaan volgens de verordening)",
                                        level=content.influence_labels[level])) for level in others]
            q = replace(q, options=tuple(options))
        elif q.key == "methoden" and rules and rules.instruments:
            q = replace(q, options=tuple(rules.instruments))
        questions.append(q)
    return replace(step, questions=questions)


def check_months(answers: dict[str, Any]) -> dict[str, str]:
    """Errors by field name for an end month before the start (the question engine reads the months themselves,
    "maart 2027" as well as "2027-03", and refuses what is not a month)."""
    errors = {}
    for i, row in enumerate(answers.get("tijdlijn") or []):
        start, end = row.get("start"), row.get("eind")
        if start and end and MONTH.match(str(start)) and MONTH.match(str(end)) and end < start:
            errors[field_name("tijdlijn", i, "eind")] = _("De laatste maand ligt voor de eerste maand.")
    return errors


def check_plan(answers: dict[str, Any], rules: OrdinanceRules | None, *, phase: str, impact: str,
               plan_published: bool, verslag_filled: bool, content: ProjectContent) -> list[PlanWarning]:
    """Where the project's plan does not follow its ordinance, each with the article that says so."""
    if rules is None:
        return [PlanWarning(_("Dit traject volgt nog geen verordening: kies bij de gegevens van het traject welk "
                              "plan het volgt, dan toetst de assistent het participatieplan daaraan."))]
    found: list[PlanWarning] = []

    def add(message: str, rule: str) -> None:
        found.append(PlanWarning(message, rules.articles.get(rule, "")))

    level = answers.get("invloed")
    if level and rules.allowed_levels and level not in rules.allowed_levels:
        add(_("Het plan belooft de mate van invloed ‘%(level)s’, maar de verordening kent alleen: %(allowed)s.",
              level=content.influence_labels.get(level, level),
              allowed=", ".join(content.influence_labels[x] for x in rules.allowed_levels)), "invloed_vocabulaire")
    if is_empty(level):
        add(_("Het plan zegt nog niet hoeveel invloed de deelnemers krijgen; de verordening vraagt dat vooraf vast te "
              "leggen."), "invloed_vocabulaire")
    if rules.feedback_required and is_empty(answers.get("terugkoppeling")):
        weeks = _(" binnen %(weeks)s weken na het besluit", weeks=rules.feedback_weeks) if rules.feedback_weeks else ""
        add(_("Het plan noemt geen moment van terugkoppeling, terwijl de verordening vraagt dat de deelnemers"
              "%(weeks)s horen wat met hun inbreng is gedaan.", weeks=weeks), "terugkoppeling_aan")
    if rules.target_groups and is_empty(answers.get("doelgroepen")):
        add(_("Het plan zegt niet wie worden betrokken, terwijl de verordening vraagt ook deze groepen te bereiken: "
              "%(groups)s", groups=rules.target_groups.strip()), "doelgroepen")
    if rules.large_impact_required and impact == "groot" and is_empty(answers.get("methoden")) \
            and is_empty(answers.get(other_key("methoden"))):
        add(_("Dit traject heeft grote impact: volgens de verordening is participatie dan verplicht, maar het plan "
              "noemt nog geen werkvormen."), "verplichte_gevallen")
    if rules.plan_required and phase in ACTIVE_PHASES and not plan_published:
        add(_("Het traject is in uitvoering, maar het participatieplan is niet openbaar gemaakt; de verordening "
              "vraagt dat voordat de participatie begint."), "projectdocumenten")
    if rules.plan_required and phase in LATE_PHASES and not verslag_filled:
        add(_("De verordening vraagt na afloop een participatieverslag; dat is nog niet ingevuld."),
            "projectdocumenten")
    return found


def any_plan_form(content: ProjectContent, handreiking: Handreiking) -> Step:
    """The participatieplan's questions with every level and every instrument: for checking an imported file,
    whatever ordinance the project will follow."""
    instruments = _question(handreiking, "instrumenten")
    step = plan_form(content.forms["participatieplan"], None, content)
    return replace(step, questions=[replace(q, options=instruments.options) if q.key == "methoden" and instruments
                                    else q for q in step.questions])
