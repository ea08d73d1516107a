"""Sharing in a leeratelier: the default, who sees what (group, atelier, nobody), stopping, and the access rule."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
from flask_login import AnonymousUserMixin

from app import content
from app.extensions import db
from app.models.atelier import Capacity, ShareScope
from app.services.plans import plans
from app.services.core.access import AccessDenied, Action, can, require
from app.services.atelier import ateliers, sharing
from app.services.atelier.ateliers import AtelierError
from tests import helpers

NOW = datetime(2027, 3, 20, 12, 0)


def _team(town):
    user = helpers.make_user(f"bea@{town.lower()}.nl", f"Bea {town}")
    organisation = helpers.make_organisation(town, user, "beheerder")
    plan = helpers.make_plan(organisation, f"Plan {town}")
    plans.save_step(plan, 1, {"participatie_definitie": f"Definitie van {town}."}, user, None)
    plans.save_step(plan, 4, {"wie_beslist": "standaard_tenzij"}, user, None)
    return user, organisation, plan


@pytest.fixture()
def atelier(app):
    """Round 1 started on 14 March 2027, round 2 not yet. Lindehoven and Zeedorp at table 1, Aadorp at table 2."""
    facilitator = helpers.make_user("fien@atelier.nl", "Fien Facilitator")
    atelier = ateliers.create_atelier("Leeratelier", facilitator)
    atelier.round(1).date, atelier.round(1).start_time = date(2027, 3, 14), time(9, 0)
    atelier.round(2).date = date(2027, 4, 11)
    teams, participants = {}, {}
    for town in ("Lindehoven", "Zeedorp", "Aadorp"):
        user, organisation, plan = _team(town)
        teams[town] = user
        link = ateliers.create_invitation(atelier, town, facilitator)
        participants[town] = ateliers.join(link.token, plan, user)
    t1, t2 = (ateliers.add_group(atelier, 1, n, facilitator) for n in ("Tafel 1", "Tafel 2"))
    ateliers.seat(atelier, 1, {participants["Lindehoven"].id: t1.id, participants["Zeedorp"].id: t1.id,
                               participants["Aadorp"].id: t2.id}, facilitator)
    db.session.commit()
    return atelier, facilitator, teams, participants


def _who_shows(viewer, atelier, number=1):
    return {(qa.question.key, a.name) for qa in sharing.shared_answers(viewer, atelier, number,
                                                                      content.handreiking(), NOW)
            for a in qa.answers}


def test_by_default_the_steps_of_started_rounds_are_shared_with_the_group(atelier):
    a, facilitator, teams, participants = atelier
    scopes = sharing.scopes(participants["Lindehoven"], content.handreiking(), NOW)
    assert [n for n, s in scopes.items() if s == ShareScope.GROUP] == [1, 2, 3]
    assert scopes[4] == ShareScope.NOBODY  # round 2 has not started
    assert [s.number for s in sharing.default_shared_steps(a, content.handreiking(), NOW)] == [1, 2, 3]


def test_a_participant_sees_its_table_and_never_its_own_answers(atelier):
    a, facilitator, teams, _participants = atelier
    assert _who_shows(teams["Lindehoven"], a) == {("participatie_definitie", "gemeente Zeedorp")}
    assert _who_shows(teams["Aadorp"], a) == set()  # alone at table 2
    assert _who_shows(facilitator, a) == {("participatie_definitie", f"gemeente {t}")
                                          for t in ("Lindehoven", "Zeedorp", "Aadorp")}


def test_sharing_with_the_whole_atelier_reaches_other_tables(atelier):
    a, _facilitator, teams, participants = atelier
    sharing.set_scopes(participants["Lindehoven"], {1: "atelier"}, content.handreiking(), teams["Lindehoven"], NOW)
    db.session.commit()
    assert _who_shows(teams["Aadorp"], a) == {("participatie_definitie", "gemeente Lindehoven")}


def test_a_step_of_a_round_not_started_is_shared_only_when_chosen(atelier):
    a, _facilitator, teams, participants = atelier
    assert _who_shows(teams["Zeedorp"], a, 2) == set()
    sharing.set_scopes(participants["Lindehoven"], {4: "atelier"}, content.handreiking(), teams["Lindehoven"], NOW)
    db.session.commit()
    assert _who_shows(teams["Zeedorp"], a, 2) == {("wie_beslist", "gemeente Lindehoven")}


def test_stop_sharing_hides_everything_at_once_and_is_audited(atelier):
    a, facilitator, teams, participants = atelier
    changed = sharing.stop_sharing(participants["Zeedorp"], content.handreiking(), teams["Zeedorp"], NOW)
    db.session.commit()
    assert set(changed) == {1, 2, 3}
    assert _who_shows(teams["Lindehoven"], a) == set()
    assert ("participatie_definitie", "gemeente Zeedorp") not in _who_shows(facilitator, a)


def test_only_the_organisations_beheerder_changes_its_sharing(atelier):
    a, facilitator, teams, participants = atelier
    for who in (facilitator, teams["Lindehoven"]):
        with pytest.raises(AccessDenied):
            sharing.set_scopes(participants["Zeedorp"], {1: "niemand"}, content.handreiking(), who, NOW)
    with pytest.raises(AtelierError):
        sharing.set_scopes(participants["Zeedorp"], {1: "iedereen"}, content.handreiking(), teams["Zeedorp"], NOW)


def test_moving_an_organisation_to_another_table_changes_what_it_sees(atelier):
    a, facilitator, teams, participants = atelier
    t2 = next(g for g in a.groups if g.name == "Tafel 2")
    ateliers.seat(a, 1, {participants["Lindehoven"].id: t2.id, participants["Aadorp"].id: t2.id,
                         participants["Zeedorp"].id: None}, facilitator)
    db.session.commit()
    assert _who_shows(teams["Lindehoven"], a) == {("participatie_definitie", "gemeente Aadorp")}
    assert _who_shows(teams["Zeedorp"], a) == set()


def test_the_access_rule_for_an_atelier(atelier):
    a, facilitator, teams, participants = atelier
    outsider = helpers.make_user("bob@elders.nl")
    helpers.make_organisation("Elders", outsider, "beheerder")
    assert require(facilitator, Action.FACILITATE, a) in (Capacity.ORGANISER, Capacity.FACILITATOR)
    assert can(teams["Lindehoven"], Action.PARTICIPATE, a) and not can(teams["Lindehoven"], Action.FACILITATE, a)
    with pytest.raises(AccessDenied) as denied:
        require(teams["Lindehoven"], Action.FACILITATE, a.round(1))
    assert denied.value.hidden is False
    for who in (outsider, AnonymousUserMixin(), None):
        for target in (a, a.round(1), a.groups[0]):
            with pytest.raises(AccessDenied) as denied:
                require(who, Action.PARTICIPATE, target)
            assert denied.value.hidden is True
        with pytest.raises(AccessDenied):
            sharing.shared_answers(who, a, 1, content.handreiking(), NOW)
    # The facilitator never reaches a municipality's plan.
    assert not can(facilitator, Action.EDIT, participants["Zeedorp"].plan)
    assert not can(facilitator, Action.VIEW, participants["Zeedorp"].plan)


def test_a_link_works_once_and_an_organisation_joins_once(atelier):
    a, facilitator, teams, participants = atelier
    link = ateliers.create_invitation(a, "", facilitator)
    user = teams["Lindehoven"]
    with pytest.raises(AtelierError, match="doet al mee"):
        ateliers.join(link.token, participants["Lindehoven"].plan, user)
    newcomer, _organisation, plan = _team("Nieuwdorp")
    ateliers.join(link.token, plan, newcomer)
    other, _m, other_plan = _team("Laatdorp")
    with pytest.raises(AtelierError, match="al gebruikt"):
        ateliers.join(link.token, other_plan, other)
    db.session.rollback()
