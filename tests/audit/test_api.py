"""The public face of ``enlace.audit``, which sharing and compliance call."""

from __future__ import annotations

import enlace.audit


def test_public_api_is_pinned() -> None:
    assert enlace.audit.__all__ == ["AuditEvent", "AuditObserver", "Entry", "append_many", "entry",
                                    "force_checkpoint", "record"]
