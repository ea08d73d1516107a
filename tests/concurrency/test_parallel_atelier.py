"""Joining a leeratelier at the same moment, against the real app under gunicorn: a link lets one organisation in, and
an organisation with two links takes part once."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AtelierParticipant
from app.services.atelier import ateliers
from tests import helpers
from tests.live import at_once, run_live_server

pytestmark = pytest.mark.live
TEAMS = 12


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """An atelier with one open link for TEAMS beheerders, and one organisation holding two links of another atelier."""
    ids = {}

    def seed():
        fien = helpers.make_user("fien@atelier.nl", "Fien Facilitator")
        shared = ateliers.create_atelier("Een link", fien)
        ids["link"] = ateliers.create_invitation(shared, "", fien).token
        for i in range(TEAMS):
            bea = helpers.make_user(f"bea{i:02d}@dorp.nl", f"Bea {i}")
            ids.setdefault("plans", []).append(helpers.make_plan(helpers.make_organisation(f"Dorp {i}", bea)).id)
        twice = ateliers.create_atelier("Twee links", fien)
        ids["twice"], ids["two_links"] = twice.id, [ateliers.create_invitation(twice, "", fien).token
                                                    for _ in range(2)]
        db.session.commit()
        ids["shared"] = shared.id

    generator = run_live_server(tmp_path_factory.mktemp("live"))
    live = next(generator)(seed)
    live.ids = ids
    yield live
    generator.close()


def _open(server, email, path):
    browser = server.browser()
    browser.login(email)
    page = browser.get(path)
    assert "Wat de anderen zien" in page.body, page.body[:300]
    return browser, browser.csrf_token(page)


def test_one_link_used_by_twelve_organisations_at_once_lets_one_in(server):
    path = f"/leeratelier/uitnodiging/{server.ids['link']}"
    opened = at_once([lambda i=i: _open(server, f"bea{i:02d}@dorp.nl", path) for i in range(TEAMS)])
    replies = at_once([lambda b=b, t=t, p=p: b.post(path, {"csrf_token": t, "plan": str(p)})
                       for (b, t), p in zip(opened, server.ids["plans"])])
    assert [r.status for r in replies].count(302) == 1
    refused = [r for r in replies if r.status != 302]
    # Refused before or at the conditional UPDATE: either way the page says the link no longer works.
    assert all(r.status in (404, 422) and "al gebruikt" in r.body for r in refused), [r.status for r in refused]
    with server.app.app_context():
        assert db.session.scalar(select(func.count(AtelierParticipant.id))
                                 .where(AtelierParticipant.atelier_id == server.ids["shared"])) == 1


def test_one_organisation_with_two_links_at_once_takes_part_once(server):
    email, plan = "bea00@dorp.nl", server.ids["plans"][0]
    paths = [f"/leeratelier/uitnodiging/{t}" for t in server.ids["two_links"]]
    opened = at_once([lambda p=p: _open(server, email, p) for p in paths])
    replies = at_once([lambda b=b, t=t, p=p: b.post(p, {"csrf_token": t, "plan": str(plan)})
                       for (b, t), p in zip(opened, paths)])
    assert sorted(r.status for r in replies)[0] == 302
    assert all(r.status < 500 for r in replies)
    with server.app.app_context():
        assert db.session.scalar(select(func.count(AtelierParticipant.id))
                                 .where(AtelierParticipant.atelier_id == server.ids["twice"])) == 1
