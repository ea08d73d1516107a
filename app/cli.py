"""Flask commands: plan import/export, ordinance build, demo data and the first beheerder."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import Membership, Municipality, ParticipationPlan, Role, User
from app.models import Atelier
from app.services import audit, plan_io, plans
from app.services.atelier import ateliers, homework, reactions
from app.zelfscan import demo as zelfscan_demo
from app.cases import demo as cases_demo
from app.loket import demo as loket_demo
from app.services.deadline import today_in_amsterdam
from app.services.passwords import password_problem
from app.services.transaction import unit_of_work
from app.services.ordinance import build_ordinance
from app.services.ordinance.docx_render import render_ordinance_docx

plan_cli = AppGroup("plan", help="Plannen exporteren en importeren (JSON, zie docs/plan-format.md).")
ordinance_cli = AppGroup("ordinance", help="De conceptverordening bouwen.")
audit_cli = AppGroup("audit", help="Het logboek (audit trail) bijhouden.")
organisation_cli = AppGroup("organisation", help="Organisaties verifiëren: alleen geverifieerde tellen mee in de "
                                                 "benchmark.")
DEMO_FILE = Path(__file__).parent / "demo" / "voorbeeldstad.json"
DEMO_PROJECT_FILE = Path(__file__).parent / "demo" / "stationsplein.json"
DEMO_EMAIL, DEMO_PASSWORD = "demo@voorbeeldstad.nl", "participatie-demo"
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


def _read_json(path: str) -> object:
    try:
        return plan_io.read_document(Path(path).read_bytes())
    except FileNotFoundError:
        raise click.ClickException(f"{path}: bestand niet gevonden")
    except plan_io.PlanFileError as exc:
        raise click.ClickException(f"{path}: {exc}")


@plan_cli.command("export")
@click.argument("plan_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Het JSON-bestand om te schrijven.")
def export_command(plan_id: int, out: str) -> None:
    """Schrijf plan PLAN_ID als JSON."""
    plan = db.session.get(ParticipationPlan, plan_id)
    if plan is None:
        raise click.ClickException(f"plan {plan_id} bestaat niet")
    Path(out).write_text(json.dumps(plan_io.export_plan(plan), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                         encoding="utf-8")
    click.echo(f"Plan {plan_id} geschreven naar {out}")


@plan_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--municipality-id", type=int, default=None, help="Voeg het plan toe aan deze bestaande organisatie.")
def import_command(file: str, municipality_id: int | None) -> None:
    """Lees een plan uit FILE; een ongeldig bestand wordt geweigerd en er wordt niets geschreven."""
    doc = _read_json(file)
    muni = None
    if municipality_id is not None:
        muni = db.session.get(Municipality, municipality_id)
        if muni is None:
            raise click.ClickException(f"organisatie {municipality_id} bestaat niet")
    try:
        with unit_of_work():
            plan = plan_io.import_plan(doc, content.handreiking(), muni)
    except plan_io.PlanFileError as exc:
        raise click.ClickException(f"{file}: {exc}")
    click.echo(f"Plan {plan.id} geïmporteerd ({plan.title}, {plan.municipality.display_name})")


@ordinance_cli.command("build")
@click.argument("plan_file", type=click.Path(dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Het DOCX-bestand om te schrijven.")
def build_command(plan_file: str, out: str) -> None:
    """Bouw de conceptverordening uit een geëxporteerd plan en toon de bevindingen van de controle."""
    doc = _read_json(plan_file)
    try:
        plan_input = plan_io.plan_input_from_document(doc, content.handreiking())
    except plan_io.PlanFileError as exc:
        raise click.ClickException(f"{plan_file}: {exc}")
    ordinance = build_ordinance(content.clause_library(), content.handreiking(), plan_input, today=today_in_amsterdam())
    Path(out).write_bytes(render_ordinance_docx(ordinance))
    click.echo(f"{out}: {sum(1 for _ in ordinance.articles())} artikelen in {len(ordinance.chapters)} hoofdstukken")
    for f in ordinance.findings:
        click.echo(f"{f.level}: {f.message}")
    for p in ordinance.open_points:
        click.echo(f"open punt: {p.label} (stap {p.step_number})")
    if not ordinance.findings and not ordinance.open_points:
        click.echo("Geen bevindingen en geen open punten.")


@audit_cli.command("purge")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="Bewaartermijn in dagen; standaard AUDIT_RETENTION_DAYS (365).")
def audit_purge_command(days: int | None) -> None:
    """Verwijder gebeurtenissen die ouder zijn dan de bewaartermijn. Draai dit dagelijks (cron)."""
    days = days or current_app.config["AUDIT_RETENTION_DAYS"]
    with unit_of_work():
        removed = audit.purge_older_than(days)
    click.echo(f"{removed} gebeurtenissen ouder dan {days} dagen verwijderd")


@organisation_cli.command("verify")
@click.argument("organisation_id", type=int)
@click.option("--code", "official_code", default=None,
              help="De CBS-code van de organisatie (GM0363, PV27, WS0155): twee werkruimten van één organisatie "
                   "tellen dan één keer mee.")
@click.option("--withdraw", is_flag=True, help="Trek de verificatie in.")
@click.option("--operator", default=lambda: os.environ.get("USER", "onbekend"), show_default="$USER",
              help="Wie verifieert (komt in het logboek).")
def organisation_verify_command(organisation_id: int, official_code: str | None, withdraw: bool,
                                operator: str) -> None:
    """Bevestig dat organisatie ORGANISATION_ID echt de gemeente, provincie of het waterschap is die zij noemt
    (controleer dat eerst buiten de assistent, bijvoorbeeld bij een lid met een adres op het domein van de
    organisatie). Vastgelegd in het logboek."""
    from app.services import workspaces
    muni = db.session.get(Municipality, organisation_id)
    if muni is None:
        raise click.ClickException(f"organisatie {organisation_id} bestaat niet")
    try:
        with unit_of_work():
            changed = workspaces.set_verified(muni, not withdraw, operator=operator, official_code=official_code)
    except workspaces.WorkspaceError as exc:
        raise click.ClickException(str(exc))
    state = "niet geverifieerd" if withdraw else "geverifieerd"
    click.echo(f"{muni.display_name} (id {muni.id}) is {state}" + ("" if changed else " (was al zo)"))


@organisation_cli.command("list")
@click.option("--unverified", is_flag=True, help="Alleen organisaties die nog niet geverifieerd zijn.")
def organisation_list_command(unverified: bool) -> None:
    """Organisaties met hun id, verificatie en de e-mailadressen van hun beheerders (om na te gaan wie zij zijn)."""
    query = select(Municipality).order_by(Municipality.id)
    if unverified:
        query = query.where(Municipality.verified_at.is_(None))
    for muni in db.session.scalars(query):
        admins = db.session.scalars(select(User.email).join(Membership).where(
            Membership.municipality_id == muni.id, Membership.role == Role.BEHEERDER.value)).all()
        state = (f"geverifieerd {muni.verified_at:%Y-%m-%d} {muni.official_code or 'zonder code'}" if muni.verified_at
                 else "niet geverifieerd")
        click.echo(f"{muni.id}\t{muni.display_name}\t{state}\t{', '.join(admins)}")


def _ensure_user(email: str, name: str, password: str) -> User:
    # Made here directly, so the account needs no e-mail confirmation (sign-ups on the web do).
    user = db.session.scalar(select(User).where(User.email == email.lower()))
    if user is None:
        user = User(email=email.lower(), name=name)
        user.set_password(password)
        db.session.add(user)
    return user


def _demo_atelier(voorbeeldstad: ParticipationPlan, beheerder: User) -> bool:
    """Three municipalities at one table, round 2 running today. False if it is there already."""
    if db.session.scalar(select(Atelier.id).where(Atelier.name == DEMO_ATELIER)):
        return False
    facilitator = _ensure_user(DEMO_FACILITATOR, "Fenna Facilitator", DEMO_PASSWORD)
    db.session.flush()
    atelier = ateliers.create_atelier(DEMO_ATELIER, facilitator)
    today = date.today()
    for rnd, days in zip(atelier.rounds, (-28, 0, 28, 56)):
        rnd.date, rnd.start_time, rnd.end_time = today + timedelta(days=days), time(0, 0), time(23, 59)
        rnd.place = "Provinciehuis, zaal De Linde"
    teams = [(voorbeeldstad, beheerder)]
    for town, answers in DEMO_TABLE.items():
        user = _ensure_user(f"demo@{town.lower()}.nl", f"Beheerder {town}", DEMO_PASSWORD)
        db.session.flush()
        muni = plans.create_municipality(town, "gemeente", None, user)
        plan = plans.create_plan(muni, f"Participatieverordening {town}")
        db.session.flush()
        for number, step in answers.items():
            plans.save_step(plan, number, step, user, None)
        teams.append((plan, user))
    joined = [ateliers.join(ateliers.create_invitation(atelier, plan.municipality.name, facilitator).token, plan, user)
              for plan, user in teams]
    for number in (1, 2):
        table = ateliers.add_group(atelier, number, "Tafel 1", facilitator)
        ateliers.seat(atelier, number, {p.id: table.id for p in joined}, facilitator)
    _demo_homework(atelier, facilitator, joined, [user for _plan, user in teams], today)
    return True


def _demo_homework(atelier: Atelier, facilitator: User, joined: list, users: list[User], today: date) -> None:
    """Round 2 gets an opdracht and a huiswerk, which Lindehoven has done; Zeedorp reacts on Lindehoven's step 4."""
    homework.add_assignment(atelier, 2, facilitator, kind="opdracht", title="Toets uw werkwijze aan twee casussen",
                            description="Kies twee recente projecten en bespreek aan tafel of de werkwijze van "
                                        "stap 4 daar had gewerkt.", due_date=None)
    task = homework.add_assignment(atelier, 2, facilitator, kind="huiswerk",
                                   title="Inventariseer de bestaande overlegvormen",
                                   description="Maak een lijst van de vaste overleggen met inwoners en partners.",
                                   due_date=today + timedelta(days=21))
    lindehoven, zeedorp = (p for p in joined if p.municipality.name in ("Lindehoven", "Zeedorp"))
    homework.set_done(task, lindehoven, True, users[joined.index(lindehoven)])
    # Round 2 runs today; noon is within it whatever the server's clock says about midnight.
    reactions.add_reaction(users[joined.index(zeedorp)], atelier, 2, lindehoven.id, 4, "wie_beslist",
                           "Goed idee om standaard te betrekken, tenzij er een reden is. Dat nemen wij mee.",
                           content.handreiking(), datetime.combine(today, time(12, 0)))


