"""Sending mail. One function, `send`, and three ways out, chosen by configuration (app/mail.py, the web side that
create_app installs here, renders the templates and picks the way out):

- tests (TESTING): kept in memory, read with `outbox()`;
- MAIL_SERVER set: by SMTP through Flask-Mail;
- otherwise (development): written to instance/mail/<time>-<to>.eml, with one line on the console.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


class Postbox(Protocol):
    """The web side of mail: renders a mail template and sends through the way out the app is configured for."""

    def render(self, template: str, **context) -> str: ...

    def send(self, message: Message) -> None: ...

    def outbox(self) -> list[Message]: ...


_postbox: Postbox | None = None


def install(postbox: Postbox) -> None:
    """Called by the app factory (app/mail.py)."""
    global _postbox
    _postbox = postbox


def _installed() -> Postbox:
    if _postbox is None:
        raise RuntimeError("mail is not installed: create the app first (create_app installs app/mail.py)")
    return _postbox


def compose(template: str, to: str, subject: str, **context) -> Message:
    """A message whose body is templates/mail/<template>.txt."""
    return Message(to=to, subject=subject, body=_installed().render(f"mail/{template}.txt", **context))


def send(to: str, subject: str, body: str) -> None:
    _installed().send(Message(to, subject, body))


def deliver(message: Message | None) -> None:
    """Send a composed message; None (nothing to send) is allowed, so callers need no if."""
    if message is not None:
        send(message.to, message.subject, message.body)


def outbox() -> list[Message]:
    """The mail sent by this app while testing, oldest first."""
    return _installed().outbox()
