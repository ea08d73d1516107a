"""Benchmark: the list of an organisation's projects (/organisaties/<id>/trajecten) with 500 projects.

Builds an organisation in a temporary SQLite file with 500 projects, each with a participatieplan (every other one
published) and a verslag for every third. Opens the list N times as the beheerder, in process, and prints the median
and p95 in milliseconds, the number of queries per request, and the ratio to a floor measured in the same run (the
login page: the app's fixed cost per request). Target (issue 11): under 100 ms, with a fixed number of queries.
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, insert  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import Membership, Organisation, ParticipationPlan, User  # noqa: E402
from app.models.project import Project, ProjectDocument  # noqa: E402
import timing  # noqa: E402  (bench/timing.py, next to this script)
from timing import percentile  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
PROJECTS = 500
PASSWORD = "bench-wachtwoord"
DOMAINS = ("ruimte_wonen", "sociaal_domein", "openbare_ruimte", "economie")
PHASES = ("idee", "voorbereiding", "uitvoering", "evaluatie", "afgerond")


def build() -> int:
    """The beheerder, the organisation and its 500 projects; returns the organisation's id."""
    user = User(email="bea@benchstad.nl", name="Bea Beheerder")
    user.set_password(PASSWORD)
    organisation = Organisation(name="Benchstad", body_type="gemeente")
    plan = ParticipationPlan(organisation=organisation, title="Participatieverordening")
    db.session.add_all([user, organisation, plan, Membership(user=user, organisation=organisation, role="beheerder")])
    db.session.flush()
    db.session.execute(insert(Project), [
        {"organisation_id": organisation.id, "name": f"Traject {i + 1:03d}", "domain": DOMAINS[i % 4],
         "phase": PHASES[i % 5], "impact": "middel", "plan_id": plan.id, "owner_id": user.id if i % 2 else None,
         "version": 1}
        for i in range(PROJECTS)])
    ids = [p.id for p in db.session.scalars(db.select(Project))]
    documents = [{"project_id": pid, "kind": "participatieplan", "answers": {"doel": "Meedenken over het plan."},
                  "version": 1, "published": i % 2 == 0} for i, pid in enumerate(ids)]
    documents += [{"project_id": pid, "kind": "participatieverslag", "answers": {"verloop": "Twee avonden."},
                   "version": 1, "published": False} for i, pid in enumerate(ids) if i % 3 == 0]
    db.session.execute(insert(ProjectDocument), documents)
    db.session.commit()
    return organisation.id


def main() -> None:
    with timing.bench_app() as app:
        organisation_id = build()
        client = app.test_client()
        timing.log_in(client, "bea@benchstad.nl", PASSWORD)
        queries = []
        event.listen(db.engine, "before_cursor_execute", lambda *args: queries.append(1))
        floor, floor_size = timing.timed(client, "/inloggen", RUNS)
        floor_median = statistics.median(floor)
        print(f"{PROJECTS} trajecten, {RUNS} keer per pagina, in process (SQLite)")
        print(f"{'pagina':<34}{'mediaan':>10}{'p95':>10}{'grootte':>12}{'queries':>9}{'x vloer':>10}")
        print(f"{'vloer: /inloggen':<34}{floor_median:>8.1f}ms{percentile(floor, 0.95):>8.1f}ms"
              f"{floor_size / 1024:>10.1f}KB{'':>9}{1:>10.1f}")
        worst = 0.0
        for label, url in (("lijst van trajecten", f"/organisaties/{organisation_id}/trajecten"),
                           ("openbare lijst", f"/openbaar/{organisation_id}/trajecten")):
            queries.clear()
            assert "Traject 499" in client.get(url).get_data(as_text=True)
            per_request = len(queries)
            times, page_size = timing.timed(client, url, RUNS)
            median = statistics.median(times)
            worst = max(worst, median)
            print(f"{label:<34}{median:>8.1f}ms{percentile(times, 0.95):>8.1f}ms"
                  f"{page_size / 1024:>10.1f}KB{per_request:>9}{median / floor_median:>10.1f}")
        print(f"doel mediaan < 100 ms: {'gehaald' if worst < 100 else 'NIET GEHAALD'} (traagste {worst:.1f} ms)")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
