"""The public surface of the package, pinned so that changes to it are deliberate."""

from __future__ import annotations

import enlace
import enlace.store


def test_store_exports() -> None:
    assert enlace.store.__all__ == ["DocumentInfo", "NewDocument", "Store", "View", "Writer"]


def test_version() -> None:
    assert enlace.__version__ == "0.1.0"
