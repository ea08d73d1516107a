"""The round page for participants: goal and deliverables, one's own answer beside what the others share, and
"Overnemen" into one's own plan."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.extensions import db, limiter
from app.models import AtelierGroup, AuditEvent, PlanRevision, StepAnswer
from app.services.plans import plans
from tests import helpers
from tests.atelier.test_atelier_web import _create, _join

WITTE_VLEK = [{"naam": "Jongerenraad", "soort": None}, {"naam": "Ondernemers in het centrum"}]


@pytest.fixture()
def tables(editor, browser):
    """Round 1 has started; Lindehoven and Zeedorp at Tafel 1, Havenstad at Tafel 2 (each shares with its group)."""
    atelier = _create(editor.client)
    helpers.post_form(editor.client, f"/ateliers/{atelier.id}/rondes/1", {"date": "2020-01-01", "start_time": "09:00"})
    lind_client, lind = _join(editor, browser, atelier, "bea@lindehoven.nl", "Lindehoven",
                              {"participatie_definitie": "Samen met Lindehoven."})
    zee_client, zee = _join(editor, browser, atelier, "bea@zeedorp.nl", "Zeedorp",
                            {"participatie_definitie": "Zeedorp doet het zo."})
    _haven_client, haven = _join(editor, browser, atelier, "bea@havenstad.nl", "Havenstad",
                                 {"participatie_definitie": "Havenstad alleen voor de eigen tafel."})
    url = f"/ateliers/{atelier.id}/rondes/1/groepen"
    for name in ("Tafel 1", "Tafel 2"):
        helpers.post_form(editor.client, url, {"name": name})
    t1, t2 = db.session.scalars(select(AtelierGroup.id).order_by(AtelierGroup.id)).all()
    helpers.post_form(editor.client, f"/ateliers/{atelier.id}/rondes/1/indeling",
                      {f"p{lind.id}": str(t1), f"p{zee.id}": str(t1), f"p{haven.id}": str(t2)}, token_from=url)
    return SimpleNamespace(atelier=atelier, lind=lind, zee=zee, haven=haven, lind_client=lind_client,
                       zee_client=zee_client, work=f"/ateliers/{atelier.id}/rondes/1/werk",
                       take=f"/ateliers/{atelier.id}/rondes/1/overnemen")


def _take(t, source, step, key, version, row=None, client=None, mode="vervangen"):
    """The confirmed take-over (mode None: the round page's button, which only shows the confirm page)."""
    data = {"participant": str(source.id), "step": str(step), "question": key, "version": str(version)}
    if row is not None:
        data["row"] = str(row)
    if mode:
        data["mode"] = mode
    return helpers.post_form(client or t.zee_client, t.take, data, token_from=t.work)


def _step(plan_id, number):
    return db.session.scalar(select(StepAnswer).where(StepAnswer.plan_id == plan_id, StepAnswer.step_number == number))


def test_the_round_page_shows_goal_own_answer_and_the_tables_answers_only(tables):
    page = helpers.text_of(tables.zee_client.get(tables.work))
    assert "De witte vlek" in page and "voorstel voor de zelfscan" in page  # from handreiking/atelier/rounds.yaml
    assert "Uw antwoord Zeedorp doet het zo." in page
    assert "Gemeente Lindehoven Samen met Lindehoven." in page
    assert "Havenstad alleen voor de eigen tafel." not in page  # another table's group-only answer
    assert "Overnemen" in page
    round4 = helpers.text_of(tables.zee_client.get(f"/ateliers/{tables.atelier.id}/rondes/4/werk"))
    assert "stappenplan naar de participatieverordening" in round4


def test_overnemen_first_shows_both_answers_and_changes_nothing(tables):
    response = _take(tables, tables.lind, 1, "participatie_definitie", 1, mode=None)
    assert response.status_code == 200
    page = helpers.text_of(response)
    assert "Overnemen bevestigen" in page and "Er is nog niets gewijzigd" in page
    assert "Uw antwoord nu Zeedorp doet het zo." in page
    assert "Het antwoord van gemeente Lindehoven Samen met Lindehoven." in page
    assert "Toevoegen" in page and "Vervangen" in page
    db.session.expire_all()
    row = _step(tables.zee.plan_id, 1)
    assert row.answers["participatie_definitie"] == "Zeedorp doet het zo." and row.version == 1
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "atelier.taken_over")) is None


