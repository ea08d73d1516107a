"""Benchmark: the casusbibliotheek's examples on a step page (cases.examples_for) at 50 and at 5,000 published cases.

In process on a temporary SQLite file: an editor of a gemeente opens step 5 (which shows up to three published cases
of other organisations, the same body type first). Prints, at 50 and at 5,000 published cases of 40 other organisations
(gemeenten, provincies, waterschappen), the median time of the examples query alone and of the whole step page, and
their ratio 5,000 : 50 (goal: flat, about 1×). Also prints SQLite's query plan of the examples query.

    python bench/cases.py [RUNS]      (default 200 for the query, RUNS // 5 for the page)
"""
from __future__ import annotations

import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import Organisation  # noqa: E402
from app.models.case import Case  # noqa: E402
from app.models.organisation import utcnow  # noqa: E402
from app.models.project import Project  # noqa: E402
from app.services.cases import cases  # noqa: E402
from tests import helpers  # noqa: E402
import timing  # noqa: E402  (bench/timing.py, next to this script)

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
BODY_TYPES = ["gemeente"] * 30 + ["provincie"] * 5 + ["waterschap"] * 5


def add_cases(towns: list[int], first: int, count: int) -> None:
    """`count` published cases, spread over the towns, one a day back in time."""
    now = utcnow()
    projects = [{"organisation_id": towns[n % len(towns)], "name": f"Traject {n}", "domain": "openbare_ruimte",
                 "phase": "afgerond", "impact": "middel"} for n in range(first, first + count)]
    db.session.execute(insert(Project), projects)
    ids = db.session.scalars(text("SELECT id FROM project ORDER BY id DESC LIMIT :n"), {"n": count}).all()
    db.session.execute(insert(Case), [
        {"project_id": pid, "title": f"Casus {pid}", "approach": "Gedaan.", "outcomes": "Opgeleverd.", "lessons": "",
         "factors": "", "published": True, "published_at": now - timedelta(days=pid), "updated_at": now}
        for pid in ids])
    db.session.commit()


def measure(client, own: Organisation, url: str) -> tuple[float, float]:
    """Median ms of the examples query alone and of the whole step page."""
    cases.examples_for(own)
    query = []
    for _ in range(RUNS):
        start = time.perf_counter()
        found = cases.examples_for(own)
        db.session.expire_all()
        query.append((time.perf_counter() - start) * 1000)
    assert len(found) == 3 and found[0].body_type == "gemeente", found
    page, _size = timing.timed(client, url, max(5, RUNS // 5))
    return statistics.median(query), statistics.median(page)


def main() -> None:
    with timing.bench_app() as app:
        app.test_client_class = helpers.IsolatedClient
        user = helpers.make_user("redacteur@eigenstad.nl", "Rita Redacteur")
        own = helpers.make_organisation("Eigenstad", user, role="redacteur")
        plan = helpers.make_plan(own)
        towns = []
        for i, body_type in enumerate(BODY_TYPES):
            town = Organisation(name=f"Elders {i + 1:02d}", body_type=body_type)
            db.session.add(town)
            db.session.flush()
            towns.append(town.id)
        db.session.commit()
        client = app.test_client()
        timing.log_in(client, "redacteur@eigenstad.nl", helpers.PASSWORD)
        url = f"/plannen/{plan.id}/stap/5"
        results = {}
        add_cases(towns, 0, 50)
        results[50] = measure(client, own, url)
        add_cases(towns, 50, 4950)
        results[5000] = measure(client, own, url)
        print(f"Voorbeelden uit de casusbibliotheek op stap 5, in process (SQLite), mediaan")
        print(f"{'gepubliceerde casussen':<26}{'query':>10}{'stap 5':>10}")
        for count, (query, page) in results.items():
            print(f"{count:<26}{query:>8.2f}ms{page:>8.2f}ms")
        q, p = (results[5000][i] / results[50][i] for i in (0, 1))
        print(f"{'verhouding 5.000 : 50':<26}{q:>9.2f}×{p:>9.2f}×  (doel: vlak, ≈ 1×)")
        if db.engine.dialect.name == "sqlite":
            statement = cases._examples_statement().params(own=own.id, body_type="gemeente")
            compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
            plan_rows = db.session.execute(text("EXPLAIN QUERY PLAN " + str(compiled))).all()
            print("queryplan:\n  " + "\n  ".join(row[-1] for row in plan_rows))
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
