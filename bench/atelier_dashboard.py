"""Benchmark: the facilitator's dashboard (/ateliers/<id>/dashboard) of an atelier with 50 organisations × 8 steps.

Builds the atelier in a temporary SQLite file: every organisation has three team members, answers to all eight steps
(the demo plan's, some steps left out so the statuses differ), 24 recent changes, and a table of five in each round.
Opens the dashboard of every round N times as the facilitator, in process, and prints the median and p95 in
milliseconds, the number of queries per request, and the ratio to a floor measured in the same run (the login page:
the app's fixed cost per request). Target (issue 10): under 100 ms.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date, timedelta
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, insert  # noqa: E402

from app import content  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import (AtelierGroup, AtelierParticipant, AtelierSeat, Membership, Organisation,  # noqa: E402
                        ParticipationPlan, PlanRevision, StepAnswer, User)
from app.models.organisation import utcnow  # noqa: E402
from app.services.atelier import ateliers  # noqa: E402
import timing  # noqa: E402  (bench/timing.py, next to this script)
from timing import percentile  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
ORGANISATIONS = 50
PASSWORD = "bench-wachtwoord"
DEMO = json.loads((ROOT / "app" / "demo" / "voorbeeldstad.json").read_text(encoding="utf-8"))["steps"]


def timed(client, url: str) -> tuple[list[float], int]:
    return timing.timed(client, url, RUNS)


def build(organisations: int = ORGANISATIONS, email: str = "fien@atelier.nl") -> int:
    """The facilitator, the atelier and its organisations (50); returns the atelier's id. Round 1 has started, so its
    steps are shared with the group and the round report holds answers."""
    facilitator = User(email=email, name="Fien Facilitator")
    facilitator.set_password(PASSWORD)
    db.session.add(facilitator)
    db.session.flush()
    atelier = ateliers.create_atelier("Leeratelier Bench", facilitator)
    atelier.round(1).date, atelier.round(1).start_time = date(2026, 1, 5), dtime(9, 0)
    now = utcnow()
    groups = {n: [AtelierGroup(atelier=atelier, round_number=n, name=f"Tafel {t + 1}") for t in range(10)]
              for n in (1, 2, 3, 4)}
    db.session.add_all(g for gs in groups.values() for g in gs)
    db.session.flush()
    # The demo plan leaves a step out; its text questions get a sentence so every step has answers.
    filler = {s.number: {q.key: "Een antwoord van de bench." for q in s.questions if q.type in ("text", "long_text")}
              for s in content.handreiking().steps}
    answers, revisions, seats = [], [], []
    tag = email.split("@")[0]
    for i in range(organisations):
        organisation = Organisation(name=f"Benchdorp {i + 1:02d}", body_type="gemeente")
        team = [User(email=f"lid{k}.{tag}@benchdorp{i}.nl", name=f"Lid {k} van Benchdorp {i + 1:02d}",
                     password_hash="!") for k in range(3)]
        plan = ParticipationPlan(organisation=organisation, title="Participatieverordening")
        db.session.add_all([organisation, plan, *team, *(Membership(user=u, organisation=organisation, role="redacteur")
                                                for u in team)])
        db.session.flush()
        participant = AtelierParticipant(atelier_id=atelier.id, organisation_id=organisation.id, plan_id=plan.id)
        db.session.add(participant)
        db.session.flush()
        for number in range(1, 9):
            if (i + number) % 5 == 0:
                continue  # a step not started
            stored = dict(DEMO.get(str(number)) or filler[number])
            if (i + number) % 3 == 0:
                stored = dict(list(stored.items())[:1])  # a step begun, required questions open
            answers.append({"plan_id": plan.id, "step_number": number, "answers": stored, "version": 1,
                            "updated_by_id": team[0].id})
        revisions += [{"plan_id": plan.id, "step_number": 1 + r % 8, "kind": "save", "user_id": team[r % 3].id,
                       "created_at": now - timedelta(days=r), "changes": {}} for r in range(24)]
        seats += [{"group_id": groups[n][i % 10].id, "participant_id": participant.id, "round_number": n}
                  for n in (1, 2, 3, 4)]
    db.session.execute(insert(StepAnswer), answers)
    db.session.execute(insert(PlanRevision), revisions)
    db.session.execute(insert(AtelierSeat), seats)
    db.session.commit()
    return atelier.id


def main() -> None:
    with timing.bench_app() as app:
        atelier_id = build()
        client = app.test_client()
        timing.log_in(client, "fien@atelier.nl", PASSWORD)
        queries = []
        event.listen(db.engine, "before_cursor_execute", lambda *args: queries.append(1))

        floor, floor_size = timed(client, "/inloggen")
        floor_median = statistics.median(floor)
        print(f"{ORGANISATIONS} organisaties × 8 stappen, {RUNS} keer per pagina, in process (SQLite)")
        print(f"{'pagina':<34}{'mediaan':>10}{'p95':>10}{'grootte':>12}{'queries':>9}{'x vloer':>10}")
        print(f"{'vloer: /inloggen':<34}{floor_median:>8.1f}ms{percentile(floor, 0.95):>8.1f}ms"
              f"{floor_size / 1024:>10.1f}KB{'':>9}{1:>10.1f}")
        worst = 0.0
        for number in (1, 2, 3, 4):
            url = f"/ateliers/{atelier_id}/dashboard?ronde={number}"
            queries.clear()
            assert "Benchdorp 50" in client.get(url).get_data(as_text=True)
            per_request = len(queries)
            times, page_size = timed(client, url)
            median = statistics.median(times)
            worst = max(worst, median)
            print(f"{f'dashboard ronde {number}':<34}{median:>8.1f}ms{percentile(times, 0.95):>8.1f}ms"
                  f"{page_size / 1024:>10.1f}KB{per_request:>9}{median / floor_median:>10.1f}")
        print(f"doel mediaan < 100 ms: {'gehaald' if worst < 100 else 'NIET GEHAALD'} (traagste {worst:.1f} ms)")
        report_queries(client, queries, atelier_id)
        db.session.remove()
        db.engine.dispose()


def report_queries(client, queries: list, atelier_id: int) -> None:
    """The round report (page) of ateliers with 5, 50 and 200 organisations: its number of queries must not grow."""
    sizes = {5: None, ORGANISATIONS: atelier_id, 200: None}
    print(f"\nRondeverslag ronde 1 (pagina), queries per verzoek; doel: even veel bij elk aantal organisaties")
    counts = {}
    for size in sizes:
        if sizes[size] is None:
            sizes[size] = build(size, f"fien{size}@atelier.nl")
            timing.log_in(client, f"fien{size}@atelier.nl", PASSWORD)
        else:
            timing.log_in(client, "fien@atelier.nl", PASSWORD)
        url = f"/ateliers/{sizes[size]}/verslag?ronde=1"
        client.get(url)
        times = []
        for _ in range(max(3, RUNS // 5)):
            db.session.remove()  # as at the start of a request in production: nothing loaded yet
            queries.clear()
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200 and f"Benchdorp {size:02d}" in response.get_data(as_text=True)
        counts[size] = len(queries)
        print(f"{f'{size} organisaties':<34}{statistics.median(times):>8.1f}ms{counts[size]:>9} queries")
    print(f"constant: {'ja' if len(set(counts.values())) == 1 else 'NEE'}")


if __name__ == "__main__":
    main()
