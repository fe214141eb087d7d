"""Entity profiles scoped to the reader: what one person may know about one entity.

:func:`profile` reads through a :class:`~enlace.store.View` (with scoped SQL queries
only), builds the profile and reports the read to the audit log as a ``"profile"``.
"""

from __future__ import annotations

from typing import Any

from enlace.graph.source import ViewSource
from enlace.profile.build import build_profile, shown_documents, shown_entities
from enlace.profile.render import render_profile
from enlace.store import View


def profile(view: View, entity_id: str, related_limit: int = 10) -> dict[str, Any]:
    """The profile of a visible entity; NotFound for any other."""
    found = build_profile(ViewSource(view), entity_id, view.store.scheme, related_limit)
    view.observe("profile", shown_entities(found), shown_documents(found))
    return found


__all__ = ["build_profile", "profile", "render_profile"]
