"""The one access rule, as a module: every action for every role, outsiders, anonymous visitors, every kind of
target, and an organisation that requires a second factor."""
from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from app.extensions import db
from app import content
from app.models import Comment, Invitation, PlanSnapshot, Role, User
from app.services.core import access
from app.services.core.access import RIGHTS, AccessDenied, Action, SecondFactorRequired, can, require
from tests import helpers

# What each role may do, written out once more by hand: a change to RIGHTS must be a deliberate change here too.
EXPECTED = {
    "beheerder": {"view", "edit", "comment", "review", "download", "manage", "audit", "delete", "adopt",
                  "handle_requests"},
    "redacteur": {"view", "edit", "comment", "download", "handle_requests"},
    "jurist": {"view", "comment", "review", "download", "adopt", "handle_requests"},
    "meelezer": {"view"},  # not the loket's requests: they hold residents' personal data
}


@pytest.fixture()
def world(app):
    users = {role: helpers.make_user(f"{role}@a.nl") for role in EXPECTED}
    organisation = helpers.make_organisation("Aadorp", users["beheerder"], "beheerder")
    for role in ("redacteur", "jurist", "meelezer"):
        helpers.add_member(organisation, users[role], role)
    outsider = helpers.make_user("beheerder@b.nl")
    helpers.make_organisation("Beestad", outsider, "beheerder")
    plan = helpers.make_plan(organisation)
    comment = Comment(plan_id=plan.id, target="step:1", body="x", author_id=users["jurist"].id)
    snapshot = PlanSnapshot(plan_id=plan.id, name="v1", data={})
    invitation = Invitation(organisation_id=organisation.id, token="t", role="meelezer")
    db.session.add_all([comment, snapshot, invitation])
    db.session.commit()
    return users, outsider, organisation, plan, [organisation, plan, comment, snapshot, invitation,
                                                 users["redacteur"].memberships[0]]


def test_the_rights_table_is_what_the_team_page_promises():
    assert {role.value: {a.value for a, roles in RIGHTS.items() if role in roles} for role in Role} == EXPECTED
    assert set(access.ACTION_LABELS) == set(Action)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_every_action_on_every_kind_of_target(world, role):
    users, _outsider, _organisation, _plan, targets = world
    for target in targets:
        for action in Action:
            allowed = action.value in EXPECTED[role]
            assert can(users[role], action, target) is allowed, (role, action, type(target).__name__)
            if allowed:
                assert require(users[role], action, target) == Role(role)
            else:
                with pytest.raises(AccessDenied) as denied:
                    require(users[role], action, target)
                assert denied.value.hidden is False  # a member learns it is the role: 403


def test_outsiders_and_anonymous_visitors_learn_nothing(world):
    _users, outsider, _organisation, _plan, targets = world
    for who in (outsider, AnonymousUserMixin(), None):
        for target in targets:
            for action in Action:
                assert not can(who, action, target)
                with pytest.raises(AccessDenied) as denied:
                    require(who, action, target)
                assert denied.value.hidden is True  # 404: the target might as well not exist
    assert not can(world[0]["beheerder"], Action.VIEW, None)


def test_a_target_without_a_rule_is_a_programming_error(world):
    with pytest.raises(TypeError, match="no access rule for str"):
        can(world[0]["beheerder"], Action.VIEW, "plan:1")


def test_an_organisation_that_requires_a_second_factor_is_closed_without_one(world):
    users, _outsider, organisation, plan, _targets = world
    organisation.require_second_factor = True
    db.session.commit()
    with pytest.raises(SecondFactorRequired):
        require(users["redacteur"], Action.VIEW, plan)
    assert not can(users["redacteur"], Action.VIEW, plan)
    users["redacteur"].totp_secret = "JBSWY3DPEHPK3PXP"
    db.session.commit()
    assert can(users["redacteur"], Action.EDIT, plan)


