"""The planner's date logic, without Flask: working back, snapping to meetings, the earliest possible date."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.services.adoption import (AdoptionContentError, RouteContent, StepSetting, StepSpec, label_for,
                                   load_route_content, plan_route, today_in_amsterdam)

ROUTE = RouteContent(target_default=date(2027, 1, 1), steps=(
    StepSpec("concept", "Ambtelijk concept", 2),
    StepSpec("toets", "Juridische toets", 1, optional=True),
    StepSpec("college", "Besluit van {college}", 2, meeting="college"),
    StepSpec("raad", "Vaststelling door {raad}", 2, meeting="raad"),
    StepSpec("publicatie", "Publicatie in {blad}", 1),
    StepSpec("inwerkingtreding", "Inwerkingtreding", 0),
))
TARGET = date(2027, 1, 1)
# Every Tuesday for the college; the raad meets monthly and not between 11 December and 20 January (Christmas recess).
TUESDAYS = [date(2026, 9, 1) + timedelta(weeks=n) for n in range(60)]
RAAD = [date(2026, 10, 8), date(2026, 11, 12), date(2026, 12, 10), date(2027, 1, 21)]
MEETINGS = {"college": TUESDAYS, "raad": RAAD}


def dates(route, which):
    return {s.key: getattr(s, which) for s in route.steps}


def test_without_meetings_it_works_back_by_the_weeks_and_marks_meeting_steps_as_estimates():
    route = plan_route(ROUTE, {}, TARGET, date(2026, 10, 1), {})
    assert dates(route, "latest") == {
        "inwerkingtreding": TARGET, "publicatie": date(2026, 12, 31),  # a day before: weeks 0 still means later
        "raad": date(2026, 12, 24), "college": date(2026, 12, 10),
        "toets": date(2026, 11, 26),   # the college's two weeks come before the college, after the toets
        "concept": date(2026, 11, 19)}
    assert [s.key for s in route.estimated] == ["college", "raad"]


def test_meeting_steps_snap_back_to_a_meeting_before_the_recess_and_forward_to_the_next_meeting():
    route = plan_route(ROUTE, {}, TARGET, date(2026, 10, 1), MEETINGS)
    latest = dates(route, "latest")
    assert latest["raad"] == date(2026, 12, 10)        # 24 December falls in the recess: the meeting before it
    assert latest["college"] == date(2026, 11, 24)     # two weeks before: 26 November, a Thursday; the Tuesday before
    assert latest["concept"] == date(2026, 11, 3)
    earliest = dates(route, "earliest")
    assert earliest["concept"] == date(2026, 10, 15)   # two weeks from today
    assert earliest["college"] == date(2026, 11, 10)   # 5 November is a Thursday: the next Tuesday
    assert earliest["raad"] == date(2026, 12, 10)      # 24 November: the next raad meeting
    assert route.feasible and route.earliest_entry == date(2026, 12, 18)
    assert route.estimated == []
    raad = next(s for s in route.steps if s.key == "raad")
    assert raad.options == (date(2026, 12, 10),)       # the only raad meeting still possible for the target
    assert route.scheduled(raad) == date(2026, 12, 10)


def test_a_target_missed_through_the_christmas_recess_gives_the_earliest_possible_date():
    route = plan_route(ROUTE, {}, TARGET, date(2026, 11, 1), MEETINGS)
    assert not route.feasible
    raad = next(s for s in route.steps if s.key == "raad")
    assert raad.earliest == date(2027, 1, 21)          # no raad between 15 December and 20 January
    assert not raad.possible and raad.options == ()
    assert route.earliest_entry == date(2027, 1, 29)   # publication a week later, in force the day after
    assert route.scheduled(route.steps[-1]) == date(2027, 1, 29)


def test_a_target_already_in_the_past_is_impossible():
    route = plan_route(ROUTE, {}, TARGET, date(2027, 2, 1), MEETINGS)
    assert not route.feasible
    assert route.earliest_entry > date(2027, 2, 1)
    assert all(not s.possible for s in route.steps)


def test_a_date_outside_the_council_calendar_is_computed_and_marked_as_an_estimate():
    route = plan_route(ROUTE, {}, date(2027, 6, 1), date(2027, 1, 10), MEETINGS)
    raad = next(s for s in route.steps if s.key == "raad")
    assert raad.earliest == date(2027, 3, 2) and raad.earliest_estimated    # no raad meeting after 21 January
    assert raad.latest == date(2027, 1, 21) and not raad.possible   # the last raad meeting entered
    assert not route.feasible and [s.key for s in route.estimated] == ["raad"]


def test_skipping_an_optional_step_and_changing_weeks_moves_the_dates():
    settings = {"toets": StepSetting(weeks=1, skip=True), "concept": StepSetting(weeks=0)}
    route = plan_route(ROUTE, settings, TARGET, date(2026, 10, 1), {})
    assert [s.key for s in route.steps] == ["concept", "college", "raad", "publicatie", "inwerkingtreding"]
    assert route.steps[0].earliest == date(2026, 10, 1)
    assert route.steps[1].earliest == date(2026, 10, 15)
    # a required step cannot be skipped
    route = plan_route(ROUTE, {"raad": StepSetting(weeks=2, skip=True)}, TARGET, date(2026, 10, 1), {})
    assert "raad" in [s.key for s in route.steps]


@pytest.mark.parametrize(("body_type", "college", "publication"), [
    ("gemeente", "Besluit van het college van burgemeester en wethouders", "Publicatie in het Gemeenteblad"),
    ("provincie", "Besluit van gedeputeerde staten", "Publicatie in het Provinciaal blad"),
    ("waterschap", "Besluit van het dagelijks bestuur", "Publicatie in het Waterschapsblad"),
])
def test_the_words_follow_the_body_type(body_type, college, publication):
    route = plan_route(ROUTE, {}, TARGET, date(2026, 10, 1), {}, body_type)
    labels = [s.label for s in route.steps]
    assert college in labels and publication in labels


def test_the_content_file_loads_with_every_step_of_the_route():
    content = load_route_content(Path("handreiking/route/adoption.yaml"))
    assert content.target_default == date(2027, 1, 1)
    assert [s.key for s in content.steps] == ["ambtelijk_concept", "juridische_toets", "consultatie",
                                              "collegebesluit", "commissie", "raad", "publicatie", "inwerkingtreding"]
    assert label_for(content.step("raad"), "provincie") == "Vaststelling door provinciale staten"


def test_a_bad_content_file_stops_with_the_problem(tmp_path):
    path = tmp_path / "adoption.yaml"
    path.write_text("target_default: 2027-01-01\nsteps:\n  - {key: a, label: A, weeks: 2, meeting: burgemeester}\n")
    with pytest.raises(AdoptionContentError, match="meeting"):
        load_route_content(path)


def test_today_is_the_date_in_amsterdam():
    assert today_in_amsterdam(datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)) == date(2027, 1, 1)
    assert today_in_amsterdam(datetime(2026, 6, 30, 21, 59)) == date(2026, 6, 30)   # naive counts as UTC


# --- issue 18: a step marked done on its real date; skipping steps and 0 weeks -----------------------------------

FULL = load_route_content(Path("handreiking/route/adoption.yaml"))
SKIP_ALL_ZERO = {s.key: StepSetting(weeks=0, skip=s.optional) for s in FULL.steps}
DEC_TUESDAYS = [date(2026, 11, 3) + timedelta(weeks=n) for n in range(20)]
RAAD_17_DEC = {"college": DEC_TUESDAYS, "raad": [date(2026, 11, 26), date(2026, 12, 17), date(2027, 2, 4)]}


def test_a_step_done_on_its_real_date_in_the_past_is_where_the_plan_counts_from():
    """Issue 18: college on 24 November, raad on 17 December: in force on 1 January, not 5 February."""
    settings = dict(SKIP_ALL_ZERO, collegebesluit=StepSetting(weeks=0, day=date(2026, 11, 24)),
                    raad=StepSetting(weeks=0, day=date(2026, 12, 17)))
    route = plan_route(FULL, settings, TARGET, date(2026, 12, 6), RAAD_17_DEC)
    scheduled = {s.key: route.scheduled(s) for s in route.steps}
    assert route.feasible
    assert scheduled["collegebesluit"] == date(2026, 11, 24) and scheduled["raad"] == date(2026, 12, 17)
    assert scheduled["inwerkingtreding"] == TARGET
    college = next(s for s in route.steps if s.key == "collegebesluit")
    assert college.done and college.fixed
    concept = route.steps[0]
    assert concept.done and not concept.fixed           # before a step that is done: done too, date not known


def test_skipping_steps_and_zero_weeks_gives_the_next_meetings_and_the_day_after():
    """Nothing done yet, optional steps skipped, 0 weeks everywhere: the next college, the next raad, publication
    the day after and entry into force the day after that."""
    route = plan_route(FULL, SKIP_ALL_ZERO, date(2026, 12, 1), date(2026, 12, 6), RAAD_17_DEC)
    earliest = {s.key: s.earliest for s in route.steps}
    assert earliest == {"ambtelijk_concept": date(2026, 12, 6), "collegebesluit": date(2026, 12, 8),
                        "raad": date(2026, 12, 17), "publicatie": date(2026, 12, 18),
                        "inwerkingtreding": date(2026, 12, 19)}
    assert not route.feasible and route.earliest_entry == date(2026, 12, 19)
    # with 1 January as target it fits, and the schedule keeps the raad of 17 December
    route = plan_route(FULL, SKIP_ALL_ZERO, TARGET, date(2026, 12, 6), RAAD_17_DEC)
    assert route.feasible and {s.key: route.scheduled(s) for s in route.steps}["raad"] == date(2026, 12, 17)


def test_a_step_fixed_on_a_future_date_is_kept_and_the_steps_after_it_count_from_it():
    settings = {"raad": StepSetting(weeks=2, day=date(2027, 2, 4))}
    route = plan_route(FULL, settings, TARGET, date(2026, 12, 6), RAAD_17_DEC)
    raad = next(s for s in route.steps if s.key == "raad")
    assert raad.earliest == raad.latest == date(2027, 2, 4) and raad.fixed and not raad.done
    assert not route.feasible and route.earliest_entry == date(2027, 2, 12)   # a week to publish, then the day after
