"""Team changes at the same moment, against the real app under gunicorn: a link works once, an organisation keeps a
beheerder, and role changes fired together are decided one by one."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Invitation, Membership
from tests import helpers
from tests.live import at_once, run_live_server

pytestmark = pytest.mark.live
GUESTS = 20
TRIES = 6


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for this module: organisation Aadorp with an open invitation link, 20 guests without an organisation,
    and TRIES organisations each with two beheerders."""
    ids = {}

    def seed():
        bea = helpers.make_user("bea@aadorp.nl", "Bea Beheerder")
        aadorp = helpers.make_organisation("Aadorp", bea, "beheerder")
        invite = Invitation(organisation_id=aadorp.id, token="een-link-voor-een-persoon", role="redacteur",
                            created_by_id=bea.id)
        db.session.add(invite)
        for i in range(GUESTS):
            helpers.make_user(f"gast{i:02d}@elders.nl", f"Gast {i}")
        ids["aadorp"], ids["pairs"] = aadorp.id, []
        for t in range(TRIES):
            a = helpers.make_user(f"a{t}@duo.nl", f"Anne {t}")
            b = helpers.make_user(f"b{t}@duo.nl", f"Bert {t}")
            organisation = helpers.make_organisation(f"Duo {t}", a, "beheerder")
            helpers.add_member(organisation, b, "beheerder")
            ids["pairs"].append(organisation.id)

    generator = run_live_server(tmp_path_factory.mktemp("live"))
    live = next(generator)(seed)
    live.ids = ids
    yield live
    generator.close()


def test_one_invitation_link_used_by_twenty_people_at_once_lets_one_in(server):
    link = "/uitnodiging/een-link-voor-een-persoon"

    def open_link(i):
        browser = server.browser()
        browser.login(f"gast{i:02d}@elders.nl")
        page = browser.get(link)
        assert "U bent uitgenodigd" in page.body
        return browser, browser.csrf_token(page)

    opened = at_once([lambda i=i: open_link(i) for i in range(GUESTS)])
    at_once([lambda b=b, t=t: b.post(link, {"csrf_token": t}) for b, t in opened])
    welcomed = [b for b, _t in opened if "U bent nu lid van gemeente Aadorp." in b.get("/").body]
    assert len(welcomed) == 1
    with server.app.app_context():
        members = db.session.scalar(select(func.count(Membership.id))
                                    .where(Membership.organisation_id == server.ids["aadorp"]))
        assert members == 2  # Bea and exactly one guest


def test_two_beheerders_demoting_each_other_at_once_leave_one_beheerder(server):
    outcomes = []
    for t, organisation_id in enumerate(server.ids["pairs"]):
        team_url = f"/organisaties/{organisation_id}/team"
        with server.app.app_context():
            ms = {m.user.email: m.id
                  for m in db.session.scalars(select(Membership).where(Membership.organisation_id == organisation_id))}
        calls = []
        for me, other in ((f"a{t}@duo.nl", f"b{t}@duo.nl"), (f"b{t}@duo.nl", f"a{t}@duo.nl")):
            browser = server.browser()
            browser.login(me)
            token = browser.csrf_token(browser.get(team_url))
            calls.append(lambda b=browser, m=ms[other], tok=token: b.post(
                f"/organisaties/{organisation_id}/leden/{m}/rol", {"csrf_token": tok, "role": "redacteur"}))
        at_once(calls)
        with server.app.app_context():
            roles = sorted(db.session.scalars(select(Membership.role)
                                              .where(Membership.organisation_id == organisation_id)))
        outcomes.append(roles)
    assert outcomes == [["beheerder", "redacteur"]] * TRIES
