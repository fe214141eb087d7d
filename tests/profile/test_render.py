"""The Rich rendering of a profile: every section, hidden ends, and escaped values."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from enlace.profile import profile, render_profile
from enlace.store import Store


def rendered(store: Store, user: str, entity_id: str) -> str:
    console = Console(record=True, width=220, color_system=None)
    console.print(render_profile(profile(store.view(user), entity_id)))
    return console.export_text()


def test_every_section_is_shown(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    text = rendered(store, "ana", "p-boss")
    for title in ("Names and aliases", "Properties", "Relations", "Timeline",
                  "Documents that mention it", "Related entities"):
        assert title in text
    assert "Clave Coral" in text and "SECRET//SOURCES//REL TO DEA" in text
    assert "2023-11 month" in text and "2024-05-14 day" in text


def test_hidden_ends_and_participants_are_nameless(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    text = rendered(store, "mike", "p-boss")
    assert "(an entity you cannot see)" in text and "+1 you cannot see" in text
    assert "Organización Oculta" not in text and "Clave Coral" not in text


def test_values_are_printed_as_written(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    assert "Carlos [bold]Correo[/bold]" in rendered(store, "mike", "p-courier")
