"""Benchmark: a leeratelier round under load. 12 municipalities of 5 people each, at 3 tables, in round 2 (steps 4
and 5), against gunicorn with 2 sync workers (started the way tests/live.py starts it), on a temporary SQLite file,
or on TEST_DATABASE_URL when set (a throwaway database: its tables are dropped afterwards, as in the live tests).

60 simulated participants, each logged in as themselves, in PROCESSES client processes, for SECONDS seconds:
- every participant polls for messages every 5 seconds (POLL_SECONDS, as live.js does): GET /ateliers/<id>/live
  with If-None-Match, 304 while nothing changed;
- and every 10 seconds on average does a piece of work: save a step (2 in 3 times: open step 4 or 5 and post the
  form with its base_version, one open question changed; the other open questions as the page showed them), or take
  over an example (open the round's page and post one of its "Overnemen" forms).
  A 409 (a teammate saved the same question first: the conflict page) is a correct answer, counted apart.
Meanwhile the facilitator sends a message to everyone every 3 seconds, so polls also get new state.
SPEED > 1 makes everyone that many times busier (a stress test; SPEED 5 is a poll every second).

Prints throughput (req/s), p50 and p99 per kind of request and in total, errors (5xx, connection errors, unexpected
statuses) and the ratio of p50 to a floor measured in the same run (the login page, fetched by one client between
the others; its p99 shows how busy the machine itself was). Target (issue 10): p99 < 200 ms and 0 errors.

    python bench/atelier.py [SECONDS] [SPEED]      (defaults 30 and 1)
"""
from __future__ import annotations

import html
import json
import random
import re
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import content  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Membership, Organisation, ParticipationPlan, StepAnswer, User  # noqa: E402
from app.services.atelier import ateliers  # noqa: E402
from app.services.questions.questions import field_name  # noqa: E402
from tests import helpers, live  # noqa: E402
from tests.live import Browser  # noqa: E402
from timing import percentile  # noqa: E402  (bench/timing.py, next to this script)

SECONDS, SPEED = 30.0, 1.0
POLL_SECONDS, WORK_SECONDS = 5.0, 10.0
WORKERS = 2
TOWNS, PEOPLE, TABLES = 12, 5, 3
PROCESSES = 4
ROUND = 2
MESSAGE_EVERY = 3.0
DEMO = json.loads((ROOT / "app" / "demo" / "voorbeeldstad.json").read_text(encoding="utf-8"))["steps"]
#: the open questions the participants write in; two people of a team on the same one make a conflict
WRITTEN = {4: ["invloed_per_fase", "doelgroepen", "representativiteit"], 5: ["uitdaagrecht_taken"]}
#: which statuses are a correct answer, per kind of request; "conflict" statuses are counted apart
EXPECTED = {"inloggen (vloer)": {200}, "berichten (poll)": {200, 304}, "stap openen": {200},
            "stap opslaan": {302}, "rondepagina": {200}, "overnemen": {302}, "bericht sturen": {302}}
CONFLICT = {"stap opslaan": 409, "overnemen": 409}
_TAKE_FORM = re.compile(r'<form method="post" action="([^"]*/overnemen)".*?</form>', re.S)
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def email(town: int, person: int) -> str:
    return f"lid{person}@benchdorp{town:02d}.nl"


def seed(ids: dict) -> None:
    """The facilitator, the atelier with round 2 running today, 12 organisations of 5 (demo answers to steps 4 and 5)
    at 3 tables."""
    facilitator = helpers.make_user("fien@atelier.nl", "Fien Facilitator")
    atelier = ateliers.create_atelier("Leeratelier Bench", facilitator)
    today = date.today()
    for rnd, days in zip(atelier.rounds, (-28, 0, 28, 56)):
        rnd.date, rnd.start_time, rnd.end_time = today + timedelta(days=days), clock(0, 0), clock(23, 59)
    tables = [ateliers.add_group(atelier, ROUND, f"Tafel {t + 1}", facilitator) for t in range(TABLES)]
    seats = {}
    for town in range(TOWNS):
        team = [User(email=email(town, k), name=f"Lid {k} van Benchdorp {town:02d}") for k in range(PEOPLE)]
        for user in team:
            user.set_password(helpers.PASSWORD)
        organisation = Organisation(name=f"Benchdorp {town:02d}", body_type="gemeente")
        plan = ParticipationPlan(organisation=organisation, title="Participatieverordening")
        db.session.add_all([organisation, plan, *team, *(Membership(user=u, organisation=organisation,
                                                            role="beheerder" if k == 0 else "redacteur")
                                                 for k, u in enumerate(team))])
        db.session.flush()
        db.session.add_all(StepAnswer(plan_id=plan.id, step_number=n, answers=DEMO[str(n)], version=1,
                                      updated_by_id=team[0].id) for n in (4, 5))
        link = ateliers.create_invitation(atelier, organisation.name, facilitator)
        seats[ateliers.join(link.token, plan, team[0]).id] = tables[town % TABLES].id
        ids.setdefault("plans", {})[town] = plan.id
    ateliers.seat(atelier, ROUND, seats, facilitator)
    db.session.commit()
    ids["atelier"] = atelier.id
    ids["forms"] = {n: form_fields(n, DEMO[str(n)]) for n in WRITTEN}


