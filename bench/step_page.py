"""Benchmark: the wizard's step page (/plannen/<id>/stap/<n>), in process and under gunicorn.

1. In process: a plan with the demo answers (Voorbeeldstad) in a temporary SQLite file; every step page is opened
   RUNS times by a logged-in editor through the test client. Prints the median and p95 per step in milliseconds, the
   number of queries per request, and the ratio to a floor measured in the same run (the login page).
2. Under gunicorn (2 sync workers, started the way tests/live.py starts it): `wrk` with 20 connections for SECONDS
   seconds against step 5 (the largest page), and against the login page as floor. Prints req/s, p50 and p99.
   Without wrk (Debian: apt-get install wrk) a Python client in separate processes does the same, more slowly.
   Floor and step page are measured in turns, ROUNDS times, and the medians printed with the ratio of their req/s
   per round. Target (issue 19): the step page at ≥ 0.6× the floor's req/s, with p99 < 50 ms.

    python bench/step_page.py [RUNS] [SECONDS] [ROUNDS]      (defaults 30, 10 and 3)
"""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import StepAnswer  # noqa: E402
from tests import helpers, live  # noqa: E402
import loadgen  # noqa: E402  (bench/loadgen.py, next to this script)
from timing import percentile  # noqa: E402

RUNS, SECONDS = 30, 10
ROUNDS = 3  # wrk: floor and step page measured in turns, this many times; medians are printed
CONNECTIONS = 20
WORKERS = 2
LOAD_STEP = 5
DEMO = json.loads((ROOT / "app" / "demo" / "voorbeeldstad.json").read_text(encoding="utf-8"))["steps"]


def seed(ids: dict) -> None:
    """An editor of Voorbeeldstad with a plan holding the demo answers."""
    user = helpers.make_user("redacteur@voorbeeldstad.nl", "Rita Redacteur")
    plan = helpers.make_plan(helpers.make_organisation("Voorbeeldstad", user, role="redacteur"))
    db.session.add_all(StepAnswer(plan_id=plan.id, step_number=int(n), answers=a, version=1, updated_by_id=user.id)
                       for n, a in DEMO.items())
    db.session.commit()
    ids["plan"] = plan.id


def timed(client, url: str) -> tuple[list[float], list[float], int]:
    """Like timing.timed, plus the CPU time of each request: on a busy shared machine the wall-clock time says
    more about the neighbours than about the page, its CPU time much less."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    wall, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.thread_time()
        response = client.get(url)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu, len(response.data)


def in_process(server: live.LiveServer, plan_id: int) -> None:
    """Every step page RUNS times through the test client, on the database the server uses. No app context is held
    open around the requests, so each one starts with an empty database session, as under gunicorn."""
    app = server.app
    app.test_client_class = helpers.IsolatedClient
    with app.app_context():
        engine = db.engine
    client = app.test_client()
    helpers.login(client, "redacteur@voorbeeldstad.nl")
    queries = []

    def count(*args):
        queries.append(1)
    event.listen(engine, "before_cursor_execute", count)
    floor, floor_cpu, floor_size = timed(client, "/inloggen")
    floor_median, floor_cpu_median = statistics.median(floor), statistics.median(floor_cpu)
    print(f"In process (SQLite), {RUNS} keer per pagina; CPU = processortijd van het verzoek")
    print(f"{'pagina':<20}{'mediaan':>10}{'p95':>10}{'CPU':>10}{'grootte':>10}{'queries':>9}{'CPU x vloer':>13}")
    print(f"{'vloer: /inloggen':<20}{floor_median:>8.2f}ms{percentile(floor, 0.95):>8.2f}ms{floor_cpu_median:>8.2f}ms"
          f"{floor_size / 1024:>8.1f}KB{'':>9}{1:>13.1f}")
    all_times, all_cpu = [], []
    for number in range(1, 9):
        url = f"/plannen/{plan_id}/stap/{number}"
        client.get(url)
        queries.clear()
        client.get(url)
        per_request = len(queries)
        times, cpu, size = timed(client, url)
        all_times += times
        all_cpu += cpu
        print(f"{f'stap {number}':<20}{statistics.median(times):>8.2f}ms{percentile(times, 0.95):>8.2f}ms"
              f"{statistics.median(cpu):>8.2f}ms{size / 1024:>8.1f}KB{per_request:>9}"
              f"{statistics.median(cpu) / floor_cpu_median:>13.1f}")
    print(f"{'alle stappen':<20}{statistics.median(all_times):>8.2f}ms{percentile(all_times, 0.95):>8.2f}ms"
          f"{statistics.median(all_cpu):>8.2f}ms{'':>10}{'':>9}{statistics.median(all_cpu) / floor_cpu_median:>13.1f}")
    event.remove(engine, "before_cursor_execute", count)


def server_cpu_seconds(port: int) -> float:
    """CPU time used so far by gunicorn's master and workers (Linux /proc): all of them carry the port in their
    command line."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if f"127.0.0.1:{port}".encode() in (stat.parent / "cmdline").read_bytes():
                total += sum(int(v) for v in stat.read_text().rsplit(")", 1)[1].split()[11:13])  # utime, stime
        except OSError:
            continue  # a process that just ended
    return total / os.sysconf("SC_CLK_TCK")


