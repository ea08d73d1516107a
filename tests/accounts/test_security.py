"""Security: cookies, headers, login throttling, CSRF, oversized posts, tampered ids and a failing database."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app import create_app
from app.extensions import db
from app.models import Comment, Membership, PlanRevision, PlanSnapshot, StepAnswer, User
from app.services.plans import comments, plans
from config import TestConfig
from tests import helpers
from tests.helpers import PASSWORD, csrf_token, text_of





@pytest.fixture()
def team(app, browser):
    """Municipality A with a beheerder (logged in) and a plan; municipality B with its own plan and member."""
    bea = helpers.make_user("bea@a.nl", "Bea Beheerder")
    organisation_a = helpers.make_organisation("Aadorp", bea, "beheerder")
    plan = helpers.make_plan(organisation_a, "Plan van Aadorp")
    other = helpers.make_user("olaf@b.nl", "Olaf Ander")
    organisation_b = helpers.make_organisation("Beestad", other, "beheerder")
    plan_b = helpers.make_plan(organisation_b, "Plan van Beestad")
    client = browser()
    helpers.login(client, "bea@a.nl")

    class Team:
        pass
    t = Team()
    t.user, t.organisation, t.plan, t.client = bea, organisation_a, plan, client
    t.other_user, t.other_organisation, t.other_plan = other, organisation_b, plan_b
    return t


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def _answers(plan_id: int, number: int) -> dict | None:
    db.session.expire_all()
    row = db.session.scalar(select(StepAnswer).where(StepAnswer.plan_id == plan_id, StepAnswer.step_number == number))
    return dict(row.answers) if row else None


def _set_cookie(response, name: str = "session") -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{name}=")]
    assert cookies, f"geen {name}-cookie gezet: {response.headers.getlist('Set-Cookie')}"
    return cookies[-1]


# --- cookies and headers ----------------------------------------------------------------------------

def test_session_cookie_is_httponly_and_samesite_lax(app, browser):
    helpers.make_user("a@a.nl")
    client = browser()
    token = csrf_token(client)
    response = client.post("/inloggen", data={"email": "a@a.nl", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    cookie = _set_cookie(response)
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # the test configuration runs on plain http
    assert "Strict-Transport-Security" not in response.headers


def test_session_cookie_is_secure_when_configured():
    class ProductionLike(TestConfig):
        SESSION_COOKIE_SECURE = True
        REMEMBER_COOKIE_SECURE = True

    app = create_app(ProductionLike)
    with app.app_context():
        client = app.test_client()
        response = client.get("/inloggen", base_url="https://localhost")
        cookie = _set_cookie(response)
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def _csp(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/inloggen", "/registreren", "/bestaat-niet"])
def test_security_headers_on_public_pages_and_errors(client, path):
    response = client.get(path)
    csp = _csp(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_need_no_inline_script(team):
    """The policy forbids inline scripts; the pages must then not rely on any."""
    pid = team.plan.id
    for path in ("/", f"/plannen/{pid}", f"/plannen/{pid}/stap/1", f"/plannen/{pid}/versies",
                 f"/plannen/{pid}/verordening", f"/organisaties/{team.organisation.id}/team", "/account"):
        response = team.client.get(path)
        assert response.status_code == 200, path
        csp = _csp(response)
        for directive in ("script-src", "default-src"):
            assert "'unsafe-inline'" not in csp.get(directive, []) and "'unsafe-eval'" not in csp.get(directive, [])
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline <script> op {path}"
        assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler op {path}"


# --- login ------------------------------------------------------------------------------------------

def test_login_attempts_are_rate_limited(app, client):
    helpers.make_user("a@a.nl")
    token = csrf_token(client)
    for _ in range(5):  # TestConfig: 5 per minute
        response = client.post("/inloggen", data={"email": "a@a.nl", "password": "fout-wachtwoord",
                                                  "csrf_token": token})
        assert response.status_code == 200
    response = client.post("/inloggen", data={"email": "a@a.nl", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 429
    page = text_of(response)
    assert "Te veel pogingen" in page and "Wacht een minuut en probeer het opnieuw." in page
    assert client.get("/account").status_code == 302  # even the right password did not log in


def test_login_does_not_reveal_whether_an_account_exists(app, client):
    helpers.make_user("bestaat@a.nl")
    token = csrf_token(client)
    wrong = client.post("/inloggen", data={"email": "bestaat@a.nl", "password": "fout-wachtwoord",
                                           "csrf_token": token})
    unknown = client.post("/inloggen", data={"email": "onbekend@a.nl", "password": "fout-wachtwoord",
                                             "csrf_token": token})
    assert wrong.status_code == unknown.status_code == 200
    message = "Deze combinatie van e-mailadres en wachtwoord is onbekend."
    assert message in text_of(wrong) and message in text_of(unknown)
    same = [text_of(r).replace(email, "E") for r, email in ((wrong, "bestaat@a.nl"), (unknown, "onbekend@a.nl"))]
    assert same[0] == same[1]


def test_passwords_are_stored_hashed(app, client):
    response = helpers.sign_up(client, "nieuw@a.nl", name="Nieuw")
    assert response.status_code == 302
    other = helpers.make_user("tweede@a.nl")  # the same password
    user = db.session.scalar(select(User).where(User.email == "nieuw@a.nl"))
    assert PASSWORD not in user.password_hash
    assert user.password_hash.split(":")[0] in {"scrypt", "pbkdf2"}
    assert user.password_hash != other.password_hash  # salted
    assert user.check_password(PASSWORD) and not user.check_password(PASSWORD + "x")


# --- CSRF -------------------------------------------------------------------------------------------

def test_missing_csrf_token_is_refused_and_nothing_written(team):
    c, pid = team.client, team.plan.id
    counts = (_count(StepAnswer), _count(PlanSnapshot), _count(Comment), _count(PlanRevision))
    for url, data in ((f"/plannen/{pid}/stap/1", {"q-participatie_definitie": "zonder token", "base_version": "0"}),
                      (f"/plannen/{pid}/versies", {"name": "zonder token"}),
                      (f"/plannen/{pid}/opmerkingen", {"target": "step:1", "body": "zonder token"}),
                      (f"/organisaties/{team.organisation.id}/uitnodigingen", {"role": "redacteur"})):
        response = c.post(url, data=data)
        assert response.status_code == 400, url
        assert "Formulier verlopen" in text_of(response) and "Er is niets opgeslagen." in text_of(response)
    assert (_count(StepAnswer), _count(PlanSnapshot), _count(Comment), _count(PlanRevision)) == counts
    assert c.get("/account").status_code == 200  # still logged in


def test_csrf_token_from_another_session_is_refused(team, browser):
    """A token taken from someone else's session (or an anonymous one) does not work in this session."""
    helpers.add_member(team.organisation, helpers.make_user("rik@a.nl", "Rik Redacteur"), "redacteur")
    rik = browser()
    helpers.login(rik, "rik@a.nl")
    for foreign_token in (csrf_token(team.client, f"/plannen/{team.plan.id}/stap/1"), csrf_token(browser())):
        response = rik.post(f"/plannen/{team.plan.id}/stap/1",
                            data={"csrf_token": foreign_token, "base_version": "0",
                                  "q-participatie_definitie": "Met andermans token"})
        assert response.status_code == 400
        assert "Formulier verlopen" in text_of(response)
        response = rik.post(f"/plannen/{team.plan.id}/versies", data={"csrf_token": foreign_token, "name": "X"})
        assert response.status_code == 400
    assert _answers(team.plan.id, 1) is None
    assert _count(PlanSnapshot) == 0 and _count(PlanRevision) == 0


