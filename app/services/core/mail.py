"""Sending mail. One function, `send`, and three ways out, chosen by configuration:

- tests (TESTING): kept in memory, read with `outbox()`;
- MAIL_SERVER set: by SMTP through Flask-Mail;
- otherwise (development): written to instance/mail/<time>-<to>.eml, with one line on the console.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from flask import current_app, render_template

log = logging.getLogger("participatie.mail")


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


def compose(template: str, to: str, subject: str, **context) -> Message:
    """A message whose body is templates/mail/<template>.txt."""
    return Message(to=to, subject=subject, body=render_template(f"mail/{template}.txt", **context))


def send(to: str, subject: str, body: str) -> None:
    config = current_app.config
    if config.get("TESTING"):
        outbox().append(Message(to, subject, body))
    elif config.get("MAIL_SERVER"):
        from flask_mail import Message as MailMessage
        from app.extensions import mail
        mail.send(MailMessage(subject=subject, recipients=[to], body=body))
        log.info("mail sent", extra={"to": to, "subject": subject})
    else:
        path = _write_eml(to, subject, body, config.get("MAIL_DEFAULT_SENDER", ""))
        log.warning("mail niet verstuurd (geen MAIL_SERVER), bewaard in %s", path)
        print(f"[mail] aan {to}: {subject} -> {path}", flush=True)


def deliver(message: Message | None) -> None:
    """Send a composed message; None (nothing to send) is allowed, so callers need no if."""
    if message is not None:
        send(message.to, message.subject, message.body)


def outbox() -> list[Message]:
    """The mail sent by this app while testing, oldest first."""
    return current_app.extensions.setdefault("mail_outbox", [])


def _write_eml(to: str, subject: str, body: str, sender: str) -> Path:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content(body)
    folder = Path(current_app.instance_path) / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{stamp}-{re.sub(r'[^A-Za-z0-9@._-]', '_', to)[:80]}.eml"
    path.write_bytes(bytes(message))
    return path
