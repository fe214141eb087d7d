"""The instance's Ed25519 key: the private half in a file, the public half in the store.

The key file (``ENLACE_AUDIT_KEY``) is created lazily, mode 0600, the first time a
checkpoint is signed. Its public key is registered in ``audit_key`` by fingerprint (SHA-256
of the raw public key), so anyone holding the database can check checkpoint signatures and
nobody needs the secret to verify. A lost key file is replaced by a new key, registered in
turn; earlier checkpoints keep verifying under the key that signed them.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, insert, select

from enlace import settings
from enlace.audit.tables import audit_key
from enlace.clock import utcnow
from enlace.exceptions import StoreError

_cache: dict[Path, Ed25519PrivateKey] = {}
_lock = threading.Lock()


def fingerprint(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def public_pem(public: Ed25519PublicKey) -> str:
    return public.public_bytes(serialization.Encoding.PEM,
                               serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def load_public(pem: str) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem.encode())
    if not isinstance(key, Ed25519PublicKey):
        raise StoreError("an audit key in the store is not an Ed25519 public key")
    return key


def private_key(path: Path | None = None) -> Ed25519PrivateKey:
    """The signing key at ``path`` (default ``ENLACE_AUDIT_KEY``), created if missing."""
    path = path or settings.audit_key()
    with _lock:
        if path not in _cache:
            _cache[path] = _read_or_create(path)
        return _cache[path]


def _read_or_create(path: Path) -> Ed25519PrivateKey:
    if not path.exists():
        _create(path)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read the audit key {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise StoreError(f"the audit key {path} is not an Ed25519 private key")
    return key


def _create(path: Path) -> None:
    """Write a new key atomically: another process may be creating it at the same time."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        os.link(temporary, path)
    except FileExistsError:
        pass  # someone else won the race; use theirs
    finally:
        temporary.unlink(missing_ok=True)


def register(conn: Connection, key: Ed25519PrivateKey) -> tuple[int, str]:
    """The id and fingerprint of ``key``'s public half in the store, adding it if new."""
    public = key.public_key()
    print_ = fingerprint(public)
    found = conn.execute(select(audit_key.c.id).where(audit_key.c.fingerprint == print_)).scalar()
    if found is None:
        found = conn.execute(insert(audit_key).values(
            fingerprint=print_, public_key=public_pem(public), created_at=utcnow(),
        )).inserted_primary_key[0]  # type: ignore[index]
    return int(found), print_


def verifies(public: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        public.verify(signature, message)
    except InvalidSignature:
        return False
    return True
