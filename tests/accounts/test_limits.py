"""Rate limits that hold across workers: per IP and per typed address, counted in the app's database."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

from limits import parse
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import create_engine, select

from app.extensions import db, limiter
from app.models import RateLimitCounter
from app.services.core.rate_limits import DatabaseStorage
from config import BASE_DIR
from tests import helpers
from tests.helpers import PASSWORD, csrf_token, text_of


def _post(client, url: str, data: dict, ip: str):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, url)}, environ_base={"REMOTE_ADDR": ip})


def _login(client, email: str, password: str, ip: str):
    return _post(client, "/inloggen", {"email": email, "password": password}, ip)


def test_the_limiter_counts_in_the_database(app):
    assert isinstance(limiter.storage, DatabaseStorage)


def test_login_is_limited_per_account_even_when_the_ip_changes(app, browser):
    helpers.make_user("lea@gemeente.nl")
    client = browser()
    for n in range(5):  # TestConfig: 5 per minute per typed address
        assert _login(client, " LEA@gemeente.nl", "fout-wachtwoord", f"10.0.0.{n}").status_code == 200
    response = _login(client, "lea@gemeente.nl", PASSWORD, "10.0.1.1")
    assert response.status_code == 429
    assert "Te veel pogingen" in text_of(response) and "Wacht een minuut en probeer het opnieuw." in text_of(response)
    assert client.get("/account").status_code == 302  # even the right password did not log in
    # Another account from that address is not affected.
    helpers.make_user("kim@gemeente.nl")
    assert _login(client, "kim@gemeente.nl", PASSWORD, "10.0.1.1").status_code == 302


def test_login_is_limited_per_ip_over_many_accounts(app, browser):
    client = browser()
    for n in range(5):  # TestConfig: 5 per minute per address
        assert _login(client, f"gok{n}@gemeente.nl", "fout-wachtwoord", "10.0.0.9").status_code == 200
    assert _login(client, "gok9@gemeente.nl", "fout-wachtwoord", "10.0.0.9").status_code == 429
    assert _login(client, "gok9@gemeente.nl", "fout-wachtwoord", "10.0.0.10").status_code == 200


def test_sign_up_is_limited_per_ip(app, browser):
    client = browser()
    data = {"name": "Nina", "email": "", "password": PASSWORD, "confirm": PASSWORD}
    for n in range(5):
        assert _post(client, "/registreren", {**data, "email": f"n{n}@gemeente.nl"}, "10.0.0.7").status_code == 302
    response = _post(client, "/registreren", {**data, "email": "n9@gemeente.nl"}, "10.0.0.7")
    assert response.status_code == 429 and "Te veel pogingen" in text_of(response)
    assert _post(client, "/registreren", {**data, "email": "n9@gemeente.nl"}, "10.0.0.8").status_code == 302


def test_password_reset_is_limited_per_ip_and_per_address(app, browser):
    client = browser()
    for n in range(3):  # TestConfig: 3 per minute per typed address, 5 per IP
        assert _post(client, "/wachtwoord-vergeten", {"email": "lea@gemeente.nl"}, f"10.0.2.{n}").status_code == 302
    assert _post(client, "/wachtwoord-vergeten", {"email": "lea@gemeente.nl"}, "10.0.2.9").status_code == 429
    for n in range(5):
        assert _post(client, "/wachtwoord-vergeten", {"email": f"x{n}@a.nl"}, "10.0.3.1").status_code == 302
    assert _post(client, "/wachtwoord-vergeten", {"email": "y@a.nl"}, "10.0.3.1").status_code == 429



def test_typing_errors_do_not_use_up_the_reset_and_sign_up_limits(app, browser):
    client = browser()
    for _ in range(6):  # TestConfig: 5 per minute per IP; a form sent back with an error sends no mail
        assert _post(client, "/wachtwoord-vergeten", {"email": "geen-adres"}, "10.0.4.1").status_code == 200
        assert _post(client, "/registreren", {"name": "", "email": "x@a.nl"}, "10.0.4.1").status_code == 200
    response = _post(client, "/wachtwoord-vergeten", {"email": "lea@gemeente.nl"}, "10.0.4.1")
    assert response.status_code == 302
    response = _post(client, "/registreren", {"name": "Nina", "email": "nina@gemeente.nl", "password": PASSWORD,
                                              "confirm": PASSWORD}, "10.0.4.1")
    assert response.status_code == 302

# --- the storage ------------------------------------------------------------------------------------

_WORKER = """
import json, sys
from app import create_app
from config import TestConfig
from tests.helpers import csrf_token
config = type("Worker", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": sys.argv[1]})
client = create_app(config).test_client()
statuses = []
for _ in range(int(sys.argv[2])):
    token = csrf_token(client)
    statuses.append(client.post("/inloggen", data={"email": "lea@gemeente.nl", "password": "fout-wachtwoord",
                                                   "csrf_token": token}).status_code)
print(json.dumps(statuses))
"""


def test_two_workers_on_one_database_together_allow_exactly_the_limit(worker_app, shared_db_url):
    """This process is one worker, a second Python process on the same database is the other."""
    helpers.make_user("lea@gemeente.nl")
    client = worker_app.test_client()
    here = [_login(client, "lea@gemeente.nl", "fout-wachtwoord", "127.0.0.1").status_code for _ in range(3)]
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    other = subprocess.run([sys.executable, "-c", _WORKER, shared_db_url, "4"], cwd=BASE_DIR, env=env,
                           capture_output=True, text=True, timeout=120)
    assert other.returncode == 0, other.stderr[-2000:]
    there = json.loads(other.stdout.strip().splitlines()[-1])
    assert here == [200, 200, 200]
    assert there == [200, 200, 429, 429]  # 5 per minute in all, not 5 per worker


def test_parallel_hits_from_separate_connections_never_exceed_the_limit(worker_app, shared_db_url):
    engines = [create_engine(shared_db_url) for _ in range(2)]
    storages = [DatabaseStorage(engine=engine) for engine in engines]
    item, allowed, start = parse("7 per minute"), [], threading.Barrier(20)

    def hit(n: int) -> None:
        start.wait()
        if FixedWindowRateLimiter(storages[n % 2]).hit(item, "parallel"):
            allowed.append(n)

    threads = [threading.Thread(target=hit, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 7
    assert storages[0].get(item.key_for("parallel")) == 20
    for engine in engines:
        engine.dispose()


def test_a_rolled_back_request_still_counts_and_old_counters_go(worker_app):
    storage = DatabaseStorage()
    db.session.add(RateLimitCounter(key="verlopen", count=3, expires_at=time.time() - 5))
    db.session.commit()
    # As in a request: the limiter counts before the view runs; the view's work is then rolled back.
    assert storage.incr("poging", 60) == 1
    db.session.add(RateLimitCounter(key="wordt-teruggedraaid", count=1, expires_at=time.time() + 60))
    db.session.flush()
    db.session.rollback()
    assert storage.get("poging") == 1 and storage.incr("poging", 60) == 2
    keys = set(db.session.scalars(select(RateLimitCounter.key)))
    assert keys == {"poging"}  # the expired counter was removed on the way, the rolled-back one never existed


def test_an_expired_window_starts_again(worker_app):
    storage = DatabaseStorage()
    assert storage.incr("kort", 1) == 1 and storage.incr("kort", 1) == 2
    time.sleep(1.1)
    assert storage.get("kort") == 0 and storage.incr("kort", 1) == 1
    assert storage.incr("x" * 400, 60) == 1 and storage.get("x" * 400) == 1  # long keys are stored as a hash


# --- a stranger cannot lock the owner out (issue 19) --------------------------------------------------

def test_wrong_tries_from_many_addresses_leave_the_owner_able_to_log_in_from_their_device(app, browser):
    helpers.make_user("lea@gemeente.nl")
    owner, stranger, new_device = browser(), browser(), browser()
    assert _login(owner, "lea@gemeente.nl", PASSWORD, "10.0.5.1").status_code == 302  # marks the owner's device
    owner.post("/uitloggen", data={"csrf_token": csrf_token(owner, "/account")})
    for n in range(10):  # TestConfig: 5 per minute per typed address; ten addresses, so the per-IP limit is not hit
        assert _login(stranger, "lea@gemeente.nl", "fout-wachtwoord", f"10.0.6.{n}").status_code in (200, 429)
    response = _login(owner, "lea@gemeente.nl", PASSWORD, "10.0.5.1")
    assert response.status_code == 302 and owner.get("/account").status_code == 200
    # A device that never logged in to this account is still held by the account's limit, even with the password.
    assert _login(new_device, "lea@gemeente.nl", PASSWORD, "10.0.5.2").status_code == 429


def test_right_passwords_never_use_up_the_account_limit(app, browser):
    helpers.make_user("lea@gemeente.nl")
    for n in range(8):  # more than the 5 per minute; each from a new device without the cookie
        assert _login(browser(), "lea@gemeente.nl", PASSWORD, f"10.0.7.{n}").status_code == 302


def test_a_forged_device_cookie_exempts_nothing(app, browser):
    from itsdangerous import URLSafeTimedSerializer

    from app.accounts import limits
    helpers.make_user("lea@gemeente.nl")
    stranger, forger = browser(), browser()
    for n in range(5):  # the account's own limit is used up
        _login(stranger, "lea@gemeente.nl", "fout-wachtwoord", f"10.0.8.{n}")
    with app.test_request_context():  # the right account mark, but signed with another key
        mark = limits._account_mark("lea@gemeente.nl")
    forged = URLSafeTimedSerializer("een-andere-sleutel", salt="login-device").dumps({"nonce": "x", "accounts": [mark]})
    forger.set_cookie("apparaat", forged)
    assert _login(forger, "lea@gemeente.nl", PASSWORD, "10.0.8.9").status_code == 429


def test_the_owners_device_has_a_limit_of_its_own(app, browser):
    helpers.make_user("lea@gemeente.nl")
    owner = browser()
    assert _login(owner, "lea@gemeente.nl", PASSWORD, "10.0.9.1").status_code == 302
    owner.post("/uitloggen", data={"csrf_token": csrf_token(owner, "/account")})
    for n in range(5):
        assert _login(owner, "lea@gemeente.nl", "fout-wachtwoord", f"10.0.9.{n + 2}").status_code == 200
    assert _login(owner, "lea@gemeente.nl", PASSWORD, "10.0.9.9").status_code == 429
