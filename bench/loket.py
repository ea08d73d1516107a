"""Benchmark: the loket's staff list (/organisaties/<id>/loket) and its public register (/loket/<id>/register) with
10,000 requests, against the floor (/inloggen) in the same run, with the team page as a logged-in page for comparison.

Builds one organisation with an adopted version and 10,000 requests (all rights, open and decided, some overdue)
in a temporary SQLite file. Prints median and p95 in milliseconds, queries per request and the ratio to the floor.
Goal (issue 20): each page within 2x the floor, with a number of queries that does not grow with the requests.
The deep pages are reached as a user reaches them, by following "Volgende"/"Oudere" (keyset paging).
"""
from __future__ import annotations

import re
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, insert  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models.loket import LoketRequest  # noqa: E402
from app.models.organisation import utcnow  # noqa: E402
from app.services.plans import plans  # noqa: E402
from app.services.loket import requests as loket  # noqa: E402
from app.services.loket.rights import Right  # noqa: E402
import timing  # noqa: E402  (bench/timing.py, next to this script)
from timing import percentile  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
REQUESTS = 10_000
PASSWORD = "bench-wachtwoord"
RIGHTS = ("uitdaagrecht", "participatieverzoek", "burgerinitiatief", "buurtplanrecht", "biedrecht")


def build() -> int:
    from app.models import User
    boss = User(email="bea@benchstad.nl", name="Bea Beheerder")
    boss.set_password(PASSWORD)
    db.session.add(boss)
    db.session.flush()
    organisation = plans.create_organisation("Benchstad", "gemeente", 50_000, boss)
    plan = plans.create_plan(organisation, "Participatieverordening", boss)
    db.session.flush()
    snapshot = plans.take_snapshot(plan, "Vastgesteld", boss)
    db.session.flush()
    version = loket.adopt(plan, snapshot, date(2025, 12, 1), date(2026, 1, 1), by=boss)
    db.session.flush()
    start, now = date(2024, 1, 1), utcnow()
    rows = []
    for i in range(REQUESTS):
        received = start + timedelta(days=i % 1000)
        decided = i % 3 != 0
        rows.append({"organisation_id": organisation.id, "adopted_version_id": version.id, "reference": f"LK-B-{i:06d}",
                     "token": f"bench-{i:06d}", "right": RIGHTS[i % 5],
                     "rules": Right(RIGHTS[i % 5], 8, "awb", "het college", i % 2 == 0).as_rules(),
                     "subject": f"Onderwerp van verzoek {i}", "answers": {"x": "tekst"},
                     "requester_name": f"Indiener {i}", "requester_address": "Straat 1",
                     "requester_email": f"i{i}@example.nl", "status": "besloten" if decided else "in_behandeling",
                     "outcome": ("toegekend", "afgewezen", "deels")[i % 3] if decided else None, "decided": decided,
                     "received_on": received, "due_on": received + timedelta(weeks=8),
                     "decided_on": received + timedelta(weeks=6) if decided else None,
                     "paper_supporters": 0, "created_at": now})
    db.session.execute(insert(LoketRequest), rows)
    db.session.commit()
    return organisation.id


def deep(client, url: str, link: str, pages: int) -> str:
    """The address of page `pages` + 1, reached as a user does: following "Volgende" (or "Oudere") from page 1."""
    for _ in range(pages):
        found = re.search(r'href="(\?na=[^"]+)">' + link, client.get(url).get_data(as_text=True))
        url = url.split("?")[0] + found[1]
    return url


def main() -> None:
    with timing.bench_app() as app:
        organisation_id = build()
        client = app.test_client()
        timing.log_in(client, "bea@benchstad.nl", PASSWORD)
        queries = []
        event.listen(db.engine, "before_cursor_execute", lambda *args: queries.append(1))
        floor, floor_size = timing.timed(client, "/inloggen", RUNS)
        floor_median = statistics.median(floor)
        print(f"{REQUESTS} verzoeken, {RUNS} keer per pagina, in process (SQLite)")
        print(f"{'pagina':<30}{'mediaan':>10}{'p95':>10}{'grootte':>12}{'queries':>9}{'x vloer':>10}")
        print(f"{'vloer: /inloggen':<30}{floor_median:>8.1f}ms{percentile(floor, 0.95):>8.1f}ms"
              f"{floor_size / 1024:>10.1f}KB{'':>9}{1:>10.1f}")
        worst = 0.0
        staff, register = f"/organisaties/{organisation_id}/loket", f"/loket/{organisation_id}/register"
        for name, url in (("ter vergelijking: teampagina", f"/organisaties/{organisation_id}/team"),
                          ("medewerkers: lijst", staff),
                          ("medewerkers: lijst, pagina 100", deep(client, staff, "Volgende", 99)),
                          ("openbaar register", register),
                          ("register, pagina 150", deep(client, register, "Oudere", 149))):
            queries.clear()
            assert "LK-B-" in client.get(url).get_data(as_text=True) or url.endswith("/team")
            per_request = len(queries)
            times, size = timing.timed(client, url, RUNS)
            median = statistics.median(times)
            if not url.endswith("/team"):
                worst = max(worst, median / floor_median)
            print(f"{name:<30}{median:>8.1f}ms{percentile(times, 0.95):>8.1f}ms{size / 1024:>10.1f}KB"
                  f"{per_request:>9}{median / floor_median:>10.1f}")
        print(f"doel: hooguit 2x de vloer: {'gehaald' if worst <= 2 else 'NIET GEHAALD'} (slechtste {worst:.1f}x)")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
