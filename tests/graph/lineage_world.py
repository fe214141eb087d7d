"""A fictionalised lineage for the tests: two cartels, their leaders' falls and heirs.

Names echo public reporting on Mexican organized crime (the Beltrán Leyva Organization's
fragmentation after its leaders' arrests and death; Los Zetas and the Cártel del
Noreste), but the facts here are simplified test data, not an account of events.
"""

from __future__ import annotations

from typing import Any

from enlace.store import Store

from .world import FGR_ONLY, SHARED, edge, group, person, setup, write


def arrest(entity_id: str, date: str, detained: str) -> dict[str, Any]:
    return {"id": entity_id, "schema": "Arrest",
            "properties": {"name": [f"Arrest {entity_id}"], "date": [date],
                           "detained": [detained]}}


def lineage_world(store: Store) -> None:
    setup(store)
    write(store, "d-lineage", SHARED, [
        group("o-blo", "Beltrán Leyva Organization"),
        person("p-alfredo", "Alfredo Beltrán"),
        person("p-arturo", "Arturo Beltrán"),
        person("p-sicario", "Un Sicario"),
        edge("m-alfredo", "Membership", member=["p-alfredo"], organization=["o-blo"],
             role=["leader"]),
        edge("m-arturo", "Membership", member=["p-arturo"], organization=["o-blo"],
             role=["Líder"]),
        edge("m-sicario", "Membership", member=["p-sicario"], organization=["o-blo"],
             role=["sicario"]),
        arrest("arr-alfredo", "2008-01-21", "p-alfredo"),
        arrest("arr-sicario", "2009-03", "p-sicario"),
        {"id": "k-arturo", "schema": "Killing", "properties": {
            "name": ["Muerte de Arturo Beltrán"], "date": ["2009-12-16"],
            "victims": ["p-arturo"]}},
        group("o-cps", "Cártel del Pacífico Sur"),
        group("o-cida", "Cártel Independiente de Acapulco"),
        group("o-gu", "Guerreros Unidos"),
        edge("f-cps", "Faction", faction=["o-cps"], parent=["o-blo"], startDate=["2010"]),
        edge("f-cida", "Faction", faction=["o-cida"], parent=["o-blo"],
             startDate=["2010-09"]),
        edge("f-gu", "Faction", faction=["o-gu"], parent=["o-cida"], startDate=["2011"]),
        edge("f-early", "Faction", faction=["o-early"], parent=["o-blo"],
             startDate=["2007"]),
        group("o-early", "Una Escisión Temprana"),
        group("o-zetas", "Los Zetas"),
        group("o-cdn", "Cártel del Noreste"),
        person("p-z40", "Miguel Treviño"),
        edge("m-z40", "Membership", member=["p-z40"], organization=["o-zetas"],
             role=["leader"]),
        arrest("arr-z40", "2013-07-15", "p-z40"),
        edge("s-cdn", "Succession", predecessor=["o-zetas"], successor=["o-cdn"],
             date=["2014"]),
    ])
    write(store, "d-lineage-fgr", FGR_ONLY, [
        group("o-secret-faction", "Facción Reservada"),
        edge("f-secret", "Faction", faction=["o-secret-faction"], parent=["o-blo"],
             startDate=["2012"]),
        edge("f-gu-secret", "Faction", faction=["o-gu"], parent=["o-secret-faction"]),
    ])
