"""The content's YAML is read with libyaml's C loader where PyYAML has it (a third of a cold start otherwise), and
reads the same as with the pure-Python safe loader."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.services.core import yaml_files

ROOT = Path(__file__).resolve().parents[2]


def test_the_c_loader_is_used_where_pyyaml_has_it():
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml: the pure-Python loader is the fallback")
    assert yaml_files.Loader is yaml.CSafeLoader


CONTENT = sorted([*(ROOT / "handreiking").rglob("*.yaml"), *(ROOT / "ordinance_templates").rglob("*.yaml")])


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_the_content_reads_the_same_as_with_the_safe_loader(path):
    text = path.read_text(encoding="utf-8")
    assert yaml_files.load(text) == yaml.safe_load(text)


def test_a_broken_file_is_a_yaml_error_with_its_line():
    with pytest.raises(yaml.YAMLError, match="line 2"):
        yaml_files.load("questions:\n  - [key: a\n")
    with pytest.raises(yaml.YAMLError):
        yaml_files.load("a: !!python/object:os.system ls\n")  # a safe loader: no Python objects
