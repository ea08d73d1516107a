"""A small load generator for when `wrk` is not installed: `connections` clients in separate processes (so the
client does not share the GIL with itself), each sending GETs one after the other for `seconds` seconds."""
from __future__ import annotations

import http.client
import time
import urllib.parse
from concurrent.futures import ProcessPoolExecutor

from timing import percentile


def _client(url: str, cookie: str, seconds: float) -> tuple[list[float], int]:
    parts = urllib.parse.urlsplit(url)
    times, errors = [], 0
    end = time.monotonic() + seconds
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    while time.monotonic() < end:
        start = time.perf_counter()
        try:
            connection.request("GET", parts.path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            if response.status >= 400:
                errors += 1
            if response.getheader("Connection", "").lower() == "close":  # gunicorn's sync workers close
                connection.close()
        except OSError:
            errors += 1
            connection.close()
        times.append((time.perf_counter() - start) * 1000)
    connection.close()
    return times, errors


def hammer(url: str, cookie: str, connections: int, seconds: float) -> dict:
    """req/s, p50, p99 (ms) and errors, in the shape bench/step_page.py prints."""
    with ProcessPoolExecutor(connections) as pool:
        results = list(pool.map(_client, [url] * connections, [cookie] * connections, [seconds] * connections))
    times = [t for ts, _ in results for t in ts]
    return {"rps": len(times) / seconds, "requests": len(times), "p50": percentile(times, 0.5),
            "p99": percentile(times, 0.99),
            "errors": sum(e for _, e in results)}
