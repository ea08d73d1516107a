"""Fixtures for the browser tests: the app on a real HTTP server, Debian's Chromium driven by Playwright, a seeded plan.

The server runs in a thread of the test process, so the database is a SQLite file (an in-memory database would be
private to one connection). Chromium is the system one (/usr/bin/chromium); `playwright install` is never needed.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.extensions import db, limiter
from config import BASE_DIR
from tests import helpers
from tests.apps import test_app
from tests.conftest import require_tool

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 720}
ARTIFACTS = BASE_DIR / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 10_000

# A complete plan: every required question answered, as the wizard stores it. Used to seed the accessibility pages.
COMPLETE_ANSWERS: dict[int, dict] = {
    1: {"participatie_definitie": "Inwoners denken en doen mee met het beleid van de gemeente.",
        "participatie_vormen": ["inwonersparticipatie", "overheidsparticipatie", "uitdaagrecht"]},
    2: {"ambitie": "Over vier jaar weet iedereen hoe hij kan meedoen.",
        "huidige_praktijk": "Informatieavonden bij grote projecten.",
        "zelfscan": [{"thema": "visie", "score": 3, "toelichting": "Nog niet vastgelegd"},
                     {"thema": "bereik", "score": 2}],
        "witte_vlek": [{"naam": "Jongeren", "soort": "jongeren", "aanpak": "Via de scholen"}]},
    3: {"waarden": ["vertrouwen", "transparantie"], "waarden__anders": "Nieuwsgierigheid",
        "doelen": "Beter beleid met meer draagvlak.", "visie": "Samen maken we de gemeente."},
    4: {"wie_beslist": "standaard_tenzij", "verplichte_gevallen": ["wettelijk", "grote_impact"],
        "impact_criteria": ["veel_inwoners", "leefomgeving"], "uitzonderingen": ["begroting_belastingen", "spoed"],
        "invloed_vocabulaire": "vijf_treden"},
    5: {"projectdocumenten": "plan_en_verslag", "terugkoppeling_aan": ["deelnemers", "raad"],
        "terugkoppeling_termijn_weken": 6, "inspraak_procedure": "eigen", "inspraak_termijn_weken": 4,
        "uitdaagrecht_opnemen": True, "uitdaagrecht_wie": ["ingezetenen", "organisaties"],
        "uitdaagrecht_reikwijdte": "alle_tenzij", "uitdaagrecht_criteria": ["kwaliteit", "kosten"],
        "uitdaagrecht_beslistermijn_weken": 8, "burgerinitiatief": False},
    6: {"programma_periode": "2027-2028",
        "uitvoeringsactiviteiten": [{"activiteit": "Training voor projectleiders", "eigenaar": "Team participatie",
                                     "start": "2027-01", "eind": "2027-06", "budget": 15000, "ambitie": "vertrouwen"}]},
    7: {"leeractiviteiten": [{"wie": "Projectleiders", "wat": "Terugkoppelen", "hoe": "Intervisie"}],
        "monitoring": ["enquete_deelnemers"], "evaluatie_termijn_jaren": 4, "evaluatie_met_inwoners": True},
    8: {"inspraakverordening_intrekken": True, "inspraakverordening_naam": "Inspraakverordening Zeedorp 2005",
        "overgangsrecht": "oude_regels", "inwerkingtreding": "vaste_datum", "inwerkingtreding_datum": "2027-01-01",
        "voorstel_datum": "2026-10-01", "vaststelling_datum": "2026-11-12"},
}


# ---- timing: the duration of the browser tests is reported at the end of the run ----------------------------------

_timing: dict[str, float] = {}
AXE_SUMMARY: list[str] = []  # "axe <page>: N violations", one line per checked page, filled by test_accessibility


@pytest.fixture(scope="session", autouse=True)
def _browser_session_timer():
    """Marks the start of the first browser test's set-up (server and Chromium start included)."""
    _timing.setdefault("start", time.perf_counter())
    yield


def pytest_runtest_logreport(report):
    if "browser" in report.keywords:
        _timing["end"] = time.perf_counter()  # the end of the last browser test, whatever runs after it
        if report.when == "call":
            _timing["count"] = _timing.get("count", 0) + 1


