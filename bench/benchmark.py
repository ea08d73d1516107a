"""Benchmark: the benchmark across organisations (issue 12) with 300 municipalities, all opted in and in one group.

Builds 300 municipalities of 20.000–50.000 inhabitants in a temporary SQLite file, each with zelfscans for 2025 and
2026 (every statement scored), all opted in: the worst case, one group of 299 others. Measures, in process, N times:
`benchmark.compare()` itself, the benchmark page and the yearly report (DOCX) as the beheerder of one of them.
Prints the median and p95 in milliseconds, the queries per request, and the ratio to a floor measured in the same
run (the login page: the app's fixed cost per request). Target (issue 12): computed in under 1 s.
"""
from __future__ import annotations

import statistics
from datetime import datetime
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, insert  # noqa: E402

from app import content  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import BenchmarkParticipation, Membership, Organisation, SelfScan, SelfScanAnswer, User  # noqa: E402
from app.services.zelfscan import benchmark  # noqa: E402
import timing  # noqa: E402  (bench/timing.py, next to this script)
from timing import percentile  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
ORGANISATIONS = 300
YEARS = (2025, 2026)
PASSWORD = "bench-wachtwoord"


def build() -> int:
    """300 municipalities with two scans each, all opted in; returns the id of the first."""
    keys = content.zelfscan().statement_keys
    # verified, each with its own CBS code: only those count in the benchmark (issue 19)
    organisations = [Organisation(name=f"Benchstad {i + 1:03d}", body_type="gemeente", inhabitants=20_000 + i * 90,
                                  verified_at=datetime(2026, 1, 1), official_code=f"GM{9000 - i:04d}")
                     for i in range(ORGANISATIONS)]
    db.session.add_all(organisations)
    db.session.flush()
    scans = [SelfScan(organisation_id=m.id, year=y) for m in organisations for y in YEARS]
    db.session.add_all(scans)
    db.session.flush()
    db.session.execute(insert(SelfScanAnswer), [
        {"scan_id": s.id, "statement_key": k, "score": 1 + (s.id * 7 + n) % 5, "note": ""}
        for s in scans for n, k in enumerate(keys)])
    db.session.execute(insert(BenchmarkParticipation), [{"organisation_id": m.id} for m in organisations])
    user = User(email="bea@benchstad.nl", name="Bea Bench")
    user.set_password(PASSWORD)
    db.session.add_all([user, Membership(user=user, organisation=organisations[0], role="beheerder")])
    db.session.commit()
    return organisations[0].id


def main() -> None:
    with timing.bench_app() as app:
        organisation_id = build()
        rows = db.session.query(SelfScanAnswer).count()
        client = app.test_client()
        timing.log_in(client, "bea@benchstad.nl", PASSWORD)
        queries = []
        event.listen(db.engine, "before_cursor_execute", lambda *args: queries.append(1))

        floor, floor_size = timing.timed(client, "/inloggen", RUNS)
        floor_median = statistics.median(floor)
        print(f"{ORGANISATIONS} gemeenten in één groep, {len(YEARS)} zelfscans elk ({rows} scores), "
              f"{RUNS} keer, in process (SQLite)")
        print(f"{'meting':<38}{'mediaan':>10}{'p95':>10}{'grootte':>12}{'queries':>9}{'x vloer':>10}")
        print(f"{'vloer: /inloggen':<38}{floor_median:>8.1f}ms{percentile(floor, 0.95):>8.1f}ms"
              f"{floor_size / 1024:>10.1f}KB{'':>9}{1:>10.1f}")

        organisation = db.session.get(Organisation, organisation_id)
        compare_times = []
        for _ in range(RUNS + 1):
            db.session.expire_all()
            queries.clear()
            start = time.perf_counter()
            comparison = benchmark.compare(organisation, 2026, content.zelfscan())
            compare_times.append((time.perf_counter() - start) * 1000)
            per_compare = len(queries)
        compare_times = compare_times[1:]  # the first run warms the caches
        assert comparison.enough
        median = statistics.median(compare_times)
        worst = max(compare_times)
        print(f"{'benchmark.compare() (299 anderen)':<38}{median:>8.1f}ms{percentile(compare_times, 0.95):>8.1f}ms"
              f"{'':>12}{per_compare:>9}{median / floor_median:>10.1f}")
        for label, url in (("benchmarkpagina", f"/organisaties/{organisation_id}/benchmark"),
                           ("benchmarkrapport (DOCX)", f"/organisaties/{organisation_id}/benchmark/2026/rapport.docx")):
            queries.clear()
            assert client.get(url).status_code == 200
            per_request = len(queries)
            times, size = timing.timed(client, url, RUNS)
            worst = max(worst, max(times))
            print(f"{label:<38}{statistics.median(times):>8.1f}ms{percentile(times, 0.95):>8.1f}ms"
                  f"{size / 1024:>10.1f}KB{per_request:>9}{statistics.median(times) / floor_median:>10.1f}")
        print(f"doel < 1 s: {'gehaald' if worst < 1000 else 'NIET GEHAALD'} (traagste meting {worst:.1f} ms)")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
