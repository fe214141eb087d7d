"""Signed checkpoints: the instance's Ed25519 signature over one point of the chain.

Checkpoint *k* signs ``(k, seq, hash, signed_at, key fingerprint)``, where ``hash`` is the
hash of event ``seq``. Numbers run 1, 2, 3… and each checkpoint is also announced by an
``audit.checkpoint`` event appended right after the event it signs, so a deleted checkpoint
row is noticed (the chain still names it), and a log cut short after a checkpoint is noticed
(the checkpoint names an event the log no longer holds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert

from enlace.audit import keys
from enlace.audit.tables import audit_checkpoint
from enlace.clock import utcnow

ACTION = "audit.checkpoint"


@dataclass(frozen=True)
class Checkpoint:
    """A signed checkpoint as stored."""

    number: int
    seq: int
    hash: str
    signed_at: datetime
    key_id: int
    signature: str

    @classmethod
    def from_row(cls, row: Any) -> Checkpoint:
        return cls(row.number, row.seq, row.hash, row.signed_at, row.key_id, row.signature)


def message(number: int, seq: int, hash_: str, signed_at: datetime, fingerprint: str) -> bytes:
    """The exact bytes a checkpoint's signature covers."""
    return (f"enlace-audit-checkpoint/v1\n{number}\n{seq}\n{hash_}\n"
            f"{signed_at.isoformat()}\n{fingerprint}").encode()


def sign(conn: Connection, number: int, seq: int, hash_: str) -> dict[str, Any]:
    """Sign and store checkpoint ``number`` at event ``seq``; returns the announcement's
    detail. The caller holds the chain's head lock."""
    key = keys.private_key()
    key_id, fingerprint = keys.register(conn, key)
    signed_at = utcnow()
    signature = key.sign(message(number, seq, hash_, signed_at, fingerprint)).hex()
    conn.execute(insert(audit_checkpoint).values(
        number=number, seq=seq, hash=hash_, signed_at=signed_at, key_id=key_id,
        signature=signature))
    return {"number": number, "seq": seq, "hash": hash_, "key": fingerprint}
