"""Benchmark: a survey's results at 10,000 responses, and the answering POST under many clients, each beside the
app's floor (the login page /inloggen) measured in the same run.

1. In process (SQLite file): a project whose participant survey holds 10,000 stored responses; the team's results
   page and the CSV are opened N times as the beheerder. Prints median/p95 in ms and the ratio to the floor.
   Target (issue 19): under 50 ms.
2. Live (gunicorn, 2 sync workers, as tests/live.py starts it): C clients each GET the survey and POST an answer,
   as fast as they can; in the same run the same clients GET /inloggen. Prints p50/p99 of the POST and of the floor.
   The per-address limits are raised for the bench (all clients share 127.0.0.1).

    .venv/bin/python bench/surveys.py [runs] [clients] [posts]
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import Membership, Organisation, Project, Survey, SurveyResponse, User  # noqa: E402
from app.services.surveys import surveys  # noqa: E402
import timing  # noqa: E402  (bench/timing.py, next to this script)
from timing import percentile  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
POSTS = int(sys.argv[3]) if len(sys.argv) > 3 else 500
RESPONSES = 10_000
PASSWORD = "bench-wachtwoord"
TEXTS = ("De avond was te kort.", "Meer informatie vooraf graag.", "")
ANSWERS = {"q_invloed_duidelijk": "4", "q_informatie_op_tijd": "3", "q_terugkoppeling": "2", "q_weer_meedoen": "5",
           "q_wat_kan_beter": "De informatieavond was te kort; graag meer tijd voor vragen."}
RAISED = {"SURVEY_RATE_LIMIT": "1000000 per hour", "SURVEY_ADDRESS_LIMIT": "1000000"}   # before and after 0016


def seed(responses: int = 0) -> int:
    """A beheerder, an organisation, a project with an open survey and `responses` stored answers; the project's id."""
    user = User(email="bea@benchstad.nl", name="Bea Beheerder")
    user.set_password(PASSWORD)
    organisation = Organisation(name="Benchstad", body_type="gemeente")
    project = Project(organisation=organisation, name="Herinrichting Benchplein", domain="openbare_ruimte",
                      phase="uitvoering", impact="groot")
    db.session.add_all([user, organisation, project,
                        Membership(user=user, organisation=organisation, role="beheerder")])
    db.session.flush()
    survey = surveys.open_survey(project, by=user)
    if responses:
        db.session.execute(insert(SurveyResponse), [
            {"survey_id": survey.id, "answered_on": date(2026, 12, 1),
             "answers": {"invloed_duidelijk": str(1 + i % 5), "informatie_op_tijd": str(1 + i % 4),
                         "terugkoppeling": str(1 + i % 3), "weer_meedoen": str(1 + i % 2),
                         **({"wat_kan_beter": TEXTS[i % 3]} if TEXTS[i % 3] else {})}}
            for i in range(responses)])
    db.session.commit()
    return project.id


def timed_cpu(client, url: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per GET (after a warm-up): on a shared, busy machine the CPU time is the steadier
    figure, the wall time what a user waits."""
    assert client.get(url).status_code == 200, url
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.thread_time()
        client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    return wall, cpu


def results_page() -> None:
    with timing.bench_app() as app:
        project_id = seed(RESPONSES)
        client = app.test_client()
        timing.log_in(client, "bea@benchstad.nl", PASSWORD)
        floor, floor_cpu = timed_cpu(client, "/inloggen", RUNS)
        floor_median = statistics.median(floor)
        print(f"1. resultaten bij {RESPONSES} reacties, {RUNS} keer per pagina, in process (SQLite)")
        print(f"   {'pagina':<28}{'mediaan':>10}{'p95':>10}{'CPU':>10}{'x vloer':>10}")
        print(f"   {'vloer: /inloggen':<28}{floor_median:>8.1f}ms{percentile(floor, 0.95):>8.1f}ms"
              f"{statistics.median(floor_cpu):>8.1f}ms{1:>10.1f}")
        worst = 0.0
        for label, url in (("resultatenpagina", f"/trajecten/{project_id}/vragenlijst"),
                           ("CSV", f"/trajecten/{project_id}/vragenlijst/resultaten.csv")):
            times, cpu = timed_cpu(client, url, RUNS)
            median = statistics.median(times)
            worst = max(worst, median)
            print(f"   {label:<28}{median:>8.1f}ms{percentile(times, 0.95):>8.1f}ms{statistics.median(cpu):>8.1f}ms"
                  f"{median / floor_median:>10.1f}")
        print(f"   doel mediaan < 50 ms: {'gehaald' if worst < 50 else 'NIET GEHAALD'} (traagste {worst:.1f} ms)")
        db.session.remove()
        db.engine.dispose()


def answering() -> None:
    from tests import live
    live.WORKERS = 2
    with tempfile.TemporaryDirectory() as tmp:
        servers = live.run_live_server(Path(tmp))
        start = next(servers)
        try:
            server = start(seed, extra_env=RAISED)
            with server.app.app_context():
                url = f"/enquete/{db.session.scalar(select(Survey.token))}"

            def post(_i: int) -> tuple[float, str | None]:
                visitor = server.browser()
                page = visitor.get(url)
                began = time.perf_counter()
                reply = visitor.post(url, {**ANSWERS, "csrf_token": visitor.csrf_token(page)})
                ms = (time.perf_counter() - began) * 1000
                ok = reply.status == 200 and "Bedankt voor uw antwoorden" in reply.body
                return ms, None if ok else f"POST {reply.status}"

            def floor(_i: int) -> tuple[float, str | None]:
                began = time.perf_counter()
                reply = server.browser().get("/inloggen")
                return (time.perf_counter() - began) * 1000, None if reply.status == 200 else f"GET {reply.status}"

            post(0)
            with ThreadPoolExecutor(CLIENTS) as pool:   # the floor and the answers in one burst, interleaved
                results = list(pool.map(lambda i: (post if i % 2 else floor)(i), range(2 * POSTS)))
            posts = [ms for i, (ms, _e) in enumerate(results) if i % 2]
            floors = [ms for i, (ms, _e) in enumerate(results) if not i % 2]
            errors = [e for _ms, e in results if e]
            with server.app.app_context():
                stored = db.session.scalar(select(func.count()).select_from(SurveyResponse))
            print(f"2. {POSTS} antwoorden en {POSTS} keer /inloggen, {CLIENTS} clients, gunicorn 2 sync workers, "
                  f"{server.database_url.split(':')[0]}")
            print(f"   vloer GET /inloggen: p50 {statistics.median(floors):.0f} ms, "
                  f"p99 {percentile(floors, 0.99):.0f} ms")
            print(f"   POST antwoord:       p50 {statistics.median(posts):.0f} ms, "
                  f"p99 {percentile(posts, 0.99):.0f} ms "
                  f"({percentile(posts, 0.99) / percentile(floors, 0.99):.1f} x vloer)")
            print(f"   fouten: {len(errors)} {sorted(set(errors))[:5]}; opgeslagen: {stored} (1 opwarmer + {POSTS})")
        finally:
            servers.close()


if __name__ == "__main__":
    results_page()
    answering()
