"""The benchmark: opt-in, a group of at least 5 OTHER comparable organisations, never a name, and a yearly report."""
from __future__ import annotations

import io
import re
from datetime import datetime

from docx import Document as WordDocument
from sqlalchemy import event, select

from app import content
from app.extensions import db
from app.models import AuditEvent, BenchmarkParticipation, Organisation
from app.services.zelfscan import benchmark
from tests import helpers
from tests.zelfscan.conftest import fill, scanned_organisation

TOO_FEW = "Nog te weinig vergelijkbare deelnemers (minimaal 5)."
GROUP_HEAD = "Laagste 1e kwartiel Mediaan 3e kwartiel Hoogste"
#: two scores in a row in the report's text: a group's figures (the own table has one score and a bar)
GROUP_FIGURES = re.compile(r"\d,\d \d,\d")


def _opt_in(client, organisation_id: int, choice: str = "ja"):
    return helpers.post_form(client, f"/organisaties/{organisation_id}/benchmark/deelname", {"choice": choice},
                             token_from=f"/organisaties/{organisation_id}/benchmark")


def _own_organisation(editor, inhabitants: int = 30_000):
    editor.organisation.inhabitants = inhabitants
    editor.organisation.verified_at = datetime(2026, 1, 5)
    db.session.commit()
    fill(editor.client, editor.organisation.id, 2026, 3)
    assert _opt_in(editor.client, editor.organisation.id).status_code == 302


def _others(count: int, **kwargs) -> list[Organisation]:
    return [scanned_organisation(f"Anderdorp{i}", 2026, 1 + i % 5, **kwargs) for i in range(count)]


def _docx_text(response) -> str:
    assert response.status_code == 200
    doc = WordDocument(io.BytesIO(response.data))
    rows = [" ".join(c.text for c in r.cells) for t in doc.tables for r in t.rows]
    return " ".join([p.text for p in doc.paragraphs] + rows + [doc.core_properties.subject or ""])


def test_opting_in_is_off_by_default_states_what_is_shared_and_is_recorded(editor):
    organisation = editor.organisation
    page = helpers.text_of(editor.client.get(f"/organisaties/{organisation.id}/benchmark"))
    assert "Uw organisatie neemt niet deel aan de benchmark." in page
    assert "De gemiddelde score per thema van uw zelfscans." in page
    assert "Nooit de naam van uw organisatie, de scores per stelling of de toelichtingen." in page
    assert _opt_in(editor.client, organisation.id).status_code == 302
    assert db.session.scalar(select(BenchmarkParticipation.organisation_id)) == organisation.id
    assert _opt_in(editor.client, organisation.id, "nee").status_code == 302
    assert db.session.scalar(select(BenchmarkParticipation)) is None
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("benchmark.%"))
                                 .order_by(AuditEvent.id)).all()
    assert actions == ["benchmark.joined", "benchmark.left"]


def test_a_bad_choice_is_refused_and_nothing_is_written(editor):
    response = _opt_in(editor.client, editor.organisation.id, "misschien")
    assert response.status_code == 400 and db.session.scalar(select(BenchmarkParticipation)) is None


def test_only_a_beheerder_decides_on_taking_part(editor, browser):
    writer = helpers.make_user("rob@voorbeeld.nl", "Rob Redacteur")
    helpers.add_member(editor.organisation, writer, "redacteur")
    client = browser()
    helpers.login(client, writer.email)
    assert "Een beheerder van uw organisatie beslist over deelname." in helpers.text_of(
        client.get(f"/organisaties/{editor.organisation.id}/benchmark"))
    assert _opt_in(client, editor.organisation.id).status_code == 403
    assert db.session.scalar(select(BenchmarkParticipation)) is None


def test_four_others_show_nothing_of_the_group_five_show_the_distribution(editor):
    _own_organisation(editor)
    others = _others(4)
    url = f"/organisaties/{editor.organisation.id}/benchmark"
    response = editor.client.get(url)
    page = helpers.text_of(response)
    assert TOO_FEW in page and GROUP_HEAD not in page
    report = _docx_text(editor.client.get(f"{url}/2026/rapport.docx"))
    assert "te weinig deelnemers" in report
    assert not GROUP_FIGURES.search(report)  # no figure of the group at all
    others.append(scanned_organisation("Anderdorp4", 2026, 5))
    page = helpers.text_of(editor.client.get(url))
    assert TOO_FEW not in page and GROUP_HEAD in page
    # five others scored 1, 2, 3, 4, 5: min 1, quartiles 2 and 4, median 3; own score 3 sits on the median
    assert "De raad 3,0 1,0 2,0 3,0 4,0 5,0 op de mediaan" in page
    report = _docx_text(editor.client.get(f"{url}/2026/rapport.docx"))
    assert "De raad 1,0 2,0 3,0 4,0 5,0" in report
    for other in others:
        assert other.name not in page and other.name not in report


