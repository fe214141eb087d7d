"""The audit log: every read and every act, append-only, hash-chained and signed.

    record(store, actor, action, subjects=(), detail=None, conn=None)

appends one :class:`AuditEvent`. Each event carries a sequence number, the time (UTC), the
actor (user id and name, or ``system``), an action, subjects as ``kind:id`` strings and a
JSON detail of ids, queries and counts — never restricted content. It also carries the
previous event's hash and its own, so any change to the stored log shows. Checkpoints sign
the chain's head with the instance's Ed25519 key. See ``docs/audit.md`` for action names.
"""

# The store first: its Writer records through enlace.audit.record, which needs our tables.
import enlace.store  # noqa: F401
from enlace.audit.chain import append_many, force_checkpoint
from enlace.audit.event import AuditEvent, Entry, entry
from enlace.audit.record import AuditObserver, record

__all__ = [
    "AuditEvent",
    "AuditObserver",
    "Entry",
    "append_many",
    "entry",
    "force_checkpoint",
    "record",
]
