"""One page of a list that is limited in the database (OFFSET/LIMIT), and where it sits in the whole list; and the key
of a keyset page (a long list paged by its sort key: "Volgende" carries the last row's key, so a deep page costs what
the first page costs, where OFFSET reads and skips every row before it)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int       # 1-based
    total: int        # items in the whole list
    per_page: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def pages(self) -> int:
        """The number of pages; an empty list still has its one (empty) page."""
        return max(1, -(-self.total // self.per_page))

    @property
    def exists(self) -> bool:
        return 1 <= self.number <= self.pages

    @property
    def first(self) -> int:
        """The position (1-based) of the first item on this page."""
        return self.offset + 1

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.last < self.total

    def numbers(self, around: int = 2) -> list[int | None]:
        """The page numbers to link: the first, the last and `around` either side of this one; None for a gap."""
        wanted = {1, self.pages, *range(self.number - around, self.number + around + 1)}
        shown: list[int | None] = []
        for n in sorted(n for n in wanted if 1 <= n <= self.pages):
            if shown and n - shown[-1] > 1:
                shown.append(None if n - shown[-1] > 2 else n - 1)
            shown.append(n)
        return shown


@dataclass
class KeyedPage(Generic[T]):
    """One page of a list paged by key: "Volgende" asks for the rows after `next_key` (?na=), "Vorige" for the rows
    before `previous_key` (?voor=); None where there is no such page."""
    items: list[T]
    next_key: str | None
    previous_key: str | None


_KEY = re.compile(r"([a-z]?)(\d{4}-\d{2}-\d{2})\.(\d{1,12})")


def page_key(on: date, row_id: int, part: str = "") -> str:
    """The key of a row in a list sorted by a date and then the id, for the "Volgende" link: "o2027-03-01.123" (the
    optional letter names the part of a list in parts, e.g. open and decided requests)."""
    return f"{part}{on.isoformat()}.{row_id}"


def parse_page_key(text: str | None) -> tuple[str, date, int] | None:
    """(part, date, id) of a key made by `page_key`; None for anything else (a hand-made or old link: the first
    page)."""
    match = _KEY.fullmatch(text or "")
    if not match:
        return None
    try:
        return match[1], date.fromisoformat(match[2]), int(match[3])
    except ValueError:
        return None