def form_fields(step_number: int, answers: dict) -> list[tuple[str, str]]:
    """The step's answers as the wizard's form posts them (no list questions in steps 4 and 5)."""
    fields = []
    for q in content.handreiking().step(step_number).questions:
        value = answers.get(q.key)
        if value is None:
            continue
        if isinstance(value, bool):
            value = "ja" if value else "nee"
        fields += [(field_name(q.key), str(v)) for v in (value if isinstance(value, list) else [value])]
        if q.allow_other and answers.get(q.other_key):
            fields.append((field_name(q.other_key), answers[q.other_key]))
    return fields


class Participant(Browser):
    """One person at the table: a Browser of tests/live.py that also sends If-None-Match and times every request."""

    def __init__(self, base_url: str, log: list):
        super().__init__(base_url)
        self.log = log
        self.etag = ""

    def timed(self, kind: str, method: str, path: str, data=None, headers=None):
        request = urllib.request.Request(self.base_url + path, headers=headers or {}, method=method,
                                         data=urllib.parse.urlencode(data, doseq=True).encode() if data else None)
        start = time.perf_counter()
        try:
            reply = self._open(request)
            status = reply.status
        except (urllib.error.URLError, OSError) as exc:  # refused, reset, timed out
            reply, status = None, f"verbinding: {type(exc).__name__}"
        self.log.append((kind, status, (time.perf_counter() - start) * 1000, time.time()))
        return reply

    def poll(self, atelier_id: int) -> None:
        reply = self.timed("berichten (poll)", "GET", f"/ateliers/{atelier_id}/live?ronde={ROUND}",
                           headers={"If-None-Match": self.etag} if self.etag else None)
        if reply is not None and reply.status == 200:
            self.etag = reply.headers.get("ETag", "")

    def save(self, plan_id: int, forms: dict, rng: random.Random) -> None:
        number = rng.choice((4, 4, 5))
        page = self.timed("stap openen", "GET", f"/plannen/{plan_id}/stap/{number}")
        if page is None or page.status != 200:
            return
        version = re.search(r'name="base_version" value="(\d+)"', page.body).group(1)
        question = rng.choice(WRITTEN[number])
        written = {key: html.unescape(re.search(rf'name="{field_name(key)}"[^>]*>(.*?)</textarea>', page.body,
                                                re.S).group(1))
                   for key in WRITTEN[number]}  # as the page shows them: a browser posts what is on the page
        written[question] = f"Tekst {rng.randrange(10**6)}."
        fields = [f for f in forms[number] if f[0] not in {field_name(k) for k in written}] + [
            *((field_name(k), v) for k, v in written.items()), ("csrf_token", self.csrf_token(page)),
            ("base_version", version), ("then", "stay")]
        self.timed("stap opslaan", "POST", f"/plannen/{plan_id}/stap/{number}", fields)

    def take_over(self, atelier_id: int, rng: random.Random) -> None:
        page = self.timed("rondepagina", "GET", f"/ateliers/{atelier_id}/rondes/{ROUND}/werk")
        if page is None or page.status != 200:
            return
        buttons = list(_TAKE_FORM.finditer(page.body))
        if not buttons:
            self.log.append(("rondepagina", "geen knop Overnemen", 0.0, time.time()))
            return
        button = rng.choice(buttons)
        fields = [(k, v) for k, v in _HIDDEN.findall(button.group(0)) if k != "mode"]
        # the round page's button opens the confirm page (issue 18); a row of a list is added, an answer replaced
        mode = "toevoegen" if any(k == "row" and v for k, v in fields) else "vervangen"
        self.timed("overnemen", "POST", button.group(1), fields + [("mode", mode)])


