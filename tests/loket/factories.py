"""A municipality with an adopted ordinance, for the loket's tests."""
from __future__ import annotations

from datetime import date

from app.extensions import db
from app.services.plans import plans
from app.services.loket import requests as loket
from tests import helpers

#: the answers of the adopted text: uitdaagrecht in 10 weeks, buurtplanrecht in 12, a verzoek om participatie in 6,
#: a burgerinitiatief with 25 supporters; no biedrecht
STEP4 = {"initiatief": ["gemeente", "inwoners"], "participatieverzoek_beslistermijn_weken": 6}
STEP5 = {"uitdaagrecht_opnemen": True, "uitdaagrecht_wie": ["ingezetenen", "organisaties"],
         "uitdaagrecht_criteria": ["kwaliteit", "kosten"], "uitdaagrecht_beslistermijn_weken": 10,
         "buurtrechten": ["buurtplanrecht"], "buurtplan_beslistermijn_weken": 12,
         "burgerinitiatief": True, "burgerinitiatief_handtekeningen": 25}


def adopted(user, name: str = "Loketstad", step4: dict | None = None, step5: dict | None = None,
            in_force: date = date(2027, 1, 1), organisation=None):
    """An organisation (or `organisation`) whose plan's named version is adopted, in force from `in_force`."""
    if organisation is None:
        organisation = helpers.make_organisation(name, user, "beheerder")
    plan = helpers.make_plan(organisation)
    plans.save_step(plan, 4, step4 if step4 is not None else STEP4, user, None)
    plans.save_step(plan, 5, step5 if step5 is not None else STEP5, user, None)
    db.session.commit()
    snapshot = plans.take_snapshot(plan, "Vastgesteld", user)
    db.session.commit()
    version = loket.adopt(plan, snapshot, date(2026, 11, 12), in_force, by=user)
    db.session.commit()
    return organisation, plan, version


UITDAGING = {"taak": "Onderhoud van het speeltuintje aan de Lindelaan", "uitvoering": "Wij maaien en vegen wekelijks.",
             "redenen": "Wij wonen ernaast.", "kosten": "800 euro per jaar.", "steun": "De hele straat.",
             "periode": "2027 en 2028", "contactpersoon": ""}