# --- oversized posts --------------------------------------------------------------------------------

def test_oversized_post_is_refused_with_a_dutch_message(team, app):
    c, pid = team.client, team.plan.id
    assert helpers.save_step(c, pid, 1, {"q-participatie_definitie": "Eerste tekst."}).status_code == 302
    huge = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1000)
    response = helpers.save_step(c, pid, 1, {"q-participatie_definitie": huge})
    assert response.status_code == 413
    page = text_of(response)
    assert "Te veel gegevens" in page and "Er is niets opgeslagen." in page
    assert _answers(pid, 1) == {"participatie_definitie": "Eerste tekst."}
    assert _count(PlanRevision) == 1


# --- tampered ids -----------------------------------------------------------------------------------

def test_plan_id_of_another_organisation_is_not_found(team):
    c, other = team.client, team.other_plan.id
    token = csrf_token(c, f"/plannen/{team.plan.id}/stap/1")
    for path in (f"/plannen/{other}", f"/plannen/{other}/stap/1", f"/plannen/{other}/versies",
                 f"/plannen/{other}/verordening", f"/plannen/{other}/export.json"):
        assert c.get(path).status_code == 404, path
    posts = ((f"/plannen/{other}/stap/1", {"q-participatie_definitie": "inbraak", "base_version": "0"}),
             (f"/plannen/{other}/versies", {"name": "inbraak"}),
             (f"/plannen/{other}/opmerkingen", {"target": "step:1", "body": "inbraak"}))
    for path, data in posts:
        response = c.post(path, data={"csrf_token": token, **data})
        assert response.status_code == 404, path
        assert "Pagina niet gevonden" in text_of(response)
    assert _answers(other, 1) is None
    assert _count(PlanSnapshot) == 0 and _count(Comment) == 0


