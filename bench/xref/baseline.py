"""The baseline: nomenklatura 4.17's DuckDB blocker (default bucket, top-75) and LogicV2.

``run_nomenklatura(left, right)`` indexes ``right`` in a MemoryStore, matches ``left``
against it with ``Index.match_entities`` and scores every candidate with LogicV2, the way
the anchor measured it. Returns the (left id, right id) pairs, their scores and timings.
"""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path
from typing import Any

from followthemoney import Dataset, StatementEntity
from nomenklatura.blocker import Index
from nomenklatura.matching import LogicV2, ScoringConfig
from nomenklatura.resolver import Linker
from nomenklatura.store.memory import MemoryStore

logging.getLogger("nomenklatura").setLevel(logging.WARNING)


def run_nomenklatura(left: list[dict[str, Any]], right: list[dict[str, Any]]
                     ) -> tuple[list[tuple[str, str]], list[float], dict[str, float]]:
    times: dict[str, float] = {}
    dataset = Dataset.make({"name": "right", "title": "Right"})
    query_set = Dataset.make({"name": "left", "title": "Left"})
    start = time.perf_counter()
    store: MemoryStore[Any, Any] = MemoryStore(dataset, Linker({}))
    writer = store.writer()
    for data in right:
        writer.add_entity(StatementEntity.from_data(dataset, data))
    writer.flush()
    queries = {d["id"]: StatementEntity.from_data(query_set, d) for d in left}
    times["records"] = time.perf_counter() - start
    view = store.default_view()
    pairs: list[tuple[str, str]] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        index = Index(view, Path(folder))
        index.build()
        for query_id, matches in index.match_entities(queries.values()):
            pairs.extend((str(query_id), str(match_id)) for match_id, _ in matches)
        index.close()
    times["block"] = time.perf_counter() - start
    start = time.perf_counter()
    config = ScoringConfig.defaults()
    scores = []
    for a, b in pairs:
        found = view.get_entity(b)
        scores.append(LogicV2.compare(queries[a], found, config).score if found else 0.0)
    times["score"] = time.perf_counter() - start
    return pairs, scores, times
