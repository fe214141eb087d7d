"""Accreditation (LSN 69): request, review with SSPC, SEDENA and SEMAR, grant, end (LSN 73)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from enlace.compliance import accreditation, registry
from enlace.compliance.status import status
from enlace.compliance.tables import accreditation as table
from enlace.exceptions import InvalidData


def new_agent(world: Any) -> int:
    return registry.add_agent(world.store, world.liaison, "Ann Lee", "DEA", "US")


def row(world: Any, acc: int) -> Any:
    with world.store.engine.connect() as conn:
        return conn.execute(table.select().where(table.c.id == acc)).one()


def test_the_full_path(world: Any) -> None:
    agent = new_agent(world)
    acc = accreditation.request(world.store, world.liaison, agent, "MX-US-1999", "Jalisco",
                                date(2027, 3, 1))
    accreditation.review(world.store, world.sre_officer, acc, date(2027, 3, 5), ["SSPC"])
    accreditation.review(world.store, world.sre_officer, acc, date(2027, 3, 9),
                         ["SEDENA", "SEMAR"])
    with pytest.raises(InvalidData, match="after it starts"):
        accreditation.grant(world.store, world.sre_officer, acc, date(2027, 4, 1),
                            date(2027, 4, 1))
    accreditation.grant(world.store, world.sre_officer, acc, date(2027, 4, 1),
                        date(2028, 3, 31), territory="Jalisco, Colima")
    got = row(world, acc)
    assert (got.status, got.territory, got.valid_from, got.review_on) == (
        "accredited", "Jalisco, Colima", date(2027, 4, 1), date(2027, 3, 5))
    accreditation.end(world.store, world.sre_officer, acc, "recalled", date(2027, 6, 1),
                      "took part in an arrest (LSN 71-II)")
    got = row(world, acc)
    assert (got.status, got.ended_on) == ("recalled", date(2027, 6, 1))
    assert world.actions()[-5:] == [
        "compliance.accreditation.request", "compliance.accreditation.review",
        "compliance.accreditation.review", "compliance.accreditation.grant",
        "compliance.accreditation.recall"]


def test_no_grant_before_every_body_agrees(world: Any) -> None:
    agent = new_agent(world)
    acc = accreditation.request(world.store, world.liaison, agent, "MX-US-1999", "Sonora",
                                date(2027, 3, 1))
    accreditation.review(world.store, world.sre_officer, acc, date(2027, 3, 5),
                         ["SSPC", "SEDENA"])
    before = world.counts()
    with pytest.raises(InvalidData, match="before SEMAR agree"):
        accreditation.grant(world.store, world.sre_officer, acc, date(2027, 4, 1),
                            date(2028, 3, 31))
    with pytest.raises(InvalidData, match="CNI is not consulted"):
        accreditation.review(world.store, world.sre_officer, acc, date(2027, 3, 6), ["CNI"])
    assert world.counts() == before


@pytest.mark.parametrize(("how", "action"), [("withdrawn", "withdraw"), ("recalled", "recall")])
def test_moves_the_rules_forbid(world: Any, how: str, action: str) -> None:
    agent = new_agent(world)
    acc = accreditation.request(world.store, world.liaison, agent, "MX-US-1999", "Sonora",
                                date(2027, 3, 1))
    if how == "recalled":
        with pytest.raises(InvalidData, match="requested: it cannot become recalled"):
            accreditation.end(world.store, world.sre_officer, acc, how, date(2027, 3, 2), "x")
        return
    accreditation.end(world.store, world.sre_officer, acc, how, date(2027, 3, 2), "visa denied")
    assert world.actions()[-1] == f"compliance.accreditation.{action}"
    with pytest.raises(InvalidData, match="is withdrawn, not under review"):
        accreditation.review(world.store, world.sre_officer, acc, date(2027, 3, 3), ["SSPC"])


def test_bad_requests(world: Any) -> None:
    agent = new_agent(world)
    before = world.counts()
    with pytest.raises(InvalidData, match="unknown agent 404"):
        accreditation.request(world.store, world.liaison, 404, "MX-US-1999", "Sonora",
                              date(2027, 3, 1))
    with pytest.raises(InvalidData, match="territory"):
        accreditation.request(world.store, world.liaison, agent, "MX-US-1999", " ",
                              date(2027, 3, 1))
    with pytest.raises(InvalidData, match="unknown agreement"):
        accreditation.request(world.store, world.liaison, agent, "MX-CO", "Sonora",
                              date(2027, 3, 1))
    with pytest.raises(InvalidData, match="withdrawn or recalled"):
        accreditation.end(world.store, world.sre_officer, 1, "expelled", date(2027, 3, 1), "x")
    with pytest.raises(InvalidData, match="unknown accreditation"):
        accreditation.grant(world.store, world.sre_officer, 999, date(2027, 3, 1),
                            date(2028, 3, 1))
    assert world.counts() == before


def test_waits_are_counted_and_long_ones_flagged(world: Any) -> None:
    agent = new_agent(world)
    acc = accreditation.request(world.store, world.liaison, agent, "MX-US-1999", "Sonora",
                                date(2027, 3, 1))
    accreditation.review(world.store, world.sre_officer, acc, date(2027, 3, 2), ["SSPC"])

    def wait(today: date) -> tuple[str, int | None]:
        found = [d for d in status(world.store, world.sre_officer, today, everything=True)
                 if d.subject == f"agent {agent}, accreditation {acc}"]
        return found[0].state, found[0].days

    assert wait(date(2027, 3, 31)) == ("waiting", 30)
    assert wait(date(2027, 4, 30)) == ("waiting", 60)
    assert wait(date(2027, 5, 1)) == ("long_wait", 61)
    flagged = status(world.store, world.sre_officer, date(2027, 5, 1))
    assert any(d.state == "long_wait" and d.article == "LSN 69" for d in flagged)


def test_expiry_warning(world: Any) -> None:
    def state(today: date) -> str:
        found = [d for d in status(world.store, world.sre_officer, today, everything=True)
                 if d.rule == "accreditation" and d.due == date(2029, 1, 31)]
        return found[0].state

    assert state(date(2028, 12, 31)) == "open"
    assert state(date(2029, 1, 1)) == "due_soon"
    assert state(date(2029, 2, 1)) == "overdue"