def test_comment_id_of_another_plan_is_not_found(team):
    # Another plan of the same municipality, and a plan of another municipality.
    sibling = helpers.make_plan(team.organisation, "Tweede plan")
    on_sibling = comments.add_comment(sibling, "step:1", "Bij het tweede plan", by=team.user)
    on_other = comments.add_comment(team.other_plan, "step:1", "Bij Beestad", by=team.other_user)
    db.session.commit()
    token = csrf_token(team.client, f"/plannen/{team.plan.id}/stap/1")
    for comment in (on_sibling, on_other):
        for action in ("afhandelen", "heropenen"):
            response = team.client.post(f"/plannen/{team.plan.id}/opmerkingen/{comment.id}/{action}",
                                        data={"csrf_token": token})
            assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Comment, on_sibling.id).resolved_at is None
    assert db.session.get(Comment, on_other.id).resolved_at is None


def test_membership_id_of_another_organisation_is_not_found(team):
    theirs = db.session.scalar(select(Membership).where(Membership.organisation_id == team.other_organisation.id))
    token = csrf_token(team.client, f"/organisaties/{team.organisation.id}/team")
    base = f"/organisaties/{team.organisation.id}/leden/{theirs.id}"
    assert team.client.post(f"{base}/rol", data={"csrf_token": token, "role": "meelezer"}).status_code == 404
    assert team.client.post(f"{base}/verwijderen", data={"csrf_token": token}).status_code == 404
    # Naming their municipality itself does not work either.
    response = team.client.post(f"/organisaties/{team.other_organisation.id}/leden/{theirs.id}/rol",
                                data={"csrf_token": token, "role": "meelezer"})
    assert response.status_code == 404
    db.session.expire_all()
    still = db.session.get(Membership, theirs.id)
    assert still is not None and still.role == "beheerder"


def test_snapshot_id_of_another_plan_is_not_found(team):
    plans.save_step(team.other_plan, 1, {"participatie_definitie": "Van Beestad"}, team.other_user, None)
    db.session.commit()
    theirs = plans.take_snapshot(team.other_plan, "Versie van Beestad", team.other_user)
    db.session.commit()
    token = csrf_token(team.client, f"/plannen/{team.plan.id}/versies")
    response = team.client.post(f"/plannen/{team.plan.id}/versies/{theirs.id}/herstellen",
                                data={"csrf_token": token})
    assert response.status_code == 404
    assert team.client.get(f"/plannen/{team.plan.id}/versies/vergelijken?van={theirs.id}&naar=huidig"
                           ).status_code == 404
    assert "Van Beestad" not in team.client.get(f"/plannen/{team.plan.id}/versies").get_data(as_text=True)
    assert _answers(team.plan.id, 1) is None
    assert _count(PlanSnapshot) == 1


# --- a database error in the middle of a save ---------------------------------------------------------

def _break_commit(monkeypatch):
    """The database fails at commit time, after the changes were already sent (flushed) to it."""
    def failing_commit():
        db.session.flush()
        raise OperationalError("COMMIT", {}, Exception("database is locked"))
    monkeypatch.setattr(db.session, "commit", failing_commit)


