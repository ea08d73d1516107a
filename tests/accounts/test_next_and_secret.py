"""Where login sends you afterwards (never to another site, never a 500), and no start without a SECRET_KEY."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from config import check_secret_key
from tests import helpers
from tests.helpers import PASSWORD, post_form

ROOT = Path(__file__).resolve().parents[2]

# Values a crafted link could carry in ?next=. A browser drops tabs and newlines from a URL and reads "\" as "/",
# so several of these would leave the site if passed on as they are.
HOSTILE = [
    "https://kwaadaardig.example/", "//kwaadaardig.example/", "/\t/kwaadaardig.example", "/\n/kwaadaardig.example",
    "/\r\n/kwaadaardig.example", "\t//kwaadaardig.example", "/\\kwaadaardig.example", "\\\\kwaadaardig.example",
    "/\\/kwaadaardig.example", "\\/kwaadaardig.example", "https:kwaadaardig.example", "http:/kwaadaardig.example",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,hoi", " //kwaadaardig.example",
    "kwaadaardig.example", "/\x00/kwaadaardig.example", "/plannen\nSet-Cookie: x=1", "/\x7f/kwaadaardig.example",
    "///kwaadaardig.example",
]


@pytest.mark.parametrize("target", HOSTILE, ids=[repr(t) for t in HOSTILE])
def test_login_never_follows_a_next_link_off_the_site(app, browser, target):
    helpers.make_user("lea@gemeente.nl")
    client = browser()
    response = post_form(client, f"/inloggen?next={quote(target, safe='')}",
                         {"email": "lea@gemeente.nl", "password": PASSWORD}, token_from="/inloggen")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_literal_tab_link_from_the_issue_stays_on_the_site(app, browser):
    helpers.make_user("lea@gemeente.nl")
    client = browser()
    response = post_form(client, "/inloggen?next=/%09/evil.example", {"email": "lea@gemeente.nl",
                                                                     "password": PASSWORD}, token_from="/inloggen")
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/account", "/plannen/1/stap/2?x=1#vraag", "/organisaties/1/team"])
def test_login_follows_a_local_next_link(app, browser, target):
    helpers.make_user("lea@gemeente.nl")
    client = browser()
    response = post_form(client, f"/inloggen?next={quote(target, safe='')}",
                         {"email": "lea@gemeente.nl", "password": PASSWORD}, token_from="/inloggen")
    assert response.headers["Location"] == target


def _start(env_changes: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "FLASK_DEBUG")}
    env.update(env_changes)
    return subprocess.run([sys.executable, "-c", "from app import create_app; create_app()"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    result = _start({})
    assert result.returncode != 0
    assert "SECRET_KEY ontbreekt" in result.stderr and "omgevingsvariabele SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr  # a message for the person who starts it, not a stack trace


def test_production_starts_with_secret_key():
    result = _start({"SECRET_KEY": "een-lange-willekeurige-waarde-voor-de-test"})
    assert result.returncode == 0, result.stderr


def test_debug_mode_keeps_a_key_in_the_instance_folder(tmp_path):
    config = {"SECRET_KEY": None, "DEBUG": True}
    check_secret_key(config, str(tmp_path))
    assert len(config["SECRET_KEY"]) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by its owner only
    again = {"SECRET_KEY": None, "DEBUG": True}
    check_secret_key(again, str(tmp_path))
    assert again["SECRET_KEY"] == config["SECRET_KEY"]  # logins survive a restart
    with pytest.raises(SystemExit, match="SECRET_KEY"):
        check_secret_key({"SECRET_KEY": None, "DEBUG": False}, str(tmp_path))