def test_overnemen_writes_the_answer_with_its_origin_in_the_history(tables):
    zee_plan = tables.zee.plan_id
    response = _take(tables, tables.lind, 1, "participatie_definitie", 1)
    assert response.status_code == 302
    assert "Het antwoord is overgenomen in uw plan." in helpers.text_of(tables.zee_client.get(response.headers["Location"]))
    row = _step(zee_plan, 1)
    assert row.answers["participatie_definitie"] == "Samen met Lindehoven." and row.version == 2
    revisions = db.session.scalars(select(PlanRevision).where(PlanRevision.plan_id == zee_plan)
                                   .order_by(PlanRevision.id.desc())).all()
    revision = revisions[0]
    assert len(revisions) == 2  # the join's own save, and exactly one for the take-over
    assert (revision.kind, revision.note) == ("takeover", "overgenomen van gemeente Lindehoven in leeratelier "
                                                          f"{tables.atelier.name}")
    history = helpers.text_of(tables.zee_client.get(f"/plannen/{zee_plan}/versies"))
    assert f"overgenomen, stap 1: Wat verstaat uw gemeente onder participatie? (overgenomen van gemeente " \
           f"Lindehoven in leeratelier {tables.atelier.name})" in history
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "atelier.taken_over"))
    assert event.organisation_id == tables.zee.organisation_id
    assert event.detail["source"] == tables.lind.organisation_id
    assert _step(tables.lind.plan_id, 1).answers["participatie_definitie"] == "Samen met Lindehoven."


def test_overnemen_of_a_list_row_appends_it(tables):
    lind_user = tables.lind.plan.organisation.memberships[0].user
    plans.save_step(tables.lind.plan, 2, {"witte_vlek": WITTE_VLEK}, lind_user, None)
    zee_user = tables.zee.plan.organisation.memberships[0].user
    plans.save_step(tables.zee.plan, 2, {"witte_vlek": [{"naam": "Dorpsraad"}]}, zee_user, None)
    db.session.commit()
    page = helpers.text_of(tables.zee_client.get(tables.work))
    assert "Deze rij overnemen" in page
    assert _take(tables, tables.lind, 2, "witte_vlek", 1, row=1, mode="toevoegen").status_code == 302
    db.session.expire_all()
    assert _step(tables.zee.plan_id, 2).answers["witte_vlek"] == [{"naam": "Dorpsraad"},
                                                                  {"naam": "Ondernemers in het centrum"}]
    assert _take(tables, tables.lind, 2, "witte_vlek", 2, row=5, mode="toevoegen").status_code == 404  # no such row


def test_an_answer_not_shared_with_the_viewer_is_refused(tables):
    before = _step(tables.zee.plan_id, 1).answers
    assert _take(tables, tables.haven, 1, "participatie_definitie", 1).status_code == 404  # the other table
    assert _take(tables, tables.lind, 4, "wie_beslist", 1).status_code == 404  # a step of another round
    stop = f"/ateliers/{tables.atelier.id}/deelnemers/{tables.lind.id}/delen"
    assert helpers.post_form(tables.lind_client, stop, {"stop": "1"}).status_code == 302
    assert _take(tables, tables.lind, 1, "participatie_definitie", 1).status_code == 404  # stopped sharing
    db.session.expire_all()
    assert _step(tables.zee.plan_id, 1).answers == before
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "atelier.taken_over")) is None


