"""The public surface of enlace.profile, pinned so that changes to it are deliberate."""

from __future__ import annotations

import enlace.profile


def test_profile_exports() -> None:
    assert enlace.profile.__all__ == ["build_profile", "profile", "render_profile"]
    assert all(hasattr(enlace.profile, name) for name in enlace.profile.__all__)