def run_client(base_url: str, atelier_id: int, plans: dict, forms: dict, people: list[tuple[int, int]], seconds: float,
               speed: float, floor: bool, facilitator: bool) -> list:
    """One client process: a thread per participant (and maybe the floor and the facilitator); returns the log."""
    log: list = []
    start_line = threading.Barrier(len(people) + floor + facilitator)

    def participant(town: int, person: int) -> None:
        rng = random.Random(town * 100 + person)
        me = Participant(base_url, log)
        me.login(email(town, person))
        start_line.wait()
        now = time.monotonic()
        end = now + seconds
        next_poll = now + rng.uniform(0, POLL_SECONDS / speed)  # the pages were opened at different moments
        next_work = now + rng.uniform(0, 2 * WORK_SECONDS / speed)
        while True:
            time.sleep(max(0.0, min(next_poll, next_work) - time.monotonic()))
            if time.monotonic() >= end:
                break
            if next_poll <= next_work:
                me.poll(atelier_id)
                next_poll += POLL_SECONDS / speed
            else:
                if rng.random() < 2 / 3:
                    me.save(plans[town], forms, rng)
                else:
                    me.take_over(atelier_id, rng)
                next_work = time.monotonic() + rng.uniform(0, 2 * WORK_SECONDS / speed)

    def floor_client() -> None:
        me = Participant(base_url, log)
        start_line.wait()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(0.5)
            me.timed("inloggen (vloer)", "GET", "/inloggen")

    def facilitator_client() -> None:
        me = Participant(base_url, log)
        me.login("fien@atelier.nl")
        page = me.get(f"/ateliers/{atelier_id}?ronde={ROUND}")
        token = me.csrf_token(page)
        start_line.wait()
        end, n = time.monotonic() + seconds, 0
        while time.monotonic() < end:
            time.sleep(MESSAGE_EVERY)
            n += 1
            me.timed("bericht sturen", "POST", f"/ateliers/{atelier_id}/rondes/{ROUND}/berichten",
                     {"csrf_token": token, "group": "", "body": f"Nog {n} minuten voor deze oefening."})

    threads = [threading.Thread(target=participant, args=p) for p in people]
    threads += [threading.Thread(target=floor_client)] if floor else []
    threads += [threading.Thread(target=facilitator_client)] if facilitator else []
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return log


def report(log: list, seconds: float) -> bool:
    by_kind: dict[str, list[float]] = defaultdict(list)
    conflicts, errors = defaultdict(int), defaultdict(int)
    for kind, status, ms, _at in log:
        if status == CONFLICT.get(kind):
            conflicts[kind] += 1
        elif status not in EXPECTED[kind]:
            errors[f"{kind}: {status}"] += 1
        if ms:
            by_kind[kind].append(ms)
    everything = [ms for kind, times in by_kind.items() if kind != "inloggen (vloer)" for ms in times]
    floor = percentile(by_kind["inloggen (vloer)"], 0.5)
    print(f"{'verzoek':<20}{'aantal':>8}{'req/s':>8}{'p50':>10}{'p99':>10}{'conflict':>10}{'p50 x vloer':>13}")
    for kind in EXPECTED:
        times = by_kind.get(kind)
        if times:
            p50 = percentile(times, 0.5)
            print(f"{kind:<20}{len(times):>8}{len(times) / seconds:>8.1f}{p50:>8.1f}ms"
                  f"{percentile(times, 0.99):>8.1f}ms{conflicts[kind]:>10}{p50 / floor:>13.1f}")
    p99 = percentile(everything, 0.99)
    print(f"{'totaal (zonder vloer)':<20}{len(everything):>8}{len(everything) / seconds:>8.1f}"
          f"{percentile(everything, 0.5):>8.1f}ms{p99:>8.1f}ms{sum(conflicts.values()):>10}"
          f"{percentile(everything, 0.5) / floor:>13.1f}")
    started = min(at for *_, at in log)
    slow = defaultdict(int)
    for *_, ms, at in log:
        if ms > 200:
            slow[int((at - started) // 5) * 5] += 1
    print("verzoeken boven 200 ms, per 5 s van de meting: " +
          (", ".join(f"{t}-{t + 5} s: {n}" for t, n in sorted(slow.items())) or "geen"))
    print(f"fouten: {sum(errors.values())}" + "".join(f"\n  {k}: {n}" for k, n in sorted(errors.items())))
    ok = p99 < 200 and not errors
    print(f"doel p99 < 200 ms en 0 fouten: {'gehaald' if ok else 'NIET GEHAALD'}")
    return ok


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else SECONDS
    speed = float(sys.argv[2]) if len(sys.argv) > 2 else SPEED
    live.WORKERS = WORKERS
    ids: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        servers = live.run_live_server(Path(tmp))
        server = next(servers)(lambda: seed(ids))
        try:
            database = server.database_url.split("://")[0]
            print(f"Leeratelier-ronde: {TOWNS} gemeenten × {PEOPLE} mensen aan {TABLES} tafels, gunicorn met "
                  f"{WORKERS} sync workers op {database}, {seconds:.0f} s; elke deelnemer vraagt elke "
                  f"{POLL_SECONDS / speed:.1f} s om berichten en doet gemiddeld elke {WORK_SECONDS / speed:.1f} s "
                  f"iets (opslaan of overnemen); {PROCESSES} clientprocessen")
            people = [(town, person) for town in range(TOWNS) for person in range(PEOPLE)]
            with ProcessPoolExecutor(PROCESSES) as pool:
                jobs = [pool.submit(run_client, server.base_url, ids["atelier"], ids["plans"], ids["forms"],
                                    people[i::PROCESSES], seconds, speed, i == 0, i == 1) for i in range(PROCESSES)]
                log = [entry for job in jobs for entry in job.result()]
            report(log, seconds)
            errors = [line for line in live.server_log(Path(tmp)).splitlines() if "Traceback" in line
                      or "database is locked" in line or "[ERROR]" in line]
            if errors:
                print(f"gunicorn meldde {len(errors)} fouten, de eerste: {errors[0]}")
        finally:
            servers.close()


if __name__ == "__main__":
    main()
