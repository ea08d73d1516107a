"""During a round: the facilitator's messages reach only their group, the live JSON answers 304 while nothing
changed, a help request shows for the facilitator only, and the countdown."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import AtelierCountdown, AtelierGroup, AtelierHelpRequest, AtelierMessage, AuditEvent
from tests import helpers
from tests.atelier.test_atelier_web import _create, _join


def _tables(editor, atelier, seating: dict) -> dict[str, int]:
    """Make the round-1 tables and seat {participant: table name}."""
    url = f"/ateliers/{atelier.id}/rondes/1/groepen"
    for name in sorted(set(seating.values())):
        helpers.post_form(editor.client, url, {"name": name})
    ids = {g.name: g.id for g in db.session.scalars(select(AtelierGroup))}
    helpers.post_form(editor.client, f"/ateliers/{atelier.id}/rondes/1/indeling",
                      {f"p{p.id}": str(ids[name]) for p, name in seating.items()}, token_from=url)
    return ids


def _world(editor, browser):
    atelier = _create(editor.client)
    lind_client, lind = _join(editor, browser, atelier, "bea@lindehoven.nl", "Lindehoven")
    zee_client, zee = _join(editor, browser, atelier, "bea@zeedorp.nl", "Zeedorp")
    haven_client, haven = _join(editor, browser, atelier, "bea@havenstad.nl", "Havenstad")
    ids = _tables(editor, atelier, {lind: "Tafel 1", zee: "Tafel 1", haven: "Tafel 2"})
    return atelier, ids, {"lind": (lind_client, lind), "zee": (zee_client, zee), "haven": (haven_client, haven)}


def _say(editor, atelier, body, group=""):
    return helpers.post_form(editor.client, f"/ateliers/{atelier.id}/rondes/1/berichten",
                             {"body": body, "group": str(group)}, token_from=f"/ateliers/{atelier.id}")


def _live(client, atelier, **headers):
    return client.get(f"/ateliers/{atelier.id}/live?ronde=1", headers=headers)


def test_messages_reach_only_their_group(editor, browser):
    atelier, ids, teams = _world(editor, browser)
    assert _say(editor, atelier, "Pauze tot 11 uur.").status_code == 302
    assert _say(editor, atelier, "Tafel 2: kom naar voren.", ids["Tafel 2"]).status_code == 302

    for who, sees_table_2 in (("lind", False), ("zee", False), ("haven", True)):
        client = teams[who][0]
        page = helpers.text_of(client.get(f"/ateliers/{atelier.id}"))
        bodies = [m["body"] for m in _live(client, atelier).get_json()["messages"]]
        assert "Pauze tot 11 uur." in page and "Pauze tot 11 uur." in bodies
        assert ("Tafel 2: kom naar voren." in page) is sees_table_2, who
        assert ("Tafel 2: kom naar voren." in bodies) is sees_table_2, who
    facilitator = [m["to"] for m in _live(editor.client, atelier).get_json()["messages"]]
    assert facilitator == ["Tafel 2", "iedereen"]
    assert db.session.query(AuditEvent).filter_by(action="atelier.message_sent").count() == 2


def test_a_bad_message_is_refused_and_nothing_is_sent(editor, browser):
    atelier, ids, _teams = _world(editor, browser)
    empty = _say(editor, atelier, "   ", ids["Tafel 1"])
    assert empty.status_code == 422 and "Schrijf een bericht." in helpers.text_of(empty)
    # A table of another round (or of nobody) is not a choice.
    helpers.post_form(editor.client, f"/ateliers/{atelier.id}/rondes/2/groepen", {"name": "Tafel A"})
    other = db.session.scalar(select(AtelierGroup.id).where(AtelierGroup.round_number == 2))
    wrong = _say(editor, atelier, "Alleen voor tafel A", other)
    assert wrong.status_code == 422 and "Kies een groep van deze ronde, of iedereen." in helpers.text_of(wrong)
    assert "Alleen voor tafel A" in wrong.get_data(as_text=True)  # what was typed stays
    assert db.session.query(AtelierMessage).count() == 0


def test_live_answers_304_with_the_same_etag_and_200_after_a_new_message(editor, browser):
    atelier, ids, teams = _world(editor, browser)
    client = teams["lind"][0]
    first = _live(client, atelier)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag
    again = _live(client, atelier, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag and again.get_data() == b""
    # A message to another table changes nothing for Lindehoven: still 304.
    _say(editor, atelier, "Alleen tafel 2", ids["Tafel 2"])
    assert _live(client, atelier, **{"If-None-Match": etag}).status_code == 304
    _say(editor, atelier, "Nog vijf minuten!")
    fresh = _live(client, atelier, **{"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.headers["ETag"] != etag
    assert [m["body"] for m in fresh.get_json()["messages"]] == ["Nog vijf minuten!"]


def test_a_help_request_shows_for_the_facilitator_and_not_for_other_participants(editor, browser):
    atelier, _ids, teams = _world(editor, browser)
    lind_client, lind = teams["lind"]
    url = f"/ateliers/{atelier.id}/rondes/1/deelnemers/{lind.id}/hulp"
    asked = helpers.post_form(lind_client, url, {}, token_from=f"/ateliers/{atelier.id}")
    assert asked.status_code == 302
    assert "De facilitator ziet uw hulpvraag" in helpers.text_of(lind_client.get(asked.headers["Location"]))
    twice = helpers.post_form(lind_client, url, {}, token_from=f"/ateliers/{atelier.id}")
    assert "Uw hulpvraag staat al open" in helpers.text_of(lind_client.get(twice.headers["Location"]))
    assert db.session.query(AtelierHelpRequest).count() == 1

    facilitator = helpers.text_of(editor.client.get(f"/ateliers/{atelier.id}"))
    assert "Lindehoven vraagt hulp sinds" in facilitator
    assert [h["name"] for h in _live(editor.client, atelier).get_json()["help"]] == ["Gemeente Lindehoven"]
    for other in ("zee", "haven"):
        client = teams[other][0]
        assert "vraagt hulp" not in helpers.text_of(client.get(f"/ateliers/{atelier.id}"))
        assert _live(client, atelier).get_json()["help"] == []
    assert _live(lind_client, atelier).get_json()["my_open_help"] == [lind.id]
    # Zeedorp's member cannot ask on Lindehoven's behalf (not their organisation: 404).
    assert helpers.post_form(teams["zee"][0], url, {}, token_from=f"/ateliers/{atelier.id}").status_code == 404

    help_id = db.session.scalar(select(AtelierHelpRequest.id))
    handled = helpers.post_form(editor.client, f"/ateliers/{atelier.id}/hulpvragen/{help_id}/afgehandeld", {},
                                token_from=f"/ateliers/{atelier.id}")
    assert handled.status_code == 302
    assert "Er staan geen hulpvragen open." in helpers.text_of(editor.client.get(f"/ateliers/{atelier.id}"))
    assert _live(editor.client, atelier).get_json()["help"] == []
    assert _live(lind_client, atelier).get_json()["my_open_help"] == []
    actions = {e.action for e in db.session.scalars(select(AuditEvent))}
    assert {"atelier.help_asked", "atelier.help_handled"} <= actions


def test_the_facilitator_sets_and_stops_a_countdown(editor, browser):
    atelier, _ids, teams = _world(editor, browser)
    url = f"/ateliers/{atelier.id}/rondes/1/aftellen"
    for bad, message in (("0", "Kies een aantal minuten van 1 tot en met 180."), ("", "Vul een aantal minuten in."),
                         ("tien", "Vul")):
        refused = helpers.post_form(editor.client, url, {"minutes": bad}, token_from=f"/ateliers/{atelier.id}")
        assert refused.status_code == 422 and message in helpers.text_of(refused), bad
    assert db.session.query(AtelierCountdown).count() == 0

    before = datetime.utcnow().replace(microsecond=0)
    assert helpers.post_form(editor.client, url, {"minutes": "10"},
                             token_from=f"/ateliers/{atelier.id}").status_code == 302
    ends = _live(teams["haven"][0], atelier).get_json()["countdown_ends_at"]
    ends_at = datetime.fromisoformat(ends.rstrip("Z"))
    assert before + timedelta(minutes=10) <= ends_at <= datetime.utcnow() + timedelta(minutes=10)
    assert "Aftellen: tot" in helpers.text_of(teams["haven"][0].get(f"/ateliers/{atelier.id}"))

    helpers.post_form(editor.client, url, {"stop": "1"}, token_from=f"/ateliers/{atelier.id}")
    assert _live(teams["haven"][0], atelier).get_json()["countdown_ends_at"] is None
    assert "Er loopt geen aftelling." in helpers.text_of(teams["haven"][0].get(f"/ateliers/{atelier.id}"))


def test_participants_cannot_send_messages_or_set_the_countdown(editor, browser):
    atelier, _ids, teams = _world(editor, browser)
    client = teams["lind"][0]
    page = helpers.text_of(client.get(f"/ateliers/{atelier.id}"))
    assert "Hulp vragen" in page and "Bericht versturen" not in page and "Aftellen starten" not in page
    refused = helpers.post_form(client, f"/ateliers/{atelier.id}/rondes/1/berichten", {"body": "Hoi"},
                                token_from=f"/ateliers/{atelier.id}")
    assert refused.status_code == 403
    assert helpers.post_form(client, f"/ateliers/{atelier.id}/rondes/1/aftellen", {"minutes": "5"},
                             token_from=f"/ateliers/{atelier.id}").status_code == 403
    assert db.session.query(AtelierMessage).count() == 0 and db.session.query(AtelierCountdown).count() == 0
    assert client.get(f"/ateliers/{atelier.id}/live?ronde=9").status_code == 404


def test_the_round_work_page_shows_the_messages_and_the_help_button_but_not_the_facilitators_controls(editor, browser):
    atelier, ids, teams = _world(editor, browser)
    assert _say(editor, atelier, "Tafel 2: kom naar voren.", ids["Tafel 2"]).status_code == 302
    work = f"/ateliers/{atelier.id}/rondes/1/werk"
    haven = teams["haven"][0].get(work)
    text = helpers.text_of(haven)
    assert "Tafel 2: kom naar voren." in text and "Hulp vragen" in text
    assert "Bericht versturen" not in text  # the facilitator sends from the atelier page
    assert 'data-live-url="/ateliers/%d/live?ronde=1"' % atelier.id in haven.get_data(as_text=True)
    assert "Tafel 2: kom naar voren." not in helpers.text_of(teams["lind"][0].get(work))


def test_help_asked_on_the_round_page_stays_on_the_round_page_and_confirms(editor, browser):
    atelier, _ids, teams = _world(editor, browser)
    lind_client, lind = teams["lind"]
    work = f"/ateliers/{atelier.id}/rondes/1/werk"
    html = lind_client.get(work).get_data(as_text=True)
    assert 'name="terug" value="ronde"' in html
    asked = helpers.post_form(lind_client, f"/ateliers/{atelier.id}/rondes/1/deelnemers/{lind.id}/hulp",
                              {"terug": "ronde"}, token_from=work)
    assert asked.status_code == 302 and asked.headers["Location"].endswith(f"{work}#tijdens-de-ronde")
    page = helpers.text_of(lind_client.get(asked.headers["Location"]))
    assert "De facilitator ziet uw hulpvraag en komt zo snel mogelijk." in page
    assert "Uw hulpvraag staat open; de facilitator ziet hem." in page and "Doel van deze ronde" in page
