"""The registry: agreements, agents and officials; bad input stores nothing; all audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from enlace.compliance import registry
from enlace.exceptions import AccessDenied, InvalidData


def test_the_world_is_audited(world: Any) -> None:
    assert world.actions() == [
        "compliance.agreement.add", "compliance.agent.add", "compliance.accreditation.request",
        "compliance.accreditation.review", "compliance.accreditation.grant",
        "compliance.official.add", "compliance.official.add", "compliance.official.add"]


def test_agent_is_linked_to_their_user(world: Any) -> None:
    with world.store.engine.connect() as conn:
        row = registry.agent(conn, world.agent)
        user = world.store.principal("agent.smith")
    assert (row.sending_state, row.agency, row.user_id) == ("US", "DEA", user.id)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"agency_code": "NOPE"}, "unknown agency"),
    ({"agency_code": "FGR"}, "Mexican agency"),
    ({"nationality": "Atlantis"}, "not a country code"),
    ({"name": " "}, "agent's name"),
    ({"user": "ghost"}, "unknown user"),
    ({"user": "fabian"}, "not a member of DEA"),
    ({"user": "agent.smith"}, "already registered"),
])
def test_bad_agents_store_nothing(world: Any, kwargs: dict, message: str) -> None:
    before = world.counts()
    args = {"name": "Jane Doe", "agency_code": "DEA", "nationality": "US", **kwargs}
    with pytest.raises(InvalidData, match=message):
        registry.add_agent(world.store, world.liaison, **args)
    assert world.counts() == before


def test_unknown_agent(world: Any) -> None:
    with world.store.engine.connect() as conn, pytest.raises(InvalidData,
                                                             match="unknown agent 999"):
        registry.agent(conn, 999)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"country_": "CO"}, "DEA is not from CO"),
    ({"authority": "DEA"}, "not a Mexican agency"),
    ({"authority": "NOPE"}, "unknown agency"),
    ({"agencies": []}, "at least one foreign agency"),
    ({"code_": "MX-US-1999"}, "already exists"),
])
def test_bad_agreements(world: Any, kwargs: dict, message: str) -> None:
    before = world.counts()
    args = {"code_": "MX-US-2021", "title": "Entendimiento Bicentenario", "country_": "US",
            "agencies": ["DEA"], "authority": "FGR", "channels": ["SSPC"], **kwargs}
    with pytest.raises(InvalidData, match=message):
        registry.add_agreement(world.store, world.liaison, **args)
    assert world.counts() == before


def test_officials_at_each_level(world: Any) -> None:
    found = registry.add_official(world.store, world.sre_officer, "Luis Paz", "municipal",
                                  "SSP-REYNOSA", "Reynosa")
    with world.store.engine.connect() as conn:
        assert registry.get_official(conn, found).level == "municipal"
    with pytest.raises(InvalidData, match="unknown level 'galactic'"):
        registry.add_official(world.store, world.sre_officer, "X", "galactic", "SSPC")


def test_only_liaison_and_compliance_officers_record(world: Any) -> None:
    before = world.counts()
    with pytest.raises(AccessDenied, match="neither a liaison nor a compliance officer"):
        registry.add_agent(world.store, world.analyst, "Jane Doe", "DEA", "US")
    assert world.counts() == before


def test_foreign_officers_follow_only_their_agencies(world: Any) -> None:
    with world.store.writer() as w:
        w.add_agency("DIJIN", "Dirección de Investigación Criminal", "CO")
        w.add_user("camila", ["DIJIN"], "SECRET", roles=["liaison"])
    camila = world.store.principal("camila")
    with pytest.raises(AccessDenied, match="not a member of DEA"):
        registry.add_agent(world.store, camila, "Jane Doe", "DEA", "US")
    colombian = registry.add_agent(world.store, camila, "Juan Gómez", "DIJIN", "CO",
                                   birth_date=date(1980, 5, 1))
    assert [a["id"] for a in registry.agents(world.store, camila)] == [colombian]
    assert [a["id"] for a in registry.agents(world.store, world.liaison)] == [world.agent]
    assert {a["id"] for a in registry.agents(world.store, world.sre_officer)} == {
        world.agent, colombian}


def test_agreement_lookup(world: Any) -> None:
    with world.store.engine.connect() as conn:
        found = registry.agreement_for(conn, "FBI")
        assert found is not None and found.authority == "FGR"
        assert registry.agreement_for(conn, "SRE") is None
        with pytest.raises(InvalidData, match="unknown agreement"):
            registry.agreement(conn, "NOPE")


def test_acts_of_the_mexican_state_are_recorded_by_mexican_officers(world: Any) -> None:
    from datetime import datetime

    from enlace.compliance import accreditation, meeting, permit

    agent = registry.add_agent(world.store, world.liaison, "Ann Lee", "DEA", "US")
    acc = accreditation.request(world.store, world.liaison, agent, "MX-US-1999", "Sonora",
                                date(2027, 3, 1))
    found = permit.apply(world.store, world.liaison, agent, "revolver", ".38", "CDMX",
                         date(2027, 3, 20), date(2027, 3, 1), "SRE")
    asked = meeting.request(world.store, world.liaison, agent, world.federal_official,
                            datetime(2027, 3, 10, 16), "Rutas", "Intercambio",
                            requested_at=datetime(2027, 3, 1, 16))
    before = world.counts()
    with pytest.raises(AccessDenied, match="only an officer of a Mexican agency"):
        accreditation.review(world.store, world.liaison, acc, date(2027, 3, 2), ["SSPC"])
    with pytest.raises(AccessDenied, match="only an officer of a Mexican agency"):
        permit.grant(world.store, world.dea_officer, found, date(2027, 3, 5))
    with pytest.raises(AccessDenied, match="only an officer of a Mexican agency"):
        meeting.approve(world.store, world.liaison, asked, "GANS", "Marta Ortiz",
                        approved_at=datetime(2027, 3, 2, 16))
    with pytest.raises(AccessDenied, match="neither a liaison nor a compliance officer"):
        accreditation.review(world.store, world.analyst, acc, date(2027, 3, 2), ["SSPC"])
    assert world.counts() == before
    # The sending state may withdraw its own agent's request.
    accreditation.end(world.store, world.liaison, acc, "withdrawn", date(2027, 3, 3),
                      "reassigned")
