"""The audit service: labels, retention, the purge command and the operational log line."""
from __future__ import annotations

import json
from datetime import timedelta

from app import create_app
from app.extensions import db
from app.models import AuditEvent
from app.models.organisation import utcnow
from app.services.core import access, audit
from app.services.core.audit import AuditAction
from config import TestConfig
from tests import helpers


def _event(action=AuditAction.LOGIN, days_old: int = 0, **kwargs) -> AuditEvent:
    event = audit.record(action, **kwargs)
    event.created_at = utcnow() - timedelta(days=days_old)
    db.session.commit()
    return event


def test_every_action_has_a_dutch_label():
    assert set(audit.LABELS) == set(AuditAction)
    assert audit.label("ordinance.download") == "Verordening gedownload (Word)"
    assert audit.label("iets.onbekends") == "iets.onbekends"  # an old trail still reads


def test_purge_removes_only_events_past_the_retention(app):
    old, recent = _event(days_old=400), _event(days_old=10)
    old_id, recent_id = old.id, recent.id
    assert audit.purge_older_than(365, by=access.SYSTEM) == 1
    db.session.commit()
    assert [e.id for e in db.session.scalars(db.select(AuditEvent))] == [recent_id]
    assert old_id != recent_id


def test_purge_command_uses_the_configured_retention(app):
    _event(days_old=40), _event(days_old=20), _event(days_old=1)
    app.config["AUDIT_RETENTION_DAYS"] = 30
    result = app.test_cli_runner().invoke(args=["audit", "purge"])
    assert result.exit_code == 0, result.output
    assert "1 gebeurtenissen ouder dan 30 dagen verwijderd" in result.output
    result = app.test_cli_runner().invoke(args=["audit", "purge", "--days", "7"])
    assert "1 gebeurtenissen ouder dan 7 dagen verwijderd" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)) == 1


def test_events_about_a_person_are_theirs_and_those_done_to_them(app):
    bea, piet = helpers.make_user("bea@x.nl"), helpers.make_user("piet@x.nl")
    _event(AuditAction.LOGIN, actor=bea)
    _event(AuditAction.MEMBER_REMOVED, actor=bea, target=f"user:{piet.id}")
    _event(AuditAction.LOGIN, actor=piet)
    assert [e.action for e in audit.events_about(piet.id)] == ["member.removed", "login"]
    assert [e.action for e in audit.events_about(bea.id)] == ["login", "member.removed"]


def test_json_log_line(capsys):
    config = type("JsonLogConfig", (TestConfig,), {"LOG_FORMAT": "json"})
    app = create_app(config)
    with app.app_context():
        db.create_all()
        audit.client_ip.set("192.0.2.7")
        audit.record(AuditAction.ORDINANCE_DOWNLOAD, actor_label="bea@voorbeeld.nl", organisation_id=3,
                     target="plan:12", file="verordening.docx", name="clashes with LogRecord.name")
        db.session.rollback()
        db.drop_all()
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    entry = json.loads(lines[0])
    assert entry["message"] == "ordinance.download" and entry["logger"] == "participatie.audit"
    assert entry["level"] == "INFO" and entry["timestamp"]
    assert (entry["actor"], entry["workspace"], entry["target"], entry["ip"], entry["detail"]) == \
        ("bea@voorbeeld.nl", 3, "plan:12", "192.0.2.7",
         {"file": "verordening.docx", "name": "clashes with LogRecord.name"})


def test_text_log_line_by_default(capsys):
    app = create_app(TestConfig)
    with app.app_context():
        audit.record(AuditAction.LOGIN_FAILED, actor_label="x@y.nl", target="")
        db.session.rollback()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "INFO participatie.audit login.failed" in err[0] and "actor='x@y.nl'" in err[0]
    assert not err[0].startswith("{")
