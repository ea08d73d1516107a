"""Reading the content's YAML files: with libyaml's C loader where PyYAML has it (about ten times faster than the
pure-Python loader, which made up a third of a cold start), else the pure-Python SafeLoader. Both are safe loaders
and give the same data; errors are yaml.YAMLError either way."""
from __future__ import annotations

from typing import Any

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: Any) -> Any:
    """Like yaml.safe_load: a string or an open file."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 (a safe loader)
