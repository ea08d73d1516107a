"""The leeratelier on the web: create, rounds, invite, join with a plan choice, groups per round, sharing."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Atelier, AtelierGroup, AtelierInvitation, AtelierParticipant, AtelierSeat, AuditEvent
from app.services.plans import plans
from tests import helpers


def _create(client, name="Leeratelier Gelderland") -> Atelier:
    response = helpers.post_form(client, "/ateliers/nieuw", {"name": name})
    assert response.status_code == 302, helpers.text_of(response)
    return db.session.scalar(select(Atelier).where(Atelier.name == name))


def _link(client, atelier: Atelier, label="Lindehoven") -> str:
    response = helpers.post_form(client, f"/ateliers/{atelier.id}/uitnodigingen", {"label": label},
                                 token_from=f"/ateliers/{atelier.id}")
    assert response.status_code == 302
    token = db.session.scalar(select(AtelierInvitation.token).where(AtelierInvitation.atelier_id == atelier.id)
                              .order_by(AtelierInvitation.id.desc()))
    return f"/leeratelier/uitnodiging/{token}"


def _team(browser, email, town, answers=None):
    user = helpers.make_user(email, f"Beheerder {town}")
    organisation = helpers.make_organisation(town, user, "beheerder")
    plan = helpers.make_plan(organisation, f"Plan {town}")
    if answers:
        plans.save_step(plan, 1, answers, user, None)
        db.session.commit()
    client = browser()
    helpers.login(client, email)
    return user, organisation, plan, client


def test_anyone_logged_in_creates_an_atelier_and_becomes_its_facilitator(editor):
    page = helpers.post_form(editor.client, "/ateliers/nieuw", {"name": "  "})
    assert page.status_code == 422
    assert "Geef het leeratelier een naam." in helpers.text_of(page)
    assert db.session.scalar(select(Atelier)) is None

    atelier = _create(editor.client)
    page = helpers.text_of(editor.client.get(f"/ateliers/{atelier.id}"))
    assert "Leeratelier Gelderland" in page
    for number, title in ((1, "Begrippen"), (2, "Beleid"), (4, "Juridisch")):
        assert f"Ronde {number}" in page and title in page
    assert "Organisaties uitnodigen" in page and "Groepen indelen" in page
    assert "Leeratelier Gelderland" in helpers.text_of(editor.client.get("/ateliers"))


def test_the_steps_of_a_round_come_from_the_content(editor):
    atelier = _create(editor.client)
    page = helpers.text_of(editor.client.get(f"/ateliers/{atelier.id}/rondes/2"))
    assert "Stappen in deze ronde: 4." in page and "5." in page and "6." not in page


def test_a_round_gets_a_date_time_and_place_and_refuses_bad_values(editor):
    atelier = _create(editor.client)
    url = f"/ateliers/{atelier.id}/rondes/1"
    bad = helpers.post_form(editor.client, url, {"date": "14-03", "start_time": "13:00", "end_time": "09:00",
                                                 "place": "Stadhuis", "video_link": "geen link"})
    text = helpers.text_of(bad)
    assert bad.status_code == 422
    assert "Vul een datum in, bijvoorbeeld 2027-03-14." in text
    assert "Vul een volledige link in" in text
    assert 'value="Stadhuis"' in bad.get_data(as_text=True)
    late = helpers.post_form(editor.client, url, {"date": "2027-03-14", "start_time": "13:00", "end_time": "09:00"})
    assert late.status_code == 422 and "De eindtijd moet na de begintijd liggen." in helpers.text_of(late)
    assert atelier.round(1).date is None
    ok = helpers.post_form(editor.client, url, {"date": "2027-03-14", "start_time": "09:30", "end_time": "13:00",
                                                "place": "Stadhuis, zaal 2", "video_link": "https://video.example/r1"})
    assert ok.status_code == 302
    page = helpers.text_of(editor.client.get(f"/ateliers/{atelier.id}"))
    assert "14 maart 2027, 09:30–13:00 uur" in page and "Stadhuis, zaal 2" in page


def test_join_with_plan_choice_says_what_others_see(editor, browser):
    atelier = _create(editor.client)
    link = _link(editor.client, atelier)
    _user, organisation, plan, client = _team(browser, "bea@lindehoven.nl", "Lindehoven")
    second = helpers.make_plan(organisation, "Tweede plan")
    page = client.get(link)
    text = helpers.text_of(page)
    assert "Wat de anderen zien" in text
    assert "De facilitator kan uw plan niet wijzigen." in text
    assert "Er is nog geen ronde begonnen, dus u deelt nu nog niets." in text
    assert "Lindehoven — Tweede plan" in text

    wrong = helpers.post_form(client, link, {"plan": "999999"})
    assert wrong.status_code == 422 and "Kies een van de plannen uit de lijst." in helpers.text_of(wrong)
    assert db.session.scalar(select(AtelierParticipant)) is None

    done = helpers.post_form(client, link, {"plan": str(second.id)})
    assert done.status_code == 302
    participant = db.session.scalar(select(AtelierParticipant))
    assert (participant.organisation_id, participant.plan_id) == (organisation.id, second.id)
    assert "Lindehoven doet nu mee" in helpers.text_of(client.get(done.headers["Location"]))
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "atelier.joined")).organisation_id == organisation.id
    # The link works once: a second organisation gets the plain message.
    _u2, _m2, plan2, other = _team(browser, "bea@zeedorp.nl", "Zeedorp")
    again = helpers.post_form(other, link, {"plan": str(plan2.id)})
    assert "onbekend, verlopen, ingetrokken of al gebruikt" in helpers.text_of(again)
    assert db.session.query(AtelierParticipant).count() == 1


def test_only_a_beheerder_can_bring_in_a_plan(editor, browser):
    atelier = _create(editor.client)
    link = _link(editor.client, atelier)
    _user, organisation, plan, _client = _team(browser, "bea@lindehoven.nl", "Lindehoven")
    reader = helpers.make_user("mees@lindehoven.nl")
    helpers.add_member(organisation, reader, "meelezer")
    client = browser()
    helpers.login(client, reader.email)
    assert "Alleen een beheerder" in helpers.text_of(client.get(link))
    refused = helpers.post_form(client, link, {"plan": str(plan.id)}, token_from="/account")
    assert refused.status_code == 422
    assert db.session.query(AtelierParticipant).count() == 0


def test_a_withdrawn_link_no_longer_works(editor, browser):
    atelier = _create(editor.client)
    link = _link(editor.client, atelier)
    invitation = db.session.scalar(select(AtelierInvitation))
    helpers.post_form(editor.client, f"/ateliers/{atelier.id}/uitnodigingen/{invitation.id}/intrekken", {},
                      token_from=f"/ateliers/{atelier.id}")
    _u, _m, _p, client = _team(browser, "bea@lindehoven.nl", "Lindehoven")
    assert "onbekend, verlopen, ingetrokken of al gebruikt" in helpers.text_of(client.get(link))


def _join(editor, browser, atelier, email, town, answers=None):
    link = _link(editor.client, atelier, town)
    user, organisation, plan, client = _team(browser, email, town, answers)
    assert helpers.post_form(client, link, {"plan": str(plan.id)}).status_code == 302
    return client, db.session.scalar(select(AtelierParticipant)
                                     .where(AtelierParticipant.organisation_id == organisation.id))


def test_groups_change_per_round(editor, browser):
    atelier = _create(editor.client)
    _c1, lind = _join(editor, browser, atelier, "bea@lindehoven.nl", "Lindehoven")
    _c2, zee = _join(editor, browser, atelier, "bea@zeedorp.nl", "Zeedorp")
    url = f"/ateliers/{atelier.id}/rondes/1/groepen"
    assert helpers.post_form(editor.client, url, {"name": ""}).status_code == 422
    for name in ("Tafel 1", "Tafel 2"):
        helpers.post_form(editor.client, url, {"name": name})
    t1, t2 = db.session.scalars(select(AtelierGroup.id).where(AtelierGroup.round_number == 1)
                                .order_by(AtelierGroup.id)).all()
    seat_url = f"/ateliers/{atelier.id}/rondes/1/indeling"
    helpers.post_form(editor.client, seat_url, {f"p{lind.id}": str(t1), f"p{zee.id}": str(t1)}, token_from=url)
    helpers.post_form(editor.client, f"/ateliers/{atelier.id}/rondes/2/groepen", {"name": "Tafel A"})
    ta = db.session.scalar(select(AtelierGroup.id).where(AtelierGroup.round_number == 2))
    response = helpers.post_form(editor.client, f"/ateliers/{atelier.id}/rondes/2/indeling",
                                 {f"p{lind.id}": str(ta)}, token_from=f"/ateliers/{atelier.id}/rondes/2/groepen")
    assert response.status_code == 302
    seats = {(s.participant_id, s.round_number): s.group_id for s in db.session.scalars(select(AtelierSeat))}
    assert seats == {(lind.id, 1): t1, (zee.id, 1): t1, (lind.id, 2): ta}
    # Re-seat round 1: Zeedorp moves to table 2; round 2 stays as it was.
    helpers.post_form(editor.client, seat_url, {f"p{lind.id}": str(t1), f"p{zee.id}": str(t2)}, token_from=url)
    seats = {(s.participant_id, s.round_number): s.group_id for s in db.session.scalars(select(AtelierSeat))}
    assert seats == {(lind.id, 1): t1, (zee.id, 1): t2, (lind.id, 2): ta}
    # A group of another round is refused, and nothing changes.
    refused = helpers.post_form(editor.client, seat_url, {f"p{lind.id}": str(ta)}, token_from=url)
    assert refused.status_code == 422
    assert db.session.query(AtelierSeat).count() == 3
    page = helpers.text_of(editor.client.get(f"/ateliers/{atelier.id}"))
    assert re.search(r"Tafel 1 : gemeente Lindehoven Tafel 2 : gemeente Zeedorp", page), page


def test_sharing_choices_stop_and_what_the_group_sees(editor, browser):
    atelier = _create(editor.client)
    helpers.post_form(editor.client, f"/ateliers/{atelier.id}/rondes/1", {"date": "2020-01-01", "start_time": "09:00"})
    lind_client, lind = _join(editor, browser, atelier, "bea@lindehoven.nl", "Lindehoven",
                              {"participatie_definitie": "Samen met Lindehoven."})
    zee_client, zee = _join(editor, browser, atelier, "bea@zeedorp.nl", "Zeedorp",
                            {"participatie_definitie": "Zeedorp doet het zo."})
    url = f"/ateliers/{atelier.id}/rondes/1/groepen"
    helpers.post_form(editor.client, url, {"name": "Tafel 1"})
    helpers.post_form(editor.client, f"/ateliers/{atelier.id}/rondes/1/indeling",
                      {f"p{lind.id}": str(atelier.groups[0].id), f"p{zee.id}": str(atelier.groups[0].id)},
                      token_from=url)
    page = helpers.text_of(zee_client.get(f"/ateliers/{atelier.id}?ronde=1"))
    assert "Samen met Lindehoven." in page and "Zeedorp doet het zo." not in page  # the default: round 1 started
    share_url = f"/ateliers/{atelier.id}/deelnemers/{lind.id}/delen"
    assert helpers.post_form(lind_client, share_url, {"stop": "1"}).status_code == 302
    assert "Samen met Lindehoven." not in helpers.text_of(zee_client.get(f"/ateliers/{atelier.id}?ronde=1"))
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "atelier.share_changed")).all()
    assert {e.detail["step"] for e in events} == {1, 2, 3}  # the steps that were shared by default
    choices = {f"stap{n}": "niemand" for n in range(1, 9)} | {"stap1": "atelier"}
    assert helpers.post_form(lind_client, share_url, choices).status_code == 302
    assert "Samen met Lindehoven." in helpers.text_of(zee_client.get(f"/ateliers/{atelier.id}?ronde=1"))
    bad = helpers.post_form(lind_client, share_url, choices | {"stap1": "iedereen"})
    assert bad.status_code == 422
    # Zeedorp cannot change Lindehoven's choices, and the facilitator sees them but cannot either.
    assert helpers.post_form(zee_client, share_url, choices, token_from="/account").status_code == 404
    assert helpers.post_form(editor.client, share_url, choices, token_from="/account").status_code == 404
