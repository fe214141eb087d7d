"""The tables of an enlace store, as SQLAlchemy Core metadata.

The migrations in ``migrations/versions`` create exactly these; a test compares the two.
Statements are FtM statements with a source document; labels are shared rows that many
documents point to, so the access rule runs over few rows.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(64)
CODE = String(32)

classification_level = Table(
    "classification_level",
    metadata,
    Column("rank", Integer, primary_key=True, autoincrement=False),
    Column("name", String(64), nullable=False, unique=True),
    Column("spanish", String(64), nullable=False),
    Column("names", Text, nullable=False, default=""),
)

setting = Table(
    "setting",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

agency = Table(
    "agency",
    metadata,
    Column("code", CODE, primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", String(2), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(128), nullable=False, unique=True),
    Column("full_name", Text, nullable=True),
    Column("clearance", Integer, ForeignKey("classification_level.rank"), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
)

user_agency = Table(
    "user_agency",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id"), primary_key=True),
    Column("agency", CODE, ForeignKey("agency.code"), primary_key=True),
)

user_compartment = Table(
    "user_compartment",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id"), primary_key=True),
    Column("compartment", CODE, primary_key=True),
)

user_role = Table(
    "user_role",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id"), primary_key=True),
    Column("role", CODE, primary_key=True),
)

label = Table(
    "label",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fingerprint", Text, nullable=False, unique=True),
    Column("level", Integer, ForeignKey("classification_level.rank"), nullable=False),
    Column("owner", CODE, ForeignKey("agency.code"), nullable=True),
)

label_compartment = Table(
    "label_compartment",
    metadata,
    Column("label_id", Integer, ForeignKey("label.id"), primary_key=True),
    Column("compartment", CODE, primary_key=True),
)

label_release = Table(
    "label_release",
    metadata,
    Column("label_id", Integer, ForeignKey("label.id"), primary_key=True),
    Column("target", CODE, primary_key=True),
)

document = Table(
    "document",
    metadata,
    Column("id", ID, primary_key=True),
    Column("kind", String(16), nullable=False),  # source | derived
    Column("content_hash", ID, nullable=True),
    Column("owner", CODE, ForeignKey("agency.code"), nullable=True),
    Column("label_id", Integer, ForeignKey("label.id"), nullable=False),
    Column("tlp", String(16), nullable=False),
    Column("title", Text, nullable=True),
    Column("file_name", Text, nullable=True),
    Column("mime_type", String(128), nullable=True),
    Column("language", String(8), nullable=True),
    Column("obtained_in", String(2), nullable=True),
    Column("published", String(10), nullable=True),
    Column("parent_id", ID, ForeignKey("document.id"), nullable=True),
    Column("created_by", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("reason", Text, nullable=True),
    UniqueConstraint("owner", "content_hash"),
    Index("ix_document_label_id", "label_id"),
    # the access check of a search hit reads a document's label from the index alone
    Index("ix_document_id_label_id", "id", "label_id"),
)

document_input = Table(
    "document_input",
    metadata,
    Column("document_id", ID, ForeignKey("document.id"), primary_key=True),
    Column("input_id", ID, ForeignKey("document.id"), primary_key=True),
    Index("ix_document_input_input_id", "input_id"),
)

label_change = Table(
    "label_change",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", ID, ForeignKey("document.id"), nullable=False, index=True),
    Column("old_label_id", Integer, ForeignKey("label.id"), nullable=False),
    Column("new_label_id", Integer, ForeignKey("label.id"), nullable=False),
    Column("old_tlp", String(16), nullable=False),
    Column("new_tlp", String(16), nullable=False),
    Column("direction", String(16), nullable=False),  # lower | raise | mixed | propagate
    Column("changed_by", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("changed_at", DateTime, nullable=False),
    Column("reason", Text, nullable=False),
)

access_grant = Table(
    "access_grant",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", ID, ForeignKey("document.id"), nullable=False, index=True),
    Column("grantee_kind", String(16), nullable=False),  # user | agency
    Column("grantee", String(128), nullable=False),
    Column("tlp", String(16), nullable=True),
    Column("granted_by", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=True),
    Column("revoked_at", DateTime, nullable=True),
    Column("revoked_by", Integer, ForeignKey("app_user.id"), nullable=True),
)

statement = Table(
    "statement",
    metadata,
    Column("id", ID, primary_key=True),
    Column("entity_id", String(255), nullable=False),
    Column("schema", String(64), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("lang", String(8), nullable=True),
    Column("original_value", Text, nullable=True),
    Column("document_id", ID, ForeignKey("document.id"), nullable=False),
    Column("span_start", Integer, nullable=True),
    Column("span_end", Integer, nullable=True),
    Column("origin", String(128), nullable=False),
    Column("first_seen", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=False),
    Index("ix_statement_entity_id", "entity_id"),
    Index("ix_statement_document_id", "document_id"),
    Index("ix_statement_schema", "schema"),
    # Equality lookups by value: references to an entity, names during resolution. A hash
    # index on PostgreSQL, because a btree refuses values longer than a page third.
    Index("ix_statement_value", "value", postgresql_using="hash"),
)

# -- ingest (migration 0002) ---------------------------------------------------------------

blob = Table(
    "blob",
    metadata,
    Column("content_hash", ID, primary_key=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

document_text = Table(
    "document_text",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", ID, ForeignKey("document.id"), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("metadata", Text, nullable=True),  # JSON: headers, author, url...
)

ingest_job = Table(
    "ingest_job",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("batch", String(36), nullable=False, index=True),
    Column("path", Text, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("content_hash", ID, nullable=True),
    Column("size", Integer, nullable=True),
    Column("owner", CODE, ForeignKey("agency.code"), nullable=False),
    Column("options", Text, nullable=False),  # JSON: label options, obtained_in, date, lang
    Column("parent_document_id", ID, ForeignKey("document.id"), nullable=True),
    Column("created_by", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("status", String(16), nullable=False, index=True),  # pending|running|done|failed
    Column("error", Text, nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("document_id", ID, ForeignKey("document.id"), nullable=True),
    Column("created_at", DateTime, nullable=False),
    Column("started_at", DateTime, nullable=True),
    Column("finished_at", DateTime, nullable=True),
)

judgement = Table(
    "judgement",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_id", String(255), nullable=False, index=True),
    Column("right_id", String(255), nullable=False, index=True),
    Column("verdict", String(16), nullable=False),  # positive | negative
    Column("document_id", ID, ForeignKey("document.id"), nullable=False),  # its derived label
    Column("origin", String(128), nullable=False),
    Column("created_by", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("reason", Text, nullable=True),
    Column("undone_at", DateTime, nullable=True),
    Column("undone_by", Integer, ForeignKey("app_user.id"), nullable=True),
)
