"""Shared fixtures: an app on a fresh database, a client, and logged-in users per role."""
from __future__ import annotations

import os
import subprocess

import pytest

from tests import helpers
from tests.apps import SharedApp, fresh_app


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real Chromium (needs /usr/bin/chromium)")
    config.addinivalue_line("markers", "tool: needs an external program such as LibreOffice")
    config.addinivalue_line("markers", "live: starts the app under gunicorn with several workers (tests/live.py)")
    config.addinivalue_line("markers", "fresh_app(reason): the `app` fixture makes an app and schema for this test "
                                       "alone instead of a rolled-back transaction on the shared one (tests/apps.py)")


@pytest.fixture(scope="session")
def shared_app():
    """One app and schema for the whole run (see tests/apps.py); tests use it through `app`."""
    shared = SharedApp()
    yield shared
    shared.close()


@pytest.fixture()
def app(request):
    """The app inside its app context, on an empty database: the shared app with this test's work rolled back
    afterwards, or, for a test marked `fresh_app(reason)`, an app and schema of its own."""
    if request.node.get_closest_marker("fresh_app"):
        with fresh_app() as app:
            yield app
        return
    with request.getfixturevalue("shared_app").rolled_back() as app:
        yield app


@pytest.fixture()
def browser(app):
    """Make a new, separate browser: browser() -> test client with its own cookies."""
    return app.test_client


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def editor(app, client):
    """A redacteur... in fact the beheerder who created the organisation, logged in, with one plan."""
    user = helpers.make_user("beheerder@voorbeeld.nl", "Bea Beheerder")
    organisation = helpers.make_organisation("Voorbeeld", user, "beheerder")
    plan = helpers.make_plan(organisation)
    helpers.login(client, "beheerder@voorbeeld.nl")
    return helpers.Ctx(user=user, organisation=organisation, plan=plan, client=client)


def require_tool(path: str, why: str) -> None:
    """A test that needs an outside program fails in CI when it is missing, and skips on a developer's machine."""
    if os.path.exists(path):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{path} ontbreekt in CI: {why}")
    pytest.skip(f"{path} is niet geïnstalleerd ({why}); .ci/run installeert het")


def libreoffice_text(docx: bytes, folder, name: str = "document", layout: bool = False) -> str:
    """Open a Word file in LibreOffice (convert it to PDF) and read the PDF's text back, whitespace folded: what a
    reader of the document sees. Fails when LibreOffice cannot open it."""
    require_tool("/usr/bin/soffice", "LibreOffice controleert dat Word-bestanden te openen zijn")
    require_tool("/usr/bin/pdftotext", "pdftotext (poppler-utils) leest de tekst uit de PDF")
    source = folder / f"{name}.docx"
    source.write_bytes(docx)
    result = subprocess.run(["/usr/bin/soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                             "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                            capture_output=True, text=True, timeout=180)
    pdf = folder / f"{name}.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    text = subprocess.run(["/usr/bin/pdftotext", *(["-layout"] if layout else []), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())
