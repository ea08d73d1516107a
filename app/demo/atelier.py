"""Demo data: the demo atelier, three municipalities at one table with round 2 running today, an opdracht, a
huiswerk and a reaction."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app import content
from app.demo.accounts import ensure_user
from app.extensions import db
from app.models import Atelier, ParticipationPlan, User
from app.services.atelier import ateliers, homework, reactions
from app.services.plans import plans

DEMO_PASSWORD = "participatie-demo"
DEMO_ATELIER = "Demo-leeratelier"
DEMO_FACILITATOR = "facilitator@leeratelier.nl"
#: The two other municipalities at Voorbeeldstad's table, with a few answers to look at side by side.
DEMO_TABLE = {
    "Lindehoven": {1: {"participatie_definitie": "In Lindehoven denken inwoners, ondernemers en organisaties mee "
                                                 "over plannen die hun leefomgeving raken."},
                   4: {"wie_beslist": "standaard_tenzij", "verplichte_gevallen": ["wettelijk", "grote_impact"]}},
    "Zeedorp": {1: {"participatie_definitie": "Zeedorp betrekt inwoners vroeg, bij elk project dat het dorp "
                                              "verandert."},
                4: {"wie_beslist": "standaard_tenzij", "verplichte_gevallen": ["wettelijk"]}},
}


def load_demo(voorbeeldstad: ParticipationPlan, beheerder: User) -> bool:
    """Three municipalities at one table, round 2 running today. False if it is there already."""
    if db.session.scalar(select(Atelier.id).where(Atelier.name == DEMO_ATELIER)):
        return False
    facilitator = ensure_user(DEMO_FACILITATOR, "Fenna Facilitator", DEMO_PASSWORD)
    db.session.flush()
    atelier = ateliers.create_atelier(DEMO_ATELIER, facilitator)
    today = date.today()
    for rnd, days in zip(atelier.rounds, (-28, 0, 28, 56)):
        rnd.date, rnd.start_time, rnd.end_time = today + timedelta(days=days), time(0, 0), time(23, 59)
        rnd.place = "Provinciehuis, zaal De Linde"
    teams = [(voorbeeldstad, beheerder)]
    for town, answers in DEMO_TABLE.items():
        user = ensure_user(f"demo@{town.lower()}.nl", f"Beheerder {town}", DEMO_PASSWORD)
        db.session.flush()
        organisation = plans.create_organisation(town, "gemeente", None, user)
        plan = plans.create_plan(organisation, f"Participatieverordening {town}", user)
        db.session.flush()
        for number, step in answers.items():
            plans.save_step(plan, number, step, user, None)
        teams.append((plan, user))
    joined = [ateliers.join(ateliers.create_invitation(atelier, plan.organisation.name, facilitator).token, plan, user)
              for plan, user in teams]
    for number in (1, 2):
        table = ateliers.add_group(atelier, number, "Tafel 1", facilitator)
        ateliers.seat(atelier, number, {p.id: table.id for p in joined}, facilitator)
    _homework(atelier, facilitator, joined, [user for _plan, user in teams], today)
    return True


def _homework(atelier: Atelier, facilitator: User, joined: list, users: list[User], today: date) -> None:
    """Round 2 gets an opdracht and a huiswerk, which Lindehoven has done; Zeedorp reacts on Lindehoven's step 4."""
    homework.add_assignment(atelier, 2, facilitator, kind="opdracht", title="Toets uw werkwijze aan twee casussen",
                            description="Kies twee recente projecten en bespreek aan tafel of de werkwijze van "
                                        "stap 4 daar had gewerkt.", due_date=None)
    task = homework.add_assignment(atelier, 2, facilitator, kind="huiswerk",
                                   title="Inventariseer de bestaande overlegvormen",
                                   description="Maak een lijst van de vaste overleggen met inwoners en partners.",
                                   due_date=today + timedelta(days=21))
    lindehoven, zeedorp = (p for p in joined if p.organisation.name in ("Lindehoven", "Zeedorp"))
    homework.set_done(task, lindehoven, True, users[joined.index(lindehoven)])
    # Round 2 runs today; noon is within it whatever the server's clock says about midnight.
    reactions.add_reaction(users[joined.index(zeedorp)], atelier, 2, lindehoven.id, 4, "wie_beslist",
                           "Goed idee om standaard te betrekken, tenzij er een reden is. Dat nemen wij mee.",
                           content.handreiking(), datetime.combine(today, time(12, 0)))
