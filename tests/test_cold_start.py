"""A cold start (bench/cold_start.py) builds the app without what only some requests or commands need: Alembic
(flask db), zxcvbn (setting a password), Authlib, joserfc, cryptography and requests (single sign-on), holidays (the
loket's periods). The `flask db` commands still work, importing Flask-Migrate when used."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


LATER = ('alembic', 'flask_migrate', 'zxcvbn', 'authlib', 'joserfc', 'cryptography', 'requests', 'holidays')


def test_building_the_app_does_not_import_what_only_some_requests_need():
    code = ("import sys; from app import create_app; from config import TestConfig; create_app(TestConfig); "
            f"print(sorted(m for m in {LATER!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout


def test_the_flask_db_commands_still_work(app):
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["db", "--help"])
    assert listed.exit_code == 0 and "upgrade" in listed.output and "downgrade" in listed.output
    heads = runner.invoke(args=["db", "heads"])
    assert heads.exit_code == 0 and heads.exception is None, heads.output
    assert app.extensions["migrate"].directory == str(ROOT / "migrations")  # the real Flask-Migrate config by now
    assert app.extensions["migrate"].configure_args["render_as_batch"] is True
