"""The password policy: at least 10 characters, not a common or easily guessed password, not the address or name.

Guessability is judged by zxcvbn (Dropbox's estimator, MIT licence): its frequency lists hold the most common
passwords, words and names, and it sees keyboard rows, repeats, sequences and dates. We require its score 3 of 4
("safely unguessable") and tell in Dutch why a password fell short.
"""
from __future__ import annotations

import threading

from app.services.core.text import _

MIN_LENGTH = 10
MIN_SCORE = 3
#: words a colleague would guess first in this app
_APP_WORDS = ("participatie", "participatieverordening", "verordening", "gemeente", "wachtwoord", "inspraak")
#: zxcvbn keeps the user's words in a module-level dictionary, so one evaluation at a time
_lock = threading.Lock()


def password_problem(password: str, email: str, name: str) -> str | None:
    """Why this password may not be used, in Dutch; None if it is fine."""
    if len(password) < MIN_LENGTH:
        return _("Gebruik ten minste %(n)s tekens.", n=MIN_LENGTH)
    typed = password.strip().lower()
    email, name = (email or "").strip().lower(), (name or "").strip().lower()
    own = {email, email.split("@")[0], name, name.replace(" ", "")} - {""}
    if typed in own or typed.replace(" ", "") in own:
        return _("Gebruik niet uw e-mailadres of naam als wachtwoord.")
    with _lock:
        # Imported on first use: its frequency lists take a fifth of the app's start, and few requests set a password.
        from zxcvbn import zxcvbn
        result = zxcvbn(password[:72], user_inputs=[*own, *name.split(), *_APP_WORDS])
    if result["score"] >= MIN_SCORE:
        return None
    return _explain(result)


def _explain(result: dict) -> str:
    """zxcvbn's English feedback, summarised in Dutch."""
    patterns = {match["pattern"] for match in result["sequence"]}
    dictionaries = {match.get("dictionary_name") for match in result["sequence"]}
    if "user_inputs" in dictionaries:
        reason = _("Het lijkt op uw naam, uw e-mailadres of een woord dat hier voor de hand ligt.")
    elif "passwords" in dictionaries:
        reason = _("Dit is (bijna) een veelgebruikt wachtwoord.")
    elif dictionaries & {"surnames", "male_names", "female_names"}:
        reason = _("Namen zijn makkelijk te raden.")
    elif "spatial" in patterns:
        reason = _("Toetsen die naast elkaar liggen zijn makkelijk te raden.")
    elif "repeat" in patterns:
        reason = _("Herhalingen zoals ‘aaa’ of ‘abcabc’ zijn makkelijk te raden.")
    elif "sequence" in patterns:
        reason = _("Reeksen zoals ‘abc’ of ‘6543’ zijn makkelijk te raden.")
    elif patterns & {"date", "regex"}:
        reason = _("Jaartallen en datums zijn makkelijk te raden.")
    else:
        reason = _("Dit wachtwoord is te makkelijk te raden.")
    return reason + " " + _("Kies een langer wachtwoord, bijvoorbeeld een paar losse woorden die niet bij elkaar "
                            "horen.")
