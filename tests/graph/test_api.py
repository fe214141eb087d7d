"""The public surface of enlace.graph, pinned so that changes to it are deliberate."""

from __future__ import annotations

import enlace.graph


def test_graph_exports() -> None:
    assert enlace.graph.__all__ == [
        "Link", "Network", "Node", "Source", "ViewSource", "central", "clusters",
        "export_network", "group_lineage", "neighbours", "paths", "visible_network"]
    assert all(hasattr(enlace.graph, name) for name in enlace.graph.__all__)
