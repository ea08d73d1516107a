"""The document kinds the app can make. Adding a kind: its content files, one builder returning a
`model.Document`, and one `register(DocumentKind(...))` line next to the builder."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app.services.core import audit
from app.services.core.audit import AuditAction
from app.services.documents.model import Document


@dataclass(frozen=True)
class DocumentKind:
    key: str          # in URLs and file names: "uitvoeringsprogramma"
    label: str        # Dutch, for the page: "Uitvoeringsprogramma"
    source: str       # what it is built from: "plan" or "project"
    #: source "plan": build(plan, content, today=...), `content` the loaded guide (app/services/core/content.py),
    #: `today` the date of the concept that the view passes in (the ordinance's check compares the plan's dates with
    #: it); "project": build(project, content)
    build: Callable[..., Document]
    summary: str = ""  # one Dutch line on what the document is, for the list of a plan's documents
    pdf: bool = False  # also offered as PDF/A (app/services/documents/pdf.py, LibreOffice)


KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    if kind.key in KINDS:
        raise ValueError(f"Documentsoort {kind.key!r} is al geregistreerd")
    KINDS[kind.key] = kind
    return kind


def kinds_for(source: str) -> list[DocumentKind]:
    return [k for k in KINDS.values() if k.source == source]


def record_download(plan, kind: DocumentKind, file: str, *, by) -> None:
    """One of the plan's documents left the assistant (Word or PDF/A)."""
    audit.record_download(plan, AuditAction.DOCUMENT_DOWNLOAD, by=by, kind=kind.key, file=file)