def test_organisations_of_another_size_class_body_type_year_or_not_opted_in_do_not_count(editor):
    _own_organisation(editor, inhabitants=30_000)
    _others(4)
    scanned_organisation("Grootstad", 2026, 2, inhabitants=50_000)
    scanned_organisation("Kleindorp", 2026, 2, inhabitants=19_999)
    scanned_organisation("Provincie Noord", 2026, 2, body_type="provincie")
    scanned_organisation("Vorigjaar", 2025, 2)
    scanned_organisation("Zwijger", 2026, 2, opted_in=False)
    page = helpers.text_of(editor.client.get(f"/organisaties/{editor.organisation.id}/benchmark"))
    assert TOO_FEW in page and GROUP_HEAD not in page


def test_the_own_organisation_is_not_one_of_the_five(editor):
    _own_organisation(editor)
    _others(4)
    comparison = benchmark.compare(editor.organisation, 2026, content.zelfscan())
    assert comparison.participating and not comparison.enough


def test_opting_out_removes_an_organisation_from_the_others_groups_at_once(editor, browser):
    _own_organisation(editor)
    others = _others(4)
    user = helpers.make_user("bea@leaver.nl", "Bea Leaver")
    leaver = scanned_organisation("Vertrekstad", 2026, 4)
    helpers.add_member(leaver, user, "beheerder")
    url = f"/organisaties/{editor.organisation.id}/benchmark"
    assert GROUP_HEAD in helpers.text_of(editor.client.get(url))
    client = browser()
    helpers.login(client, user.email)
    assert _opt_in(client, leaver.id, "nee").status_code == 302
    page = helpers.text_of(editor.client.get(url))
    assert TOO_FEW in page and GROUP_HEAD not in page
    assert all(o.name not in page for o in others + [leaver])


def test_an_organisation_that_does_not_take_part_sees_no_group(editor):
    editor.organisation.inhabitants = 30_000
    db.session.commit()
    fill(editor.client, editor.organisation.id, 2026, 3)
    _others(6)
    url = f"/organisaties/{editor.organisation.id}/benchmark"
    assert GROUP_HEAD not in helpers.text_of(editor.client.get(url))
    report = _docx_text(editor.client.get(f"{url}/2026/rapport.docx"))
    assert "neemt niet deel aan de benchmark" in report and not GROUP_FIGURES.search(report)
    assert "Verdeling in de groep" not in report


def test_the_report_gives_the_position_per_theme_and_the_lowest_success_factors(editor):
    editor.organisation.inhabitants = 30_000
    editor.organisation.verified_at = datetime(2026, 1, 5)
    db.session.commit()
    scores = {"raad": 5, "college": 4, "organisatie": 3, "inwoners": 3, "transparant": 4, "budget": 1,
              "afspiegeling": 2, "faciliterend": 4, "ervaring": 5, "experimenteren": 2}
    fill(editor.client, editor.organisation.id, 2026, scores)
    _opt_in(editor.client, editor.organisation.id)
    _others(5)
    response = editor.client.get(f"/organisaties/{editor.organisation.id}/benchmark/2026/rapport.docx")
    assert response.headers["Content-Disposition"].startswith("attachment; filename=benchmarkrapport-2026-")
    doc = WordDocument(io.BytesIO(response.data))
    themes = {r.cells[0].text: [c.text for c in r.cells] for r in doc.tables[0].rows[1:]}
    assert themes["De raad"][1:] == ["5,0", "██████████", "bij het hoogste kwart"]
    assert themes["Budget voor initiatieven"][1:] == ["1,0", "██░░░░░░░░", "bij het laagste kwart"]
    group = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in doc.tables[1].rows[1:]}
    assert group["De raad"] == ["1,0", "2,0", "3,0", "4,0", "5,0"]
    lowest = [r.cells[0].text for r in doc.tables[2].rows[1:]]
    assert lowest == ["Budget voor initiatieven", "Representatieve afspiegeling", "Ruimte om te experimenteren"]
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "benchmark.report_download"))


def test_size_classes():
    def klass(n, body_type="gemeente"):
        return benchmark.size_class(Organisation(name="x", body_type=body_type, inhabitants=n))
    assert [klass(n) for n in (19_999, 20_000, 49_999, 50_000, 99_999, 100_000)] == [
        "tot-20000", "20000-50000", "20000-50000", "50000-100000", "50000-100000", "vanaf-100000"]
    assert klass(None) is None and klass(None, "provincie") == "provincie" and klass(5, "waterschap") == "waterschap"


def _queries_for_compare(organisation) -> int:
    count = 0

    def counter(*_args):
        nonlocal count
        count += 1
    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        db.session.expire_all()
        benchmark.compare(organisation, 2026, content.zelfscan())
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    return count


def test_the_number_of_queries_does_not_grow_with_the_group(editor):
    _own_organisation(editor)
    _others(5)
    few = _queries_for_compare(editor.organisation)
    _others(40)
    many = _queries_for_compare(editor.organisation)
    assert few == many, (few, many)


def test_the_benchmark_page_and_report_need_as_many_queries_for_40_others_as_for_5(editor):
    _own_organisation(editor)
    _others(5)
    urls = [f"/organisaties/{editor.organisation.id}/benchmark",
            f"/organisaties/{editor.organisation.id}/benchmark/2026/rapport.docx"]

    def queries(url: str) -> int:
        editor.client.get(url)  # the session's "last seen" may move on in the first request; count the second
        seen = []
        listener = lambda *_args: seen.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert editor.client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    few = [queries(u) for u in urls]
    _others(40)
    assert [queries(u) for u in urls] == few
