"""Heavy calendar files against the real app under gunicorn: each is refused with a 4xx and a Dutch message within
5 s, while other people's pages are served at the same time."""
import re
import time
import urllib.request
import uuid

import pytest

from tests import helpers
from tests.adoption.test_calendar_import import calendar, event
from tests.live import ANSWER_WITHIN_SECONDS, Reply, at_once

pytestmark = pytest.mark.live

UPLOADERS = 3
READERS = 3


def _worst_file() -> bytes:
    """Close to the limits of 1000 events and 12000 lines, every line one the import reads (long names, excluded
    dates), so all of it is parsed; and then refused: the daily repetitions of the last events since 2000 are too
    many to work out."""
    events = [event(str(n), f"DTSTART;TZID=Europe/Amsterdam:2026{n % 12 + 1:02d}{n % 28 + 1:02d}T193000",
                    "SUMMARY:Commissie " + "Ruimte " * 40 + "x" * 90,
                    *[f"EXDATE;TZID=Europe/Amsterdam:2025{m + 1:02d}01T100000" for m in range(5)])
              for n in range(990)]
    events += [event(f"d{n}", "DTSTART:20000101T100000Z", "RRULE:FREQ=DAILY", "SUMMARY:Raad") for n in range(10)]
    data = calendar(*events)
    assert len(data) < 1024 * 1024 and data.count(b"\n") > 10_900
    return data


def _upload(browser, path: str, token: str, data: bytes) -> tuple[Reply, float]:
    boundary = uuid.uuid4().hex
    body = b"".join([
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="body_for_unknown"\r\n\r\n\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="kalender.ics"\r\n'
        f'Content-Type: text/calendar\r\n\r\n'.encode(), data, f"\r\n--{boundary}--\r\n".encode()])
    request = urllib.request.Request(browser.base_url + path, data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    started = time.monotonic()
    reply = browser._open(request)
    return reply, time.monotonic() - started


def _timed_get(browser, path: str) -> tuple[Reply, float]:
    started = time.monotonic()
    reply = browser.get(path)
    return reply, time.monotonic() - started


def test_heavy_calendar_files_are_refused_within_seconds_while_others_are_served(live_server):
    ids = {}

    def seed():
        user = helpers.make_user("griffie@voorbeeld.nl")
        organisation = helpers.make_organisation("Voorbeeld", user, "beheerder")
        ids["plan"] = helpers.make_plan(organisation).id

    server = live_server(seed)
    page = f"/plannen/{ids['plan']}/route-naar-vaststelling/vergaderdata"
    data = _worst_file()
    browsers = [server.browser() for _ in range(UPLOADERS + READERS)]
    tokens = []
    for browser in browsers:
        browser.login("griffie@voorbeeld.nl")
        tokens.append(browser.csrf_token(browser.get(page)))

    calls = [lambda b=b, t=t: _upload(b, f"{page}/importeren", t, data) for b, t in
             zip(browsers[:UPLOADERS], tokens)]
    calls += [lambda b=b: _timed_get(b, page) for b in browsers[UPLOADERS:]]
    results = at_once(calls)

    for reply, seconds in results[:UPLOADERS]:
        assert reply.status == 400 and seconds < ANSWER_WITHIN_SECONDS, (reply.status, seconds)
        text = re.sub(r"\s+", " ", reply.body)
        # the limit on repetitions, or on a very busy machine the limit on time: both are told next to the field
        assert ("samen meer dan 5000 keer uit te rekenen" in text
                or "Het lezen van dit bestand duurde te lang." in text), text[:500]
        assert 'id="file-error"' in reply.body
    for reply, seconds in results[UPLOADERS:]:
        assert reply.status == 200 and seconds < ANSWER_WITHIN_SECONDS, (reply.status, seconds)
