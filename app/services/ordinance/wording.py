"""Words that follow the body type: raad, provinciale staten or algemeen bestuur."""
from __future__ import annotations

import re
from datetime import date
from typing import Callable

from app.services.core.body_types import BODIES

#: the words per body type (their meaning: app/services/core/body_types.py)
BODY_WORDING: dict[str, dict[str, str | bool]] = {key: row.wording for key, row in BODIES.items()}
#: the legal grounds each body type may cite: the provision and what it grounds
GROUNDS: dict[str, dict[str, str]] = {key: row.grounds for key, row in BODIES.items()}

# Provisions of general laws that every body type may cite: they apply to every bestuursorgaan.
GENERAL_GROUNDS: dict[str, str] = {
    "afdeling 3.4 van de Algemene wet bestuursrecht": "de uniforme openbare voorbereidingsprocedure (een procedure, "
                                                      "geen grondslag om regels te stellen)",
    "artikel 3:15, tweede lid, van de Algemene wet bestuursrecht": "bij wettelijk voorschrift of door het "
                                                                   "bestuursorgaan kan worden bepaald dat ook "
                                                                   "anderen dan belanghebbenden zienswijzen naar "
                                                                   "voren kunnen brengen",
    "artikel 1:2 van de Algemene wet bestuursrecht": "het begrip belanghebbende",
    "artikel 1:3 van de Algemene wet bestuursrecht": "het begrip besluit en beschikking",
    "artikel 6:3 van de Algemene wet bestuursrecht": "geen bezwaar tegen een beslissing ter voorbereiding van een "
                                                     "besluit, tenzij de belanghebbende daardoor los van dat besluit "
                                                     "rechtstreeks in zijn belang wordt getroffen",
    "artikel 4:23 van de Algemene wet bestuursrecht": "een subsidie alleen op grond van een wettelijk voorschrift "
                                                      "dat regelt waarvoor subsidie kan worden verstrekt",
    "artikel 7.4 van de Omgevingsregeling": "de aanvrager vermeldt of en hoe derden zijn betrokken",
    "artikel 10.2 van het Omgevingsbesluit": "de motivering van participatie bij een omgevingsplan",
}

# Words of the handreiking (written for municipalities) in the comments and open points of another body type: a
# regular expression (matched as whole words) and its replacement, most specific first. {name} is a body word.
_MUNICIPAL_WORDS: list[tuple[str, str]] = [
    (r"Buurtplanrecht", "Recht op een gebiedsplan"), (r"buurtplanrecht", "recht op een gebiedsplan"),
    (r"een buurtplan", "een gebiedsplan"), (r"andere buurtrechten", "andere rechten voor de directe omgeving"),
    (r"de eigen buurt", "de eigen omgeving"), (r"Wijkgesprek(ken)?", "Gebiedsgesprek"),
    (r"wijkgesprek(ken)?", "gebiedsgesprek"), (r"de buurt", "de omgeving"), (r"de wijk", "het gebied"),
    (r"[Hh]eeft uw gemeente", "{Heeft} uw {soort}"), (r"uw gemeente", "uw {soort}"), (r"Uw gemeente", "Uw {soort}"),
    (r"gemeentelijk vastgoed", "vastgoed van {bestuur}"), (r"gemeentelijk beleid", "beleid van {bestuur}"),
    (r"andere gemeenten", "andere {soorten}"), (r"[Mm]edewerkers van de gemeente", "Medewerkers van {bestuur}"),
    (r"De gemeenteraad", "{Raad}"), (r"de gemeenteraad", "{raad}"), (r"raadsvergadering", "vergadering van {raad}"),
    (r"raadsvoorstel", "{voorstel_aan_raad}"),
    (r"De gemeente", "{Bestuur}"), (r"de gemeente", "{bestuur}"), (r"gemeente", "{soort}"),
    (r"Heeft de raad", "{Heeft_raad} {raad}"), (r"Aan de raad", "Aan {raad}"), (r"de raad", "{raad}"),
    (r"(beslist|evalueert|toetst|Legt|heeft) het college", "{verb_college} {college}"),
    (r"het college (heeft)", "{college} {verb_college}"),
    (r"het college", "{college}"),
]
_PLURAL_VERBS = {"beslist": "beslissen", "evalueert": "evalueren", "toetst": "toetsen", "Legt": "Leggen",
                 "heeft": "hebben"}
_COMPILED = [(re.compile(rf"\b{pattern}\b"), replacement) for pattern, replacement in _MUNICIPAL_WORDS]


def for_body(text: str, body_type: str) -> str:
    """A handreiking text (question, option) with the words of the body type instead of the municipal ones."""
    if body_type == "gemeente" or body_type not in BODY_WORDING or not text:
        return text
    body = BODY_WORDING[body_type]
    raad_plural, college_plural = bool(body["raad_mv"]), bool(body["college_mv"])

    def replace(replacement: str, match: re.Match) -> str:
        verb = match.group(1) if match.groups() and match.group(1) else ""
        values = {"soort": body_type, "soorten": BODIES[body_type].plural, "raad": body["raad"],
                  "Raad": capfirst(str(body["raad"])), "bestuur": body["bestuur"],
                  "Bestuur": capfirst(str(body["bestuur"])), "college": body["college"],
                  "voorstel_aan_raad": body["voorstel_aan_raad"], "Heeft": "Heeft",
                  "Heeft_raad": "Hebben" if raad_plural else "Heeft",
                  "verb_college": _PLURAL_VERBS.get(verb, verb) if college_plural else verb}
        return replacement.format(**values)

    out = text
    for pattern, replacement in _COMPILED:
        out = pattern.sub(lambda m, r=replacement: replace(r, m), out)
    return out


def verb_for_raad(body: dict[str, str | bool]) -> Callable[[str, str], str]:
    """ww(enkelvoud, meervoud) for the clause texts: the form that agrees with body.raad as subject."""
    plural = bool(body.get("raad_mv"))

    def ww(singular: str, plural_form: str) -> str:
        return plural_form if plural else singular
    return ww


def verb_for_college(body: dict[str, str | bool]) -> Callable[[str, str], str]:
    """wc(enkelvoud, meervoud): the form that agrees with body.college ("gedeputeerde staten beslissen")."""
    plural = bool(body.get("college_mv"))

    def wc(singular: str, plural_form: str) -> str:
        return plural_form if plural else singular
    return wc


def dutch_date(value: date) -> str:
    """ "12 januari 2027": the one formatter of app/services/core/dates.py."""
    from app.services.core.dates import format_date
    return format_date(value)


def enumerate_nl(items: list[str]) -> str:
    """"a, b en c" as Dutch writes an enumeration."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lowerfirst(text: str) -> str:
    # Keep abbreviations such as "OZB" intact: only lower a capital followed by a lower-case letter.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
