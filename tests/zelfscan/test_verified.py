"""Only verified organisations count in the benchmark (issue 19, item 2): one person who makes five organisations
of one size class, gives four of them extreme scores and opts all in, must not read the fifth's scores in the
group's lowest or highest figure. An operator verifies with `flask organisation verify`, recorded in the log."""
from __future__ import annotations

from sqlalchemy import select

from app import content
from app.extensions import db
from app.models import AuditEvent, Organisation, User
from app.services.zelfscan import benchmark
from app.services.core.access import SYSTEM
from app.services.organisations import organisations
from tests import helpers
from tests.zelfscan.conftest import fill
from tests.zelfscan.test_benchmark import GROUP_HEAD, TOO_FEW, _docx_text, _opt_in, _others, _own_organisation

#: the fifth organisation's score per theme, which the Sybil wants to learn
VICTIM = {"raad": 4, "college": 2, "organisatie": 3, "inwoners": 4, "transparant": 2, "budget": 3,
          "afspiegeling": 4, "faciliterend": 2, "ervaring": 3, "experimenteren": 4}


def _new_organisation(client, name: str) -> int:
    """As anyone can: a new plan with a new organisation of 30.000 inhabitants."""
    response = helpers.post_form(client, "/plannen/nieuw", {"title": "Plan", "workspace": "nieuw", "name": name,
                                                            "body_type": "gemeente", "inhabitants": "30000"})
    assert response.status_code == 302, helpers.text_of(response)[:400]
    return db.session.scalar(select(Organisation.id).where(Organisation.name == name))


def test_five_self_made_organisations_show_no_single_organisations_score(app, browser):
    victim = helpers.make_user("echt@gemeente-echtdorp.nl")
    real = helpers.make_organisation("Echtdorp", victim)
    real.inhabitants, real.verified_at = 30_000, db.func.now()
    db.session.commit()
    victim_client = browser()
    helpers.login(victim_client, victim.email)
    fill(victim_client, real.id, 2026, VICTIM)
    assert _opt_in(victim_client, real.id).status_code == 302

    helpers.make_user("sybil@example.org")
    sybil = browser()
    helpers.login(sybil, "sybil@example.org")
    fakes = [_new_organisation(sybil, f"Sybil {n}") for n in range(5)]
    for organisation_id in fakes:  # all at the bottom: the group's highest figure per theme would be the victim's score
        fill(sybil, organisation_id, 2026, 1)
        assert _opt_in(sybil, organisation_id).status_code == 302
    url = f"/organisaties/{fakes[4]}/benchmark"
    page = helpers.text_of(sybil.get(url))
    assert "Uw organisatie is nog niet geverifieerd" in page and GROUP_HEAD not in page
    assert "4,0" not in page and "2,0" not in page  # none of the victim's scores
    report = _docx_text(sybil.get(f"{url}/2026/rapport.docx"))
    assert "nog niet geverifieerd" in report and "4,0" not in report and "2,0" not in report
    # The real organisation sees no group either: the four extreme ones are not verified, so it has no 5 others.
    page = helpers.text_of(victim_client.get(f"/organisaties/{real.id}/benchmark"))
    assert TOO_FEW in page and GROUP_HEAD not in page
    # Even when the operator verifies one of the fakes by mistake, the group counts distinct verified ones only.
    fake = db.session.get(Organisation, fakes[0])
    fake.verified_at = db.func.now()
    db.session.commit()
    comparison = benchmark.compare(db.session.get(Organisation, real.id), 2026, content.zelfscan())
    assert not comparison.enough


def test_the_operator_verifies_on_the_command_line_and_it_is_logged(app):
    user = helpers.make_user("bea@gemeente-a.nl")
    organisation = helpers.make_organisation("A", user)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["organisation", "list", "--unverified"])
    assert f"{organisation.id}\tgemeente A\tniet geverifieerd\tbea@gemeente-a.nl" in result.output
    result = runner.invoke(args=["organisation", "verify", str(organisation.id), "--operator", "jan"])
    assert result.exit_code == 0 and "gemeente A (id" in result.output and "is geverifieerd" in result.output
    db.session.expire_all()
    assert db.session.get(Organisation, organisation.id).verified_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "organisation.verified"))
    assert event.organisation_id == organisation.id and event.actor_label == "beheer: jan"
    result = runner.invoke(args=["organisation", "verify", str(organisation.id), "--withdraw", "--operator", "jan"])
    db.session.expire_all()
    assert result.exit_code == 0 and db.session.get(Organisation, organisation.id).verified_at is None
    assert runner.invoke(args=["organisation", "verify", "999"]).exit_code != 0


def test_the_demo_organisations_are_verified_and_the_demo_benchmark_shows(app, browser):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    demo = db.session.scalar(select(User).where(User.email == "demo@voorbeeldstad.nl"))
    organisation = demo.memberships[0].organisation
    assert organisation.verified_at is not None
    client = browser()
    helpers.login(client, demo.email, "participatie-demo")
    page = helpers.text_of(client.get(f"/organisaties/{organisation.id}/benchmark"))
    assert GROUP_HEAD in page and "niet geverifieerd" not in page


def test_two_organisations_of_one_body_count_once(editor):
    _own_organisation(editor)
    others = _others(5)
    for n, organisation in enumerate(others):
        organisations.set_verified(organisation, True, by=SYSTEM, operator="test", official_code=f"GM{n + 1:04d}")
    db.session.commit()
    assert benchmark.compare(editor.organisation, 2026, content.zelfscan()).enough
    # a second team of body 1
    organisations.set_verified(others[4], True, by=SYSTEM, operator="test", official_code="GM0001")
    db.session.commit()
    assert not benchmark.compare(editor.organisation, 2026, content.zelfscan()).enough
    organisations.set_verified(others[4], True, by=SYSTEM, operator="test", official_code="GM0005")
    organisations.set_verified(editor.organisation, True, by=SYSTEM, operator="test",
                            official_code="GM0005")  # own body too
    db.session.commit()
    assert not benchmark.compare(editor.organisation, 2026, content.zelfscan()).enough


def test_a_code_that_is_not_a_cbs_code_of_the_body_type_is_refused(app):
    organisation = helpers.make_organisation("A")
    result = app.test_cli_runner().invoke(args=["organisation", "verify", str(organisation.id), "--code", "PV27"])
    assert result.exit_code != 0 and "geen CBS-code van een gemeente" in result.output
    result = app.test_cli_runner().invoke(args=["organisation", "verify", str(organisation.id), "--code", "gm0363"])
    db.session.expire_all()
    assert result.exit_code == 0 and db.session.get(Organisation, organisation.id).official_code == "GM0363"