def pytest_terminal_summary(terminalreporter):
    if "start" not in _timing:
        return
    if AXE_SUMMARY:
        terminalreporter.write_sep("-", "axe-core (WCAG 2.1 A en AA)")
        for line in AXE_SUMMARY:
            terminalreporter.write_line(line)
    total = _timing.get("end", _timing["start"]) - _timing["start"]
    terminalreporter.write_sep("-", "duur browsertests")
    terminalreporter.write_line(f"browsertests: {_timing.get('count', 0)} tests in {total:.1f} s "
                                f"(wandklok, het starten van de server en Chromium inbegrepen)")


# ---- the app on a live server ---------------------------------------------------------------------------------------

@dataclass
class LiveServer:
    url: str
    app: object


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app on http://127.0.0.1:<free port>, backed by a SQLite file, for the whole session."""
    db_file = tmp_path_factory.mktemp("browser-db") / "browser.db"

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request in the test output
    app = test_app(f"sqlite:///{db_file}", LOGIN_RATE_LIMIT="1000 per minute")
    with app.app_context():
        db.create_all()
        limiter.reset()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


# ---- Chromium -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    require_tool(CHROMIUM, "de browser- en toegankelijkheidstests sturen Chromium aan")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_context(browser, **kwargs):
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL", timezone_id="Europe/Amsterdam", **kwargs)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture()
def page(browser, live_server):
    """A fresh browser profile (no cookies) with one tab, at 1280x720."""
    context = new_context(browser, base_url=live_server.url)
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(page, name: str) -> Path:
    """Keep a picture of the whole page as laid out at 1280x720 (test-artifacts/ is git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
    return path


def log_in(page, email: str, password: str = helpers.PASSWORD) -> None:
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen" not in url)  # "/" or, for a facilitator without organisation, /ateliers


# ---- a complete plan to look at -----------------------------------------------------------------------------------

@dataclass
class SeededPlan:
    email: str
    plan_id: int
    organisation_id: int
    snapshot_id: int


@pytest.fixture(scope="session")
def seeded_plan(live_server) -> SeededPlan:
    """A beheerder with a complete plan for Zeedorp, a colleague, a named version and comments."""
    from app.services.plans import comments, plans

    with live_server.app.app_context():
        user = helpers.make_user("beheerder@zeedorp.nl", "Bea Beheerder")
        organisation = plans.create_organisation("Zeedorp", "gemeente", 24000, user)
        plan = plans.create_plan(organisation, "Participatieverordening Zeedorp", user)
        db.session.commit()
        colleague = helpers.make_user("redacteur@zeedorp.nl", "Rik Redacteur")
        helpers.add_member(organisation, colleague, "redacteur")
        for number, answers in COMPLETE_ANSWERS.items():
            plans.save_step(plan, number, answers, user, None)
            db.session.commit()
        snapshot = plans.take_snapshot(plan, "Eerste concept", user)
        db.session.commit()
        plans.save_step(plan, 3, {**COMPLETE_ANSWERS[3], "publieke_waarde": "Vertrouwen in de gemeente."}, user, None)
        db.session.commit()
        comments.add_comment(plan, "step:1", "Klopt deze omschrijving met de visie?", by=colleague)
        comments.add_comment(plan, "article:inspraak", "Is vier weken niet te kort?", by=colleague)
        db.session.commit()
        return SeededPlan(email=user.email, plan_id=plan.id, organisation_id=organisation.id, snapshot_id=snapshot.id)


@pytest.fixture(scope="session")
def member_context(browser, live_server, seeded_plan):
    """One logged-in browser profile of the seeded beheerder, shared by the page checks.

    It bypasses the Content-Security-Policy so that axe-core can be injected; the journey runs with the policy on.
    """
    context = new_context(browser, base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    log_in(page, seeded_plan.email)
    page.close()
    yield context
    context.close()


@pytest.fixture()
def anonymous_page(browser, live_server):
    """A tab in a fresh profile that is not logged in, able to take an injected axe-core."""
    context = new_context(browser, base_url=live_server.url, bypass_csp=True)
    yield context.new_page()
    context.close()
