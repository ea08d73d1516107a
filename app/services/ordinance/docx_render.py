"""The ordinance's two Word documents: the draft, and the changes between two drafts as tracked changes. Their
content is built in documents.py on the shared document model; the one DOCX writer (documents/docx_writer.py) writes
both, with its page set-up and styles, the changes in its tracked mode."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from app.services.documents.docx_writer import Tracked, render_docx
from app.services.ordinance.documents import changes_document, ordinance_document
from app.services.ordinance.model import Ordinance

if TYPE_CHECKING:  # for type hints only: article_texts reads the database
    from app.services.ordinance.article_texts import OwnText
    from app.services.ordinance.changes import Block


def render_ordinance_docx(ordinance: Ordinance, today: date | None = None,
                          own_texts: "dict[str, OwnText] | None" = None) -> bytes:
    """The draft on the shared document model, written by the one DOCX writer."""
    return render_docx(ordinance_document(ordinance, own_texts), today)


def render_changes_docx(after: Ordinance, blocks: "list[Block]", *, author: str, old_name: str, new_name: str,
                        today: date | None = None, when: datetime | None = None) -> bytes:
    """The newer draft with everything that differs from the older one as Word revisions by `author` (w:ins and
    w:del), so Word and LibreOffice show the changes and can accept or reject them one by one."""
    return render_docx(changes_document(after, blocks, old_name, new_name), today,
                       tracked=Tracked(author, when or datetime.now(timezone.utc)))
