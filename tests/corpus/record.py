"""The behaviour corpus: what every role sees on every page of the demo, written to a folder, so a refactor can prove
it changed nothing a user notices.

    /work/main/.venv/bin/python tests/corpus/record.py /tmp/corpus-before     # on the unchanged code
    /work/main/.venv/bin/python tests/corpus/record.py /tmp/corpus-after      # after the change
    diff -r /tmp/corpus-before /tmp/corpus-after                              # must print nothing

A script and not a pytest test (its name does not start with test_, so pytest does not collect it): it takes about a
minute, writes a folder and is compared by hand across two versions of the code, which a test run cannot do.

It loads the demo (the `flask demo` command) into a fresh in-memory SQLite database, adds a redacteur, a jurist and a
meelezer to Voorbeeldstad and an outsider with an organisation of their own, logs in as each of beheerder, redacteur,
jurist, meelezer, facilitator, outsider and anonymous, and GETs every GET route of the url_map whose arguments it can
fill with the demo's ids (as tests/test_authorization.py builds its URLs). Per page it writes the status, the redirect
target and the HTML; per DOCX the text of its paragraphs and its comments. What changes from run to run is
normalised: CSRF tokens, random tokens from the database (invitation, survey, loket links), the new second-factor
secret and its QR code, times of day and today's date. Record both runs on the same day.
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import inspect, select  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Membership, Organisation, ParticipationPlan, User  # noqa: E402
from config import TestConfig  # noqa: E402

PASSWORD = "participatie-demo"
ROLES = ["beheerder", "redacteur", "jurist", "meelezer", "facilitator", "buitenstaander", "anoniem"]
EMAILS = {"beheerder": "demo@voorbeeldstad.nl", "redacteur": "redacteur@voorbeeldstad.nl",
          "jurist": "jurist@voorbeeldstad.nl", "meelezer": "meelezer@voorbeeldstad.nl",
          "facilitator": "facilitator@leeratelier.nl", "buitenstaander": "beheerder@elders.nl"}
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


class CorpusConfig(TestConfig):
    RATELIMIT_ENABLED = False
    SOFFICE_PATH = "/geen/soffice"  # the PDF pages say LibreOffice is missing, without running it


def load_world(app) -> None:
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    plan = db.session.scalar(select(ParticipationPlan).order_by(ParticipationPlan.id))
    for role in ("redacteur", "jurist", "meelezer"):
        user = User(email=EMAILS[role], name=role.capitalize())
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.add(Membership(user=user, organisation_id=plan.organisation_id, role=role))
    outsider = User(email=EMAILS["buitenstaander"], name="Buitenstaander")
    outsider.set_password(PASSWORD)
    elders = Organisation(name="Elders", body_type="gemeente")
    db.session.add_all([outsider, elders, Membership(user=outsider, organisation=elders, role="beheerder")])
    db.session.commit()


def first(model_name: str, column: str = "id"):
    """The lowest value of `column` in the table of the mapped class `model_name`, or None."""
    for mapper in db.Model.registry.mappers:
        if mapper.class_.__name__ == model_name:
            cls = mapper.class_
            return db.session.scalar(select(getattr(cls, column)).order_by(cls.id).limit(1))
    raise KeyError(model_name)


def argument_values(app) -> dict[str, list]:
    """For each URL argument, the demo's values to fill it with (several for step numbers and document kinds)."""
    from app import content
    from app.services.documents.registry import kinds_for

    plan_id = first("ParticipationPlan")
    steps = [s.number for s in content.handreiking().steps] if hasattr(content.handreiking(), "steps") else [1]
    loket_request = first("LoketRequest")
    return {
        "plan_id": [plan_id], "organisation_id": [first("ParticipationPlan", "organisation_id")],
        "snapshot_id": [first("PlanSnapshot")], "comment_id": [first("Comment")],
        "membership_id": [first("Membership")], "invitation_id": [first("Invitation")],
        "article_key": ["begripsbepalingen"], "number": steps, "token": [first("Invitation", "token")],
        "action": ["afhandelen"], "atelier_id": [first("Atelier")], "participant_id": [first("AtelierParticipant")],
        "link_id": [first("AtelierInvitation")], "help_id": [first("AtelierHelpRequest")],
        "user_id": [first("AtelierRole", "user_id")], "year": [date.today().year],
        "kind": [k.key for k in kinds_for("plan")] + [k.key for k in kinds_for("project")],
        "assignment_id": [first("AtelierAssignment")], "reaction_id": [first("AtelierReaction")],
        "project_id": [first("Project")], "project_comment_id": [first("ProjectComment")],
        "public_id": [first("ParticipationPlan", "organisation_id")], "public_project_id": [first("Project")],
        "case_id": [first("Case")], "survey_token": [first("Survey", "token")],
        "right_key": ["uitdaagrecht"], "request_token": [first("LoketRequest", "token")],
        "request_id": [loket_request], "attachment_id": [first("LoketAttachment")],
        "initiative_id": [loket_request], "support_token": [first("InitiativeSupport", "token")],
    }


