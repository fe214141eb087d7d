"""The largest file we agree to parse, and the check that enforces it before any parsing.

The limit comes from `enlace.settings.max_file_mb()` (ENLACE_MAX_FILE_MB, 100 MB when
unset); callers may also pass their own limit in bytes.
"""

from __future__ import annotations

from enlace import settings
from enlace.exceptions import IngestError, InvalidData

MB = 1024 * 1024
ENV_VAR = "ENLACE_MAX_FILE_MB"


def default_max_bytes() -> int:
    """The limit in bytes from the settings: ENLACE_MAX_FILE_MB, else 100 MB."""
    try:
        megabytes = settings.max_file_mb()
    except ValueError as exc:
        raise InvalidData(f"{exc}; set {ENV_VAR} to a number of megabytes, such as 250") from exc
    if megabytes <= 0:
        raise InvalidData(f"{ENV_VAR} is {megabytes}; set it to a positive number of megabytes")
    return megabytes * MB


def _megabytes(size: int) -> str:
    text = f"{size / MB:.1f}"
    return text.removesuffix(".0") + " MB"


def check_size(size: int, filename: str, max_bytes: int | None = None) -> None:
    """Raise `IngestError` if a file of `size` bytes is over the limit."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    if size <= limit:
        return
    shown, allowed = _megabytes(size), _megabytes(limit)
    if shown == allowed:
        shown, allowed = f"{size:,} bytes", f"{limit:,} bytes"
    raise IngestError(
        f"{filename} is {shown}; the limit is {allowed}; raise {ENV_VAR} to ingest it"
    )
