"""The sharing area's tables: sharing groups, their members, disseminations and copies.

A ``dissemination`` is one act of sharing (a document, an entity, a report or an export)
by one person to one target; each person it reaches gets a ``dissemination_copy``: a
derived document of their own, with its own grant and its own watermarked text. The
copy's text before watermarking (redacted for that person) is kept so that a leaked copy
can be traced. The instance secret that keys pseudonyms and watermarks lives in the
store's ``setting`` table.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from enlace.store.tables import CODE, ID, metadata

sharing_group = Table(
    "sharing_group",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("owner_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

sharing_group_member = Table(
    "sharing_group_member",
    metadata,
    Column("group_name", String(64), ForeignKey("sharing_group.name"), primary_key=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), primary_key=True),
    Column("added_by", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("added_at", DateTime, nullable=False),
)

dissemination = Table(
    "dissemination",
    metadata,
    Column("id", ID, primary_key=True),
    Column("kind", String(16), nullable=False),  # document | entity | report | export
    Column("subject", String(255), nullable=True),  # the document or entity id shared
    Column("shared_by", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("target_kind", String(16), nullable=False),  # user | agency | group
    Column("target", String(128), nullable=False),
    Column("tlp", String(16), nullable=False),
    Column("language", String(8), nullable=True),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=True),
    Column("revoked_at", DateTime, nullable=True),
    Column("revoked_by", Integer, ForeignKey("app_user.id"), nullable=True),
)

dissemination_copy = Table(
    "dissemination_copy",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dissemination_id", ID, ForeignKey("dissemination.id"), nullable=False),
    Column("recipient_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("document_id", ID, ForeignKey("document.id"), nullable=True, index=True),
    Column("grant_id", Integer, ForeignKey("access_grant.id"), nullable=True),
    Column("redacted", Integer, nullable=False),  # statements removed for this person
    Column("text", Text, nullable=True),  # the copy's text before its watermark, for tracing
    Column("agency", CODE, nullable=True),  # the recipient's agency it was sent through
    UniqueConstraint("dissemination_id", "recipient_id"),
)
