"""The tables of cross-referencing, on the store's shared metadata (migration 0007).

``xref_key`` is the persistent blocking index (key → entity, with the key's weight),
``xref_term`` its document frequencies, ``xref_entity`` what has been indexed, and
``xref_state`` the high-water mark and the progress of a run in progress, so a run
resumes where it stopped. ``xref_match`` holds the opaque references handed out for
matches in hidden material, with their documents in ``xref_match_document``;
``access_request`` records a person asking the owner agency for access.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, ForeignKey, Index, Integer, String, Table, Text

from enlace.store.tables import CODE, ID, metadata

ENTITY_ID = String(255)
KEY = String(255)

xref_key = Table(
    "xref_key",
    metadata,
    Column("key", KEY, primary_key=True),
    Column("entity_id", ENTITY_ID, primary_key=True),
    Column("weight", Float, nullable=False),
    Index("ix_xref_key_entity_id", "entity_id"),
)

xref_term = Table(
    "xref_term",
    metadata,
    Column("key", KEY, primary_key=True),
    Column("df", Integer, nullable=False),
)

xref_entity = Table(
    "xref_entity",
    metadata,
    Column("entity_id", ENTITY_ID, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("indexed_at", DateTime, nullable=False),
)

xref_state = Table(
    "xref_state",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("mark", DateTime, nullable=True),  # first_seen of the newest statement indexed
    Column("target", DateTime, nullable=True),  # the run in progress indexes up to here
    Column("cursor", ENTITY_ID, nullable=True),  # last entity id the run in progress did
    Column("done", Integer, nullable=False),  # entities done in the current or last run
    Column("total", Integer, nullable=False),  # entities to do in the current or last run
    Column("started_at", DateTime, nullable=True),
    Column("finished_at", DateTime, nullable=True),
)

xref_match = Table(
    "xref_match",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("query", ENTITY_ID, nullable=False),  # the asker's own entity
    Column("agency", CODE, ForeignKey("agency.code"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Index("ix_xref_match_user_id", "user_id", "query", "agency"),
)

xref_match_document = Table(
    "xref_match_document",
    metadata,
    Column("token", String(64), ForeignKey("xref_match.token"), primary_key=True),
    Column("document_id", ID, ForeignKey("document.id"), primary_key=True),
    Column("entity_id", ENTITY_ID, primary_key=True),
)

access_request = Table(
    "access_request",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token", String(64), ForeignKey("xref_match.token"), nullable=False, index=True),
    Column("requester", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("agency", CODE, ForeignKey("agency.code"), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("status", String(16), nullable=False),  # pending | granted | refused
    Column("created_at", DateTime, nullable=False),
    Column("decided_by", Integer, ForeignKey("app_user.id"), nullable=True),
    Column("decided_at", DateTime, nullable=True),
    Column("decision", Text, nullable=True),
)
