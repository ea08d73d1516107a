"""An organisation whose plan holds an ordinance with rules for projects, and a project that follows it."""
from __future__ import annotations

from app.extensions import db
from app.models.project import Project
from app.services.plans import plans

ORDINANCE_ANSWERS = {
    4: {"wie_beslist": "eigen_bevoegdheid", "verplichte_gevallen": ["grote_impact"],
        "impact_criteria": ["veel_inwoners"], "invloed_vocabulaire": "vier_woorden",
        "doelgroepen": "Jongeren en mensen die de taal niet goed spreken."},
    5: {"instrumenten": ["bijeenkomst", "enquete", "wijkgesprek"], "projectdocumenten": "plan_en_verslag",
        "terugkoppeling_aan": ["deelnemers"], "terugkoppeling_termijn_weken": 6},
}


def fill_ordinance(plan, user) -> None:
    for number, answers in ORDINANCE_ANSWERS.items():
        plans.save_step(plan, number, answers, user, None)
    db.session.commit()


def make_project(organisation, plan=None, name: str = "Herinrichting Stationsplein", **kwargs) -> Project:
    project = Project(organisation_id=organisation.id, name=name, domain=kwargs.pop("domain", "openbare_ruimte"),
                      phase=kwargs.pop("phase", "voorbereiding"), impact=kwargs.pop("impact", "groot"),
                      plan_id=plan.id if plan else None, **kwargs)
    db.session.add(project)
    db.session.commit()
    return project


PLAN_FORM = {"q-doel": "Samen een veilig en groen plein ontwerpen.", "q-invloed": "meedenken",
             "q-doelgroepen": "Omwonenden, ondernemers en reizigers; jongeren via school.",
             "q-methoden": ["bijeenkomst", "enquete"], "q-tijdlijn-rows": "2",
             "q-tijdlijn-0-activiteit": "Inloopavond", "q-tijdlijn-0-start": "2027-02",
             "q-tijdlijn-0-eind": "2027-02", "q-tijdlijn-1-activiteit": "Enquête",
             "q-tijdlijn-1-start": "2027-03", "q-tijdlijn-1-eind": "2027-05",
             "q-terugkoppeling": "Binnen zes weken na het collegebesluit, per brief."}
