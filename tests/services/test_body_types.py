"""The body type is listed once (issue 17 item 6): app/services/core/body_types.py holds gemeente, provincie and
waterschap with their words; every other module reads that table."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from app.services.core.body_types import BODIES, BODY_TYPES, BodyType, body

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "app" / "services" / "core" / "body_types.py"
# a body type other than the default, written as a value: a sign of a second list
_OTHER_VALUES = {"provincie", "waterschap", "Provincie", "Waterschap"}


def test_no_module_or_template_lists_the_body_types_itself():
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path == HOME:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in _OTHER_VALUES:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for match in re.finditer(r"""['"](provincie|waterschap)['"]""", path.read_text(encoding="utf-8"), re.I):
            found.append(f"{path.relative_to(ROOT)} {match.group(0)}")
    assert not found, "read app/services/core/body_types.py instead of listing the body types: " + ", ".join(found)


def test_every_body_type_has_every_word_and_an_unknown_one_reads_as_a_gemeente():
    assert BODY_TYPES == tuple(t.value for t in BodyType)
    keys = {key for row in BODIES.values() for key in row.wording}
    for key, row in BODIES.items():
        assert set(row.wording) == keys, key
        assert set(row.route) == {"college", "commissie", "raad", "blad"}, key
        assert row.official_code.fullmatch(row.code_example), key
    assert body("stadsdeel") is BODIES["gemeente"]
