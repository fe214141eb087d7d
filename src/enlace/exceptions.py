"""The errors enlace raises, as one small tree.

    EnlaceError             base of everything below; status 500
    ├── InvalidData         bad input: a file, a value, an option (400)
    ├── NotFound            missing, or hidden from the asker: the two look alike (404)
    ├── AccessDenied        the asker is known not to hold a right (403)
    ├── PolicyError         an act the security rules forbid (409)
    ├── IngestError         a document could not be parsed or stored (422)
    └── StoreError          the database is missing, unreachable or out of date (503)

Each class carries the HTTP status the API maps it to, and its message is written as
advice to a person, because the CLI prints it as one line.
"""

from __future__ import annotations


class EnlaceError(Exception):
    """Base of every error enlace raises on purpose."""

    status = 500


class InvalidData(EnlaceError):
    """Input that cannot be accepted as given."""

    status = 400


class NotFound(EnlaceError):
    """A thing that does not exist, or that the asker may not know exists."""

    status = 404


class AccessDenied(EnlaceError):
    """The asker lacks a right; only raised where existence is not secret."""

    status = 403


class PolicyError(EnlaceError):
    """An act the security rules forbid, such as labelling above one's own clearance."""

    status = 409


class IngestError(EnlaceError):
    """A document that could not be parsed or stored."""

    status = 422


class StoreError(EnlaceError):
    """The database is missing, unreachable or needs a migration."""

    status = 503
