"""The audit log's tables: the chained events, their head, signed checkpoints, keys, and
the reads staged for chaining.

``audit_event`` is append-only: rows are inserted by :mod:`enlace.audit.chain` and never
updated. ``audit_head`` is one row (id 1) holding the last sequence number and hash; every
append locks it first, so concurrent appenders queue instead of forking the chain.
``audit_key`` holds public keys only; the private key stays in a file (``ENLACE_AUDIT_KEY``).
``audit_pending`` holds reads that are recorded but not yet chained (see
:mod:`enlace.audit.pending`); its ids come from a counter that never hands one out twice.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Integer, String, Table, Text

from enlace.store.tables import metadata

HASH = String(64)
STAGING_ID = BigInteger().with_variant(Integer(), "sqlite")  # SQLite: AUTOINCREMENT wants INTEGER

audit_event = Table(
    "audit_event",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", DateTime, nullable=False),
    Column("actor_id", Integer, nullable=True),  # no foreign key: the log outlives rows
    Column("actor", String(128), nullable=False),  # user name, or "system"
    Column("action", String(64), nullable=False),
    Column("subjects", Text, nullable=False),  # canonical JSON list of "kind:id"
    Column("detail", Text, nullable=False),  # canonical JSON object
    Column("prev_hash", HASH, nullable=False),
    Column("hash", HASH, nullable=False),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", HASH, nullable=False),
    Column("checkpoint_seq", BigInteger, nullable=False),
    Column("checkpoints", Integer, nullable=False),
)

audit_key = Table(
    "audit_key",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fingerprint", HASH, nullable=False, unique=True),
    Column("public_key", Text, nullable=False),  # PEM, SubjectPublicKeyInfo
    Column("created_at", DateTime, nullable=False),
)

audit_checkpoint = Table(
    "audit_checkpoint",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", HASH, nullable=False),
    Column("signed_at", DateTime, nullable=False),
    Column("key_id", Integer, nullable=False),
    Column("signature", String(128), nullable=False),  # Ed25519, hex
)

audit_pending = Table(
    "audit_pending",
    metadata,
    Column("id", STAGING_ID, primary_key=True, autoincrement=True),  # never reused
    Column("at", DateTime, nullable=False),
    Column("actor_id", Integer, nullable=True),
    Column("actor", String(128), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subjects", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("hash", HASH, nullable=False),  # of the content, as chain_hash with prev "pending"
    sqlite_autoincrement=True,
)