def _wrk(url: str, cookie: str) -> dict:
    """req/s, p50 and p99 (ms) and non-2xx/3xx answers and socket errors from one wrk run."""
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-H", f"Cookie: {cookie}",
                          url], capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": ms("50%"), "p99": ms("99%"),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "errors": (int(bad.group(1)) if bad else 0) + (sum(map(int, socket.groups())) if socket else 0)}


def under_load(server: live.LiveServer, plan_id: int) -> None:
    browser = server.browser()
    browser.login("redacteur@voorbeeldstad.nl")
    cookie = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
    page = browser.get(f"/plannen/{plan_id}/stap/{LOAD_STEP}")
    assert page.status == 200 and "Stap 5." in page.body, page.status
    generate = (lambda path: _wrk(server.base_url + path, cookie)) if shutil.which("wrk") else \
        (lambda path: loadgen.hammer(server.base_url + path, cookie, CONNECTIONS, SECONDS))
    port = int(server.base_url.rsplit(":", 1)[1])

    def measure(path: str) -> dict:
        before = server_cpu_seconds(port)
        result = generate(path)
        result["cpu"] = (server_cpu_seconds(port) - before) * 1000 / max(1, result["requests"])
        return result
    tool = "wrk" if shutil.which("wrk") else "Python-client (geen wrk gevonden)"
    print(f"\nOnder gunicorn: {WORKERS} sync workers, {CONNECTIONS} verbindingen, {SECONDS} s per meting, {tool}")
    print("server-CPU = processortijd van gunicorn per verzoek; max = wat 2 vrije cores ermee halen")
    print(f"{'pagina':<20}{'req/s':>8}{'p50':>10}{'p99':>10}{'fouten':>8}{'server-CPU':>12}{'max req/s':>11}"
          f"{'p50 x vloer':>13}")
    rounds = []
    for _ in range(ROUNDS):  # floor and step in turns, so a busy moment of the shared machine hits both
        rounds.append((measure("/inloggen"), measure(f"/plannen/{plan_id}/stap/{LOAD_STEP}")))

    def median(which: int, key: str) -> float:
        return statistics.median(r[which][key] for r in rounds)
    floor, step = ({key: median(i, key) for key in ("rps", "p50", "p99", "errors", "cpu")} for i in (0, 1))
    for label, r in (("vloer: /inloggen", floor), (f"stap {LOAD_STEP}", step)):
        print(f"{label:<20}{r['rps']:>8.0f}{r['p50']:>8.1f}ms{r['p99']:>8.1f}ms{r['errors']:>8.0f}{r['cpu']:>10.2f}ms"
              f"{2000 / r['cpu']:>11.0f}{r['p50'] / floor['p50']:>13.1f}")
    ratios = [s["rps"] / f["rps"] for f, s in rounds]
    print(f"mediaan van {ROUNDS} rondes; req/s stap {LOAD_STEP} : vloer per ronde: "
          f"{', '.join(f'{r:.2f}' for r in ratios)}; mediaan {statistics.median(ratios):.2f}× (doel ≥ 0.6×)")
    print(f"server-CPU per verzoek stap {LOAD_STEP} : vloer = {step['cpu'] / floor['cpu']:.2f}×")
    ok = statistics.median(ratios) >= 0.6 and step["p99"] < 50 and step["errors"] == 0
    print(f"doel ≥ 0.6× de vloer en p99 < 50 ms: {'gehaald' if ok else 'NIET GEHAALD'}")


def main() -> None:
    global RUNS, SECONDS, ROUNDS
    RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else SECONDS
    ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else ROUNDS
    live.WORKERS = WORKERS
    ids: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        servers = live.run_live_server(Path(tmp))
        server = next(servers)(lambda: seed(ids))
        try:
            in_process(server, ids["plan"])
            under_load(server, ids["plan"])
        finally:
            servers.close()


if __name__ == "__main__":
    main()
