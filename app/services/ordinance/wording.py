"""Words that follow the body type: raad, provinciale staten or algemeen bestuur."""
from __future__ import annotations

from datetime import date
from typing import Callable

# "raad_mv": the word for the raad is plural ("provinciale staten stellen ... vast"). Clause texts do not test it
# themselves: they write a verb (or pronoun) whose subject is body.raad as ww('stelt', 'stellen'), a helper the
# builder offers that picks the plural form when raad_mv is true. Every other word here is singular (college,
# bestuur, voorzitter, griffier) or plural for every body (ingezetenen), so it needs no such helper.
# "wet": the organic law of the body, for texts that name it without an article number.
BODY_WORDING: dict[str, dict[str, str | bool]] = {
    "gemeente": {
        "raad": "de raad", "raad_mv": False, "college": "het college",
        "college_voluit": "het college van burgemeester en wethouders",
        "raad_van": "de raad van de gemeente", "bestuur": "de gemeente", "ingezetenen": "ingezetenen",
        "grondslag": "artikel 150 van de Gemeentewet", "wet": "de Gemeentewet", "voorzitter": "de voorzitter",
        "griffier": "de griffier",
    },
    "provincie": {
        # "het college van gedeputeerde staten" is singular, like the clause texts; provinciale staten is plural.
        "raad": "provinciale staten", "raad_mv": True, "college": "het college van gedeputeerde staten",
        "college_voluit": "het college van gedeputeerde staten",
        "raad_van": "provinciale staten van", "bestuur": "de provincie", "ingezetenen": "ingezetenen",
        "grondslag": "artikel 147 van de Provinciewet", "wet": "de Provinciewet", "voorzitter": "de voorzitter",
        "griffier": "de statengriffier",
    },
    "waterschap": {
        "raad": "het algemeen bestuur", "raad_mv": False, "college": "het dagelijks bestuur",
        "college_voluit": "het dagelijks bestuur",
        "raad_van": "het algemeen bestuur van het waterschap", "bestuur": "het waterschap",
        "ingezetenen": "ingezetenen", "grondslag": "artikel 79 van de Waterschapswet", "wet": "de Waterschapswet",
        "voorzitter": "de voorzitter", "griffier": "de secretaris",
    },
}


def verb_for_raad(body: dict[str, str | bool]) -> Callable[[str, str], str]:
    """ww(enkelvoud, meervoud) for the clause texts: the form that agrees with body.raad as subject."""
    plural = bool(body.get("raad_mv"))

    def ww(singular: str, plural_form: str) -> str:
        return plural_form if plural else singular
    return ww


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def dutch_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


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
