"""The XML of every Word document the demo makes, written to a folder, so a change to the DOCX writer can prove the
files themselves are unchanged (record.py keeps only their text and comments).

    /work/main/.venv/bin/python tests/corpus/docx_xml.py /tmp/docx-before     # on the unchanged code
    /work/main/.venv/bin/python tests/corpus/docx_xml.py /tmp/docx-after      # after the change
    diff -r /tmp/docx-before /tmp/docx-after                                  # must print nothing

A script and not a pytest test, like record.py (whose demo world, logins and URLs it reuses). It writes one file per
document:
- every DOCX a GET route of the demo returns, as the beheerder (for the atelier the facilitator) sees it: the
  document kinds of the registry, the ordinance, the changes document with tracked changes (between the demo's
  version and now, and between the generated and the own texts), the reports of the evaluation, the zelfscan, the
  atelier and the loket's letter;
- every document kind of the registry built for the demo plan or project and written with a fixed date;
- changes documents with tracked changes of the demo's ordinance against altered copies of it (a changed member,
  an article gone, a part added; a tab, a line break and a character XML cannot hold), in both directions, so
  inserted and deleted paragraphs and words are all written.
Each file holds every XML part of the package (document.xml with its section properties, styles.xml, numbering.xml,
comments.xml, settings.xml, headers and footers, core properties, relationships), one element a line, indented,
attributes sorted (so their order does not count) and namespace declarations left out (prefixes stay).
Normalised: w:rsid* attributes, the dates of comments and revisions (w:date), the created and modified times of the
core properties and today's date; the comment and revision ids are counted from 0 and 1 in order, so they stay.

Known difference (issue 17, the changes document moved onto the one writer): the writer marks every w:t
xml:space="preserve", python-docx only a text with white space at either end, so the changes documents of code from
before that change show `<w:t>` where later code shows `<w:t xml:space="preserve">`, on texts without such white space
(where it changes nothing). Compare those with `sed 's/<w:t xml:space="preserve">/<w:t>/'` on both folders.
"""
from __future__ import annotations

import copy
import io
import re
import sys
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lxml import etree  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from tests.corpus.record import EMAILS, CorpusConfig, load_world, login, normaliser, urls  # noqa: E402

TODAY = date(2026, 11, 24)
WHEN = datetime(2026, 11, 24, 10, 30, tzinfo=timezone.utc)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _name(tag: str, nsmap: dict) -> str:
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}")
    prefixes = {v: k for k, v in nsmap.items() if k}
    prefixes.setdefault("http://www.w3.org/XML/1998/namespace", "xml")
    return f"{prefixes.get(uri, uri)}:{local}"


def dump_xml(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    lines: list[str] = []

    def walk(element, depth: int) -> None:
        if not isinstance(element.tag, str):  # a comment or processing instruction
            return
        attributes = []
        for key, value in sorted((_name(k, element.nsmap), v) for k, v in element.attrib.items()):
            if re.fullmatch(r"w:rsid\w*", key):
                continue
            if key == "w:date":
                value = "<datum>"
            attributes.append(f'{key}="{value}"')
        name = _name(element.tag, element.nsmap)
        text = (element.text or "")
        if name in ("dcterms:created", "dcterms:modified"):
            text = "<tijd>"
        line = "  " * depth + "<" + " ".join([name, *attributes]) + ">"
        if text.strip() or (text and len(element) == 0):
            line += repr(text)
        lines.append(line)
        for child in element:
            walk(child, depth + 1)

    walk(root, 0)
    return lines


def dump_docx(data: bytes, normalise) -> str:
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for part in sorted(package.namelist()):
            out.append(f"== {part}")
            if part.endswith((".xml", ".rels")):
                out.extend(dump_xml(package.read(part)))
            else:
                out.append(f"{len(package.read(part))} bytes")
    return normalise("\n".join(out) + "\n")


def altered(ordinance):
    """A copy of the ordinance with a changed member, an article less, a new part and awkward characters."""
    other = copy.deepcopy(ordinance)
    articles = [a for c in other.chapters for a in c.articles]
    member = next(m for a in articles for m in a.members if m.number)
    member.text = member.text.replace("de", "het", 1) + " Een\ttab,\neen nieuwe regel en \x0b iets wat XML weigert."
    chapter = next(c for c in other.chapters if len(c.articles) > 1)
    chapter.articles.pop()
    with_parts = next((m for a in articles for m in a.members if m.parts), None)
    if with_parts is not None:
        part = copy.deepcopy(with_parts.parts[-1])
        part.text = "een nieuw onderdeel"
        with_parts.parts.append(part)
    other.aanhef = [*other.aanhef, "Een nieuwe regel in de aanhef;"]
    return other


def record(out: Path) -> int:
    from app import content
    from app.models import ParticipationPlan, Project
    from app.services.documents.docx_writer import render_docx
    from app.services.documents.registry import KINDS
    from app.services.ordinance import changes
    from app.services.ordinance.docx_render import render_changes_docx
    from app.services.plans import exchange
    from app.services.ordinance.builder import build_ordinance
    from tests.helpers import IsolatedClient

    out.mkdir(parents=True, exist_ok=True)
    app = create_app(CorpusConfig)
    app.test_client_class = IsolatedClient
    written = 0

    def write(name: str, data: bytes) -> None:
        nonlocal written
        (out / f"{name}.txt").write_text(dump_docx(data, normalise), encoding="utf-8")
        written += 1

    with app.app_context():
        db.create_all()
        load_world(app)
        normalise = normaliser()
        for role in ("beheerder", "facilitator"):  # the facilitator has the atelier's reports
            client = app.test_client()
            login(client, EMAILS[role])
            for number, (endpoint, url) in enumerate(urls(app)):
                if role == "facilitator" and not endpoint.startswith("atelier."):
                    continue
                db.session.rollback()
                db.session.expire_all()
                for extra in ([""] if endpoint != "ordinance.changes_docx" else ["", "?van=gegenereerd&naar=eigen"]):
                    response = client.get(url.split("?")[0] + extra if extra else url)
                    if "wordprocessingml" in response.headers.get("Content-Type", ""):
                        write(f"route-{number:04d}-{endpoint}{'-eigen' if extra else ''}", response.data)

        plan = db.session.scalar(select(ParticipationPlan).order_by(ParticipationPlan.id))
        project = db.session.scalar(select(Project).order_by(Project.id))
        handreiking = content.handreiking()
        for key, kind in sorted(KINDS.items()):
            source = {"plan": plan, "project": project}.get(kind.source)
            if source is not None:
                try:
                    document = kind.build(source, content.current())
                except TypeError:  # a builder that needs more than the source and the handreiking (the loket)
                    continue
                write(f"kind-{key}", render_docx(document, TODAY))

        ordinance = build_ordinance(content.clause_library(), handreiking, exchange.plan_input(plan, content.current()))
        other = altered(ordinance)
        for name, (before, after) in {"changes-altered": (ordinance, other),
                                      "changes-restored": (other, ordinance),
                                      "changes-none": (ordinance, ordinance)}.items():
            write(name, render_changes_docx(after, changes.compare(before, after), author="Jan \x01Jurist",
                                            old_name="Versie <1> & \"oud\"", new_name="Nu", today=TODAY, when=WHEN))
        write("changes-no-author", render_changes_docx(other, changes.compare(ordinance, other), author="",
                                                       old_name="a", new_name="b"))
        db.session.remove()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/docx-xml")
    print(f"{target}: {record(target)} documents")
