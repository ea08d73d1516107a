"""Times are shown as a Dutch reader expects them."""
from datetime import datetime

from app.templating import local_time


def test_stored_utc_time_is_shown_in_amsterdam_time():
    assert local_time(datetime(2026, 11, 24, 13, 5)) == "24 november 2026, 14:05 uur"   # winter: UTC+1
    assert local_time(datetime(2026, 7, 1, 23, 30)) == "2 juli 2026, 01:30 uur"        # summer: UTC+2
    assert local_time(None) == ""


def test_kept_texts_and_links_are_the_same_for_everyone_and_hold_nothing_of_another_request(app):
    """app/templating.py keeps a text without variables and the path of a link; what differs per request (a name,
    a plan's id, the site's root) is in the key or formatted each time."""
    page = app.jinja_env.from_string("{{ _('Uitloggen (%(name)s)', name=who) }}|{{ _('Stappen') }}|{{ _('100%% zeker') }}|"
                                     "{{ url_for('wizard.step', plan_id=plan, number=5) }}")
    with app.test_request_context("/"):
        first = page.render(who="<b>Ann</b>", plan=1)
    with app.test_request_context("/"):
        second = page.render(who="Bob", plan=2)
    with app.test_request_context("/", environ_overrides={"SCRIPT_NAME": "/pa"}):
        elsewhere = page.render(who="Bob", plan=1)
    assert first == "Uitloggen (&lt;b&gt;Ann&lt;/b&gt;)|Stappen|100% zeker|/plannen/1/stap/5"
    assert second == "Uitloggen (Bob)|Stappen|100% zeker|/plannen/2/stap/5"
    assert elsewhere.endswith("|/pa/plannen/1/stap/5")
    text = app.jinja_env.from_string("{% autoescape false %}{{ _('Stappen') }} {{ _('A & B') }}{% endautoescape %}")
    with app.test_request_context("/"):
        assert text.render() == "Stappen A & B"
