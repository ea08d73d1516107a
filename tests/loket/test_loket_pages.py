"""The loket as residents and staff use it: intake, the private link, handling, the letter and the register."""
from __future__ import annotations

import io
import re
from datetime import date
from types import SimpleNamespace

import docx
import pytest
from sqlalchemy import func, insert, select

from app.extensions import db
from app.models.loket import LoketRequest
from app.services.loket.rights import Right
from tests import helpers
from tests.loket.factories import UITDAGING, adopted

TODAY = date(2027, 3, 1)   # a Monday; + 10 weeks = Monday 10 May 2027


@pytest.fixture()
def world(app, monkeypatch):
    monkeypatch.setattr("app.loket.routes.today_in_amsterdam", lambda: TODAY)
    boss = helpers.make_user("beheerder@loketstad.nl", "Bea Beheerder")
    organisation, plan, version = adopted(boss, in_force=date(2027, 1, 1))
    reader = helpers.make_user("meelezer@loketstad.nl", "Mees Meelezer")
    helpers.add_member(organisation, reader, "meelezer")
    return SimpleNamespace(organisation=organisation, plan=plan, version=version, boss=boss, reader=reader)


def _form(**changes):
    data = {f"f_{k}": v for k, v in UITDAGING.items()}
    data.update(requester_name="Rosa de Vries", requester_address="Lindelaan 4, Loketstad",
                requester_email="rosa@example.nl", privacy="y")
    data.update(changes)
    return data


def _file(client, world, **changes):
    url = f"/loket/{world.organisation.id}/uitdaagrecht"
    return helpers.post_form(client, url, _form(**changes))


def test_residents_see_only_the_rights_the_ordinance_grants(world, client):
    page = helpers.text_of(client.get(f"/loket/{world.organisation.id}"))
    assert "Uitdaagrecht" in page and "Buurtplanrecht" in page and "Burgerinitiatief" in page
    assert "binnen 10 weken" in page
    intake = helpers.text_of(client.get(f"/loket/{world.organisation.id}/uitdaagrecht"))
    assert "Wie dit kan indienen: ingezetenen, maatschappelijke organisaties die in de gemeente actief zijn." in intake
    initiative = helpers.text_of(client.get(f"/loket/{world.organisation.id}/burgerinitiatief"))
    assert "ten minste 25 inwoners komt uw initiatief op de agenda van de raad" in initiative
    assert "Biedrecht" not in page
    assert client.get(f"/loket/{world.organisation.id}/biedrecht").status_code == 404
    assert "Mijn plannen" not in page and "Loketstad" in page   # the residents' design: no staff navigation


def test_bad_input_is_told_next_to_the_field_and_nothing_typed_is_lost(world, client):
    response = _file(client, world, requester_email="geen-adres", f_taak="")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in html and "Vul dit veld in." in html
    assert "Wij maaien en vegen wekelijks." in html and "Rosa de Vries" in html
    assert db.session.scalar(select(LoketRequest.id)) is None


def test_attachments_outside_the_limits_are_refused(world, client):
    response = _file(client, world, attachments=(io.BytesIO(b"MZ not a pdf"), "plan.pdf"))
    assert "is niet het soort bestand dat de naam zegt" in response.get_data(as_text=True)
    response = _file(client, world, attachments=(io.BytesIO(b"echo"), "script.sh"))
    assert "is geen PDF-" in response.get_data(as_text=True)
    assert db.session.scalar(select(LoketRequest.id)) is None


def test_filing_gives_a_reference_a_mail_with_the_due_date_and_a_private_link(world, client):
    response = _file(client, world, attachments=(io.BytesIO(b"%PDF-1.4 plan"), "plan.pdf"))
    assert response.status_code == 302
    filed = db.session.scalar(select(LoketRequest))
    assert filed.reference == f"LK-2027-{filed.id:05d}" and len(filed.token) >= 40
    assert filed.due_on == date(2027, 5, 10) and filed.rules["weeks"] == 10
    message = helpers.mail_to("rosa@example.nl")
    assert filed.reference in message.subject and "10 mei 2027" in message.body
    link = helpers.link_in(message)
    page = helpers.text_of(client.get(link))
    assert "10 mei 2027" in page and "Ontvangen" in page
    assert client.get("/loket/volgen/niet-het-goede-token").status_code == 404


def _filed(client, world) -> LoketRequest:
    assert _file(client, world).status_code == 302
    return db.session.scalar(select(LoketRequest))


