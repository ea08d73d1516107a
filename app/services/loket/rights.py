"""Which rights an adopted ordinance grants, read from the answers of the adopted version: ONE function, `rights_of`.

The answers are the ones the ordinance builder reads (ordinance_templates/): a right the ordinance does not grant is
not offered, a period the ordinance sets is the period, and who decides follows the body's wording. The result is
stored as a snapshot on every request (Right.as_rules), so a later adopted version does not change a filed request.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from app.services.core import body_types
from app.services.questions.answers import effective_answers, other_key
from app.services.questions.handreiking import Handreiking

#: art. 4:13 lid 2 Awb: without a period set by the ordinance, a beschikking is due within a reasonable period of at
#: most eight weeks; the loket uses those eight weeks for every right without a period of its own
REASONABLE_WEEKS = 8

#: the labels of the uitdaagrecht's criteria, as in handreiking/05-instrumenten-en-aanpak.yaml
_CRITERIA_QUESTION = "uitdaagrecht_criteria"


@dataclass(frozen=True)
class Right:
    key: str
    #: decision period in weeks after receipt
    weeks: int
    #: "verordening" when the ordinance sets the period, "awb" for the reasonable period of art. 4:13 Awb
    period_source: str
    #: who decides, e.g. "het college", "gedeputeerde staten", "de raad"
    decided_by: str
    #: whether the decision is a beschikking (art. 1:3 Awb): the letter then carries the bezwaar clause
    beschikking: bool
    criteria: tuple[str, ...] = ()
    #: burgerinitiatief: supporters needed, minimum age, on whose agenda
    supporters_needed: int | None = None
    minimum_age: int | None = None
    agenda: str | None = None
    #: who may file (uitdaagrecht and the rights that refer to it), as the ordinance names them
    who: tuple[str, ...] = field(default_factory=tuple)

    def as_rules(self) -> dict[str, Any]:
        data = asdict(self)
        data["criteria"], data["who"] = list(self.criteria), list(self.who)
        return data

    @classmethod
    def from_rules(cls, data: Mapping[str, Any]) -> "Right":
        values = dict(data)
        values["criteria"], values["who"] = tuple(values.get("criteria", ())), tuple(values.get("who", ()))
        return cls(**values)


def _weeks(value: Any) -> int | None:
    try:
        weeks = int(value)
    except (TypeError, ValueError):
        return None
    return weeks if 1 <= weeks <= 52 else None


def _labels(handreiking: Handreiking, key: str, values: Any) -> tuple[str, ...]:
    found = handreiking.find_question(key)
    if not isinstance(values, (list, tuple)):
        values = [values] if values else []
    return tuple(found[1].option_label(v) if found else str(v) for v in values)


def rights_of(answers_by_step: Mapping[int, Mapping[str, Any]], body_type: str,
              handreiking: Handreiking) -> dict[str, Right]:
    """The rights the ordinance of these answers grants, keyed by right; the conditions mirror the clause library's
    `when` of each article (hoofdstuk-2, -4 and -6 in ordinance_templates/)."""
    a = effective_answers(handreiking, {int(k): v for k, v in answers_by_step.items()})
    body = body_types.body(body_type).wording
    college, raad = str(body["college"]), str(body["raad"])

    def period(key: str) -> tuple[int, str]:
        weeks = _weeks(a.get(key))
        return (weeks, "verordening") if weeks else (REASONABLE_WEEKS, "awb")

    found: dict[str, Right] = {}
    initiative = a.get("initiatief") or []
    if "inwoners" in initiative or "organisaties" in initiative:       # article besluit_over_participatie
        weeks, source = period("participatieverzoek_beslistermijn_weken")
        found["participatieverzoek"] = Right("participatieverzoek", weeks, source, "het bevoegde bestuursorgaan",
                                             beschikking=False)
    if a.get("uitdaagrecht_opnemen") is not False:                      # hoofdstuk uitdaagrecht, "!= false"
        weeks, source = period("uitdaagrecht_beslistermijn_weken")
        criteria = _labels(handreiking, _CRITERIA_QUESTION, a.get(_CRITERIA_QUESTION))
        if a.get(other_key(_CRITERIA_QUESTION)):
            criteria += (str(a[other_key(_CRITERIA_QUESTION)]),)
        who = _labels(handreiking, "uitdaagrecht_wie", a.get("uitdaagrecht_wie"))
        found["uitdaagrecht"] = Right("uitdaagrecht", weeks, source, college, beschikking=True, criteria=criteria,
                                      who=who)
        extra = a.get("buurtrechten") or []
        if "buurtplanrecht" in extra:
            weeks, source = period("buurtplan_beslistermijn_weken")
            found["buurtplanrecht"] = Right("buurtplanrecht", weeks, source, college, beschikking=True, who=who)
        if "biedrecht" in extra:
            # the ordinance sets no period; the decision on the property is private law, so no beschikking
            found["biedrecht"] = Right("biedrecht", REASONABLE_WEEKS, "awb", college, beschikking=False, who=who)
    if a.get("burgerinitiatief") is True:                                # article burgerinitiatief
        needed = a.get("burgerinitiatief_handtekeningen")
        found["burgerinitiatief"] = Right(
            "burgerinitiatief", REASONABLE_WEEKS, "awb", raad, beschikking=False,
            supporters_needed=int(needed) if isinstance(needed, (int, float)) and needed >= 1 else None,
            minimum_age=int(a["burgerinitiatief_leeftijd"]) if a.get("burgerinitiatief_leeftijd") else None,
            agenda=a.get("burgerinitiatief_agenda") or "raad")
    return found