def _demo_project(voorbeeldstad: ParticipationPlan, beheerder: User) -> bool:
    """A project of Voorbeeldstad that follows its ordinance, with a filled plan and a published verslag."""
    from app.models.project import Project
    from app.services.projects import project_io, projects

    data = json.loads(DEMO_PROJECT_FILE.read_text(encoding="utf-8"))
    if db.session.scalar(select(Project.id).where(Project.municipality_id == voorbeeldstad.municipality_id,
                                                  Project.name == data["project"]["name"])):
        return False
    checked = project_io.read_project(data, content.projects(), content.handreiking())
    project = project_io.import_project(voorbeeldstad.municipality, checked, beheerder)
    project.plan_id = voorbeeldstad.id
    for kind in ("participatieplan", "participatieverslag"):
        projects.set_published(project, kind, True, beheerder)
    return True


def _demo_route(voorbeeldstad: ParticipationPlan) -> bool:
    """The council calendar of Voorbeeldstad for the coming half year, so the route to adoption, the raadsvoorstel
    and the raadsbesluit show real dates (the route's own settings stay the content's defaults)."""
    from app.services.adoption import schedules

    if any(schedules.meetings_of(voorbeeldstad).values()):
        return False
    route = content.adoption_route()
    beheerder = next(m.user for m in voorbeeldstad.municipality.memberships if m.role == Role.BEHEERDER.value)
    schedules.save_settings(voorbeeldstad, route, target=route.target_default, consultation_with="adviesraad",
                            steps={}, by=beheerder)
    today = date.today()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7)
    schedules.replace_meetings(voorbeeldstad, "college", [tuesday + timedelta(weeks=w) for w in range(26)])
    schedules.replace_meetings(voorbeeldstad, "commissie", [tuesday + timedelta(weeks=w, days=6) for w in range(2, 26, 4)])
    schedules.replace_meetings(voorbeeldstad, "raad", [tuesday + timedelta(weeks=w, days=16) for w in range(2, 26, 4)])
    return True


