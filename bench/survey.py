"""Benchmark: 1,000 answers to one participant survey in a burst, against gunicorn with 2 sync workers.

Starts the app the way the live tests do (tests/live.py: a temporary SQLite file, or TEST_DATABASE_URL), seeds one
organisation with a project and an open survey, and lets N threads (default 4) send the responses as fast as they can.
Every response is a fresh visitor: its own cookies, a GET of /enquete/<token> for the CSRF token, then the POST.
Prints the throughput, p50/p99 of the POST and of the GET in milliseconds, the errors, and the responses stored.
Target (issue 12): p99 < 200 ms and 0 errors.

The survey's limit per IP address (SURVEY_ADDRESS_LIMIT, default 50 a day) would stop a burst from one machine
after 50 answers; the bench sets SURVEY_ADDRESS_LIMIT=100000 for its server. The limit is counted from the stored
answers (one write transaction per POST), so its cost is in the figures.

    .venv/bin/python bench/survey.py [responses] [threads]
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import Project, ProjectDocument, Survey, SurveyResponse  # noqa: E402
from app.services.surveys import surveys  # noqa: E402
from tests import helpers, live  # noqa: E402
from timing import percentile  # noqa: E402  (bench/timing.py, next to this script)

RESPONSES = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 4
ANSWERS = {"q_invloed_duidelijk": "4", "q_informatie_op_tijd": "3", "q_terugkoppeling": "2", "q_weer_meedoen": "5",
           "q_wat_kan_beter": "De informatieavond was te kort; graag meer tijd voor vragen."}


def seed() -> None:
    user = helpers.make_user("bench@enquete.nl", "Bench Beheerder")
    organisation = helpers.make_organisation("Benchdorp", user, "beheerder")
    project = Project(organisation_id=organisation.id, name="Herinrichting Benchplein", domain="openbare_ruimte",
                      phase="uitvoering", impact="groot")
    db.session.add(project)
    db.session.flush()
    db.session.add(ProjectDocument(project_id=project.id, kind="participatieplan", answers={"invloed": "adviseren"},
                                   version=1))
    surveys.open_survey(project, by=user)


def one_response(server: live.LiveServer, url: str) -> tuple[float, float, str | None]:
    visitor = server.browser()
    start = time.perf_counter()
    page = visitor.get(url)
    got = time.perf_counter()
    if page.status != 200:
        return (got - start) * 1000, 0.0, f"GET {page.status}"
    reply = visitor.post(url, {**ANSWERS, "csrf_token": visitor.csrf_token(page)})
    posted = time.perf_counter()
    error = None if reply.status == 200 and "Bedankt voor uw antwoorden" in reply.body else f"POST {reply.status}"
    return (got - start) * 1000, (posted - got) * 1000, error


def main() -> None:
    live.WORKERS = 2
    with tempfile.TemporaryDirectory() as tmp:
        servers = live.run_live_server(Path(tmp))
        start = next(servers)
        try:
            server = start(seed, extra_env={"SURVEY_ADDRESS_LIMIT": "100000"})
            with server.app.app_context():
                url = f"/enquete/{db.session.scalar(select(Survey.token))}"
            one_response(server, url)   # one warm-up response
            began = time.perf_counter()
            with ThreadPoolExecutor(THREADS) as pool:
                results = list(pool.map(lambda _i: one_response(server, url), range(RESPONSES)))
            seconds = time.perf_counter() - began
            with server.app.app_context():
                stored = db.session.scalar(select(func.count()).select_from(SurveyResponse))
            gets, posts = [r[0] for r in results], [r[1] for r in results if r[1]]
            errors = [r[2] for r in results if r[2]]
            print(f"survey burst: {RESPONSES} responses, {THREADS} threads, gunicorn 2 sync workers, "
                  f"{server.database_url.split(':')[0]}")
            print(f"  throughput: {RESPONSES / seconds:.0f} responses/s ({seconds:.1f} s, GET + POST each)")
            print(f"  POST: p50 {statistics.median(posts):.0f} ms, p99 {percentile(posts, 0.99):.0f} ms, "
                  f"max {max(posts):.0f} ms")
            print(f"  GET:  p50 {statistics.median(gets):.0f} ms, p99 {percentile(gets, 0.99):.0f} ms")
            print(f"  errors: {len(errors)} {sorted(set(errors))[:5]}")
            print(f"  stored: {stored} (1 warm-up + {RESPONSES})")
            target = percentile(posts, 0.99) < 200 and not errors and stored == RESPONSES + 1
            print(f"  target p99 < 200 ms, 0 errors: {'gehaald' if target else 'NIET gehaald'}")
        finally:
            servers.close()


if __name__ == "__main__":
    main()