def test_staff_postpone_once_decide_and_download_the_letter(world, client):
    filed = _filed(client, world)
    helpers.login(client, world.boss.email)
    assert filed.reference in helpers.text_of(client.get(f"/organisaties/{world.organisation.id}/loket"))
    case = f"/loket/verzoeken/{filed.id}"
    assert helpers.post_form(client, f"{case}/in-behandeling", {}, token_from=case).status_code == 302
    response = helpers.post_form(client, f"{case}/verdagen", {"until": "24-05-2027", "reason": "Advies nodig."},
                                 token_from=case)
    assert response.status_code == 302
    db.session.expire_all()
    assert filed.status == "verdaagd" and filed.due_on == date(2027, 5, 24)
    told = helpers.mail_to("rosa@example.nl")       # the requester hears it before the period ends (art. 4:14 Awb)
    assert "24 mei 2027" in told.body and "Advies nodig." in told.body
    again = helpers.post_form(client, f"{case}/verdagen", {"until": "31-05-2027", "reason": "Nog eens."},
                              token_from=case)
    assert again.status_code == 409 and "Dat kan niet meer" in again.get_data(as_text=True)
    response = helpers.post_form(client, f"{case}/besluiten", {"outcome": "toegekend",
                                                               "reasons": "De buurt steunt het plan."},
                                 token_from=case)
    assert response.status_code == 302
    letter = client.get(f"{case}/besluit.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(letter.data)).paragraphs)
    assert "besloten uw uitdaging toe te wijzen" in text and "De buurt steunt het plan." in text
    assert "binnen zes weken" in text and "artikel 6:7 van de Algemene wet bestuursrecht" in text
    assert "Kwaliteit van de uitvoering" in text and "Rosa de Vries" in text
    register = helpers.text_of(client.get(f"/loket/{world.organisation.id}/register"))
    assert filed.reference in register and "Toegekend" in register and "speeltuintje" in register
    assert "Rosa" not in register and "rosa@example.nl" not in register and "Lindelaan 4" not in register


def test_a_meelezer_may_not_see_requests_and_an_outsider_does_not_know_them(world, client):
    filed = _filed(client, world)
    helpers.login(client, world.reader.email)
    assert client.get(f"/loket/verzoeken/{filed.id}").status_code == 403
    assert client.get(f"/organisaties/{world.organisation.id}/loket").status_code == 403
    helpers.logout(client)
    helpers.make_user("ander@elders.nl")
    helpers.login(client, "ander@elders.nl")
    assert client.get(f"/loket/verzoeken/{filed.id}").status_code == 404


def test_a_beheerder_marks_a_version_adopted_on_the_plan(app, client):
    from app.services.plans import plans
    boss = helpers.make_user("b@nieuwstad.nl", "Bea")
    organisation = helpers.make_organisation("Nieuwstad", boss, "beheerder")
    plan = helpers.make_plan(organisation)
    snapshot = plans.take_snapshot(plan, "Raadsvoorstel december", boss)
    db.session.commit()
    helpers.login(client, boss.email)
    url = f"/plannen/{plan.id}/vaststelling"
    bad = helpers.post_form(client, url, {"snapshot": snapshot.id, "decided_on": "10-12-2026",
                                          "in_force_from": "01-12-2026"})
    assert bad.status_code == 400 and "niet eerder in werking" in bad.get_data(as_text=True)
    assert "01-12-2026" in bad.get_data(as_text=True)          # what was typed stays
    ok = helpers.post_form(client, url, {"snapshot": snapshot.id, "decided_on": "10-12-2026",
                                         "in_force_from": "01-01-2027"})
    assert ok.status_code == 302
    page = helpers.text_of(client.get(url))
    assert "“Raadsvoorstel december”: raadsbesluit van 10 december 2026, in werking vanaf 1 januari 2027" in page


def test_the_deadlines_as_a_calendar_file(world, client):
    filed = _filed(client, world)
    helpers.login(client, world.boss.email)
    response = client.get(f"/organisaties/{world.organisation.id}/loket/termijnen.ics")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/calendar" and "DTSTART;VALUE=DATE:20270510" in body
    assert filed.reference in body and "Rosa" not in body


def test_the_plan_leads_staff_to_the_loket_and_the_adoption(world, client):
    helpers.login(client, world.boss.email)
    outline = client.get(f"/plannen/{world.plan.id}").get_data(as_text=True)
    assert f'href="/organisaties/{world.organisation.id}/loket"' in outline
    assert f'href="/plannen/{world.plan.id}/vaststelling"' in outline
    helpers.logout(client)
    helpers.login(client, world.reader.email)
    outline = client.get(f"/plannen/{world.plan.id}").get_data(as_text=True)
    assert "/loket" not in outline and "/vaststelling" not in outline


@pytest.mark.parametrize("key", ["²", "0", "-1", "99999", "abc", "o2027-02-30.1", "x2027-01-01.1",
                                 "b2027-01-01.9999999999999"])
def test_odd_page_keys_show_the_first_page(world, client, key):
    assert client.get(f"/loket/{world.organisation.id}/register?na={key}").status_code == 200
    helpers.login(client, world.boss.email)
    assert client.get(f"/organisaties/{world.organisation.id}/loket?na={key}").status_code == 200


def test_volgende_walks_the_staff_list_and_the_register_by_key_showing_every_request_once_in_order(
        world, client, monkeypatch):
    monkeypatch.setattr("app.services.loket.requests.PER_PAGE", 3)
    rules = Right("uitdaagrecht", 10, "awb", "het college", True).as_rules()
    rows = []
    for i in range(11):   # 6 open (two due on one day), 5 decided (three on one day); received: two per day
        decided = i >= 6
        received = date(2027, 1, 1 + i // 2)
        rows.append({"organisation_id": world.organisation.id, "adopted_version_id": world.version.id,
                     "reference": f"LK-T-{i:02d}", "token": f"t-{i:02d}", "right": "uitdaagrecht", "rules": rules,
                     "subject": f"Onderwerp {i}", "answers": {}, "requester_name": "R", "requester_address": "",
                     "requester_email": "r@example.nl", "status": "besloten" if decided else "in_behandeling",
                     "outcome": "toegekend" if decided else None, "decided": decided, "received_on": received,
                     "due_on": date(2027, 3, 1 + i % 5), "decided_on": date(2027, 2, 1 + i % 2) if decided else None,
                     "paper_supporters": 0})
    db.session.execute(insert(LoketRequest), rows)
    db.session.commit()
    ids = {r.reference: r.id for r in db.session.execute(select(LoketRequest.reference, LoketRequest.id))}
    open_ = sorted((r for r in rows if not r["decided"]), key=lambda r: (r["due_on"], ids[r["reference"]]))
    closed = sorted((r for r in rows if r["decided"]), key=lambda r: (r["decided_on"], ids[r["reference"]]),
                    reverse=True)
    newest = sorted(rows, key=lambda r: (r["received_on"], ids[r["reference"]]), reverse=True)

    def walk(url: str, link: str) -> tuple[list[list[str]], str]:
        """Follow `link` ("Volgende", "Vorige", ...) until it is gone: the requests on each page, and the last URL."""
        pages = []
        while len(pages) < 10:
            html = client.get(url).get_data(as_text=True)
            pages.append(re.findall(r"LK-T-\d+", html))
            found = re.search(r'href="(\?(?:na|voor)=[^"]+)">' + link + "<", html)
            if not found:
                return pages, url
            url = url.split("?")[0] + found[1].replace("&amp;", "&")
        raise AssertionError("te veel pagina's")

    in_pages = [[r["reference"] for r in newest[i:i + 3]] for i in range(0, 11, 3)]
    register, last = walk(f"/loket/{world.organisation.id}/register", "Oudere")
    assert register == in_pages
    back, _first = walk(last, "Nieuwere")   # back from the last page: the same pages, the last one at the top
    assert back[::-1] == in_pages
    helpers.login(client, world.boss.email)
    staff, last = walk(f"/organisaties/{world.organisation.id}/loket", "Volgende")
    expected = [r["reference"] for r in open_ + closed]
    in_pages = [expected[i:i + 3] for i in range(0, 11, 3)]
    assert staff == in_pages                 # the open ones by due date, then the decided ones, each once
    back, _first = walk(last, "Vorige")      # across the border between decided and open requests
    assert back[::-1] == in_pages
    deep = helpers.text_of(client.get(f"/organisaties/{world.organisation.id}/loket?na=o2027-03-05.{ids['LK-T-04']}"))
    assert "Naar het begin" in deep and "Vorige" in deep
    assert "Vorige" not in helpers.text_of(client.get(f"/organisaties/{world.organisation.id}/loket"))


def test_one_address_files_at_most_ten_requests_an_hour(world, client):
    for _ in range(10):
        assert _file(client, world).status_code == 302
    assert _file(client, world, requester_email="geen-adres").status_code == 429   # the limit is reached
    assert db.session.scalar(select(func.count(LoketRequest.id))) == 10


def test_attachments_up_to_the_limit_are_accepted(world, client):
    three_mb = b"%PDF-1.4 " + b"x" * (3 * 1024 * 1024)
    response = _file(client, world, attachments=[(io.BytesIO(three_mb), "plan.pdf"), (io.BytesIO(b"\x89PNG"), "a.png")])
    assert response.status_code == 302
    filed = db.session.scalar(select(LoketRequest))
    assert [(a.filename, a.size) for a in filed.attachments] == [("plan.pdf", len(three_mb)), ("a.png", 4)]
    too_big = b"%PDF-1.4 " + b"x" * (5 * 1024 * 1024)
    response = _file(client, world, attachments=(io.BytesIO(too_big), "groot.pdf"))
    assert response.status_code == 200 and "groter dan 4 MB" in response.get_data(as_text=True)


def test_the_intake_still_checks_its_csrf_token(world, client):
    client.get(f"/loket/{world.organisation.id}/uitdaagrecht")
    response = client.post(f"/loket/{world.organisation.id}/uitdaagrecht", data=_form(csrf_token="vervalst"))
    assert response.status_code == 200 and db.session.scalar(select(LoketRequest.id)) is None


def test_the_figures_page(world, client):
    _filed(client, world)
    helpers.login(client, world.boss.email)
    page = helpers.text_of(client.get(f"/organisaties/{world.organisation.id}/loket/cijfers"))
    assert "Uitdaagrecht 1 0 0 0 —" in page
