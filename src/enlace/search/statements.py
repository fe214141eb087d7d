"""Search statements built once per query shape, their values bound at each execution.

Building a search's SQLAlchemy statements costs several times what a selective search
takes the database to run. So each statement is kept under a key naming everything its
SQL depends on (backend, filters, the access rule's shape, page size) and its varying
values (query text, label and grant lists, merges, ids) are bound by name when it runs.
A search passes all of its request's values to every execution, so no value bound for an
earlier request can stay in force; what cannot be bound by name (a rule whose lists became
subqueries, a scope given as a query) gets no key and is built for its request alone.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

#: Shapes kept per process: a key is a handful of filters, so few ever exist.
SIZE = 512


class StatementCache:
    """Built statements by shape key, least recently used dropped first."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self.hits = 0
        self.misses = 0
        self._built: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Hashable | None, build: Callable[[], Any]) -> Any:
        """The statement kept under ``key``, built by ``build()`` if there is none yet
        (and every time when ``key`` is None)."""
        if key is None:
            return build()
        with self._lock:
            if key in self._built:
                self.hits += 1
                self._built.move_to_end(key)
                return self._built[key]
        built = build()
        with self._lock:
            self.misses += 1
            self._built[key] = built
            while len(self._built) > self.size:
                self._built.popitem(last=False)
        return built

    def clear(self) -> None:
        with self._lock:
            self._built.clear()


#: The process's statements, shared by every search: the values a statement was built with
#: are replaced at every execution.
STATEMENTS = StatementCache()
