"""Case handling as a state machine, periods on the request, newer adopted versions, audit, reminders and retention."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, select

from app import content
from app.extensions import db
from app.models import AuditEvent
from app.models.loket import LoketAttachment, LoketNote, LoketRequest
from app.services.plans import plans
from app.services.loket import requests as loket
from app.services.loket.requests import IllegalTransition, LoketError, Outcome, Upload
from app.services.core.access import PUBLIC
from tests import helpers
from tests.loket.factories import STEP5, UITDAGING, adopted


@pytest.fixture()
def boss(app):
    return helpers.make_user("beheerder@loketstad.nl", "Bea Beheerder")


def _file(version, today=date(2027, 3, 1), right="uitdaagrecht", name="Rosa de Vries"):
    rights = loket.rights_for(version, content.handreiking())
    filed = loket.submit(version, rights[right], UITDAGING["taak"], UITDAGING, name=name, address="Lindelaan 4",
                         email="rosa@example.nl", uploads=[Upload("plan.pdf", b"%PDF-1.4 x")], today=today, by=PUBLIC)
    db.session.commit()
    return filed


def test_illegal_transitions_raise_a_domain_error(boss):
    _organisation, _plan, version = adopted(boss)
    filed = _file(version)
    loket.decide(filed, Outcome.AFGEWEZEN, "Past niet in de begroting.", "", by=boss, today=date(2027, 3, 2))
    with pytest.raises(IllegalTransition):
        loket.start_handling(filed, by=boss)
    with pytest.raises(IllegalTransition):
        loket.decide(filed, Outcome.TOEGEKEND, "Toch wel.", "", by=boss, today=date(2027, 3, 3))
    with pytest.raises(IllegalTransition):
        loket.postpone(filed, date(2027, 5, 20), "Later.", by=boss, today=date(2027, 3, 3))
    with pytest.raises(LoketError):   # reasons are required (art. 3:46 Awb)
        loket.decide(_file(version), Outcome.TOEGEKEND, "  ", "", by=boss, today=date(2027, 3, 3))


def test_postpone_once_before_the_period_ends(boss):
    _organisation, _plan, version = adopted(boss)
    filed = _file(version)
    assert filed.due_on == date(2027, 5, 10)
    with pytest.raises(LoketError, match="reason"):
        loket.postpone(filed, date(2027, 5, 20), " ", by=boss, today=date(2027, 4, 1))
    with pytest.raises(LoketError, match="until"):   # more than six weeks later
        loket.postpone(filed, date(2027, 7, 1), "Advies nodig.", by=boss, today=date(2027, 4, 1))
    # a new date on Whit Monday (17 May 2027) moves to the next working day
    loket.postpone(filed, date(2027, 5, 17), "Advies nodig.", by=boss, today=date(2027, 4, 1))
    assert filed.status == "verdaagd" and filed.due_on == date(2027, 5, 18)
    with pytest.raises(IllegalTransition):           # only once
        loket.postpone(filed, date(2027, 5, 25), "Nog eens.", by=boss, today=date(2027, 4, 2))


def test_a_postponement_after_the_period_is_refused(boss):
    _organisation, _plan, version = adopted(boss)
    filed = _file(version)
    loket.start_handling(filed, by=boss)
    with pytest.raises(LoketError, match="period ended"):
        loket.postpone(filed, date(2027, 6, 1), "Te laat bedacht.", by=boss, today=date(2027, 5, 11))
    assert filed.status == "in_behandeling" and filed.due_on == date(2027, 5, 10)


def test_a_newer_adopted_version_leaves_filed_requests_alone(boss):
    organisation, plan, version = adopted(boss)
    earlier = _file(version)
    plans.save_step(plan, 5, dict(STEP5, uitdaagrecht_beslistermijn_weken=4), boss, None)
    db.session.commit()
    snapshot = plans.take_snapshot(plan, "Wijziging 2027", boss)
    db.session.commit()
    newer = loket.adopt(plan, snapshot, date(2027, 5, 1), date(2027, 6, 1), by=boss)
    db.session.commit()
    assert loket.current_version(organisation.id, date(2027, 5, 31)).id == version.id   # not yet in force
    assert loket.current_version(organisation.id, date(2027, 6, 1)).id == newer.id
    later = _file(newer, today=date(2027, 6, 7))
    db.session.expire_all()
    assert earlier.rules["weeks"] == 10 and earlier.due_on == date(2027, 5, 10)
    assert later.rules["weeks"] == 4 and later.due_on == date(2027, 7, 5)
    with pytest.raises(LoketError):
        loket.adopt(plan, snapshot, date(2027, 5, 1), date(2027, 6, 1), by=boss)    # once per version


def test_only_a_beheerder_or_jurist_adopts(boss):
    organisation, plan, _version = adopted(boss)
    editor = helpers.make_user("redacteur@loketstad.nl")
    helpers.add_member(organisation, editor, "redacteur")
    snapshot = plans.take_snapshot(plan, "Nog een", boss)
    db.session.commit()
    from app.services.core.access import AccessDenied
    with pytest.raises(AccessDenied):
        loket.adopt(plan, snapshot, date(2027, 1, 1), date(2027, 2, 1), by=editor)


def test_every_action_is_audited(boss):
    _organisation, _plan, version = adopted(boss)
    filed = _file(version)
    loket.open_request(filed, by=boss)
    loket.start_handling(filed, by=boss)
    loket.assign(filed, boss.id, by=boss)
    loket.add_note(filed, "Gebeld met de indiener.", by=boss)
    loket.decide(filed, Outcome.DEELS, "Deels.", "", by=boss, today=date(2027, 3, 5))
    db.session.commit()
    actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.target == f"loket_request:{filed.id}")
                                      .order_by(AuditEvent.id)))
    assert actions == ["loket.submitted", "loket.viewed", "loket.status", "loket.assigned", "loket.note",
                       "loket.status"]
    outsider = helpers.make_user("ander@elders.nl")
    with pytest.raises(Exception):
        loket.assign(filed, outsider.id, by=boss)   # not a handler of this organisation


@pytest.mark.fresh_app("counts the statements a page sends; the savepoints of a shared transaction would count")
def test_the_staff_list_puts_overdue_and_due_soon_first_in_a_constant_number_of_queries(boss):
    organisation, _plan, version = adopted(boss)
    late = _file(version, today=date(2027, 1, 4))          # due 15 March
    soon = _file(version, today=date(2027, 1, 20))         # due 31 March
    later = _file(version, today=date(2027, 3, 1))         # due 10 May
    done = _file(version, today=date(2027, 1, 2))
    loket.decide(done, Outcome.TOEGEKEND, "Goed plan.", "", by=boss, today=date(2027, 2, 1))
    db.session.commit()

    def queries(today):
        loket.staff_list(organisation, today, by=boss, after=after)    # warm: the user's memberships are loaded once
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            page, open_count = loket.staff_list(organisation, today, by=boss, after=after)
            rows, more = page.items, page.next_key
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return rows, open_count, more, len(statements)

    after = None
    rows, open_count, more, few = queries(date(2027, 3, 25))
    assert [r.id for r in rows] == [late.id, soon.id, later.id, done.id] and open_count == 3 and not more
    assert rows[0].overdue and rows[1].due_soon and not rows[2].due_soon
    for i in range(loket.PER_PAGE + 10):
        _file(version, today=date(2027, 2, 1), name=f"Indiener {i}")
    rows, open_count, more, many = queries(date(2027, 3, 25))
    assert open_count == loket.PER_PAGE + 13 and more and many <= few == 3   # counts, open rows, decided rows
    after = more                              # "Volgende": the rest of the open ones, then the decided one
    rows, _open, more, many = queries(date(2027, 3, 25))
    assert len(rows) == 14 and rows[-1].id == done.id and not more and many == 3


def test_reminders_go_to_the_handler_once_a_day(app, boss, monkeypatch):
    _organisation, _plan, version = adopted(boss)
    filed = _file(version)
    loket.assign(filed, boss.id, by=boss)
    db.session.commit()
    runner = app.test_cli_runner()
    monkeypatch.setattr("app.loket.cli.today_in_amsterdam", lambda: date(2027, 5, 3))   # a week before: none
    assert "0 herinneringen" in runner.invoke(args=["loket", "reminders"]).output
    monkeypatch.setattr("app.loket.cli.today_in_amsterdam", lambda: date(2027, 5, 6))
    assert "1 herinneringen" in runner.invoke(args=["loket", "reminders", "--base-url", "https://x.nl"]).output
    message = helpers.mail_to(boss.email)
    assert filed.reference in message.body and "10 mei 2027" in message.body
    assert f"https://x.nl/loket/verzoeken/{filed.id}" in message.body
    assert "0 herinneringen" in runner.invoke(args=["loket", "reminders"]).output


def test_personal_data_is_removed_after_the_retention_period(app, boss, monkeypatch):
    organisation, _plan, version = adopted(boss)
    filed = _file(version)
    loket.add_note(filed, "Rosa belde.", by=boss)
    loket.decide(filed, Outcome.TOEGEKEND, "Goed plan van Rosa.", "", by=boss, today=date(2027, 3, 10))
    db.session.commit()
    runner = app.test_cli_runner()
    monkeypatch.setattr("app.loket.cli.today_in_amsterdam", lambda: date(2028, 3, 9))
    assert "van 0 verzoeken" in runner.invoke(args=["loket", "purge"]).output
    monkeypatch.setattr("app.loket.cli.today_in_amsterdam", lambda: date(2028, 3, 11))
    assert "van 1 verzoeken" in runner.invoke(args=["loket", "purge"]).output
    db.session.expire_all()
    filed = db.session.get(LoketRequest, filed.id)
    assert (filed.requester_name, filed.requester_email, filed.requester_address, filed.answers) == ("", "", "", {})
    assert filed.decision_reasons is None and filed.personal_data_removed_at is not None
    assert db.session.scalar(select(LoketAttachment.id)) is None and db.session.scalar(select(LoketNote.id)) is None
    rows = loket.public_register(organisation.id).items
    assert rows[0].subject == UITDAGING["taak"] and rows[0].outcome == "toegekend"


def test_figures_for_the_evaluation_per_right(boss):
    organisation, _plan, version = adopted(boss)
    quick = _file(version, today=date(2027, 3, 1))
    late = _file(version, today=date(2027, 1, 4))             # due 15 March
    _file(version, today=date(2027, 3, 2))                    # still open
    asked = _file(version, today=date(2027, 3, 1), right="participatieverzoek")
    loket.decide(quick, Outcome.TOEGEKEND, "Ja.", "", by=boss, today=date(2027, 3, 11))        # 10 days
    loket.decide(late, Outcome.AFGEWEZEN, "Nee.", "", by=boss, today=date(2027, 3, 24))        # 79 days, late
    loket.decide(asked, Outcome.DEELS, "Deels.", "", by=boss, today=date(2027, 3, 5))          # 4 days
    db.session.commit()
    figures = {f.right: f for f in loket.evaluation_figures(organisation, by=boss)}
    assert (figures["uitdaagrecht"].filed, figures["uitdaagrecht"].decided, figures["uitdaagrecht"].granted,
            figures["uitdaagrecht"].on_time, figures["uitdaagrecht"].median_days) == (3, 2, 1, 1, 44.5)
    assert (figures["participatieverzoek"].granted, figures["participatieverzoek"].median_days) == (1, 4)
