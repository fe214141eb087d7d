"""Small documents written for these tests: fictional people and cells, real agencies."""

from __future__ import annotations

from pathlib import Path

import pytest

from enlace.store import Store

TEXTS = {
    "arrest.txt": (
        "La Fiscalía General de la República informó que Héctor Salvador Ibarra Cota, "
        "alias El Güero Ibarra, operador financiero del Cártel de Sinaloa, fue detenido en "
        "Culiacán, Sinaloa, el 3 de marzo de 2025. Ibarra Cota fue trasladado a la capital."
    ),
    "seizure.md": (
        "# Seizure at Manzanillo\n\nThe Mexican Navy seized 900 kilograms of cocaine at the "
        "port of Manzanillo, Colima, on March 10, 2025. Officials said the shipment belonged "
        "to the Cártel Jalisco Nueva Generación (CJNG)."
    ),
    "page.html": (
        "<html><head><title>Alianza en Tamaulipas</title><script>steal()</script></head>"
        "<body><p onclick=\"x()\">El Cártel del Noreste y Los Zetas Vieja Escuela se "
        "enfrentaron en Nuevo Laredo, Tamaulipas.</p><script>alert('x')</script></body></html>"
    ),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "nested").mkdir(parents=True)
    for name, text in TEXTS.items():
        target = folder / ("nested" if name.endswith(".html") else "") / name
        target.write_text(text, encoding="utf-8")
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    return folder


@pytest.fixture
def people(store: Store) -> Store:
    with store.writer() as w:
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_agency("FGR", "Fiscalía General de la República", "MX")
        w.add_user("mike", ["DEA"], "SECRET", ["SOURCES"])
        w.add_user("ana", ["FGR"], "SECRET")
    return store
