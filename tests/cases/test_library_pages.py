"""The casusbibliotheek in pages of 20, newest first: the count, the page links that keep the search, bad page numbers
answered in Dutch, and a page that costs the same number of queries however many cases there are."""
from __future__ import annotations

import html
import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event

from app.extensions import db
from app.models import Project
from app.models.case import Case
from app.services.cases.cases import CASES_PER_PAGE, CasePage
from tests import helpers
from tests.cases.test_cases import count_queries, other_user
from tests.test_fuzz import VALUES

START = datetime(2026, 1, 1)


def make_cases(organisation, count, first=1, approach="Gedaan.", factors="", domain="openbare_ruimte"):
    """`count` published cases "Casus <n>", one project each, case n published n days after START (higher is
    newer)."""
    for n in range(first, first + count):
        project = Project(organisation_id=organisation.id, name=f"Traject {n}", domain=domain, phase="afgerond",
                          impact="middel")
        db.session.add(project)
        db.session.flush()
        db.session.add(Case(project_id=project.id, title=f"Casus {n}", approach=approach, outcomes="Opgeleverd.",
                            lessons="", factors=factors, published=True, published_at=START + timedelta(days=n)))
    db.session.commit()


def titles_on(response) -> list[str]:
    return re.findall(r'<h3 class="utrecht-heading-3"><a [^>]*>(Casus \d+)</a>', response.get_data(as_text=True))


def pagination(response) -> str:
    found = re.search(r'<nav class="pagination" aria-label="Paginering">(.*?)</nav>', response.get_data(as_text=True),
                      re.S)
    assert found, "geen navigatie met aria-label Paginering"
    return found.group(1)


def link(response, name: str) -> str:
    """The href of the pagination link with this text (Vorige, Volgende)."""
    found = re.search(r'<a class="utrecht-link" rel="(?:prev|next)" href="([^"]+)">' + name + "</a>",
                      pagination(response))
    assert found, f"geen link {name}"
    return html.unescape(found.group(1))


def test_45_cases_make_three_pages_of_20_newest_first(editor, browser):
    make_cases(editor.organisation, 45)
    reader = other_user(browser)
    first = reader.client.get("/casussen")
    assert first.status_code == 200
    text = helpers.text_of(first)
    assert "45 casussen gevonden" in text and "Casussen 1 tot en met 20, de nieuwste eerst." in text
    assert titles_on(first) == [f"Casus {n}" for n in range(45, 25, -1)]
    nav = pagination(first)
    assert re.search(r'aria-label="Pagina 1" aria-current="page">1</a>', nav)
    assert nav.count("aria-current") == 1 and 'aria-label="Pagina 3"' in nav
    assert "Vorige" not in nav
    assert link(first, "Volgende").startswith("/casussen?pagina=2")

    second = reader.client.get(link(first, "Volgende"))
    assert titles_on(second) == [f"Casus {n}" for n in range(25, 5, -1)]
    assert link(second, "Vorige").startswith("/casussen#")  # page 1 is the library's own address

    last = reader.client.get("/casussen?pagina=3")
    assert last.status_code == 200
    assert titles_on(last) == ["Casus 5", "Casus 4", "Casus 3", "Casus 2", "Casus 1"]
    assert "45 casussen gevonden" in helpers.text_of(last) and "Casussen 41 tot en met 45" in helpers.text_of(last)
    assert re.search(r'aria-label="Pagina 3" aria-current="page">3</a>', pagination(last))
    assert "Volgende" not in pagination(last)
    assert "pagina 3 van 3" in last.get_data(as_text=True).split("</title>")[0]


def test_the_page_links_keep_the_search_words_and_filters(editor, browser):
    make_cases(editor.organisation, 25, approach="Een speeltuin ontworpen met kinderen.", factors=",budget,")
    make_cases(editor.organisation, 20, first=26, approach="Een speeltuin zonder budget.")  # other factor
    reader = other_user(browser)
    first = reader.client.get("/casussen?q=speeltuin&succesfactor=budget")
    assert "25 casussen gevonden" in helpers.text_of(first)
    following = link(first, "Volgende")
    assert "q=speeltuin" in following and "succesfactor=budget" in following and "pagina=2" in following
    assert "domein" not in following  # an empty filter is left out of the link
    second = reader.client.get(following)
    assert second.status_code == 200
    assert titles_on(second) == [f"Casus {n}" for n in range(5, 0, -1)]
    assert 'value="speeltuin"' in second.get_data(as_text=True)  # the search stays in the form
    previous = link(second, "Vorige")
    assert "q=speeltuin" in previous and "succesfactor=budget" in previous and "pagina" not in previous
    numbered = re.search(r'href="([^"]+)" aria-label="Pagina 1"', pagination(second)).group(1)
    assert "q=speeltuin" in html.unescape(numbered) and "succesfactor=budget" in html.unescape(numbered)


