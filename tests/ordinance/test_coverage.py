"""Issue 13: the choices real ordinances make (docs/coverage.md) land in the articles, for every body type.

The plans come from the "Testplannen" block of docs/coverage.md, so the table and this test cannot drift apart.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from app.services.ordinance import build_ordinance
from app.services.plans.exchange import plan_input_from_document
from tests.ordinance.test_docx import DEMO, handreiking, library, plan_doc  # noqa: F401 (fixtures)

COVERAGE = Path(__file__).resolve().parents[2] / "docs" / "coverage.md"


def coverage_plans() -> dict:
    block = re.search(r"## Testplannen.*?```yaml\n(.*?)```", COVERAGE.read_text(encoding="utf-8"), re.S)
    return yaml.safe_load(block.group(1))


def test_coverage_table_lists_at_least_fifteen_ordinances_of_every_body_type():
    rows = re.findall(r"^\| (\d+) \| [^|]+ \| (gemeente|provincie|waterschap)", COVERAGE.read_text(encoding="utf-8"),
                      re.M)
    bodies = [body for _, body in rows]
    assert len(rows) >= 15 and bodies.count("provincie") >= 2 and bodies.count("waterschap") >= 2


@pytest.mark.parametrize("body", ["gemeente", "provincie", "waterschap"])
def test_plan_from_the_coverage_table_puts_each_choice_in_the_articles(library, handreiking, body):  # noqa: F811
    plan = coverage_plans()[body]
    steps = copy.deepcopy(DEMO["steps"])
    for step, answers in plan["answers"].items():
        steps.setdefault(step, {}).update(answers)
    ordinance = build_ordinance(library, handreiking, plan_input_from_document(plan_doc(steps, body=body), handreiking))
    for key, expected in plan["expect"].items():
        article = ordinance.article(key)
        text = " ".join(t for m in article.members for t in [m.text, *(p.text for p in m.parts)])
        assert expected in text, (key, text)
