"""Cron commands of the loket: reminders before a deadline, and removing personal data after the retention period.

    0 7 * * *   flask --app app loket reminders --base-url https://participatie.example.nl
    30 3 * * *  flask --app app loket purge
"""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.services.core import access, mail
from app.services.plans.deadline import today_in_amsterdam
from app.services.loket import requests as loket
from app.services.core.transaction import unit_of_work

loket_cli = AppGroup("loket", help="Het loket: herinneringen voor termijnen en opruimen na de bewaartermijn.")


@loket_cli.command("reminders")
@click.option("--days", type=click.IntRange(min=0, max=30), default=5,
              help="Herinner zoveel dagen vóór de uiterste datum (standaard 5); ook wat al te laat is.")
@click.option("--base-url", default="", help="Het adres van de app, voor de link in de e-mail.")
def reminders_command(days: int, base_url: str) -> None:
    """Stuur behandelaars een herinnering voor verzoeken waarvan de uiterste datum nadert. Eén keer per dag."""
    with unit_of_work():
        due = loket.due_reminders(today_in_amsterdam(), days, by=access.SYSTEM)
    for item in due:
        mail.deliver(mail.compose("loket_reminder", item.to,
                                  _("Herinnering: besluit op %(ref)s uiterlijk %(due)s", ref=item.request.reference,
                                    due=item.request.due_on.strftime("%d-%m-%Y")),
                                  request=item.request,
                                  link=f"{base_url.rstrip('/')}/loket/verzoeken/{item.request.id}"))
    click.echo(f"{len(due)} herinneringen verstuurd")


@loket_cli.command("purge")
@click.option("--months", type=click.IntRange(min=1), default=loket.RETENTION_MONTHS,
              help=f"Bewaartermijn na het besluit in maanden (standaard {loket.RETENTION_MONTHS}).")
def purge_command(months: int) -> None:
    """Verwijder de persoonsgegevens van verzoeken waarop langer dan de bewaartermijn geleden is besloten."""
    with unit_of_work():
        removed = loket.purge_personal_data(today_in_amsterdam(), months, by=access.SYSTEM)
    click.echo(f"persoonsgegevens van {removed} verzoeken verwijderd")
