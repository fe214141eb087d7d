"""Full-text search over documents and entity names, scoped to the reader.

``search(view, query, ...)`` answers from what ``view`` may see only: hits, the total,
facet counts and snippets. ``index_document`` and ``index_statements`` keep the index in
step with what the ingest pipeline writes; ``reindex`` rebuilds it.
"""

from __future__ import annotations

from enlace.search.index import index_document, index_statements, reindex
from enlace.search.model import Filters, Hit, Page, Results
from enlace.search.query import parse
from enlace.search.service import search

__all__ = ["Filters", "Hit", "Page", "Results", "index_document", "index_statements",
           "parse", "reindex", "search"]
