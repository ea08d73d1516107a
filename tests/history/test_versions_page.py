"""The versions page lists a long history a page at a time, newest first."""
import re
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models import PlanRevision
from tests.helpers import text_of

START = datetime(2026, 9, 1, 9, 0)


@pytest.fixture()
def long_history(editor):
    """120 recorded changes; change i touched a question shown by its key, wijziging_000 ... wijziging_119."""
    db.session.add_all(PlanRevision(plan_id=editor.plan.id, step_number=1, kind="save", user_id=editor.user.id,
                                    created_at=START + timedelta(minutes=i), changes={f"wijziging_{i:03d}": [None, 1]})
                       for i in range(120))
    db.session.commit()
    return editor


def shown(page: str) -> list[int]:
    return [int(n) for n in re.findall(r"wijziging_(\d{3})", page)]


def test_first_page_shows_the_newest_fifty_and_links_to_older(long_history):
    response = long_history.client.get(f"/plannen/{long_history.plan.id}/versies")
    page = text_of(response)
    assert response.status_code == 200
    assert shown(page) == list(range(119, 69, -1))
    assert "Wijziging 1 tot en met 50 van 120, de nieuwste eerst." in page
    assert "Oudere wijzigingen" in page and "Nieuwere wijzigingen" not in page
    assert f'href="/plannen/{long_history.plan.id}/versies?pagina=2#wijzigingen"' in response.get_data(as_text=True)


def test_next_pages_show_the_older_changes(long_history):
    url = f"/plannen/{long_history.plan.id}/versies"
    second = text_of(long_history.client.get(f"{url}?pagina=2"))
    assert shown(second) == list(range(69, 19, -1))
    assert "Wijziging 51 tot en met 100 van 120" in second
    assert "Oudere wijzigingen" in second and "Nieuwere wijzigingen" in second

    response = long_history.client.get(f"{url}?pagina=3")
    third = text_of(response)
    assert shown(third) == list(range(19, -1, -1))
    assert "Nieuwere wijzigingen" in third and "Oudere wijzigingen" not in third
    assert f'href="{url}?pagina=2#wijzigingen"' in response.get_data(as_text=True)


def test_a_short_history_has_no_page_links(editor):
    page = text_of(editor.client.get(f"/plannen/{editor.plan.id}/versies"))
    assert "Nog geen wijzigingen." in page
    assert "Oudere wijzigingen" not in page and "Nieuwere wijzigingen" not in page


@pytest.mark.parametrize("value", ["abc", "", "2.5", "²"])
def test_a_page_number_that_is_not_a_number_shows_the_first_page(long_history, value):
    response = long_history.client.get(f"/plannen/{long_history.plan.id}/versies?pagina={value}")
    assert response.status_code == 200
    assert shown(text_of(response))[:1] == [119]


@pytest.mark.parametrize("value", ["0", "-1", "4", "99999999999999999999999999"])
def test_a_page_that_does_not_exist_is_not_found(long_history, value):
    response = long_history.client.get(f"/plannen/{long_history.plan.id}/versies?pagina={value}")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text_of(response)
