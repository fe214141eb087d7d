"""Stable pseudonyms for protected entities: ``SOURCE-7F3A1C`` instead of a name.

A pseudonym is a keyed HMAC of the entity id with the instance secret, so the same
source gets the same pseudonym in every report of the instance (reports can be linked)
while nobody without the secret can go from the pseudonym back to the entity.
"""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "SOURCE"


def _digest(secret: bytes, entity_id: str) -> str:
    return hmac.new(secret, b"pseudonym\x1f" + entity_id.encode("utf-8"),
                    hashlib.sha256).hexdigest()


def pseudonym(secret: bytes, entity_id: str) -> str:
    """The name a protected entity goes by in disseminated material."""
    return f"{PREFIX}-{_digest(secret, entity_id)[:6].upper()}"


def pseudonym_id(secret: bytes, entity_id: str) -> str:
    """The entity id a protected entity takes in disseminated statements."""
    return f"{PREFIX.lower()}-{_digest(secret, entity_id)[:24]}"
