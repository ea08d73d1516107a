"""Issue 13: every law provision a generated ordinance cites is in docs/grounds.md, checked or flagged.

A new citation in a clause, toelichting, comment or finding without a row in that table (for its body type, with one
of the three statuses) fails here, so no provision reaches the raad unchecked.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from app.services.ordinance.wording import GENERAL_GROUNDS, GROUNDS
from tests.ordinance.test_docx import DEMO, handreiking, library  # noqa: F401 (fixtures)
from tests.ordinance.test_legal_quality import (
    BODIES,
    build,
    everything_a_reader_sees,
    variants,
)

GROUNDS_DOC = Path(__file__).resolve().parents[2] / "docs" / "grounds.md"
STATUSES = ("bevestigd", "bevestigd (secundaire bron)", "niet gevonden in de zoekbron; te controleren")
# "artikel 3:15, tweede lid, van de Algemene wet bestuursrecht", "afdeling 3.4 Awb", "... van die wet"
CITATION = re.compile(r"\b([Aa]rtikel|[Aa]fdeling) (\d+(?:[.:]\d+)*[a-z]?)(, \w+ lid,)? (?:van (?:de|het) |van die )?"
                      r"(Algemene wet bestuursrecht|Wet maatschappelijke ondersteuning 2015|Awb|"
                      r"[A-Z][a-z]+(?:wet|besluit|regeling)\b|wet\b)")
ANY_CITATION = re.compile(r"\b(?:[Aa]rtikel|[Aa]fdeling) \d+(?:[.:]\d+)*[a-z]?(?:, \w+ lid,)? "
                          r"(?:van (?:de|het|die) [A-Za-z]|[A-Z][a-z]*wet\b|Awb\b)")
ARTICLE = {"Omgevingsbesluit": "het"}


def table() -> dict[str, tuple[str, str]]:
    """Provision -> (body type or "alle", status), from the table in docs/grounds.md."""
    rows = {}
    for line in GROUNDS_DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[1] in (*BODIES, "alle"):
            rows[cells[0]] = (cells[1], cells[5])
    return rows


def citations(text: str) -> set[str]:
    """The provisions cited in a text, normalised; "van die wet" takes the law of the citation before it."""
    found, law = set(), ""
    for kind, number, member, named in CITATION.findall(text):
        law = law if named == "wet" else {"Awb": "Algemene wet bestuursrecht"}.get(named, named)
        assert law, f"'van die wet' without a law before it: {text[:120]}"
        found.add(f"{kind.lower()} {number}{member} van {ARTICLE.get(law, 'de')} {law}")
    assert len(CITATION.findall(text)) == len(ANY_CITATION.findall(text)), f"a citation this test cannot read: {text}"
    return found


def cited(library, handreiking, body: str) -> set[str]:  # noqa: F811
    """Every provision cited for a body type: the demo plan, and plans with every option of every question."""
    demo = copy.deepcopy(DEMO["steps"])
    found = set()
    for steps in [demo, *variants(handreiking, body)]:
        ordinance = build(library, handreiking, steps, body)
        for text in everything_a_reader_sees(ordinance) + [f.message for f in ordinance.findings]:
            found |= citations(text)
    return found


@pytest.mark.parametrize("body", BODIES)
def test_every_cited_provision_is_checked_or_flagged_in_docs_grounds(library, handreiking, body):  # noqa: F811
    rows = table()
    provisions = cited(library, handreiking, body)
    assert "artikel 1:2 van de Algemene wet bestuursrecht" in provisions  # the scan reads citations at all
    for provision in sorted(provisions):
        assert provision in rows, f"{provision} ({body}) is not in docs/grounds.md"
        row_body, status = rows[provision]
        assert status in STATUSES, (provision, status)
        # A provision of one body type's law is checked for that body type; 16.55 Ow is explained, not applied, for
        # the others (test_legal_quality::test_omgevingswet_designation_is_never_a_power_of_another_body).
        assert row_body in (body, "alle") or "Omgevingswet" in provision, (provision, body, row_body)


def test_the_table_of_grounds_in_the_code_is_the_checked_table():
    rows = table()
    for body, grounds in GROUNDS.items():
        for provision in grounds:
            assert rows.get(provision, ("", ""))[0] == body, provision
    for provision in GENERAL_GROUNDS:
        assert rows.get(provision, ("", ""))[0] == "alle", provision


def test_citations_are_read_whole():
    text = ("Met toepassing van artikel 3:15, tweede lid, van die wet. Op de inspraak is afdeling 3.4 van de "
            "Algemene wet bestuursrecht van toepassing; zie artikel 10.2 van het Omgevingsbesluit.")
    assert citations("Is afdeling 3.4 van de Algemene wet bestuursrecht van toepassing, dan kunnen op grond van "
                     "artikel 3:15, tweede lid, van die wet ook anderen") == {
        "afdeling 3.4 van de Algemene wet bestuursrecht",
        "artikel 3:15, tweede lid, van de Algemene wet bestuursrecht"}
    with pytest.raises(AssertionError):
        citations(text)  # "van die wet" before any law


def test_every_reference_of_the_reader_is_checked_or_flagged():
    """The reader's gap report names a provision per element of the law; those are in docs/grounds.md too."""
    rules = yaml.safe_load((GROUNDS_DOC.parents[1] / "handreiking" / "reader" / "rules.yaml").read_text(encoding="utf-8"))
    rows = table()
    references = [(body, ground) for element in rules["elements"] for body, ground in element["grounds"].items()]
    assert len(references) == 12
    for body, ground in references:
        assert rows.get(ground, ("", ""))[0] == body, f"{ground} ({body}) is not in docs/grounds.md"
        assert rows[ground][1] in STATUSES
