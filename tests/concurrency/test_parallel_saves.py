"""A team saving one step at the same moment, against the real app under gunicorn: one wins, nobody's work is lost."""
import pytest

from app.extensions import db
from app.models import PlanRevision, StepAnswer
from tests import helpers
from tests.live import at_once

USERS = 20
STEP = 7

pytestmark = pytest.mark.live


def _team_with_a_plan():
    """USERS people in one organisation (lid00 is the beheerder, the others redacteur) and its plan."""
    team = [helpers.make_user(f"lid{i:02d}@voorbeeld.nl", f"Teamlid {i}") for i in range(USERS)]
    organisation = helpers.make_organisation("Voorbeeld", team[0], "beheerder")
    for user in team[1:]:
        helpers.add_member(organisation, user, "redacteur")
    return helpers.make_plan(organisation)


def _open_at_once(server, url: str, version: int, answers):
    """Every team member logs in and opens the step at `version`; returns (browser, form data) per member."""
    def open_step(i):
        browser = server.browser()
        browser.login(f"lid{i:02d}@voorbeeld.nl")
        page = browser.get(url)
        assert f'name="base_version" value="{version}"' in page.body
        return browser, {"csrf_token": browser.csrf_token(page), "base_version": str(version), "then": "stay",
                         **answers(i)}
    return at_once([lambda i=i: open_step(i) for i in range(USERS)])


def test_twenty_parallel_saves_from_one_version_give_one_success_and_nineteen_conflicts(live_server):
    ids = {}

    def seed():
        plan = _team_with_a_plan()
        db.session.add(StepAnswer(plan=plan, step_number=STEP, version=3,
                                  answers={"evaluatie_termijn_jaren": 4, "leeractiviteiten": [{"wie": "Griffie"}]}))
        ids["plan"] = plan.id

    server = live_server(seed)
    url = f"/plannen/{ids['plan']}/stap/{STEP}"

    # Everyone opens step 7 at the same version, then changes the same question to a value of their own.
    forms = _open_at_once(server, url, 3, lambda i: {"q-evaluatie_termijn_jaren": "4", "q-leeractiviteiten-rows": "1",
                                                     "q-leeractiviteiten-0-wie": f"Werkgroep {i:02d}"})
    replies = at_once([lambda b=browser, f=form: b.post(url, f) for browser, form in forms])

    statuses = [r.status for r in replies]
    winners = [i for i, r in enumerate(replies) if r.status == 302]
    conflicts = [r for r in replies if r.status == 409 and f"{url}/samenvoegen" in r.body]
    assert (len(winners), len(conflicts)) == (1, USERS - 1), f"statussen: {sorted(statuses)}"
    with server.app.app_context():
        row = db.session.scalar(db.select(StepAnswer).where(StepAnswer.plan_id == ids["plan"],
                                                            StepAnswer.step_number == STEP))
        assert row.answers["leeractiviteiten"] == [{"wie": f"Werkgroep {winners[0]:02d}"}]
        assert row.version == 4
        # Exactly one change recorded: nothing that was reported as saved went missing.
        assert db.session.scalar(db.select(db.func.count(PlanRevision.id))
                                 .where(PlanRevision.plan_id == ids["plan"])) == 1


def test_twenty_parallel_first_saves_of_a_new_step_give_one_success(live_server):
    """No row for the step yet: the unique key (plan, step) decides, through INSERT ... ON CONFLICT DO NOTHING."""
    ids = {}

    def seed():
        ids["plan"] = _team_with_a_plan().id

    server = live_server(seed)
    url = f"/plannen/{ids['plan']}/stap/2"
    forms = _open_at_once(server, url, 0, lambda i: {"q-ambitie": f"Ambitie van teamlid {i:02d}"})
    replies = at_once([lambda b=browser, f=form: b.post(url, f) for browser, form in forms])
    statuses = sorted(r.status for r in replies)
    winners = [i for i, r in enumerate(replies) if r.status == 302]
    assert (len(winners), statuses.count(409)) == (1, USERS - 1), statuses
    with server.app.app_context():
        rows = db.session.scalars(db.select(StepAnswer).where(StepAnswer.plan_id == ids["plan"])).all()
        assert [(r.step_number, r.version, r.answers) for r in rows] == \
            [(2, 1, {"ambitie": f"Ambitie van teamlid {winners[0]:02d}"})]
        assert db.session.scalar(db.select(db.func.count(PlanRevision.id))
                                 .where(PlanRevision.plan_id == ids["plan"])) == 1
