"""The reading rules are content: a rule that names a question or option the handreiking does not have stops
with the file and the problem named, instead of silently never matching."""
from pathlib import Path

import pytest

from app import content
from app.services.questions.handreiking import ContentError
from app.services.reader.rules import load_rules

RULES = Path("handreiking/reader/rules.yaml")


def test_the_rules_fit_the_handreiking(app):
    with app.app_context():
        rules = load_rules(RULES, content.handreiking())
    assert {e.id for e in rules.elements} == {"fasen", "wie", "inspraak", "uitdaagrecht"}
    assert len(rules.decisions) >= 25


@pytest.mark.parametrize("rule, problem", [
    ("decisions: [{key: bestaat_niet, found: [x], answer: true}]", "bestaat niet in de handreiking"),
    ("decisions: [{key: inspraak_procedure, choose: [{value: nooit, all: [x]}]}]", "“nooit” is geen keuze"),
    ("decisions: [{key: uitzonderingen, options: {spoed: ['(']}}]", "ongeldig patroon"),
    ("elements: [{id: a, title: A, grounds: {gemeente: x}, parts: [], missing: m}]", "grounds moet"),
])
def test_a_wrong_rule_is_named(app, tmp_path, rule, problem):
    path = tmp_path / "rules.yaml"
    path.write_text(rule, encoding="utf-8")
    with app.app_context(), pytest.raises(ContentError, match=problem):
        load_rules(path, content.handreiking())
