"""The public surface of ``enlace.compliance``, pinned so that changes to it are deliberate."""

from __future__ import annotations

import enlace.compliance


def test_compliance_exports() -> None:
    assert enlace.compliance.__all__ == ["Duty", "Obligation", "Rules", "create_obligations",
                                         "load_rules", "obligations", "status"]
    assert all(hasattr(enlace.compliance, name) for name in enlace.compliance.__all__)