def test_organisations_where_lists_only_those_with_the_right(world):
    users, outsider, organisation, _plan, _targets = world
    assert access.organisations_where(users["redacteur"], Action.EDIT) == [organisation]
    assert access.organisations_where(users["meelezer"], Action.EDIT) == []
    assert [m.name for m in access.organisations_where(outsider, Action.EDIT)] == ["Beestad"]


def test_the_operator_may_do_everything_and_the_public_only_answer_and_sign_in(world):
    """The command line and the demo act as access.SYSTEM; a resident on a public page as access.PUBLIC."""
    _users, _outsider, _organisation, _plan, targets = world
    for target in [*targets, None]:
        for action in Action:
            assert can(access.SYSTEM, action, target), (action, type(target).__name__)
            assert can(access.PUBLIC, action, target) is (action is Action.SIGN_IN), action  # nothing to answer here
    with pytest.raises(AccessDenied) as denied:
        require(access.PUBLIC, Action.VIEW, world[3])
    assert denied.value.hidden is True


def test_an_account_is_its_owners_alone(world):
    users = world[0]
    me, colleague = users["redacteur"], users["beheerder"]
    assert can(me, Action.OWN_ACCOUNT, me) and can(me, Action.SIGN_IN, me)
    assert not can(colleague, Action.OWN_ACCOUNT, me)  # the beheerder of the same organisation neither
    assert not can(me, Action.VIEW, me) and not can(me, Action.MANAGE, me)
    assert not can(access.PUBLIC, Action.OWN_ACCOUNT, me) and can(access.PUBLIC, Action.SIGN_IN, me)


def test_the_public_answers_only_what_is_open_to_it(world):
    """A resident may answer an open survey, file at the loket of an adopted version and support an undecided
    burgerinitiatief; not a closed survey, not a decided initiative, and nothing else (the review of issue 17)."""
    from datetime import date

    from app.models import Project, Survey
    from app.services.loket import requests as loket
    from app.services.plans import plans

    users, _outsider, organisation, plan, _targets = world
    project = Project(organisation_id=organisation.id, name="Het plein", domain="ruimte")
    db.session.add(project)
    db.session.flush()
    survey = Survey(project_id=project.id, token="open-vragenlijst")
    db.session.add(survey)
    snapshot = plans.take_snapshot(plan, "Vastgesteld", users["beheerder"])
    version, _filed, initiative = helpers.make_loket(plan, snapshot, users["beheerder"])
    db.session.flush()
    assert can(access.PUBLIC, Action.RESPOND, survey)
    assert can(access.PUBLIC, Action.RESPOND, version)
    assert can(access.PUBLIC, Action.RESPOND, initiative)
    survey.is_open = False
    initiative.status = "besloten"
    assert not can(access.PUBLIC, Action.RESPOND, survey)
    assert not can(access.PUBLIC, Action.RESPOND, initiative)
    with pytest.raises(AccessDenied):  # filed on a day before the version came into force
        loket.submit(version, loket.rights_for(version, content.handreiking())["uitdaagrecht"], "Het plantsoen",
                     {"taak": "Het plantsoen"}, name="Rosa", address="Laan 1", email="rosa@example.nl", uploads=[],
                     today=date(2025, 12, 31), by=access.PUBLIC)


def test_an_account_not_yet_saved_is_nobodys(world):
    assert not can(AnonymousUserMixin(), Action.OWN_ACCOUNT, User(email="nieuw@example.nl"))
    assert not can(None, Action.SIGN_IN, User(email="nieuw@example.nl"))


def test_a_version_of_another_plan_is_not_restored_into_this_one(world):
    from app.services.plans import plans

    users, _outsider, organisation, plan, _targets = world
    other = helpers.make_plan(organisation, "Een ander plan")
    theirs = plans.take_snapshot(other, "Van het andere plan", users["beheerder"])
    db.session.flush()
    with pytest.raises(AccessDenied):
        plans.restore_snapshot(plan, theirs, by=users["beheerder"])
