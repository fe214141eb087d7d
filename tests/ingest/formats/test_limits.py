"""The size limit: 100 MB by default, ENLACE_MAX_FILE_MB to change it, clear advice."""

from __future__ import annotations

import pytest

from enlace.exceptions import IngestError, InvalidData
from enlace.ingest.formats.limits import MB, check_size, default_max_bytes


def test_default_is_100_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENLACE_MAX_FILE_MB", raising=False)
    assert default_max_bytes() == 100 * MB


def test_environment_overrides_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENLACE_MAX_FILE_MB", "250")
    assert default_max_bytes() == 250 * MB
    check_size(200 * MB, "grande.pdf")


@pytest.mark.parametrize("value", ["cien", "1.5", "0", "-5"])
def test_bad_environment_value_is_explained(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ENLACE_MAX_FILE_MB", value)
    with pytest.raises(InvalidData, match="ENLACE_MAX_FILE_MB"):
        default_max_bytes()


def test_oversize_message_names_file_sizes_and_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENLACE_MAX_FILE_MB", raising=False)
    with pytest.raises(IngestError) as caught:
        check_size(200 * MB, "grande.pdf")
    assert str(caught.value) == (
        "grande.pdf is 200 MB; the limit is 100 MB; raise ENLACE_MAX_FILE_MB to ingest it"
    )


def test_explicit_limit_wins_and_tiny_overruns_show_bytes() -> None:
    check_size(10, "a.txt", max_bytes=10)
    with pytest.raises(IngestError, match=r"is 1,048,577 bytes; the limit is 1,048,576 bytes"):
        check_size(MB + 1, "a.txt", max_bytes=MB)