@pytest.mark.parametrize("value", ["abc", "0", "000", "-1", "1.5", "²", "٣", "1e3", "\x00"])
def test_a_page_number_that_is_not_a_number_is_answered_in_dutch(editor, browser, value):
    make_cases(editor.organisation, 25, approach="Een speeltuin.")
    reader = other_user(browser)
    response = reader.client.get("/casussen", query_string={"q": "speeltuin", "pagina": value})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Dit paginanummer kunnen wij niet lezen: een paginanummer is een heel getal vanaf 1." in \
        helpers.text_of(response)
    assert 'value="speeltuin"' in page
    assert 'href="/casussen?q=speeltuin#resultaten">Naar de eerste pagina met casussen' in page


@pytest.mark.parametrize("value, status", [("4", 404), ("9" * 5000, 404), ("", 200), ("03", 200), (" 3 ", 200)])
def test_a_page_past_the_last_one_says_so_and_links_the_last_page(editor, browser, value, status):
    make_cases(editor.organisation, 45, approach="Een speeltuin.")
    reader = other_user(browser)
    response = reader.client.get("/casussen", query_string={"q": "speeltuin", "pagina": value})
    assert response.status_code == status
    text = helpers.text_of(response)
    assert "45 casussen gevonden" in text
    if status == 404:
        assert "Deze pagina bestaat niet: er zijn 3 pagina’s met casussen." in text
        assert titles_on(response) == []
        assert 'href="/casussen?pagina=3&amp;q=speeltuin#resultaten">Naar de laatste pagina' in \
            response.get_data(as_text=True)
    elif value == "":
        assert titles_on(response)[0] == "Casus 45"
    else:
        assert titles_on(response)[-1] == "Casus 1"


def test_a_page_past_an_empty_result_links_the_only_page(editor, browser):
    reader = other_user(browser)
    response = reader.client.get("/casussen?pagina=2")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet: er is 1 pagina met casussen." in helpers.text_of(response)
    assert 'href="/casussen#resultaten">Naar de laatste pagina' in response.get_data(as_text=True)
    assert "Er zijn nog geen casussen gepubliceerd." in helpers.text_of(reader.client.get("/casussen"))


def rows_statement(client, url) -> list[str]:
    """The statements that read cases' titles for the page."""
    db.session.expire_all()
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return [s for s in statements if "case_study.title" in s]


@pytest.mark.fresh_app("counts the statements a page sends; the savepoints of a shared transaction would count")
def test_a_page_takes_the_same_queries_for_5_and_45_cases_and_limits_in_the_database(editor, browser):
    reader = other_user(browser)
    make_cases(editor.organisation, 5)
    reader.client.get("/casussen")  # the first request after logging in also refreshes the session
    few, response = count_queries(reader.client, "/casussen")
    assert len(titles_on(response)) == 5
    make_cases(editor.organisation, 40, first=6)
    many, response = count_queries(reader.client, "/casussen")
    assert len(titles_on(response)) == 20
    last, response = count_queries(reader.client, "/casussen?pagina=3&domein=openbare_ruimte")
    assert len(titles_on(response)) == 5
    print(f"queries per library page: {few} for 5 cases, {many} for 45 (page 1), {last} for 45 (page 3)")
    assert few == many == last, f"{few} queries for 5 cases, {many} for 45, {last} for page 3"
    (select_rows,) = rows_statement(reader.client, "/casussen?pagina=2")
    assert re.search(r"\bLIMIT\b", select_rows) and re.search(r"\bOFFSET\b", select_rows), select_rows


@pytest.mark.parametrize("name", sorted(VALUES))
def test_hostile_page_numbers_get_a_dutch_answer_never_a_server_error(editor, name):
    response = editor.client.get("/casussen", query_string={"q": "speeltuin", "pagina": VALUES[name]})
    text = helpers.text_of(response)
    if response.status_code == 200:  # empty: the first page
        assert VALUES[name] == "" and "0 casussen gevonden" in text
    elif response.status_code == 404:  # more digits than any page: past the last page
        assert name in {"5000 digits", "10**30"}
        assert "Deze pagina bestaat niet: er is 1 pagina met casussen." in text
    else:
        assert response.status_code == 400
        assert "een paginanummer is een heel getal vanaf 1" in text


@pytest.mark.parametrize("number, pages, shown", [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (1, 15, [1, 2, 3, None, 15]),
    (5, 15, [1, 2, 3, 4, 5, 6, 7, None, 15]),  # a gap of one page shows that page, not "…"
    (8, 15, [1, None, 6, 7, 8, 9, 10, None, 15]),
    (15, 15, [1, None, 13, 14, 15]),
])
def test_the_page_numbers_show_the_first_the_last_and_two_either_side(number, pages, shown):
    assert CasePage([], number, total=pages * CASES_PER_PAGE, per_page=CASES_PER_PAGE).numbers() == shown
