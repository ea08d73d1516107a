"""The date by which every municipality must have a participatieverordening, and how far off it is."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

#: the Wet versterking participatie op decentraal niveau asks for the ordinance by this date
DEADLINE = date(2027, 1, 1)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today_in_amsterdam(now: datetime | None = None) -> date:
    """The calendar day in the Netherlands: just after midnight there it is already the next day."""
    return (now or datetime.now(timezone.utc)).astimezone(AMSTERDAM).date()


@dataclass(frozen=True)
class Countdown:
    days: int  # days left until the deadline; 0 on the day itself, negative after it

    @property
    def passed(self) -> bool:
        return self.days <= 0


def countdown(now: datetime | None = None) -> Countdown:
    return Countdown((DEADLINE - today_in_amsterdam(now)).days)
