"""The web side of mail (app/services/core/mail.py): templates rendered by Flask, and the way out chosen by the
current app's configuration (read at every send, so a test may change it):

- tests (TESTING): kept in memory, per app, read with `mail.outbox()`;
- MAIL_SERVER set: by SMTP through Flask-Mail;
- otherwise (development): written to instance/mail/<time>-<to>.eml, with one line on the console.
"""
from __future__ import annotations

import logging
import re
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from flask import Flask, current_app, render_template

from app.services.core import mail
from app.services.core.mail import Message

log = logging.getLogger("participatie.mail")


class FlaskPostbox:
    def render(self, template: str, **context) -> str:
        return render_template(template, **context)

    def send(self, message: Message) -> None:
        to, subject, body = message.to, message.subject, message.body
        config = current_app.config
        if config.get("TESTING"):
            self.outbox().append(message)
        elif config.get("MAIL_SERVER"):
            from flask_mail import Message as MailMessage
            from app.extensions import mail as flask_mail
            flask_mail.send(MailMessage(subject=subject, recipients=[to], body=body))
            log.info("mail sent", extra={"to": to, "subject": subject})
        else:
            path = _write_eml(to, subject, body, config.get("MAIL_DEFAULT_SENDER", ""))
            log.warning("mail niet verstuurd (geen MAIL_SERVER), bewaard in %s", path)
            print(f"[mail] aan {to}: {subject} -> {path}", flush=True)

    def outbox(self) -> list[Message]:
        return current_app.extensions.setdefault("mail_outbox", [])


def init_app(app: Flask) -> None:
    mail.install(FlaskPostbox())


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
