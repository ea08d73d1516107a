"""Hostile uploads are refused within seconds under gunicorn, and the site keeps answering meanwhile (issue 19: one
such upload held a worker for a minute, four of them the whole site)."""
import io
import time
import urllib.request
import uuid

import pytest

from tests import helpers
from tests.live import ANSWER_WITHIN_SECONDS, Browser, Reply, at_once
from tests.reader.documents import encoded_entity_docx, flood_docx

pytestmark = pytest.mark.live


def upload(browser: Browser, document: bytes) -> tuple[Reply, float]:
    """POST the file as a browser's form does (multipart); the reply and the seconds it took."""
    token = browser.csrf_token(browser.get("/verordening-inlezen"))
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in (("csrf_token", token), ("body_type", "gemeente"), ("text", "")):
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="verordening.docx"\r\n'
               f'Content-Type: application/octet-stream\r\n\r\n'.encode() + document + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    request = urllib.request.Request(browser.base_url + "/verordening-inlezen", data=body.getvalue(), method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    start = time.monotonic()
    reply = browser._open(request)
    return reply, time.monotonic() - start


def test_four_hostile_uploads_at_once_are_refused_quickly_and_the_login_page_keeps_answering(live_server):
    server = live_server(lambda: [helpers.make_user(f"u{n}@aadorp.nl") for n in range(4)])
    documents = [flood_docx(), flood_docx(25_000, text=False), encoded_entity_docx("utf-16"),
                 encoded_entity_docx("utf-32-be")]
    browsers = []
    for n in range(4):
        browsers.append(server.browser())
        browsers[-1].login(f"u{n}@aadorp.nl")
    uploading = [True]

    def keep_opening_the_login_page() -> list[tuple[int, float]]:
        visitor, answers = server.browser(), []
        while uploading[0] or not answers:
            start = time.monotonic()
            answers.append((visitor.get("/inloggen").status, time.monotonic() - start))
        return answers

    def uploads() -> list[tuple[Reply, float]]:
        try:
            return at_once([lambda b=b, d=d: upload(b, d) for b, d in zip(browsers, documents)])
        finally:
            uploading[0] = False

    refused, visits = at_once([uploads, keep_opening_the_login_page])
    for (reply, seconds), expected in zip(refused, ["pakt uit tot meer dan", "alinea’s", "DOCTYPE of ENTITY",
                                                   "DOCTYPE of ENTITY"]):
        assert reply.status == 422 and expected in reply.body, (reply.status, reply.body[:300])
        assert seconds < ANSWER_WITHIN_SECONDS, seconds
    assert all(status == 200 for status, _ in visits)
    assert max(seconds for _, seconds in visits) < ANSWER_WITHIN_SECONDS, visits
