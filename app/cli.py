"""Flask commands: plan import/export, ordinance build, demo data and the first beheerder."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import Membership, Organisation, ParticipationPlan, Role, User
from app import demo as demo_data
from app.demo.accounts import ensure_user
from app.services.core import access, audit
from app.services.core.body_types import BODY_TYPES
from app.services.plans import exchange as plan_io
from app.services.plans.deadline import today_in_amsterdam
from app.services.accounts.passwords import password_problem
from app.services.core.transaction import unit_of_work
from app.services.ordinance import build_ordinance
from app.services.ordinance.docx_render import render_ordinance_docx

plan_cli = AppGroup("plan", help="Plannen exporteren en importeren (JSON, zie docs/plan-format.md).")
ordinance_cli = AppGroup("ordinance", help="De conceptverordening bouwen.")
audit_cli = AppGroup("audit", help="Het logboek (audit trail) bijhouden.")
organisation_cli = AppGroup("organisation", help="Organisaties verifiëren: alleen geverifieerde tellen mee in de "
                                                 "benchmark.")


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
@click.option("--municipality-id", "organisation_id", type=int, default=None,
              help="Voeg het plan toe aan deze bestaande organisatie.")
def import_command(file: str, organisation_id: int | None) -> None:
    """Lees een plan uit FILE; een ongeldig bestand wordt geweigerd en er wordt niets geschreven."""
    doc = _read_json(file)
    organisation = None
    if organisation_id is not None:
        organisation = db.session.get(Organisation, organisation_id)
        if organisation is None:
            raise click.ClickException(f"organisatie {organisation_id} bestaat niet")
    try:
        with unit_of_work():
            plan = plan_io.import_plan(doc, content.handreiking(), organisation, by=access.SYSTEM)
    except plan_io.PlanFileError as exc:
        raise click.ClickException(f"{file}: {exc}")
    click.echo(f"Plan {plan.id} geïmporteerd ({plan.title}, {plan.organisation.display_name})")


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
    today = today_in_amsterdam()  # the date of the concept: in the check and in the DOCX's header alike
    ordinance = build_ordinance(content.clause_library(), content.handreiking(), plan_input, today=today)
    Path(out).write_bytes(render_ordinance_docx(ordinance, today))
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
        removed = audit.purge_older_than(days, by=access.SYSTEM)
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
    from app.services.organisations import organisations
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise click.ClickException(f"organisatie {organisation_id} bestaat niet")
    try:
        with unit_of_work():
            changed = organisations.set_verified(organisation, not withdraw, by=access.SYSTEM, operator=operator,
                                              official_code=official_code)
    except organisations.OrganisationError as exc:
        raise click.ClickException(str(exc))
    state = "niet geverifieerd" if withdraw else "geverifieerd"
    click.echo(f"{organisation.display_name} (id {organisation.id}) is {state}" + ("" if changed else " (was al zo)"))


@organisation_cli.command("list")
@click.option("--unverified", is_flag=True, help="Alleen organisaties die nog niet geverifieerd zijn.")
def organisation_list_command(unverified: bool) -> None:
    """Organisaties met hun id, verificatie en de e-mailadressen van hun beheerders (om na te gaan wie zij zijn)."""
    query = select(Organisation).order_by(Organisation.id)
    if unverified:
        query = query.where(Organisation.verified_at.is_(None))
    for organisation in db.session.scalars(query):
        admins = db.session.scalars(select(User.email).join(Membership).where(
            Membership.organisation_id == organisation.id, Membership.role == Role.BEHEERDER.value)).all()
        state = (f"geverifieerd {organisation.verified_at:%Y-%m-%d} {organisation.official_code or 'zonder code'}"
                 if organisation.verified_at else "niet geverifieerd")
        click.echo(f"{organisation.id}\t{organisation.display_name}\t{state}\t{', '.join(admins)}")


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
    @click.option("--municipality", "organisation_name", required=True, help="Naam van de gemeente.")
    @click.option("--body-type", type=click.Choice(BODY_TYPES), default="gemeente")
    @click.password_option()
    def create_admin(email: str, name: str, organisation_name: str, body_type: str, password: str) -> None:
        """Maak de eerste beheerder van een organisatie."""
        if len(password) < 10:
            raise click.ClickException("het wachtwoord moet ten minste 10 tekens hebben")
        problem = password_problem(password, email, name)
        if problem:
            raise click.ClickException(f"kies een ander wachtwoord: {problem}")
        user = ensure_user(email, name, password)
        organisation = Organisation(name=organisation_name, body_type=body_type)
        db.session.add(organisation)
        db.session.add(Membership(user=user, organisation=organisation, role=Role.BEHEERDER.value))
        db.session.commit()
        click.echo(f"{email} is beheerder van {organisation.display_name}")

    @app.cli.command("demo")
    def demo() -> None:
        """Laad de demogemeente met een plan dat half af is (doet niets als hij er al is)."""
        try:
            loaded = demo_data.load()
        except demo_data.DemoError as exc:
            click.echo(f"demo: {exc}", err=True)
            sys.exit(1)
        click.echo(f"Demo {'geladen' if loaded else 'staat klaar'}: log in als {demo_data.DEMO_EMAIL} / "
                   f"{demo_data.DEMO_PASSWORD}")
        click.echo(f"Demo-leeratelier (ronde 2 loopt): facilitator {demo_data.DEMO_FACILITATOR} / "
                   f"{demo_data.DEMO_PASSWORD}")
