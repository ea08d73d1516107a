"""Step 6 chooses, per activity, from the values of step 3: while step 3 is empty the page says so and links it."""
from __future__ import annotations

import re
from urllib.parse import urljoin

from tests import helpers


def test_step_6_says_step_3_is_empty_and_links_it(editor):
    url = f"/plannen/{editor.plan.id}/stap/6"
    response = editor.client.get(url)
    text, html = helpers.text_of(response), response.get_data(as_text=True)
    assert "kiest u uit uw antwoord op “Welke waarden staan centraal?” in stap 3. Daar staat nog niets" in text
    href = re.search(r'<p class="utrecht-paragraph hint no-choices">[^<]*<a class="utrecht-link" href="([^"]+)">'
                     r'Vul eerst stap 3 in</a>', html).group(1)
    target = urljoin(f"http://localhost{url}", href)
    assert target == f"http://localhost/plannen/{editor.plan.id}/stap/3#vraag-waarden"
    assert "Welke waarden staan centraal?" in helpers.text_of(editor.client.get(target.split("#")[0]))

