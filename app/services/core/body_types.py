"""The three kinds of body that write a participatieverordening (gemeente, provincie, waterschap) and every word
that follows from the kind, listed once: the model, the forms, the CLI, the ordinance, the adoption route, the
publication, the reader's rules, the plan file and the benchmark all read this table.

No Flask here: the labels are marked with `N_` for messages.pot and translated where they are shown.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass


def N_(text: str) -> str:
    """Marks an interface text for messages.pot (Babel's default keyword) without translating it here."""
    return text


class BodyType(str, enum.Enum):
    """The kind of body: decides the wording (raad, provinciale staten, algemeen bestuur)."""
    GEMEENTE = "gemeente"
    PROVINCIE = "provincie"
    WATERSCHAP = "waterschap"


@dataclass(frozen=True)
class Body:
    """Everything that differs per body type."""
    #: the choice on the forms ("Gemeente"), translated where it is shown
    label: str
    #: the plural ("andere provincies") and the benchmark's group of a body type without size classes
    plural: str
    everyone: str
    #: the words of the ordinance, its toelichting and the letters (see the keys below)
    wording: dict[str, str | bool]
    #: the words of the adoption route and the publication: college, commissie, raad, blad
    route: dict[str, str]
    #: the legal grounds this body type may cite, and what each grounds
    grounds: dict[str, str]
    #: the CBS code of the body (GM0363, PV27, WS0155) and an example of it
    official_code: re.Pattern
    code_example: str
    #: words that mark a text as this body type's (a regular expression, matched as whole words)
    marks: str


# The keys of `wording`:
# "raad_mv" / "college_mv": the word for the raad or the college is plural ("provinciale staten stellen ... vast",
# "gedeputeerde staten beslissen"). Clause texts do not test them themselves: they write a verb whose subject is
# body.raad as ww('stelt', 'stellen') and one whose subject is body.college as wc('beslist', 'beslissen'), helpers the
# builder offers that pick the plural form. Every other word here is singular (bestuur, voorzitter, griffier) or
# plural for every body (ingezetenen), so it needs no such helper.
# "wet": the organic law of the body, for texts that name it without an article number.
# "stemmen_zonder_last": the provision that the members of the representative body vote without instruction.
# "omgeving": the word for the area close to those who take over a task ("de buurt" is a municipal word).
#
# The grounds: docs/grounds.md records per provision the check against the text of the law (or flags it as still to
# check). Every provision the ordinance cites must be in this table for its body type
# (tests/ordinance/test_legal_quality.py) and in docs/grounds.md (tests/ordinance/test_grounds.py).
BODIES: dict[str, Body] = {
    BodyType.GEMEENTE.value: Body(
        label=N_("Gemeente"), plural="gemeenten", everyone=N_("alle gemeenten"),
        wording={
            "soort": "gemeente",
            "raad": "de raad", "raad_mv": False, "college": "het college", "college_mv": False,
            "college_voluit": "het college van burgemeester en wethouders",
            "raad_van": "de raad van de gemeente", "bestuur": "de gemeente", "ingezetenen": "ingezetenen",
            "grondslag": "artikel 150 van de Gemeentewet", "wet": "de Gemeentewet", "voorzitter": "de voorzitter",
            "griffier": "de griffier", "stemmen_zonder_last": "artikel 27 van de Gemeentewet",
            "omgeving": "de buurt", "voorstel_aan_raad": "raadsvoorstel",
        },
        route={"college": "het college van burgemeester en wethouders", "commissie": "de raadscommissie",
               "raad": "de gemeenteraad", "blad": "het Gemeenteblad"},
        grounds={
            "artikel 150 van de Gemeentewet": "de plicht van de raad een participatieverordening vast te stellen, "
                                              "met het uitdaagrecht",
            "artikel 27 van de Gemeentewet": "de leden van de raad stemmen zonder last",
            "artikel 16.55, zevende lid, van de Omgevingswet": "de raad wijst gevallen aan waarin participatie "
                                                                "verplicht is voor een aanvraag om een buitenplanse "
                                                                "omgevingsplanactiviteit",
            "artikel 47 van de Participatiewet": "cliëntenparticipatie bij verordening (Participatiewet)",
            "artikel 2.1.3, derde lid, van de Wet maatschappelijke ondersteuning 2015": "betrekken van ingezetenen "
                                                                                         "bij het beleid (Wmo 2015)",
            "artikel 2.10 van de Jeugdwet": "betrekken van jeugdigen en ouders bij het beleid (Jeugdwet)",
        },
        official_code=re.compile(r"GM\d{4}"), code_example="GM0363",
        marks=(r"[Gg]emeente\w*|[Gg]emeentelijk\w*|[Ww]ijk(gesprek|bewoner|huis)\w*|[Ww]ijk|[Bb]uurt\w*|"
               r"[Rr]aadsvoorstel\w*|"
               r"[Bb]urgemeester|[Ww]ethouder\w*|de raad|[Hh]et college|Gemeentewet"),
    ),
    BodyType.PROVINCIE.value: Body(
        label=N_("Provincie"), plural="provincies", everyone=N_("alle provincies"),
        wording={
            # The Provinciewet speaks of "gedeputeerde staten" (plural), like "provinciale staten".
            "soort": "provincie",
            "raad": "provinciale staten", "raad_mv": True, "college": "gedeputeerde staten", "college_mv": True,
            "college_voluit": "gedeputeerde staten",
            "raad_van": "provinciale staten van", "bestuur": "de provincie", "ingezetenen": "ingezetenen",
            "grondslag": "artikel 147 van de Provinciewet", "wet": "de Provinciewet", "voorzitter": "de voorzitter",
            "griffier": "de statengriffier", "stemmen_zonder_last": "artikel 27 van de Provinciewet",
            "omgeving": "de directe omgeving", "voorstel_aan_raad": "statenvoorstel",
        },
        route={"college": "gedeputeerde staten", "commissie": "de statencommissie",
               "raad": "provinciale staten", "blad": "het Provinciaal blad"},
        grounds={
            "artikel 147 van de Provinciewet": "de plicht van provinciale staten een participatieverordening vast te "
                                               "stellen, met het uitdaagrecht",
            "artikel 27 van de Provinciewet": "de leden van provinciale staten stemmen zonder last",
        },
        official_code=re.compile(r"PV\d{2}"), code_example="PV27",
        marks=r"[Pp]rovincie\w*|[Pp]rovincia\w*|[Gg]edeputeerde|[Ss]taten\w*|Provinciewet",
    ),
    BodyType.WATERSCHAP.value: Body(
        label=N_("Waterschap"), plural="waterschappen", everyone=N_("alle waterschappen"),
        wording={
            "soort": "waterschap",
            "raad": "het algemeen bestuur", "raad_mv": False, "college": "het dagelijks bestuur", "college_mv": False,
            "college_voluit": "het dagelijks bestuur",
            "raad_van": "het algemeen bestuur van het waterschap", "bestuur": "het waterschap",
            "ingezetenen": "ingezetenen", "grondslag": "artikel 79 van de Waterschapswet", "wet": "de Waterschapswet",
            "voorzitter": "de voorzitter", "griffier": "de secretaris",
            "stemmen_zonder_last": "artikel 38 van de Waterschapswet",
            "omgeving": "de directe omgeving", "voorstel_aan_raad": "voorstel aan het algemeen bestuur",
        },
        route={"college": "het dagelijks bestuur", "commissie": "de commissie van het algemeen bestuur",
               "raad": "het algemeen bestuur", "blad": "het Waterschapsblad"},
        grounds={
            "artikel 79 van de Waterschapswet": "de plicht van het algemeen bestuur een participatieverordening vast "
                                                "te stellen, met het uitdaagrecht",
            "artikel 38 van de Waterschapswet": "de leden van het algemeen bestuur stemmen zonder last",
        },
        official_code=re.compile(r"WS\d{4}"), code_example="WS0155",
        marks=r"[Ww]aterschap\w*|[Aa]lgemeen bestuur|[Dd]agelijks bestuur|Waterschapswet",
    ),
}
#: the values in their fixed order, for choices, file checks and messages
BODY_TYPES: tuple[str, ...] = tuple(BODIES)
#: the body type the handreiking is written for, and the one assumed when a value is unknown
DEFAULT = BodyType.GEMEENTE.value


def body(body_type: str) -> Body:
    """The body type's row; an unknown value reads as a gemeente."""
    return BODIES.get(body_type, BODIES[DEFAULT])
