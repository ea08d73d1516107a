"""The decision letter on a request: one document kind ("besluit_verzoek", source "loket") in the document registry.

Stable prose is in handreiking/loket/loket.yaml (letter); the builder fills in the request's own rules (who decides,
criteria, whether it is a beschikking) as they were when it was filed. A beschikking carries the bezwaar clause
(art. 3:45 Awb, six weeks: art. 6:7 Awb); reasons are required before a decision (art. 3:46 Awb).
"""
from __future__ import annotations

from app.models.loket import LoketRequest
from app.services.core import body_types
from app.services.documents.model import Document, ListBlock
from app.services.documents.registry import DocumentKind, register
from app.services.loket.content import LoketContent
from app.services.loket.rights import Right
from app.services.ordinance.wording import capfirst, dutch_date

_PLURAL_DECIDERS = {"gedeputeerde staten", "provinciale staten"}


def build_decision_letter(request: LoketRequest, texts: LoketContent, organisation: str, body_type: str) -> Document:
    right = Right.from_rules(request.rules)
    letter = texts.letter
    title = texts.rights[right.key].title
    body = body_types.body(body_type).wording
    words = {"ontvangen": dutch_date(request.received_on), "zaak": texts.rights[right.key].noun,
             "kenmerk": request.reference or "", "beslisser": right.decided_by,
             "beslisser_hoofd": capfirst(right.decided_by),
             "heeft": "hebben" if right.decided_by in _PLURAL_DECIDERS else "heeft",
             "raad": str(body["raad"]), "bestuur": str(body["bestuur"])}
    doc = Document(kind="besluit_verzoek", title=f"Besluit op uw {words['zaak']}", subject=organisation,
                   status="Besluit", draft=False,  # a letter that is sent is no concept
                   keywords=f"{title}; {request.reference}; {organisation}", category=title)
    doc.paragraph(f"{request.requester_name}\n{request.requester_address}".strip(), style="aanhef")
    doc.paragraph(f"Kenmerk: {request.reference}")
    if request.decided_on:
        doc.paragraph(f"Datum: {dutch_date(request.decided_on)}")
    doc.paragraph(f"Onderwerp: {request.subject}")
    doc.paragraph(letter["opening"].format(**words))
    if request.outcome:
        doc.paragraph(letter["outcome"][request.outcome].format(**words))
    else:
        doc.paragraph("[nog geen besluit]")
        doc.open_points.append("Er is nog geen besluit genomen.")
    doc.heading(letter["reasons_heading"], level=2)
    if right.criteria:
        doc.paragraph(letter["criteria_intro"])
        doc.add(ListBlock(list(right.criteria)))
    doc.paragraph(request.decision_reasons or "[motivering]")
    if request.decision_conditions:
        doc.heading(letter["conditions_heading"], level=2)
        doc.paragraph(request.decision_conditions)
    if request.postponed_on:
        doc.paragraph(letter["postponed"].format(verdaagd_op=dutch_date(request.postponed_on),
                                                 verdaagd_tot=dutch_date(request.due_on),
                                                 reden=(request.postpone_reason or "").rstrip(".") + "."))
    doc.heading(letter["bezwaar_heading"], level=2)
    doc.paragraph((letter["bezwaar"] if right.beschikking else letter["geen_beschikking"]).format(**words))
    doc.paragraph(letter["closing"], style="signing")
    doc.paragraph(capfirst(right.decided_by) + f" van {organisation}", style="signing")
    return doc


DECISION_LETTER = register(DocumentKind("besluit_verzoek", "Besluit op een verzoek", "loket", build_decision_letter,
                                        summary="De brief met het besluit op een verzoek aan het loket."))
