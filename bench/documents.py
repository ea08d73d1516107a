"""Benchmark: every registered document kind, built from the demo plan (model + DOCX), N times.

Prints per kind the median and p95 in milliseconds and the ratio to python-docx's empty document (Document() + save,
the floor) measured in the same run. Target (issue 11, "Performance"): every kind at most 3x the floor. New kinds are
measured as soon as they are registered; a kind whose source has no demo object here yet is listed as skipped.

    python bench/documents.py [runs] [--before REF]

--before REF also times the ordinance through the python-docx writer of git revision REF (its
app/services/ordinance/docx_render.py), for a before/after figure of the one DOCX writer.
"""
from __future__ import annotations

import importlib.util
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402

from app import content, create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.services.core import access  # noqa: E402
from app.services.plans import exchange as plan_io  # noqa: E402
from app.services.adoption import StepSetting, schedules  # noqa: E402
from app.services.adoption import documents as adoption_documents  # noqa: E402
from app.services.documents import kinds  # noqa: E402,F401  registers every kind
from app.services.documents.docx_writer import render_docx  # noqa: E402
from app.services.documents.registry import KINDS  # noqa: E402
from app.services.ordinance import build_ordinance  # noqa: E402
from app.services.ordinance.docx_render import render_ordinance_docx  # noqa: E402
from config import TestConfig  # noqa: E402
from timing import percentile  # noqa: E402  (bench/timing.py, next to this script)

args = [a for a in sys.argv[1:]]
BEFORE = args[args.index("--before") + 1] if "--before" in args else None
RUNS = int(args[0]) if args and args[0].isdigit() else 30
TARGET = 3.0
TODAY = date(2026, 3, 2)  # the demo plan's route then still makes 1 January 2027
MEETINGS = {"college": [date(2026, 9, 15), date(2026, 10, 6)], "commissie": [date(2026, 11, 2)],
            "raad": [date(2026, 11, 26)]}


def timed(fn) -> list[float]:
    fn()  # warm-up: imports and first-use caches are not what a user waits for on every download
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def demo_plan():
    """The demo plan of `make run`, with a route to adoption so the raadsvoorstel has its dates."""
    plan = plan_io.import_plan(json.loads((ROOT / "app" / "demo" / "voorbeeldstad.json").read_text(encoding="utf-8")),
                               content.handreiking(), by=access.SYSTEM)
    route = content.adoption_route()
    schedules.save_settings(plan, route, target=date(2027, 1, 1), consultation_with="beide",
                            steps={s.key: StepSetting(weeks=s.weeks) for s in route.steps}, by=access.SYSTEM)
    for body, days in MEETINGS.items():
        schedules.replace_meetings(plan, body, days, by=access.SYSTEM)
    db.session.commit()
    return plan


def demo_project(plan):
    """The demo project of `make run` (Herinrichting Stationsplein), following the demo plan's ordinance."""
    from app.services.projects import exchange as project_io

    data = json.loads((ROOT / "app" / "demo" / "stationsplein.json").read_text(encoding="utf-8"))
    from app.models import Membership
    checked = project_io.read_project(data, content.projects(), content.handreiking())
    user = _bench_user()
    db.session.add(Membership(user_id=user.id, organisation_id=plan.organisation_id, role="beheerder"))
    db.session.flush()
    project = project_io.import_project(plan.organisation, checked, by=user)
    project.plan_id = plan.id
    db.session.commit()
    return project


def _bench_user():
    from app.models import User
    from sqlalchemy import select
    found = db.session.scalar(select(User).where(User.email == "bench@voorbeeld.nl"))
    if found is not None:
        return found
    user = User(email="bench@voorbeeld.nl", name="Bench")
    user.set_password("bench-wachtwoord")
    db.session.add(user)
    db.session.flush()
    return user


def old_renderer(ref: str):
    """render_ordinance_docx as it was at git revision `ref`, or None when git cannot show it."""
    try:
        source = subprocess.run(["git", "show", f"{ref}:app/services/ordinance/docx_render.py"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"--before {ref}: niet te lezen ({exc})")
        return None
    path = Path(tempfile.mkdtemp()) / "docx_render_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("docx_render_before", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as exc:  # it imports what today's writer no longer has
        print(f"--before {ref}: niet te laden met de huidige code ({exc})")
        return None
    return module.render_ordinance_docx


def line(name: str, values: list[float], floor: float) -> None:
    median = statistics.median(values)
    verdict = "ok" if median <= TARGET * floor else "BOVEN DOEL"
    print(f"{name:<40}{median:>8.1f} ms{percentile(values, 0.95):>8.1f} ms{median / floor:>8.1f}x  {verdict}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        class BenchConfig(TestConfig):
            SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp}/bench.db"
            RATELIMIT_ENABLED = False

        app = create_app(BenchConfig)
        adoption_documents.now = lambda: datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
        with app.app_context():
            db.create_all()
            plan = demo_plan()
            sources = {"plan": plan, "project": demo_project(plan)}
            handreiking = content.handreiking()

            floor_times = timed(lambda: Document().save(io.BytesIO()))
            floor = statistics.median(floor_times)
            print(f"{RUNS} runs per kind; target: median (model + DOCX) at most {TARGET:.0f}x the floor")
            print(f"{'documentsoort':<40}{'mediaan':>11}{'p95':>11}{'x vloer':>9}")
            print(f"{'vloer: leeg python-docx-document':<40}{floor:>8.1f} ms{percentile(floor_times, 0.95):>8.1f} ms"
                  f"{1:>8.1f}x")
            for kind in KINDS.values():
                source = sources.get(kind.source)
                if source is None:
                    print(f"{kind.key:<40}overgeslagen: nog geen demo-{kind.source} in bench/documents.py")
                    continue
                line(kind.key, timed(lambda: render_docx(kind.build(source, content.current()), TODAY)), floor)

            if BEFORE:
                before = old_renderer(BEFORE)
                if before is not None:
                    plan_input = plan_io.plan_input(sources["plan"], content.current())
                    library = content.clause_library()
                    line(f"verordening, schrijver van {BEFORE[:10]}",
                         timed(lambda: before(build_ordinance(library, handreiking, plan_input), TODAY)), floor)
                    line("verordening, deze schrijver",
                         timed(lambda: render_ordinance_docx(build_ordinance(library, handreiking, plan_input),
                                                             TODAY)), floor)
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
