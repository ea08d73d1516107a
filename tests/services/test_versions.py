"""Comparing versions of a plan (app/services/history/versions.py): which state, which answers, which articles changed."""
from pathlib import Path

import pytest

from app.extensions import db
from app.models import PlanSnapshot, StepAnswer
from app.services.history import versions
from app.services.questions.handreiking import load_handreiking
from app.services.ordinance import load_library
from tests import helpers

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hr():
    return load_handreiking(ROOT / "handreiking")


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "ordinance_templates")


def test_state_of_the_current_plan_and_of_a_snapshot(editor):
    plan = editor.plan
    db.session.add(StepAnswer(plan=plan, step_number=7, answers={"evaluatie_termijn_jaren": 4}, version=1))
    snap = PlanSnapshot(plan_id=plan.id, name="Voor het college", data={"7": {"evaluatie_termijn_jaren": 2}})
    db.session.add(snap)
    db.session.commit()
    db.session.refresh(plan)
    assert versions.state_of(plan, versions.CURRENT) == {7: {"evaluatie_termijn_jaren": 4}}
    assert versions.state_of(plan, str(snap.id)) == {7: {"evaluatie_termijn_jaren": 2}}


def test_state_of_an_unknown_or_foreign_reference_is_none(editor):
    other_plan = helpers.make_plan(helpers.make_organisation("Elders"))
    foreign = PlanSnapshot(plan_id=other_plan.id, name="Van een ander", data={"7": {"evaluatie_termijn_jaren": 9}})
    db.session.add(foreign)
    db.session.commit()
    assert versions.state_of(editor.plan, str(foreign.id)) is None  # a snapshot of another plan
    for ref in ("", "abc", "-1", "²", "99999"):
        assert versions.state_of(editor.plan, ref) is None, ref


def test_compare_answers_lists_only_what_changed_as_a_person_reads_it(hr):
    old = {5: {"inspraak_procedure": "awb"}, 7: {"evaluatie_termijn_jaren": 4, "evaluatie_met_inwoners": True}}
    new = {5: {"inspraak_procedure": "eigen", "inspraak_procedure__anders": "Via de wijkraad"},
           7: {"evaluatie_termijn_jaren": 4, "evaluatie_met_inwoners": False}}
    changes = versions.compare_answers(hr, old, new)
    assert [(c.step_number, c.key, c.before, c.after) for c in changes] == [
        (5, "inspraak_procedure", "Afdeling 3.4 van de Algemene wet bestuursrecht in alle gevallen",
         "Een eigen, lichtere procedure (eigen: Via de wijkraad)"),
        (7, "evaluatie_met_inwoners", "Ja", "Nee"),
    ]
    assert versions.compare_answers(hr, old, old) == []


def compare(library, hr, old, new):
    return {c.title.split(". ", 1)[1]: c
            for c in versions.compare_ordinances(library, hr, "Voorbeeld", "gemeente", old, new)}


def test_compare_ordinances_finds_added_removed_and_changed_articles(library, hr):
    without = {5: {"burgerinitiatief": False}, 7: {"evaluatie_termijn_jaren": 4}}
    with_initiative = {5: {"burgerinitiatief": True, "burgerinitiatief_handtekeningen": 150},
                       7: {"evaluatie_termijn_jaren": 2}}

    changes = compare(library, hr, without, with_initiative)
    added = changes["Burgerinitiatief"]
    assert added.status == "toegevoegd"
    assert "<ins>" in added.diff_html and "150" in added.diff_html and "<del>" not in added.diff_html
    changed = changes["Evaluatie van de verordening"]
    assert changed.status == "gewijzigd"
    assert "<del>4</del> <ins>2</ins>" in changed.diff_html

    removed = compare(library, hr, with_initiative, without)["Burgerinitiatief"]
    assert removed.status == "verwijderd" and "<del>" in removed.diff_html and "<ins>" not in removed.diff_html
    assert versions.compare_ordinances(library, hr, "Voorbeeld", "gemeente", without, without) == []


def test_word_diff_escapes_html_from_answers(library, hr):
    old = {8: {"citeertitel": "Verordening Oud"}}
    new = {8: {"citeertitel": "Verordening <script>alert(1)</script> & co"}}
    diffs = " ".join(c.diff_html for c in versions.compare_ordinances(library, hr, "Voorbeeld", "gemeente", old, new))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in diffs and "&amp; co" in diffs
    assert "<script>" not in diffs
    assert versions._words_diff("a <b> c", "a <i> c") == "a <del>&lt;b&gt;</del> <ins>&lt;i&gt;</ins> c"
