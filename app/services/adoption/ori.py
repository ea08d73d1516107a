"""The meetings of an organisation from Open Raadsinformatie (ORI): one small client for its public Elasticsearch
API. See docs/calendar.md for the format. The transport is injected, so tests feed recorded responses and never use
the network; the client reads the council's raad and commissie meetings (and a college meeting if the source has
one) as FoundEvents, which calendar_io.recognise sorts just like the events of an .ics file."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from datetime import date, datetime, timedelta

from app.services.adoption.calendar_io import HORIZON_DAYS, MAX_OCCURRENCES, FoundEvent
from app.services.core.text import _

ELASTIC_URL = "https://api.openraadsinformatie.nl/v1/elastic"
TIMEOUT = 8.0
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
#: an index name as ORI gives it: ori_ (municipalities), osi_ (provinces) or owi_ (water boards), then the name;
#: the date stamp at the end of the real index is matched with a wildcard
SOURCE = re.compile(r"^(?:(ori|osi|owi)_)?([a-z0-9][a-z0-9_]{1,58})$")
CANCELLED = ("EventCancelled", "EventPostponed")


class OriError(Exception):
    """Open Raadsinformatie could not give the meetings; the message says why, in Dutch."""


def index_pattern(source: str) -> str:
    """The index pattern of a source as the organisation's settings keep it: 'utrecht' -> 'ori_utrecht_*',
    'osi_zuid_holland' -> 'osi_zuid_holland_*'."""
    match = SOURCE.match((source or "").strip().lower())
    if not match:
        raise OriError(_("De bron voor Open Raadsinformatie is niet geldig. Vul bij de gegevens van de organisatie "
                         "de naam van de index in, bijvoorbeeld ori_utrecht."))
    return f"{match.group(1) or 'ori'}_{match.group(2)}_*"


def urllib_transport(url: str, body: bytes, timeout: float) -> bytes:
    """POST a JSON body and return the answer (at most MAX_RESPONSE_BYTES + 1 bytes)."""
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Accept": "application/json",
                                              "User-Agent": "Participatie-assistent (vergaderdata)"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (a fixed https address)
        return response.read(MAX_RESPONSE_BYTES + 1)


def meetings_query(today: date) -> dict:
    """Meetings from today to the horizon, earliest first."""
    last = today + timedelta(days=HORIZON_DAYS)
    return {
        "size": MAX_OCCURRENCES,
        "sort": [{"start_date": {"order": "asc"}}],
        "_source": {"includes": ["@type", "ori_identifier", "name", "start_date", "end_date", "status",
                                 "committee", "organization"]},
        "query": {"bool": {"filter": [
            {"term": {"@type.keyword": "Meeting"}},
            {"range": {"start_date": {"gte": today.isoformat(), "lte": last.isoformat()}}},
        ]}},
    }


def names_query(identifiers: list[str]) -> dict:
    """The names of the committees (Organization objects) that the meetings refer to."""
    return {"size": len(identifiers), "_source": {"includes": ["@type", "name", "classification"]},
            "query": {"ids": {"values": identifiers}}}


class OriClient:
    def __init__(self, transport=urllib_transport, base_url: str = ELASTIC_URL, timeout: float = TIMEOUT):
        self.transport, self.base_url, self.timeout = transport, base_url.rstrip("/"), timeout

    def _search(self, pattern: str, query: dict) -> list[dict]:
        url = f"{self.base_url}/{pattern}/_search"
        try:
            raw = self.transport(url, json.dumps(query).encode(), self.timeout)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                raise OriError(_("Open Raadsinformatie kent deze bron niet. Controleer de naam van de index bij de "
                                 "gegevens van de organisatie.")) from None
            raise OriError(_("Open Raadsinformatie gaf een fout (%(code)s). Probeer het later opnieuw.",
                             code=exc.code)) from None
        except (urllib.error.URLError, TimeoutError, OSError):
            raise OriError(_("Open Raadsinformatie is nu niet bereikbaar. Probeer het later opnieuw, of lees een "
                             "agendabestand (.ics) in.")) from None
        if len(raw) > MAX_RESPONSE_BYTES:
            raise OriError(_("Het antwoord van Open Raadsinformatie is te groot om te lezen."))
        try:
            data = json.loads(raw)
            hits = data["hits"]["hits"]
            if not isinstance(hits, list):
                raise TypeError("hits")
            return [hit for hit in hits if isinstance(hit, dict) and isinstance(hit.get("_source"), dict)]
        except (ValueError, TypeError, KeyError):
            raise OriError(_("Het antwoord van Open Raadsinformatie is niet te lezen.")) from None

    def meetings(self, source: str, today: date) -> list[FoundEvent]:
        """The meetings of the source from today to the horizon; the committee's name goes before the meeting's
        name when the meeting's own name does not contain it ("Commissie Ruimte — Vergadering")."""
        pattern = index_pattern(source)
        hits = self._search(pattern, meetings_query(today))[:MAX_OCCURRENCES]
        meetings = [hit["_source"] for hit in hits if hit["_source"].get("@type") == "Meeting"]
        wanted = sorted({str(m["committee"]) for m in meetings if isinstance(m.get("committee"), (str, int))})
        names = {}
        if wanted:
            for hit in self._search(pattern, names_query(wanted)):
                name = hit["_source"].get("name")
                if isinstance(name, str):
                    names[str(hit.get("_id"))] = name.strip()
        events = []
        for meeting in meetings:
            start = _moment(meeting.get("start_date"))
            if start is None:
                continue
            title = str(meeting.get("name") or "").strip()
            committee = names.get(str(meeting.get("committee")), "")
            if committee and committee.lower() not in title.lower():
                title = f"{committee} — {title}" if title else committee
            status = str(meeting.get("status") or "")
            events.append(FoundEvent(start=start, title=title, cancelled=status.endswith(CANCELLED)))
        return events


def _moment(value) -> date | datetime | None:
    """ORI's start_date: an ISO 8601 date-time (with or without offset), or a date."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
