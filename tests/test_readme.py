"""The README names files and folders a newcomer will open: each one it names exists."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_file_and_folder_the_readme_names_exists():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:app|handreiking|ordinance_templates|tests|bench|docs|migrations|templates)/"
                           r"[A-Za-z0-9_./-]*[A-Za-z0-9_])`", text))
    assert len(named) > 20
    missing = sorted(p for p in named if not (ROOT / p).exists() and not any(ROOT.glob(p)))
    assert missing == []


def test_the_readme_explains_the_dutch_words_kept_in_the_code():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    glossary = text[text.index("## Woordenlijst"):]
    glossary = glossary[:glossary.index("\n## ")]
    for word in ("raadsvoorstel", "uitdaagrecht", "beschikking", "loket", "zelfscan", "atelier", "traject / project"):
        assert f"| {word} |" in glossary
