"""Benchmark: a cold start — a fresh Python process that builds the app (create_app) and answers its first request
(the login page) — of our app against two floor apps, in the same run:

- the floor: a minimal app on the same stack (Flask, Flask-SQLAlchemy with one model, Flask-Login, Flask-WTF's
  CSRF, Flask-Babel) that renders one login form with a CSRF token; what any app on these libraries pays;
- bare Flask: one route and one template string, for reference.

Each start runs in a new subprocess, so nothing is cached in memory; files on disk (the templates' bytecode cache in
instance/, if any) count as they would for a restarted worker. Prints the median of RUNS starts of each, their ratio
against the floor (goal: ≤ 3×), and the time spent in create_app and in the first request.

    python bench/cold_start.py [RUNS]      (default 5)
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5

OURS = """
import time, json
start = time.perf_counter()
from app import create_app
from config import TestConfig
app = create_app(TestConfig)
built = time.perf_counter()
with app.test_client() as client:
    response = client.get("/inloggen")
    assert response.status_code == 200, response.status_code
done = time.perf_counter()
print(json.dumps({"create": built - start, "first": done - built, "total": done - start}))
"""

FLOOR = """
import time, json
start = time.perf_counter()
from flask import Flask, render_template_string
from flask_babel import Babel, gettext as _
from flask_login import LoginManager, UserMixin
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

db = SQLAlchemy(model_class=Base)

class User(db.Model, UserMixin):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]

app = Flask("floor")
app.config.update(SECRET_KEY="floor", SQLALCHEMY_DATABASE_URI="sqlite://")
db.init_app(app)
Babel(app)
CSRFProtect(app)
login = LoginManager(app)
login.user_loader(lambda user_id: db.session.get(User, int(user_id)))
with app.app_context():
    db.create_all()
@app.get("/inloggen")
def login_page():
    return render_template_string("<!doctype html><title>{{ title }}</title><form method=post>"
                                  "<input type=hidden name=csrf_token value='{{ csrf_token() }}'>"
                                  "<input name=email><input name=password type=password></form>", title=_("Inloggen"))
built = time.perf_counter()
with app.test_client() as client:
    response = client.get("/inloggen")
    assert response.status_code == 200, response.status_code
done = time.perf_counter()
print(json.dumps({"create": built - start, "first": done - built, "total": done - start}))
"""

BARE = """
import time, json
start = time.perf_counter()
from flask import Flask, render_template_string
app = Flask("floor")
app.config["SECRET_KEY"] = "floor"
@app.get("/inloggen")
def login():
    return render_template_string("<!doctype html><title>{{ title }}</title><form method=post>"
                                  "<input name=email><input name=password type=password></form>", title="Inloggen")
built = time.perf_counter()
with app.test_client() as client:
    response = client.get("/inloggen")
    assert response.status_code == 200, response.status_code
done = time.perf_counter()
print(json.dumps({"create": built - start, "first": done - built, "total": done - start}))
"""


def start(code: str) -> dict:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="", TEST_DATABASE_URL="sqlite://")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    start(OURS), start(FLOOR), start(BARE)  # warm the file cache and .pyc files, as a server that started before
    ours, floor, bare = [], [], []
    for _ in range(RUNS):  # interleaved, so a busy moment of the machine hits all three
        ours.append(start(OURS))
        floor.append(start(FLOOR))
        bare.append(start(BARE))

    def median(rows: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in rows) * 1000

    print(f"Koude start (nieuw proces, create_app + eerste verzoek), mediaan van {RUNS}")
    print(f"{'app':<28}{'create_app':>12}{'1e verzoek':>12}{'totaal':>10}")
    for label, rows in (("kale Flask-app", bare), ("vloer: zelfde bibliotheken", floor),
                        ("Participatie-assistent", ours)):
        print(f"{label:<28}{median(rows, 'create'):>10.0f}ms{median(rows, 'first'):>10.0f}ms"
              f"{median(rows, 'total'):>8.0f}ms")
    ratio = median(ours, "total") / median(floor, "total")
    print(f"verhouding: {ratio:.1f}× de vloer (doel ≤ 3×): {'gehaald' if ratio <= 3 else 'NIET GEHAALD'}; "
          f"{median(ours, 'total') / median(bare, 'total'):.1f}× de kale Flask-app")


if __name__ == "__main__":
    main()
