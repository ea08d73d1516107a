"""Factories and request helpers shared by the tests."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask import g, has_app_context
from flask.testing import FlaskClient

from app.extensions import db
from app.models import Membership, Organisation, ParticipationPlan, User

PASSWORD = "correct-horse-battery"


class IsolatedClient(FlaskClient):
    """A browser of its own. The tests keep one app context open for database access and Flask reuses it for
    each request, so `g` (where Flask-Login and Flask-WTF cache the user and the CSRF token) would leak between
    clients; clearing it gives every request the fresh state it has in production."""

    def open(self, *args, **kwargs):
        if has_app_context():
            g.__dict__.clear()
        return super().open(*args, **kwargs)
_CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Ctx:
    user: User
    organisation: Organisation
    plan: ParticipationPlan
    client: Any


def make_user(email: str, name: str = "Test Gebruiker", password: str = PASSWORD) -> User:
    user = User(email=email, name=name)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def make_organisation(name: str, user: User | None = None, role: str = "beheerder", body_type: str = "gemeente"):
    organisation = Organisation(name=name, body_type=body_type)
    db.session.add(organisation)
    if user is not None:
        db.session.add(Membership(user=user, organisation=organisation, role=role))
    db.session.commit()
    return organisation


def add_member(organisation: Organisation, user: User, role: str) -> None:
    db.session.add(Membership(user=user, organisation=organisation, role=role))
    db.session.commit()


def make_plan(organisation: Organisation, title: str = "Participatieverordening") -> ParticipationPlan:
    plan = ParticipationPlan(organisation=organisation, title=title)
    db.session.add(plan)
    db.session.commit()
    return plan


def csrf_token(client, url: str = "/inloggen") -> str:
    html = client.get(url).get_data(as_text=True)
    match = _CSRF_RE.search(html)
    assert match, f"geen CSRF-token gevonden op {url}"
    return match.group(1)


def login(client, email: str, password: str = PASSWORD):
    token = csrf_token(client)
    response = client.post("/inloggen", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def logout(client) -> None:
    client.post("/uitloggen", data={"csrf_token": csrf_token(client)})


def post_form(client, url: str, data: dict[str, Any], token_from: str | None = None, **kwargs):
    """POST with a valid CSRF token taken from a page, as a browser would."""
    data = dict(data)
    data.setdefault("csrf_token", csrf_token(client, token_from or url))
    return client.post(url, data=data, **kwargs)


def save_step(client, plan_id: int, number: int, data: dict[str, Any], **kwargs):
    """Post a step the way the wizard's form does, including the version the page was opened at."""
    url = f"/plannen/{plan_id}/stap/{number}"
    html = client.get(url).get_data(as_text=True)
    token = _CSRF_RE.search(html).group(1)
    version = re.search(r'name="base_version" value="(\d+)"', html).group(1)
    payload = {"csrf_token": token, "base_version": version, "then": "stay"}
    payload.update(data)
    return client.post(url, data=payload, **kwargs)


def mail_to(email: str):
    """The newest mail the app sent to this address while testing (app/services/core/mail.py keeps them)."""
    from app.services.core.mail import outbox
    sent = [m for m in outbox() if m.to == email]
    assert sent, f"geen e-mail aan {email}; verstuurd: {[(m.to, m.subject) for m in outbox()]}"
    return sent[-1]


def link_in(message) -> str:
    """The first link in a mail, as a path for the test client."""
    match = re.search(r"https?://[^/\s]+(/\S*)", message.body)
    assert match, f"geen link in de e-mail: {message.body}"
    return match.group(1)


def sign_up(client, email: str, name: str = "Nina Nieuw", password: str = PASSWORD, url: str = "/registreren"):
    """Sign up through the web and confirm with the link from the mail; returns the confirmation's response."""
    response = post_form(client, url, {"name": name, "email": email, "password": password, "confirm": password},
                         token_from="/registreren")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    link = link_in(mail_to(email.strip().lower()))
    return post_form(client, link, {})


def text_of(response) -> str:
    """The visible text of a page, with tags removed and white space folded."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def make_loket(plan, snapshot, by, request_token: str = "privelink-van-een-verzoek",
               support_token: str = "steun-voor-een-burgerinitiatief"):
    """The plan's snapshot adopted (in force since 1 January 2026) and, at its loket, an uitdaagrecht request with an
    attachment and a burgerinitiatief with one supporter: every loket page then has something to show.
    Returns (adopted version, request, initiative)."""
    from datetime import date, timedelta

    from app import content
    from app.models.loket import InitiativeSupport, LoketAttachment, LoketRequest
    from app.services.loket import requests as loket
    from app.services.loket.rights import Right

    version = loket.adopt(plan, snapshot, date(2025, 12, 1), date(2026, 1, 1), by=by)
    filed = LoketRequest(organisation_id=plan.organisation_id, adopted_version_id=version.id, token=request_token,
                         reference="LK-2026-00001", right="uitdaagrecht",
                         rules=loket.rights_for(version, content.handreiking())["uitdaagrecht"].as_rules(),
                         subject="Het plantsoen", answers={"taak": "Het plantsoen"}, requester_name="Rosa",
                         requester_email="rosa@example.nl", received_on=date.today(),
                         due_on=date.today() + timedelta(weeks=8))
    filed.attachments.append(LoketAttachment(filename="plan.pdf", content_type="application/pdf", size=8,
                                             data=b"%PDF-1.4"))
    db.session.add(filed)
    initiative = LoketRequest(organisation_id=plan.organisation_id, adopted_version_id=version.id,
                              token=f"initiatief-{request_token}", reference="LK-2026-00002",
                              right="burgerinitiatief", subject="Een speeltuin",
                              rules=Right("burgerinitiatief", 8, "awb", "de raad", False,
                                          supporters_needed=3).as_rules(),
                              received_on=date.today(), due_on=date.today() + timedelta(weeks=8))
    db.session.add(initiative)
    db.session.flush()
    db.session.add(InitiativeSupport(request_id=initiative.id, email="steun@example.nl", token=support_token))
    db.session.commit()
    return version, filed, initiative