def urls(app) -> list[tuple[str, str]]:
    """(endpoint, url) of every GET route that the demo's ids can fill, in a fixed order."""
    values = argument_values(app)
    adapter = app.url_map.bind("localhost")
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        if "GET" not in rule.methods or rule.endpoint in ("static", "assets.vendor"):
            continue
        combos = [{}]
        for name in sorted(rule.arguments):
            options = [v for v in values.get(name, []) if v is not None]
            combos = [dict(c, **{name: v}) for c in combos for v in options]
        for combo in combos:
            extra = {"van": str(values["snapshot_id"][0]), "naar": "huidig"} if rule.endpoint in (
                "history.compare", "ordinance.changes_docx") else {}
            found.append((rule.endpoint, adapter.build(rule.endpoint, combo | extra, method="GET")))
    return found


def random_tokens() -> dict[str, str]:
    """Every value of a column named like *token* (made with `secrets`), mapped to a stable placeholder."""
    found: dict[str, str] = {}
    for mapper in sorted(db.Model.registry.mappers, key=lambda m: m.class_.__name__):
        cls = mapper.class_
        for column in inspect(cls).columns:
            if "token" in column.key and column.type.python_type is str:
                for value in db.session.scalars(select(column).order_by(*inspect(cls).primary_key)):
                    if value and value not in found:
                        found[value] = f"<{cls.__name__}.{column.key}:{len(found)}>"
    return found


def normaliser():
    tokens = random_tokens()
    today = date.today()
    dates = [today.isoformat(), f"{today.day} {MONTHS[today.month - 1]} {today.year}",
             f"{today.day:02d}-{today.month:02d}-{today.year}", f"{today.day}-{today.month}-{today.year}",
             f"{today.day:02d}/{today.month:02d}/{today.year}", today.strftime("%Y%m%d")]

    def normalise(text: str) -> str:
        text = re.sub(r'(name="csrf_token"[^>]*value=")[^"]+', r"\1<csrf>", text)
        text = re.sub(r'(name="csrf-token"[^>]*content=")[^"]+', r"\1<csrf>", text)
        for value in sorted(tokens, key=len, reverse=True):
            text = text.replace(value, tokens[value])
        text = re.sub(r"(DTSTAMP:\d{8}T)\d{6}Z", r"\1<tijd>Z", text)
        text = re.sub(r'src="data:image/svg\+xml[^"]*" alt="QR-code', 'src="<qr>" alt="QR-code', text)
        text = re.sub(r'(id="totp-secret">)[A-Z2-7 ]+', r"\1<geheim>", text)
        for value in dates:
            text = text.replace(value, "<vandaag>")
        text = re.sub(r"(?<![\d:])\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(?![\d:])", "<tijd>", text)
        return text
    return normalise


def docx_text(data: bytes) -> str:
    """The paragraphs of the document and of its comments, one per line."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        for part in ("word/document.xml", "word/comments.xml", "word/footnotes.xml"):
            if part in docx.namelist():
                out.append(f"== {part}")
                xml = docx.read(part).decode("utf-8")
                for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
                    out.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph)))
    return "\n".join(out) + "\n"


def login(client, email: str) -> None:
    html = client.get("/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    response = client.post("/inloggen", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def record(out: Path) -> tuple[int, int]:
    from tests.helpers import IsolatedClient

    app = create_app(CorpusConfig)
    app.test_client_class = IsolatedClient
    pages = documents = 0
    with app.app_context():
        db.create_all()
        load_world(app)
        normalise = normaliser()
        routes = urls(app)
        for role in ROLES:
            client = app.test_client()
            if role != "anoniem":
                login(client, EMAILS[role])
            folder = out / role
            folder.mkdir(parents=True, exist_ok=True)
            for number, (endpoint, url) in enumerate(routes):
                db.session.rollback()
                db.session.expire_all()
                response = client.get(url)
                kind = response.headers.get("Content-Type", "")
                head = f"GET {normalise(url)}\nstatus {response.status_code}\n"
                if response.status_code in (301, 302, 303):
                    head += f"location {normalise(response.headers.get('Location', ''))}\n"
                name = f"{number:04d}-{endpoint}"
                if "wordprocessingml" in kind:
                    body, documents = docx_text(response.data), documents + 1
                    name += ".docx.txt"
                elif kind.startswith("text/") or "json" in kind:
                    body, pages = response.get_data(as_text=True), pages + 1
                else:
                    body = f"{kind}: {len(response.data)} bytes\n"
                (folder / name).write_text(normalise(head + "\n" + body), encoding="utf-8")
        # Every event the whole run recorded (the demo's own, the logins, the downloads), in order, without times.
        from app.models.audit import AuditEvent
        lines = [f"{e.action}\t{e.actor_id}\t{e.actor_label}\t{e.organisation_id}\t{e.target}\t{e.ip}\t"
                 f"{sorted((e.detail or {}).items())}" for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        (out / "audit-events.txt").write_text(normalise("\n".join(lines) + "\n"), encoding="utf-8")
        db.session.remove()
    return pages, documents


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/corpus")
    pages, documents = record(target)
    print(f"{target}: {pages} pages, {documents} documents")
