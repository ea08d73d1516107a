"""Timing helpers shared by the page benchmarks: repeated GETs through a test client, and percentiles."""
from __future__ import annotations

import re
import tempfile
import time
from contextlib import contextmanager


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(client, url: str, runs: int) -> tuple[list[float], int]:
    """Milliseconds per GET of `url` over `runs` requests, after one warm-up, and the page's size in bytes."""
    response = client.get(url)  # warm-up: template compilation is not what a user waits for each time
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return times, len(response.data)


@contextmanager
def bench_app():
    """The app on a new SQLite file in a temporary folder, inside its app context, with its tables made and the
    rate limits off (a benchmark logs in more often than a person may)."""
    from app import create_app
    from app.extensions import db
    from config import TestConfig

    with tempfile.TemporaryDirectory() as tmp:
        class BenchConfig(TestConfig):
            SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp}/bench.db"
            RATELIMIT_ENABLED = False

        app = create_app(BenchConfig)
        with app.app_context():
            db.create_all()
            yield app


def log_in(client, email: str, password: str) -> None:
    """Log the test client in through the login form, as a person would."""
    page = client.get("/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/inloggen", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 302, ("inloggen mislukt", email, response.status_code)
