"""The statement store: ``Store`` (backend), ``Writer`` (changes), ``View`` (scoped reads)."""

from enlace.store.store import Store
from enlace.store.view import DocumentInfo, View
from enlace.store.writer import NewDocument, Writer

__all__ = ["DocumentInfo", "NewDocument", "Store", "View", "Writer"]
