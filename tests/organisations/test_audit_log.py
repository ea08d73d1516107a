"""The beheerder's log page, and the downloads and exports that end up in it."""
from __future__ import annotations

import re
from datetime import datetime

from app.extensions import db
from app.models import AuditEvent
from app.services.core import audit
from app.services.core.audit import AuditAction
from tests import helpers
from tests.helpers import text_of


def _log_url(editor, **args) -> str:
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/organisaties/{editor.organisation.id}/logboek" + (f"?{query}" if query else "")


def _rows(response) -> str:
    """The visible text of the log's table only (the filter above it names every kind of event too)."""
    page = text_of(response)
    assert "Gebeurtenissen Tijd Wie Wat Waarop IP-adres" in page, page[-300:]
    return page.split("Gebeurtenissen Tijd Wie Wat Waarop IP-adres", 1)[1]


def _add(editor, action, when: datetime | None = None, **kwargs) -> AuditEvent:
    event = audit.record(action, actor=editor.user, organisation_id=editor.organisation.id, **kwargs)
    if when is not None:
        event.created_at = when
    db.session.commit()
    return event


def test_team_page_links_to_the_log_for_the_beheerder_only(editor, browser):
    assert "Logboek" in text_of(editor.client.get(f"/organisaties/{editor.organisation.id}/team"))
    helpers.add_member(editor.organisation, helpers.make_user("red@voorbeeld.nl"), "redacteur")
    other = browser()
    helpers.login(other, "red@voorbeeld.nl")
    assert "Logboek" not in text_of(other.get(f"/organisaties/{editor.organisation.id}/team"))
    assert other.get(_log_url(editor)).status_code == 403


def test_log_lists_events_newest_first_in_plain_dutch_and_amsterdam_time(editor):
    audit.client_ip.set("198.51.100.4")
    _add(editor, AuditAction.LOGIN, datetime(2026, 1, 1), target="")
    _add(editor, AuditAction.ROLE_CHANGED, datetime(2026, 7, 1, 10, 0), target="membership:9",
         old_role="meelezer", new_role="jurist")
    _add(editor, AuditAction.PLAN_RENAMED, datetime(2026, 11, 24, 13, 5), target=f"plan:{editor.plan.id}",
         old="Oud", new="Nieuw")
    db.session.add(AuditEvent(action="login", actor_label="ander@elders.nl", organisation_id=None))
    db.session.commit()
    page = _rows(editor.client.get(_log_url(editor)))
    renamed, role = page.index("Naam van een plan gewijzigd"), page.index("Rol gewijzigd")
    assert renamed < role < page.index("Ingelogd")
    assert "24 november 2026, 14:05 uur" in page          # 13:05 UTC is 14:05 in Amsterdam in winter
    assert "1 juli 2026, 12:00 uur" in page               # and 12:00 in summer
    assert f"plan {editor.plan.id}" in page and "was: Oud; nu: Nieuw" in page
    assert "oude rol: meelezer; nieuwe rol: jurist" in page
    assert "beheerder@voorbeeld.nl" in page and "198.51.100.4" in page
    assert "ander@elders.nl" not in page                  # another organisation's (or no organisation's) events


def test_filter_on_kind_and_period(editor):
    _add(editor, AuditAction.LOGIN, datetime(2026, 3, 1, 12))
    _add(editor, AuditAction.PLAN_EXPORT, datetime(2026, 3, 2, 12), target="plan:1")
    _add(editor, AuditAction.PLAN_EXPORT, datetime(2026, 3, 5, 22, 30), target="plan:2")  # 5 March 23:30 local
    _add(editor, AuditAction.PLAN_EXPORT, datetime(2026, 3, 5, 23, 30), target="plan:3")  # 6 March 00:30 local
    page = _rows(editor.client.get(_log_url(editor, soort="plan.export")))
    assert page.count("Plan gedownload (JSON)") == 3 and "Ingelogd" not in page
    page = _rows(editor.client.get(_log_url(editor, soort="plan.export", van="2026-03-03", tot="2026-03-05")))
    assert "plan 2" in page and "plan 1" not in page and "plan 3" not in page
    page = text_of(editor.client.get(_log_url(editor, van="2026-04-01")))
    assert "Er zijn geen gebeurtenissen die bij dit filter passen." in page


def test_bad_filter_input_is_answered_next_to_the_field(editor):
    response = editor.client.get(_log_url(editor, van="gisteren", soort="geen.soort"))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="van-error"' in html and "Ongeldige datum." in html and 'id="soort-error"' in html
    assert 'value="gisteren"' in html                     # what was typed stays
    response = editor.client.get(_log_url(editor, van="2026-03-05", tot="2026-03-01"))
    assert response.status_code == 400
    assert "Deze datum ligt vóór de datum bij ‘Vanaf’." in text_of(response)
    for cursor in ("²", "-1", "9" * 30):                  # a tampered paging link shows the first page
        assert editor.client.get(_log_url(editor, voor=cursor)).status_code == 200


def test_older_events_are_paged(editor, app):
    app.config["AUDIT_PAGE_SIZE"] = 5
    for n in range(12):
        _add(editor, AuditAction.PLAN_EXPORT, target=f"plan:{100 + n}")
    seen: list[str] = []
    url = _log_url(editor, soort="plan.export")
    pages = 0
    while url:
        response = editor.client.get(url)
        html = response.get_data(as_text=True)
        seen += re.findall(r"plan \d+", _rows(response))
        pages += 1
        marker = html.split('rel="next">Oudere gebeurtenissen', 1)[0]
        url = marker.rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&") \
            if "Oudere gebeurtenissen" in html else None
        if url:
            assert "soort=plan.export" in url              # the filter stays on the next page
    assert pages == 3
    assert seen == [f"plan {n}" for n in range(111, 99, -1)]  # all twelve, newest first, none twice


def test_downloads_exports_and_new_plans_are_recorded(editor):
    client, plan = editor.client, editor.plan
    assert client.get(f"/plannen/{plan.id}/verordening.docx").status_code == 200
    assert client.get(f"/plannen/{plan.id}/export.json").status_code == 200
    assert client.get("/account/mijn-gegevens.json").status_code == 200
    response = helpers.post_form(client, "/plannen/nieuw", {"workspace": str(editor.organisation.id),
                                                            "title": "Tweede plan"})
    assert response.status_code == 302
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action.not_like("login%")).order_by(AuditEvent.id)).all()
    assert [(e.action, e.actor_id) for e in events] == [
        ("ordinance.download", editor.user.id), ("plan.export", editor.user.id),
        ("personal_data.export", editor.user.id), ("plan.created", editor.user.id)]
    assert events[0].target == events[1].target == f"plan:{plan.id}"
    assert events[0].detail["file"].endswith(".docx") and events[3].detail["title"] == "Tweede plan"
    page = _rows(client.get(_log_url(editor)))
    for text in ("Verordening gedownload (Word)", "Plan gedownload (JSON)", "Plan aangemaakt"):
        assert text in page
    assert "Eigen gegevens gedownload" not in page        # about the person, not the organisation