def test_database_error_during_save_keeps_typed_answers_and_last_state(team, monkeypatch):
    c, pid = team.client, team.plan.id
    first = {"q-participatie_definitie": "Versie een.", "q-rol_raad": "De raad stelt kaders."}
    assert helpers.save_step(c, pid, 1, first).status_code == 302
    before = _answers(pid, 1)
    version = db.session.scalar(select(StepAnswer.version).where(StepAnswer.plan_id == pid))
    revisions = _count(PlanRevision)

    _break_commit(monkeypatch)
    typed = {"q-participatie_definitie": "Versie twee, met veel werk getypt.", "q-rol_college": "Het college voert uit."}
    response = helpers.save_step(c, pid, 1, typed)
    monkeypatch.undo()

    assert response.status_code == 503
    page = text_of(response)
    assert "Opslaan is mislukt door een storing." in page
    assert "Uw antwoorden staan nog op deze pagina" in page
    html = response.get_data(as_text=True)
    assert "Versie twee, met veel werk getypt." in html and "Het college voert uit." in html
    # Nothing of the failed save reached the database: the last complete state is intact.
    assert _answers(pid, 1) == before
    assert db.session.scalar(select(StepAnswer.version).where(StepAnswer.plan_id == pid)) == version
    assert _count(PlanRevision) == revisions
    # Once the database works again, saving from the same page succeeds.
    assert re.search(rf'name="base_version" value="{version}"', html)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    retry = c.post(f"/plannen/{pid}/stap/1", data={"csrf_token": token, "base_version": str(version), **typed})
    assert retry.status_code == 302
    assert _answers(pid, 1)["participatie_definitie"] == "Versie twee, met veel werk getypt."


def test_database_error_on_the_first_save_of_a_step(team, monkeypatch):
    _break_commit(monkeypatch)
    response = helpers.save_step(team.client, team.plan.id, 2, {"q-ambitie": "Iedereen doet mee."})
    monkeypatch.undo()
    assert response.status_code == 503
    assert "Iedereen doet mee." in response.get_data(as_text=True)
    assert _answers(team.plan.id, 2) is None and _count(StepAnswer) == 0 and _count(PlanRevision) == 0
    assert "Niet begonnen" in text_of(team.client.get(f"/plannen/{team.plan.id}/stap/2"))


def test_database_error_during_merge_gives_a_dutch_message(team, monkeypatch):
    c, pid = team.client, team.plan.id
    assert helpers.save_step(c, pid, 1, {"q-participatie_definitie": "Opgeslagen."}).status_code == 302
    before = _answers(pid, 1)
    token = csrf_token(c, f"/plannen/{pid}/stap/1")
    _break_commit(monkeypatch)
    response = c.post(f"/plannen/{pid}/stap/1/samenvoegen",
                      data={"csrf_token": token, "base_version": "0", "their_version": "1", "keuze-participatie_definitie": "mine",
                            "mine": '{"participatie_definitie": "Mijn versie."}'})
    monkeypatch.undo()
    assert response.status_code == 503
    page = text_of(response)
    assert "Tijdelijke storing" in page and "Er is niets gewijzigd" in page
    assert _answers(pid, 1) == before


def test_database_error_during_restore_changes_nothing(team, monkeypatch):
    c, pid = team.client, team.plan.id
    helpers.save_step(c, pid, 1, {"q-participatie_definitie": "Oud."})
    snap = plans.take_snapshot(team.plan, "Oude versie", team.user)
    db.session.commit()
    helpers.save_step(c, pid, 1, {"q-participatie_definitie": "Nieuw."})
    token = csrf_token(c, f"/plannen/{pid}/versies")
    snapshots, revisions = _count(PlanSnapshot), _count(PlanRevision)
    _break_commit(monkeypatch)
    response = c.post(f"/plannen/{pid}/versies/{snap.id}/herstellen", data={"csrf_token": token},
                      follow_redirects=True)
    monkeypatch.undo()
    assert "Herstellen is mislukt door een storing. Er is niets gewijzigd." in text_of(response)
    assert _answers(pid, 1) == {"participatie_definitie": "Nieuw."}
    assert _count(PlanSnapshot) == snapshots and _count(PlanRevision) == revisions
