"""Demo data for `flask demo`: Voorbeeldstad's plan as an adopted ordinance, with two example requests at its loket
(an uitdaagrecht in behandeling and a verzoek om participatie that was decided)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import ParticipationPlan, User
from app.models.loket import AdoptedVersion
from app.services.plans import plans
from app.services.loket import requests as loket
from app.services.core.access import PUBLIC

UITDAGING = {"taak": "Beheer van de moestuin in het Wilgenpark",
             "uitvoering": "Buurtvereniging De Wilg zaait, wiedt en oogst met vrijwilligers; de oogst gaat naar de "
                           "voedselbank.",
             "redenen": "Wij wonen aan het park en zijn er elke dag; de gemeente maait nu twee keer per jaar.",
             "kosten": "1.200 euro per jaar voor zaad, gereedschap en water.",
             "steun": "Veertig huishoudens rond het park tekenden onze lijst.",
             "periode": "Twee jaar, vanaf het voorjaar.", "contactpersoon": "Mila Jansen"}
VERZOEK = {"beleid": "De nieuwe parkeervisie voor het centrum",
           "redenen": "Ondernemers en bewoners in het centrum merken de gevolgen als eersten.",
           "wijze": "Een paar avonden aan tafel met de gemeente, voordat de keuzes vastliggen."}


def load_demo(plan: ParticipationPlan, user: User, today: date) -> bool:
    """Adopt the plan's current answers (a named version) and file two requests. False if it is there already."""
    if db.session.scalar(select(AdoptedVersion.id).where(AdoptedVersion.organisation_id == plan.organisation_id)):
        return False
    snapshot = plans.take_snapshot(plan, "Vastgestelde verordening (demo)", user)
    db.session.flush()
    version = loket.adopt(plan, snapshot, today - timedelta(days=60), today - timedelta(days=45), by=user)
    rights = loket.rights_for(version, content.handreiking())
    challenge = loket.submit(version, rights["uitdaagrecht"], UITDAGING["taak"], UITDAGING,
                             name="Buurtvereniging De Wilg", address="Wilgenlaan 12, Voorbeeldstad",
                             email="dewilg@example.nl", uploads=[], today=today - timedelta(days=20), by=PUBLIC)
    loket.start_handling(challenge, by=user)
    loket.add_note(challenge, "Gesprek met de vereniging gepland; advies van het team groen gevraagd.", by=user)
    if "participatieverzoek" in rights:
        asked = loket.submit(version, rights["participatieverzoek"], VERZOEK["beleid"], VERZOEK,
                             name="Ondernemersvereniging Centrum", address="Markt 3, Voorbeeldstad",
                             email="ovc@example.nl", uploads=[], today=today - timedelta(days=40), by=PUBLIC)
        loket.decide(asked, loket.Outcome.TOEGEKEND, "De parkeervisie raakt het centrum direct; de gemeente "
                     "organiseert twee tafelgesprekken voordat het concept klaar is.", "", by=user,
                     today=today - timedelta(days=10))
    return True
