"""The web application's tables: passwords, browser sessions, API tokens, login attempts.

Secrets are never stored as given: passwords as argon2 hashes, session ids and API tokens
as their SHA-256, so a copy of the database opens no session.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Table, Text

from enlace.store.tables import metadata

HASH = String(64)

web_password = Table(
    "web_password",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id"), primary_key=True,
           autoincrement=False),
    Column("hash", Text, nullable=False),  # argon2id, PHC string
    Column("changed_at", DateTime, nullable=False),
)

web_session = Table(
    "web_session",
    metadata,
    Column("id", HASH, primary_key=True),  # sha256 of the cookie's value
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("csrf", HASH, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("ended_at", DateTime, nullable=True),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("name", String(128), nullable=False),
    Column("token_hash", HASH, nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_used_at", DateTime, nullable=True),
    Column("revoked_at", DateTime, nullable=True),
)

login_attempt = Table(
    "login_attempt",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_name", String(128), nullable=False, index=True),
    Column("address", String(64), nullable=False, index=True),
    Column("at", DateTime, nullable=False),
    Column("ok", Boolean, nullable=False),
)
