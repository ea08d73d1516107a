"""The staff list's rendering does not grow with its rows beyond the rows themselves: the words of a row ("te laat",
"binnen een week", the labels) are looked up once per page, not once per row (bench/loket.py: within 2x the floor)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import insert

from app import templating
from app.extensions import db
from app.models.loket import LoketRequest
from app.services.loket.rights import Right
from tests import helpers
from tests.loket.test_loket_pages import world  # noqa: F401 (fixture)


def add_requests(world, count: int, start: int) -> None:  # noqa: F811
    rules = Right("uitdaagrecht", 10, "awb", "het college", True).as_rules()
    db.session.execute(insert(LoketRequest), [
        {"organisation_id": world.organisation.id, "adopted_version_id": world.version.id, "reference": f"LK-K-{i:02d}",
         "token": f"k-{i:02d}", "right": "uitdaagrecht", "rules": rules, "subject": f"Onderwerp {i}", "answers": {},
         "requester_name": "R", "requester_address": "", "requester_email": "r@example.nl",
         "status": "besloten" if i % 2 else "in_behandeling", "outcome": "toegekend" if i % 2 else None,
         "decided": bool(i % 2), "received_on": date(2027, 1, 4),
         # open: overdue ("te laat") and due within a week ("binnen een week") in turn
         "due_on": date(2027, 2, 1) if i % 4 == 0 else date(2027, 3, 3),
         "decided_on": date(2027, 2, 1) if i % 2 else None,
         "paper_supporters": 0} for i in range(start, start + count)])
    db.session.commit()


def test_the_words_of_a_row_are_looked_up_once_per_page_not_per_row(world, client, monkeypatch):  # noqa: F811
    lookups = []
    real = templating.translations
    monkeypatch.setattr(templating, "translations", lambda: lookups.append(1) or real())
    helpers.login(client, world.boss.email)
    url = f"/organisaties/{world.organisation.id}/loket"

    def counted() -> tuple[int, str]:
        lookups.clear()
        page = helpers.text_of(client.get(url))
        return len(lookups), page

    add_requests(world, 4, 0)
    few, page = counted()
    assert "te laat" in page and "binnen een week" in page and "Besloten: Toegekend" in page
    add_requests(world, 36, 4)
    many, page = counted()
    assert page.count("LK-K-") == 40 and page.count("te laat") > 5 and page.count("binnen een week") > 5
    assert many == few, f"{few} vertalingen bij 4 verzoeken, {many} bij 40"
