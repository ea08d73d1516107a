"""The login limit holds across gunicorn workers: the counts live in the database all workers share."""
import pytest

from tests import helpers
from tests.live import at_once

pytestmark = pytest.mark.live
ATTEMPTS = 40


def test_forty_parallel_logins_from_one_address_let_ten_through(live_server):
    server = live_server(lambda: helpers.make_user("bea@aadorp.nl", "Bea Beheerder"),
                         extra_env={"LOGIN_RATE_LIMIT": "10 per minute"})

    def open_login(_i):
        browser = server.browser()
        return browser, browser.csrf_token(browser.get("/inloggen"))

    opened = at_once([lambda i=i: open_login(i) for i in range(ATTEMPTS)])
    replies = at_once([lambda b=b, t=t: b.post("/inloggen", {"email": "bea@aadorp.nl", "password": "fout-fout-fout",
                                                              "csrf_token": t}) for b, t in opened])
    statuses = sorted(r.status for r in replies)
    assert statuses.count(429) == ATTEMPTS - 10, statuses
    assert statuses.count(200) == 10  # the form again, with "combinatie ... onbekend"
    assert all("Te veel pogingen" in r.body for r in replies if r.status == 429)
