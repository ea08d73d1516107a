"""Benchmark: build the ordinance model and the DOCX for the demo plan, N times.

Prints the median and p95 in milliseconds and the ratio to writing an empty python-docx document in the same run
(the floor: no ordinance engine can be faster than that). Target (issue 3): median under 150 ms.
"""
from __future__ import annotations

import io
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402

from app.services.questions.handreiking import load_handreiking  # noqa: E402
from app.services.ordinance import build_ordinance, load_library  # noqa: E402
from app.services.ordinance.docx_render import render_ordinance_docx  # noqa: E402
from app.services.plans.exchange import plan_input_from_document  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 50


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn) -> list[float]:
    fn()  # warm-up: imports and first-use caches are not what a user waits for on every download
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    handreiking = load_handreiking(ROOT / "handreiking")
    library = load_library(ROOT / "ordinance_templates")
    doc = json.loads((ROOT / "app" / "demo" / "voorbeeldstad.json").read_text(encoding="utf-8"))
    plan = plan_input_from_document(doc, handreiking)

    def empty_docx() -> None:
        Document().save(io.BytesIO())

    def model_only() -> None:
        build_ordinance(library, handreiking, plan)

    def full() -> None:
        render_ordinance_docx(build_ordinance(library, handreiking, plan))

    floor, model, total = timed(empty_docx), timed(model_only), timed(full)
    ordinance = build_ordinance(library, handreiking, plan)
    articles = sum(1 for _ in ordinance.articles())
    print(f"demo plan: {articles} articles in {len(ordinance.chapters)} chapters, {RUNS} runs each")
    for name, values in (("empty python-docx document (floor)", floor), ("ordinance model only", model),
                         ("model + DOCX with toelichting", total)):
        print(f"{name:38s} median {statistics.median(values):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms")
    ratio = statistics.median(total) / statistics.median(floor)
    print(f"ratio full / floor (median): {ratio:.1f}x")
    verdict = "meets" if statistics.median(total) < 150 else "MISSES"
    print(f"target median < 150 ms: {verdict} ({statistics.median(total):.1f} ms)")


if __name__ == "__main__":
    main()
