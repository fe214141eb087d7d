"""One agent's file: every record with its deadline and state, for those who follow the
agent's agency only."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from enlace.compliance import accreditation, contact, dossier, meeting, permit, registry
from enlace.compliance.deadline import to_instant
from enlace.compliance.rules import load_rules
from enlace.exceptions import AccessDenied, NotFound

RULES = load_rules()
TODAY = date(2027, 6, 20)


def mx(*parts: int) -> datetime:
    """A Mexico City wall-clock time as the stored UTC instant."""
    return to_instant(datetime(*parts), RULES)  # type: ignore[arg-type]


def test_each_record_carries_its_deadline_and_state(world: Any) -> None:
    store, lucy, agent = world.store, world.liaison, world.agent
    permit.apply(store, lucy, agent, "revolver", ".38", "CDMX", date(2027, 7, 1),
                 date(2027, 6, 1), "SRE")
    meeting.request(store, lucy, agent, world.federal_official, mx(2027, 6, 25, 10), "Rutas",
                    "Intercambio", requested_at=mx(2027, 6, 1, 9))
    call = contact.add(store, lucy, agent, world.state_official, "call", mx(2027, 6, 10, 22),
                       "Aseguramiento", "Coordinación")
    message = contact.add(store, lucy, agent, world.federal_official, "message",
                          mx(2027, 6, 18, 10), "Rutas", "Seguimiento")
    contact.report(store, lucy, message, mx(2027, 6, 19, 9), ["SRE", "SSPC"])
    file = dossier.agent_file(store, lucy, agent, TODAY)
    assert file["agent"]["name"] == "John Smith" and file["today"] == "2027-06-20"
    assert [(a["status"], a["due"], a["state"]) for a in file["accreditations"]] == [
        ("accredited", "2029-01-31", "open")]
    assert [(p["status"], p["due"], p["state"]) for p in file["permits"]] == [
        ("applied", "2027-07-01", "open")]
    assert [(m["planned"], m["due"], m["state"]) for m in file["meetings"]] == [
        ("2027-06-25 10:00", "2027-06-25", "due_soon")]
    assert [(c["id"], c["occurred"], c["report_due"], c["reported"], c["state"])
            for c in file["contacts"]] == [
        (message, "2027-06-18 10:00", "2027-06-21", "2027-06-19 09:00", "met"),
        (call, "2027-06-10 22:00", "2027-06-13", None, "overdue")]
    narrow = RULES.choose(levels=["state", "municipal", "borough"])
    states = [c["state"] for c in dossier.agent_file(store, lucy, agent, TODAY, narrow)[
        "contacts"]]
    assert states == ["met", "overdue"]
    uncalled = contact.add(store, lucy, agent, world.federal_official, "call",
                           mx(2027, 6, 1, 10), "Rutas", "Seguimiento")
    found = dossier.agent_file(store, lucy, agent, TODAY, narrow)["contacts"]
    assert [c["state"] for c in found if c["id"] == uncalled] == ["not_required"]


def test_waits_and_ended_records(world: Any) -> None:
    store, lucy = world.store, world.liaison
    agent = registry.add_agent(store, lucy, "Ann Lee", "DEA", "US")
    waiting = accreditation.request(store, lucy, agent, "MX-US-1999", "Sonora",
                                    date(2027, 3, 1))
    ended = accreditation.request(store, lucy, agent, "MX-US-1999", "Sonora", date(2027, 6, 1))
    accreditation.end(store, lucy, ended, "withdrawn", date(2027, 6, 2), "otro destino")
    found = {a["id"]: (a["state"], a["days"])
             for a in dossier.agent_file(store, lucy, agent, TODAY)["accreditations"]}
    assert found == {waiting: ("long_wait", 111), ended: ("withdrawn", None)}


def test_only_those_who_follow_the_agency_see_the_file(world: Any) -> None:
    with world.store.writer() as w:
        w.add_agency("DIJIN", "Dirección de Investigación Criminal", "CO")
        w.add_user("camila", ["DIJIN"], "SECRET", roles=["liaison"])
    with pytest.raises(NotFound, match=f"unknown agent {world.agent}"):
        dossier.agent_file(world.store, world.store.principal("camila"), world.agent)
    with pytest.raises(NotFound, match="unknown agent 999"):
        dossier.agent_file(world.store, world.liaison, 999)
    with pytest.raises(AccessDenied, match="neither a liaison nor a compliance officer"):
        dossier.agent_file(world.store, world.analyst, world.agent)
    assert dossier.agent_file(world.store, world.sre_officer, world.agent)["agent"]["id"] == \
        world.agent
