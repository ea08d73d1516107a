"""The second factor: six-digit codes from an authenticator app (TOTP, RFC 6238), through pyotp.

A code counts in its own 30-second step and one step either side (clocks drift), and only once: the step of the
last accepted code is kept, so a code that was seen over someone's shoulder cannot be used again.
"""
from __future__ import annotations

import hmac
import re
import time

import pyotp
import segno

ISSUER = "Participatie-assistent"
STEP_SECONDS = 30


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    """The otpauth:// link an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_code_data_uri(uri: str) -> str:
    """The QR code as an SVG data URI for an <img>; segno draws it without an imaging library."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing it into the app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def matching_step(secret: str, code: str, last_step: int | None, now: float | None = None) -> int | None:
    """The time step of a valid, unused code; None if the code is wrong, too old or already used."""
    code = re.sub(r"\s", "", code or "")
    if not secret or not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code) and (last_step is None or step > last_step):
            return step
    return None