def _demo_survey(voorbeeldstad: ParticipationPlan, beheerder: User) -> bool:
    """The demo project's participant survey, open, with seven responses."""
    from app.models.project import Project
    from app.surveys import demo as survey_demo

    name = json.loads(DEMO_PROJECT_FILE.read_text(encoding="utf-8"))["project"]["name"]
    project = db.session.scalar(select(Project).where(Project.municipality_id == voorbeeldstad.municipality_id,
                                                      Project.name == name))
    return project is not None and survey_demo.load_demo(project, beheerder, content.surveys())


def init_app(app: Flask) -> None:
    app.cli.add_command(plan_cli)
    app.cli.add_command(ordinance_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(organisation_cli)
    from app.loket.cli import loket_cli
    app.cli.add_command(loket_cli)

    @app.cli.command("create-admin")
    @click.option("--email", required=True)
    @click.option("--name", required=True)
    @click.option("--municipality", "municipality", required=True, help="Naam van de gemeente.")
    @click.option("--body-type", type=click.Choice(["gemeente", "provincie", "waterschap"]), default="gemeente")
    @click.password_option()
    def create_admin(email: str, name: str, municipality: str, body_type: str, password: str) -> None:
        """Maak de eerste beheerder van een organisatie."""
        if len(password) < 10:
            raise click.ClickException("het wachtwoord moet ten minste 10 tekens hebben")
        problem = password_problem(password, email, name)
        if problem:
            raise click.ClickException(f"kies een ander wachtwoord: {problem}")
        user = _ensure_user(email, name, password)
        muni = Municipality(name=municipality, body_type=body_type)
        db.session.add(muni)
        db.session.add(Membership(user=user, municipality=muni, role=Role.BEHEERDER.value))
        db.session.commit()
        click.echo(f"{email} is beheerder van {muni.display_name}")

    @app.cli.command("demo")
    def demo() -> None:
        """Laad de demogemeente met een plan dat half af is (doet niets als hij er al is)."""
        user = _ensure_user(DEMO_EMAIL, "Demo Beleidsadviseur", DEMO_PASSWORD)
        db.session.flush()
        loaded = not user.memberships
        if loaded:
            try:
                plan = plan_io.import_plan(json.loads(DEMO_FILE.read_text(encoding="utf-8")), content.handreiking())
            except plan_io.PlanFileError as exc:
                db.session.rollback()
                click.echo(f"demo: {exc}", err=True)
                sys.exit(1)
            db.session.add(Membership(user=user, municipality=plan.municipality, role=Role.BEHEERDER.value))
            db.session.flush()
            db.session.expire(user, ["memberships"])
        voorbeeldstad = next((p for m in user.memberships for p in m.municipality.plans), None)
        with unit_of_work():
            if voorbeeldstad is not None:
                loaded = _demo_atelier(voorbeeldstad, user) or loaded
                loaded = zelfscan_demo.load_demo(voorbeeldstad.municipality, user, content.zelfscan()) or loaded
                loaded = cases_demo.load_demo() or loaded
                loaded = _demo_project(voorbeeldstad, user) or loaded
                loaded = _demo_route(voorbeeldstad) or loaded
                loaded = _demo_survey(voorbeeldstad, user) or loaded
                loaded = loket_demo.load_demo(voorbeeldstad, user, today_in_amsterdam()) or loaded
        click.echo(f"Demo {'geladen' if loaded else 'staat klaar'}: log in als {DEMO_EMAIL} / {DEMO_PASSWORD}")
        click.echo(f"Demo-leeratelier (ronde 2 loopt): facilitator {DEMO_FACILITATOR} / {DEMO_PASSWORD}")
