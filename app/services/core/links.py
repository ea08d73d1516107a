"""Links that work once: an invitation to an organisation or to a leeratelier. One idea of their state for both."""
from __future__ import annotations

import enum
from typing import Protocol

from app.models.organisation import utcnow
from app.services.core.text import _  # outside an app context it returns the Dutch text itself


class SingleUseLink(Protocol):
    used_at: object
    withdrawn_at: object
    expires_at: object


class LinkState(str, enum.Enum):
    OPEN = "open"
    USED = "used"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {"open": _("Open"), "used": _("Gebruikt"), "expired": _("Verlopen"),
                "withdrawn": _("Ingetrokken")}[self.value]


def link_state(link: SingleUseLink) -> LinkState:
    if link.used_at is not None:
        return LinkState.USED
    if link.withdrawn_at is not None:
        return LinkState.WITHDRAWN
    if link.expires_at is not None and link.expires_at <= utcnow():
        return LinkState.EXPIRED
    return LinkState.OPEN
