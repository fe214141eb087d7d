"""The YAML data files of the extractor (``data/``): where they live and how one is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from enlace.exceptions import InvalidData

__all__ = ["DATA_DIR", "load_yaml"]

DATA_DIR = Path(__file__).parent / "data"


def load_yaml(name: str) -> Any:
    """Load a YAML data file from ``data/``; a missing file reads as ``None``."""
    path = DATA_DIR / name
    if not path.exists():
        return None
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        raise InvalidData(f"The extraction data file {path} is not valid YAML: {exc}") from exc
