"""The instance key: created lazily with mode 0600, reused, and refused when unusable."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from enlace.audit import force_checkpoint, keys, record
from enlace.exceptions import StoreError
from enlace.store import Store


def test_the_key_is_created_on_the_first_checkpoint_only(store: Store, audit_key: Path) -> None:
    record(store, None, "system.start")
    assert not audit_key.exists()
    signed = force_checkpoint(store)
    assert audit_key.stat().st_mode & 0o777 == 0o600
    assert signed is not None
    assert signed["key"] == keys.fingerprint(keys.private_key(audit_key).public_key())
    assert keys.private_key(audit_key) is keys.private_key(audit_key)  # read once
    assert b"PRIVATE KEY" in audit_key.read_bytes()


def test_the_default_key_lives_in_the_data_directory(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from enlace import settings

    monkeypatch.delenv("ENLACE_AUDIT_KEY")
    monkeypatch.setenv("ENLACE_DATA_DIR", str(tmp_path / "data"))
    assert settings.audit_key() == tmp_path / "data" / "audit-ed25519.pem"
    monkeypatch.delenv("ENLACE_AUDIT_CHECKPOINT_EVERY")
    assert settings.audit_checkpoint_every() == 10_000


def test_a_key_someone_else_wrote_first_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "k.pem"
    keys._create(path)
    first = path.read_bytes()
    keys._create(path)  # loses the race: the existing key stays
    assert path.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["k.pem"]


def test_an_unreadable_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pem"
    path.write_text("not a key")
    with pytest.raises(StoreError, match="cannot read the audit key"):
        keys.private_key(path)


def test_a_key_of_another_kind_is_refused(tmp_path: Path) -> None:
    other = X25519PrivateKey.generate()
    path = tmp_path / "x25519.pem"
    path.write_bytes(other.private_bytes(serialization.Encoding.PEM,
                                         serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()))
    with pytest.raises(StoreError, match="not an Ed25519 private key"):
        keys.private_key(path)
    public = other.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(StoreError, match="not an Ed25519 public key"):
        keys.load_public(public.decode())


def test_signatures_verify_only_for_their_message(tmp_path: Path) -> None:
    key = keys.private_key(tmp_path / "k.pem")
    signature = key.sign(b"seq 1")
    assert keys.verifies(key.public_key(), signature, b"seq 1")
    assert not keys.verifies(key.public_key(), signature, b"seq 2")