def test_a_step_saved_in_between_is_a_conflict_with_a_clear_message(tables):
    zee_user = tables.zee.plan.organisation.memberships[0].user
    plans.save_step(tables.zee.plan, 1, {"participatie_definitie": "Intussen gewijzigd."}, zee_user, None)
    db.session.commit()
    response = _take(tables, tables.lind, 1, "participatie_definitie", 1)
    assert response.status_code == 409
    page = helpers.text_of(response)
    assert "Uw eigen antwoord is intussen door iemand anders opgeslagen" in page
    assert "Uw antwoord nu Intussen gewijzigd." in page  # the confirm page shows the new state to decide on
    db.session.expire_all()
    assert _step(tables.zee.plan_id, 1).answers["participatie_definitie"] == "Intussen gewijzigd."


def test_only_who_may_edit_their_own_plan_takes_over(tables, editor, browser):
    reader = helpers.make_user("mees@zeedorp.nl")
    helpers.add_member(tables.zee.plan.organisation, reader, "meelezer")
    client = browser()
    limiter.reset()  # the fixture logged in four people already
    helpers.login(client, reader.email)
    page = helpers.text_of(client.get(tables.work))
    assert "Samen met Lindehoven." in page and "Overnemen" not in page
    assert "overnemen kan dus niet" in page
    assert _take(tables, tables.lind, 1, "participatie_definitie", 1, client=client).status_code == 403
    facilitator = helpers.text_of(editor.client.get(tables.work))
    assert "Havenstad alleen voor de eigen tafel." in facilitator and "Overnemen" not in facilitator
    assert _take(tables, tables.lind, 1, "participatie_definitie", 1, client=editor.client).status_code == 403
    outsider = browser()
    helpers.make_user("bea@elders.nl")
    limiter.reset()
    helpers.login(outsider, "bea@elders.nl")
    assert outsider.get(tables.work).status_code == 404
    db.session.expire_all()
    assert _step(tables.zee.plan_id, 1).answers["participatie_definitie"] == "Zeedorp doet het zo."


def test_overnemen_can_add_the_text_below_ones_own(tables):
    assert _take(tables, tables.lind, 1, "participatie_definitie", 1, mode="toevoegen").status_code == 302
    db.session.expire_all()
    assert _step(tables.zee.plan_id, 1).answers["participatie_definitie"] == \
        "Zeedorp doet het zo.\n\nSamen met Lindehoven."


def test_a_take_over_is_undone_from_the_versions_page(tables):
    zee_plan = tables.zee.plan_id
    assert _take(tables, tables.lind, 1, "participatie_definitie", 1).status_code == 302
    versions = f"/plannen/{zee_plan}/versies"
    page = helpers.text_of(tables.zee_client.get(versions))
    assert "Ongedaan maken" in page
    revision = db.session.scalar(select(PlanRevision).where(PlanRevision.plan_id == zee_plan,
                                                             PlanRevision.kind == "takeover"))
    response = helpers.post_form(tables.zee_client, f"{versions}/ongedaan-maken", {"revision": str(revision.id)},
                                 token_from=versions)
    assert response.status_code == 302
    page = helpers.text_of(tables.zee_client.get(response.headers["Location"]))
    assert "De wijziging is ongedaan gemaakt." in page
    assert "ongedaan gemaakt, stap 1: Wat verstaat uw gemeente onder participatie? (ongedaan gemaakt: overgenomen " \
           "van gemeente Lindehoven" in page
    db.session.expire_all()
    row = _step(zee_plan, 1)
    assert row.answers["participatie_definitie"] == "Zeedorp doet het zo." and row.version == 3
    step_page = helpers.text_of(tables.zee_client.get(f"/plannen/{zee_plan}/stap/1"))
    assert "Zeedorp doet het zo." in step_page and "Samen met Lindehoven." not in step_page
    # A second undo of the same change would throw away what came after: refused, nothing changes.
    again = helpers.post_form(tables.zee_client, f"{versions}/ongedaan-maken", {"revision": str(revision.id)},
                              token_from=versions)
    assert "kan niet meer ongedaan worden gemaakt" in helpers.text_of(tables.zee_client.get(again.headers["Location"]))
    db.session.expire_all()
    assert _step(zee_plan, 1).version == 3
