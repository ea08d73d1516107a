"""Timing helpers shared by the page benchmarks: repeated GETs through a test client, and percentiles."""
from __future__ import annotations

import time


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
