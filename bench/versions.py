"""Benchmark: the versions page (/plannen/<id>/versies) of plans with 0, 3,000 and 30,000 recorded changes.

Builds the plans in a temporary SQLite file, opens each page N times as a logged-in user and prints the median and
p95 in milliseconds, the page size, and the ratio to a floor measured in the same run (the login page: the app's
fixed cost per request). Target (issue 9, item 12): under 50 ms at any size.
"""
from __future__ import annotations

import statistics
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import Membership, Organisation, ParticipationPlan, PlanRevision, User  # noqa: E402
import timing  # noqa: E402  (bench/timing.py, next to this script)
from timing import percentile  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
SIZES = (0, 3_000, 30_000)
PASSWORD = "bench-wachtwoord"


def timed(client, url: str) -> tuple[list[float], int]:
    return timing.timed(client, url, RUNS)


def build(sizes) -> dict[int, int]:
    """One user, one organisation, a plan per size with that many changes; returns plan id by size."""
    user = User(email="bench@voorbeeld.nl", name="Bench")
    user.set_password(PASSWORD)
    organisation = Organisation(name="Benchstad", body_type="gemeente")
    db.session.add_all([user, organisation, Membership(user=user, organisation=organisation, role="beheerder")])
    plans = {}
    for size in sizes:
        plan = ParticipationPlan(organisation=organisation, title=f"Plan met {size} wijzigingen")
        db.session.add(plan)
        db.session.flush()
        start = datetime(2026, 1, 1)
        rows = [{"plan_id": plan.id, "step_number": 1 + i % 8, "kind": "save", "user_id": user.id,
                 "created_at": start + timedelta(seconds=i), "changes": {"ambitie": [f"oud {i}", f"nieuw {i}"]}}
                for i in range(size)]
        for chunk in range(0, len(rows), 5_000):
            db.session.execute(insert(PlanRevision), rows[chunk:chunk + 5_000])
        plans[size] = plan.id
    db.session.commit()
    return plans


def main() -> None:
    with timing.bench_app() as app:
        plans = build(SIZES)
        client = app.test_client()
        timing.log_in(client, "bench@voorbeeld.nl", PASSWORD)

        floor, floor_size = timed(client, "/inloggen")
        floor_median = statistics.median(floor)
        print(f"{'pagina':<34}{'mediaan':>10}{'p95':>10}{'grootte':>12}{'x vloer':>10}")
        print(f"{'vloer: /inloggen':<34}{floor_median:>8.1f}ms{percentile(floor, 0.95):>8.1f}ms"
              f"{floor_size / 1024:>10.1f}KB{1:>10.1f}")
        for size, plan_id in plans.items():
            for label, url in ((f"{size} wijzigingen, pagina 1", f"/plannen/{plan_id}/versies"),
                               (f"{size} wijzigingen, laatste pagina",
                                f"/plannen/{plan_id}/versies?pagina={max(1, -(-size // 50))}")):
                if size == 0 and "laatste" in label:
                    continue
                times, page_size = timed(client, url)
                median = statistics.median(times)
                print(f"{label:<34}{median:>8.1f}ms{percentile(times, 0.95):>8.1f}ms"
                      f"{page_size / 1024:>10.1f}KB{median / floor_median:>10.1f}")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
