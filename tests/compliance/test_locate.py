"""Records by id: the agent they concern, or NotFound for what one does not follow."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from enlace.compliance import accreditation, contact, locate, meeting, permit
from enlace.exceptions import AccessDenied, NotFound


def test_every_kind_of_record_leads_to_its_agent(world: Any) -> None:
    store, lucy, agent = world.store, world.liaison, world.agent
    records = {
        "agent": agent,
        "accreditation": accreditation.request(store, lucy, agent, "MX-US-1999", "Sonora",
                                               date(2027, 3, 1)),
        "permit": permit.apply(store, lucy, agent, "revolver", ".38", "CDMX",
                               date(2027, 7, 1), date(2027, 6, 1), "SRE"),
        "meeting": meeting.request(store, lucy, agent, world.federal_official,
                                   datetime(2027, 6, 25, 16), "Rutas", "Intercambio",
                                   requested_at=datetime(2027, 6, 1, 15)),
        "contact": contact.add(store, lucy, agent, world.state_official, "call",
                               datetime(2027, 6, 10, 16), "Rutas", "Intercambio"),
    }
    with store.writer() as w:
        w.add_agency("DIJIN", "Dirección de Investigación Criminal", "CO")
        w.add_user("camila", ["DIJIN"], "SECRET", roles=["liaison"])
    camila = store.principal("camila")
    for kind, record in records.items():
        assert locate.agent_of(store, lucy, kind, record) == agent
        assert locate.agent_of(store, world.sre_officer, kind, record) == agent
        with pytest.raises(NotFound, match=f"unknown {kind} {record}"):
            locate.agent_of(store, camila, kind, record)
        with pytest.raises(NotFound, match=f"unknown {kind} 4040"):
            locate.agent_of(store, lucy, kind, 4040)
        with pytest.raises(AccessDenied):
            locate.agent_of(store, world.analyst, kind, record)
