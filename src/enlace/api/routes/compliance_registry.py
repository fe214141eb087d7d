"""The compliance registry over REST: agreements, foreign agents and Mexican officials,
and one agent's file with its deadlines."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from enlace.api.routes.compliance_action import ActionRoutes
from enlace.api.routes.compliance_input import (
    Codes,
    PathId,
    Short,
    Text,
    compliance_router,
    day,
)
from enlace.api.routes.deps import CurrentView
from enlace.compliance import dossier, registry
from enlace.store import View

router = compliance_router()
routes = ActionRoutes(router)


class AgreementBody(BaseModel):
    code: Short = Field(description="Short code, e.g. MX-US-1999.")
    title: Text
    country: Short = Field(description="The sending state, e.g. US.")
    agencies: Codes = Field(description="The foreign agencies it covers.")
    authority: Short = Field(description="The Mexican agency that receives intelligence.")
    channels: Codes = Field(default_factory=list,
                            description="Mexican bodies agents may deal with (LSN 71-III).")


class AgentBody(BaseModel):
    name: Text
    agency: Short = Field(description="Their foreign enlace agency, e.g. DEA.")
    nationality: Short = Field(description="Country code, e.g. US.")
    user: Short | None = Field(default=None, description="Their enlace user, if any.")
    birth_date: Short | None = Field(default=None, description="YYYY-MM-DD")


class OfficialBody(BaseModel):
    name: Text
    level: Short = Field(description="federal, state, municipal or borough.")
    body: Short = Field(description="Their body's code, e.g. SRE or SSP-TAMPS.")
    place: Text | None = Field(default=None, description="State or municipality.")
    designated: bool = Field(default=False,
                             description="Designated by the GANS to approve urgent meetings.")
    user: Short | None = None


def add_agreement(view: View, _: int, body: AgreementBody) -> dict[str, Any]:
    """Record a cooperation agreement."""
    code = registry.add_agreement(view.store, view.principal, body.code, body.title,
                                  body.country, body.agencies, body.authority, body.channels)
    return {"code": code}


def add_agent(view: View, _: int, body: AgentBody) -> dict[str, Any]:
    """Register a foreign agent of an agency you may follow."""
    born = day(body.birth_date, "birth date") if body.birth_date else None
    found = registry.add_agent(view.store, view.principal, body.name, body.agency,
                               body.nationality, body.user or None, born)
    return {"id": found, "agent": found}


def add_official(view: View, _: int, body: OfficialBody) -> dict[str, Any]:
    """Register a Mexican official."""
    found = registry.add_official(view.store, view.principal, body.name, body.level,
                                  body.body, body.place or None, body.designated,
                                  body.user or None)
    return {"id": found}


@router.get("/agreements")
def list_agreements(view: CurrentView) -> list[dict[str, Any]]:
    """Every cooperation agreement (liaison and compliance officers)."""
    return registry.agreements(view.store, view.principal)


routes.post("/agreements", AgreementBody, add_agreement, "post_agreement", status_code=201)


@router.get("/agents")
def list_agents(view: CurrentView) -> list[dict[str, Any]]:
    """The foreign agents you may follow."""
    return registry.agents(view.store, view.principal)


routes.post("/agents", AgentBody, add_agent, "post_agent", status_code=201)


@router.get("/agents/{agent_id}")
def agent_file(agent_id: PathId, view: CurrentView) -> dict[str, Any]:
    """One agent's accreditations, permits, meetings and contacts with their deadlines."""
    return dossier.agent_file(view.store, view.principal, agent_id)


@router.get("/officials")
def list_officials(view: CurrentView) -> list[dict[str, Any]]:
    """The Mexican officials on record."""
    return registry.officials(view.store, view.principal)


routes.post("/officials", OfficialBody, add_official, "post_official", status_code=201)
