"""Word's automatic numbering, rendered as text: "Artikel 3" where the document only holds the title.

Many ordinances number their articles with a Word list ("Artikel %1" in the numbering part) instead of typing
"Artikel 3". The number is then not in the paragraph text, so the reader would find no articles. This module follows
the paragraph's numbering (w:numPr, directly or through its style), counts per list and level as Word does, and gives
the label to put before the text. It reads only the already opened python-docx document (no own XML parsing).
"""
from __future__ import annotations

from docx.oxml.ns import qn

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letter(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _format(number: int, fmt: str) -> str:
    formats = {"lowerLetter": _letter, "upperLetter": lambda n: _letter(n).upper(), "lowerRoman": _roman,
               "upperRoman": lambda n: _roman(n).upper()}
    return formats.get(fmt, str)(number)


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else default


class Numbering:
    """The labels of one document's numbered paragraphs, in reading order (call label() for each paragraph)."""

    def __init__(self, document):
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId -> ilvl -> (text, fmt, start)
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[tuple[str, int]] = set()
        self._styles = {s.style_id: s for s in document.styles if getattr(s, "style_id", None)}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError):
            return
        root = part.element
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (_val(lvl, "w:lvlText", "") or "",
                                                            _val(lvl, "w:numFmt", "decimal") or "decimal",
                                                            int(_val(lvl, "w:start", "1") or 1))
            self._levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self._nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId", "") or "", overrides)

    def _num_pr(self, paragraph):
        """(numId, ilvl) of a paragraph: its own w:numPr, else the first one up its style chain."""
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        style_id = _val(p_pr, "w:pStyle") if p_pr is not None else None
        seen = set()
        while num_pr is None and style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            style_p_pr = style.element.find(qn("w:pPr")) if style is not None else None
            num_pr = style_p_pr.find(qn("w:numPr")) if style_p_pr is not None else None
            style_id = _val(style.element, "w:basedOn") if style is not None else None
        if num_pr is None:
            return None
        return _val(num_pr, "w:numId"), int(_val(num_pr, "w:ilvl", "0") or 0)

    def label(self, paragraph) -> str:
        """The rendered number of a paragraph ("Artikel 3", "2.", "b.") or "" when it has none."""
        found = self._num_pr(paragraph)
        if not found or found[0] in (None, "0") or found[0] not in self._nums:
            return ""
        num_id, level = found
        abstract_id, overrides = self._nums[num_id]
        levels = self._levels.get(abstract_id, {})
        if level not in levels or levels[level][1] in ("bullet", "none"):
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if level in overrides and (num_id, level) not in self._started:
            self._started.add((num_id, level))
            counters[level] = overrides[level] - 1
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > level]:
            del counters[deeper]  # a new article restarts its leden
        text = levels[level][0]
        for shown in range(level, -1, -1):
            if shown in levels:
                value = counters.get(shown, levels[shown][2])
                text = text.replace(f"%{shown + 1}", _format(value, levels[shown][1]))
        return text.strip()
