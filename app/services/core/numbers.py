"""Numbers as people type them: "42.500", "42 500", "6 weken", "3 jaar", "6,5".

Babel reads the Dutch notation (a dot between thousands, a comma before decimals); this module adds what
Babel leaves to us: spaces between groups of digits, a unit after the number, and a Dutch message for
everything that is not a number of the kind asked.
"""
from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

from app.services.core.text import _  # outside an app context it returns the Dutch text itself

#: the words a person may type after a number, per unit (the unit as a question names it, then its other forms)
UNIT_WORDS = {
    "dagen": ("dagen", "dag"),
    "weken": ("weken", "week", "wk"),
    "maanden": ("maanden", "maand", "mnd"),
    "jaar": ("jaar", "jaren", "jr"),
    "inwoners": ("inwoners", "inwoner"),
    "ondersteuners": ("ondersteuners", "ondersteuner", "handtekeningen", "handtekening"),
}
#: a question key ending in one of these counts in that unit (…_termijn_weken, …_jaren)
KEY_SUFFIXES = {"_dagen": "dagen", "_weken": "weken", "_maanden": "maanden", "_jaren": "jaar", "_jaar": "jaar"}

_GROUP_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")  # "42 500" and its non-breaking spaces
_NUMBER_THEN_WORD = re.compile(r"^([-+]?[0-9][0-9.,]*)\s*([^\W\d_]+\.?)?$")


class NumberError(ValueError):
    """The text is not a number of the kind asked; str() is the message for the user."""


def unit_for(key: str, unit: str | None = None) -> str | None:
    """The unit of a question: the one its content names, else the one its key ends in."""
    if unit:
        return unit
    return next((u for suffix, u in KEY_SUFFIXES.items() if key.endswith(suffix)), None)


def parse_number(text: str, *, unit: str | None = None, decimals: bool = False, max_digits: int = 9) -> int | Decimal:
    """Read a number typed the Dutch way; raises NumberError with a message that says what to type instead."""
    asked = _("Vul een getal in, bijvoorbeeld 6 of 6,5.") if decimals else _("Vul een heel getal in, bijvoorbeeld 6.")
    match = _NUMBER_THEN_WORD.match(_GROUP_SPACE.sub("", text.strip()))
    if not match or sum(c.isdigit() for c in match.group(1)) > max_digits:
        raise NumberError(asked)
    digits, word = match.group(1), (match.group(2) or "").rstrip(".").lower()
    if word and word not in UNIT_WORDS.get(unit or "", ()):
        if unit:
            raise NumberError(_("Vul het aantal %(unit)s in, bijvoorbeeld 6 of 6 %(unit)s.", unit=unit))
        raise NumberError(_("Vul alleen een getal in, zonder woord erachter, bijvoorbeeld 6."))
    try:
        value = parse_decimal(digits, locale="nl", strict=True)
    except NumberFormatError as exc:
        suggestions = getattr(exc, "suggestions", None) or []
        if decimals and suggestions:  # "42.50": Babel offers 4.250 and 42,5
            raise NumberError(_("“%(typed)s” is geen duidelijk getal. Bedoelt u %(options)s?", typed=digits,
                                options=f" {_('of')} ".join(suggestions[:2]))) from None
        raise NumberError(_("Vul een heel getal in; een punt staat alleen tussen duizendtallen, "
                            "bijvoorbeeld 42.500.") if not decimals else asked) from None
    if value != value.to_integral_value():
        if not decimals:
            raise NumberError(_("Vul een heel getal in, zonder komma, bijvoorbeeld 6."))
        return value
    return int(value)


_EURO_SIGN = re.compile(r"^\s*(€|eur(o)?)\s*|\s*(€|euro?|eur)\s*$|,-+\s*$|,–\s*$", re.I)


def parse_euros(text: str) -> int | float:
    """An amount in euros as people type it ("€ 12.500", "12500", "12.500,50", "€ 800,-"): whole euros as int,
    otherwise a float of euros and cents. Raises NumberError with a message that says what to type."""
    try:
        amount = parse_number(_EURO_SIGN.sub("", text.strip()), decimals=True)
    except NumberError as exc:
        if str(exc) == _("Vul een getal in, bijvoorbeeld 6 of 6,5."):
            raise NumberError(_("Vul een bedrag in euro in, bijvoorbeeld € 12.500 of 12.500,50.")) from None
        raise
    if amount < 0:
        raise NumberError(_("Vul een bedrag van nul of meer in, bijvoorbeeld € 12.500."))
    if isinstance(amount, Decimal):
        if amount != amount.quantize(Decimal("0.01")):
            raise NumberError(_("Vul een bedrag in met ten hoogste twee cijfers achter de komma, bijvoorbeeld "
                                "12.500,50."))
        return float(amount)
    return amount


def format_euros(amount: int | float | Decimal) -> str:
    """12500 as "€ 12.500", 12500.5 as "€ 12.500,50"."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    whole, cents = divmod(abs(value), 1)
    text = f"{int(whole):,}".replace(",", ".")
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return f"€ {'-' if value < 0 else ''}{text}"
