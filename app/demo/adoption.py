"""Demo data: Voorbeeldstad's council calendar and route settings."""
from __future__ import annotations

from datetime import date, timedelta

from app import content
from app.models import ParticipationPlan, Role
from app.services.adoption import schedules
from app.services.core.access import SYSTEM


def load_demo(voorbeeldstad: ParticipationPlan) -> bool:
    """The council calendar of Voorbeeldstad for the coming half year, so the route to adoption, the raadsvoorstel
    and the raadsbesluit show real dates (the route's own settings stay the content's defaults)."""
    if any(schedules.meetings_of(voorbeeldstad).values()):
        return False
    route = content.adoption_route()
    beheerder = next(m.user for m in voorbeeldstad.organisation.memberships if m.role == Role.BEHEERDER.value)
    schedules.save_settings(voorbeeldstad, route, target=route.target_default, consultation_with="adviesraad",
                            steps={}, by=beheerder)
    today = date.today()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7)
    schedules.replace_meetings(voorbeeldstad, "college", [tuesday + timedelta(weeks=w) for w in range(26)],
                               by=SYSTEM)
    schedules.replace_meetings(voorbeeldstad, "commissie",
                               [tuesday + timedelta(weeks=w, days=6) for w in range(2, 26, 4)], by=SYSTEM)
    schedules.replace_meetings(voorbeeldstad, "raad",
                               [tuesday + timedelta(weeks=w, days=16) for w in range(2, 26, 4)], by=SYSTEM)
    return True
