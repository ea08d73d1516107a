"""Words that follow the body type: raad, provinciale staten or algemeen bestuur."""
from __future__ import annotations

from datetime import date

BODY_WORDING: dict[str, dict[str, str]] = {
    "gemeente": {
        "raad": "de raad", "college": "het college", "college_voluit": "het college van burgemeester en wethouders",
        "raad_van": "de raad van de gemeente", "bestuur": "de gemeente", "ingezetenen": "ingezetenen",
        "grondslag": "artikel 150 van de Gemeentewet", "voorzitter": "de voorzitter", "griffier": "de griffier",
    },
    "provincie": {
        # "het college van gedeputeerde staten" is singular, like the clause texts; provinciale staten is plural,
        # which some sentences do not follow yet: the check warns for every body other than a gemeente.
        "raad": "provinciale staten", "college": "het college van gedeputeerde staten",
        "college_voluit": "het college van gedeputeerde staten",
        "raad_van": "provinciale staten van", "bestuur": "de provincie", "ingezetenen": "ingezetenen",
        "grondslag": "artikel 147 van de Provinciewet", "voorzitter": "de voorzitter", "griffier": "de statengriffier",
    },
    "waterschap": {
        "raad": "het algemeen bestuur", "college": "het dagelijks bestuur", "college_voluit": "het dagelijks bestuur",
        "raad_van": "het algemeen bestuur van het waterschap", "bestuur": "het waterschap",
        "ingezetenen": "ingezetenen", "grondslag": "artikel 79 van de Waterschapswet", "voorzitter": "de voorzitter",
        "griffier": "de secretaris",
    },
}

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
