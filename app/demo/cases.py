"""Demo data for `flask demo`: a finished project of Zeedorp (the demo atelier's second organisation), published as a
case in the casusbibliotheek. Runs after the atelier demo, which makes Zeedorp; does nothing without it."""
from __future__ import annotations

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import Organisation, User
from app.models.project import Project
from app.services.cases import cases
from app.services.projects import projects

DEMO_CASE = {
    "project": "Nieuwe speelplek Dorpsweide",
    "verslag": {"verloop": "Kinderen van groep 6 tot en met 8 tekenden hun ideale speelplek; ouders en buren kozen op "
                           "twee inloopmiddagen tussen drie ontwerpen.",
                "inbreng": "Meer schaduw, een plek voor de kleinsten en geen speeltoestel vlak bij de huizen.",
                "verwerking": "Het gekozen ontwerp kreeg vier bomen en een apart deel voor peuters; het klimrek staat "
                              "nu aan de kant van het veld.",
                "plan_gevolgd": "Ja. Wel kwamen er minder ouders dan gehoopt; een wandeling langs de school werkte "
                                "beter dan een avond in het dorpshuis."},
    "case": {"title": "Speelplek Dorpsweide: kinderen ontwerpen mee",
             "approach": "Tekenlessen op de basisschool, twee inloopmiddagen op het veld en een stemming over drie "
                         "ontwerpen.",
             "outcomes": "Een speelplek met schaduw en een peuterdeel; 140 kinderen en 60 volwassenen deden mee.",
             "lessons": "Ga naar de plek waar mensen al zijn: het schoolplein bereikte meer ouders dan een avond."},
    "factors": ["transparant", "afspiegeling"],
}


def load_demo() -> bool:
    """A finished project of Zeedorp (the atelier's second organisation), published as a case in the library."""
    zeedorp = db.session.scalar(select(Organisation).where(Organisation.name == "Zeedorp"))
    user = db.session.scalar(select(User).where(User.email == "demo@zeedorp.nl"))
    if zeedorp is None or user is None or db.session.scalar(select(Project.id).where(
            Project.organisation_id == zeedorp.id, Project.name == DEMO_CASE["project"])):
        return False
    project = projects.create_project(zeedorp, {"name": DEMO_CASE["project"], "domain": "openbare_ruimte",
                                                "phase": "afgerond", "impact": "klein", "area": "Dorpsweide"}, user)
    projects.save_document(project, "participatieverslag", DEMO_CASE["verslag"], user, None)
    factors = {t.key for t in content.zelfscan().success_factors}
    cases.publish(project, DEMO_CASE["case"], [f for f in DEMO_CASE["factors"] if f in factors], factors, user)
    return True
