"""The toegankelijkheidsverklaring: reachable from the footer of every page, public, and it says what is tested and
what does not work."""
from __future__ import annotations

from tests import helpers


def _footer_link(response) -> bool:
    html = response.get_data(as_text=True)
    footer = html[html.index("<footer"):]
    return 'href="/toegankelijkheid"' in footer and "Toegankelijkheidsverklaring" in footer


def test_every_page_links_to_the_statement_in_its_footer(client, editor):
    anonymous = editor.client.application.test_client()
    for page in ("/inloggen", "/hulp", "/registreren"):
        assert _footer_link(anonymous.get(page)), page
    for page in ("/", f"/plannen/{editor.plan.id}", "/account"):
        assert _footer_link(editor.client.get(page)), page
    assert _footer_link(anonymous.get("/plannen/999999/bestaat-niet"))  # the 404 page too


def test_statement_says_what_is_tested_and_what_does_not_work(client):
    response = client.get("/toegankelijkheid")
    assert response.status_code == 200
    text = helpers.text_of(response)
    assert "<h1" in response.get_data(as_text=True) and "Toegankelijkheidsverklaring" in text
    for claim in ("C – eerste maatregelen genomen", "axe-core", "WCAG 2.1", "Toetsenbord", "390 pixels",
                  "Een sessie verloopt zonder waarschuwing", "Niet getest met een schermlezer",
                  "Besluit digitale toegankelijkheid overheid"):
        assert claim in text, claim
