"""A small fictional world for the compliance tests: agencies, officers, an agreement,
one accredited DEA agent, and officials at each level."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select

from enlace.audit.tables import audit_event
from enlace.compliance import accreditation, registry
from enlace.compliance.tables import metadata
from enlace.sharing.policy import Principal
from enlace.store import Store

COMPLIANCE_TABLES = ["compliance_agreement", "foreign_agent", "official", "accreditation",
                     "firearm_permit", "meeting_request", "contact", "contact_report",
                     "monthly_filing", "handover_obligation"]


@dataclass
class World:
    store: Store
    liaison: Principal  # DEA liaison officer
    dea_officer: Principal  # DEA compliance officer
    fgr_officer: Principal  # FGR compliance officer
    sre_officer: Principal  # SRE compliance officer (supervises every agent)
    analyst: Principal  # DEA analyst, no compliance role
    agent: int  # accredited DEA agent
    state_official: int  # Tamaulipas state police
    federal_official: int  # SSPC
    designated: int  # a GANS-designated contact

    def counts(self) -> dict[str, int]:
        return counts(self.store)

    def actions(self) -> list[str]:
        return actions(self.store)


def counts(store: Store) -> dict[str, int]:
    """Rows in every compliance table and compliance audit events: to prove nothing was stored."""
    with store.engine.connect() as conn:
        found = {name: conn.execute(select(func.count()).select_from(metadata.tables[name]))
                 .scalar_one() for name in COMPLIANCE_TABLES}
        found["audit"] = conn.execute(select(func.count()).select_from(audit_event).where(
            audit_event.c.action.like("compliance.%"))).scalar_one()
    return found


def actions(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(audit_event.c.action).where(
            audit_event.c.action.like("compliance.%")).order_by(audit_event.c.seq)).scalars())


@pytest.fixture
def world(store: Store) -> World:
    with store.writer() as w:
        w.add_agency("SRE", "Secretaría de Relaciones Exteriores", "MX")
        w.add_agency("FGR", "Fiscalía General de la República", "MX")
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_agency("FBI", "Federal Bureau of Investigation", "US")
        w.add_user("lucy", ["DEA"], "SECRET", roles=["liaison"])
        w.add_user("dora", ["DEA"], "SECRET", roles=["compliance"])
        w.add_user("fabian", ["FGR"], "RESTRICTED", roles=["compliance"])
        w.add_user("sara", ["SRE"], "RESTRICTED", roles=["compliance"])
        w.add_user("andy", ["DEA"], "SECRET", roles=["analyst"])
        w.add_user("agent.smith", ["DEA"], "SECRET", roles=["analyst"])
    liaison = store.principal("lucy")
    registry.add_agreement(store, liaison, "MX-US-1999", "Memorandum de Mérida", "US",
                           ["DEA", "FBI"], "FGR", ["SSPC", "FGR", "SEMAR"])
    agent = registry.add_agent(store, liaison, "John Smith", "DEA", "US", user="agent.smith")
    sara = store.principal("sara")
    acc = accreditation.request(store, liaison, agent, "MX-US-1999", "CDMX, Nuevo León",
                                date(2027, 1, 4))
    accreditation.review(store, sara, acc, date(2027, 1, 10), ["SSPC", "SEDENA", "SEMAR"])
    accreditation.grant(store, sara, acc, date(2027, 2, 1), date(2029, 1, 31))
    state = registry.add_official(store, sara, "Rita Cano", "state", "SSP-TAMPS",
                                  "Tamaulipas")
    federal = registry.add_official(store, sara, "Pedro Ruiz", "federal", "SSPC")
    designated = registry.add_official(store, sara, "Elena Mar", "federal", "SRE",
                                       designated=True)
    return World(store, liaison, store.principal("dora"), store.principal("fabian"), sara,
                 store.principal("andy"), agent, state, federal, designated)
