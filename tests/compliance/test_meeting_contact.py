"""Meetings need prior approval (GANS, or a designated contact when urgent) and an SRE
official; every contact is reported to SRE and SSPC within 3 days (LSN 70)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from enlace.compliance import contact, meeting
from enlace.compliance.deadline import to_instant
from enlace.compliance.rules import load_rules
from enlace.compliance.status import status
from enlace.exceptions import InvalidData

RULES = load_rules()


def mx(*parts: int) -> datetime:
    """A Mexico City wall-clock time as the stored UTC instant."""
    return to_instant(datetime(*parts), RULES)  # type: ignore[arg-type]


def request(world: Any, official: int | None = None, planned: datetime | None = None) -> int:
    return meeting.request(world.store, world.liaison, world.agent,
                           official or world.state_official, planned or mx(2027, 6, 10, 10),
                           "Rutas de trasiego en Reynosa", "Intercambio de información",
                           requested_at=mx(2027, 6, 1, 9))


def approved(world: Any) -> int:
    found = request(world)
    meeting.approve(world.store, world.sre_officer, found, "GANS", "Marta Ortiz (SRE)",
                    approved_at=mx(2027, 6, 5, 12))
    return found


def meet(world: Any, meeting_id: int | None, at: datetime | None = None, **kw: Any) -> int:
    return contact.add(world.store, world.liaison, world.agent, world.state_official,
                       "meeting", at or mx(2027, 6, 10, 10), "Rutas", "Intercambio",
                       meeting_id=meeting_id, **kw)


def test_a_meeting_without_approval_is_refused(world: Any) -> None:
    before = world.counts()
    with pytest.raises(InvalidData, match="needs prior approval from the GANS"):
        meet(world, None)
    pending = request(world)
    mid = world.counts()
    with pytest.raises(InvalidData, match="was not approved before it took place"):
        meet(world, pending)
    assert world.counts() == mid and mid["meeting_request"] == before["meeting_request"] + 1


def test_an_approved_meeting_with_the_sre_present(world: Any) -> None:
    found = meet(world, approved(world))
    assert found > 0
    assert world.actions()[-3:] == ["compliance.meeting.request", "compliance.meeting.approve",
                                    "compliance.contact.add"]


def test_approval_must_precede_the_meeting(world: Any) -> None:
    found = request(world)
    with pytest.raises(InvalidData, match="approval must come before the meeting"):
        meeting.approve(world.store, world.sre_officer, found, "GANS", "Marta Ortiz",
                        approved_at=mx(2027, 6, 10, 11))
    with pytest.raises(InvalidData, match="requested before it takes place"):
        request(world, planned=mx(2027, 5, 30, 10))


def test_ordinary_and_urgent_approvers(world: Any) -> None:
    found = request(world)
    before = world.counts()
    with pytest.raises(InvalidData, match="ordinary meeting is approved by the GANS"):
        meeting.approve(world.store, world.sre_officer, found, "SSPC", "Marta Ortiz",
                        approved_at=mx(2027, 6, 5, 12))
    with pytest.raises(InvalidData, match="not designated by the GANS"):
        meeting.approve(world.store, world.sre_officer, found, str(world.federal_official),
                        "Marta Ortiz", urgent=True, approved_at=mx(2027, 6, 5, 12))
    with pytest.raises(InvalidData, match="give their id"):
        meeting.approve(world.store, world.sre_officer, found, "GANS", "Marta Ortiz",
                        urgent=True, approved_at=mx(2027, 6, 5, 12))
    with pytest.raises(InvalidData, match="SRE official who will attend"):
        meeting.approve(world.store, world.sre_officer, found, "GANS", None,
                        approved_at=mx(2027, 6, 5, 12))
    assert world.counts() == before
    meeting.approve(world.store, world.sre_officer, found, str(world.designated),
                    "Marta Ortiz", urgent=True, approved_at=mx(2027, 6, 9, 22))
    with pytest.raises(InvalidData, match="already approved"):
        meeting.approve(world.store, world.sre_officer, found, "GANS", "Marta Ortiz",
                        approved_at=mx(2027, 6, 9, 23))
    assert meet(world, found) > 0


def test_a_meeting_request_is_for_its_own_agent_and_official(world: Any) -> None:
    found = request(world, official=world.federal_official)
    meeting.approve(world.store, world.sre_officer, found, "GANS", "Marta Ortiz",
                    approved_at=mx(2027, 6, 5, 12))
    with pytest.raises(InvalidData, match="another agent or official"):
        meet(world, found)


def test_calls_need_no_approval_but_are_reported(world: Any) -> None:
    call = contact.add(world.store, world.liaison, world.agent, world.state_official, "call",
                       mx(2027, 6, 10, 23, 30), "Rutas", "Coordinación")
    with pytest.raises(InvalidData, match="only a meeting refers to a meeting request"):
        contact.add(world.store, world.liaison, world.agent, world.state_official, "call",
                    mx(2027, 6, 10, 23, 30), "Rutas", "Coordinación", meeting_id=1)
    duty = [d for d in status(world.store, world.sre_officer, date(2027, 6, 12))
            if d.rule == "contact_report"]
    assert duty[0].due == date(2027, 6, 13) and duty[0].state == "due_soon"
    assert duty[0].subject.startswith(f"contact {call} (call)")


@pytest.mark.parametrize("kind", ["arrest", "search", "detention"])
def test_only_liaison_contacts(world: Any, kind: str) -> None:
    with pytest.raises(InvalidData, match=r"liaison and information exchange only \(LSN 71-I"):
        contact.add(world.store, world.liaison, world.agent, world.state_official, kind,
                    mx(2027, 6, 10, 10), "x", "y")


def test_a_report_dated_before_its_meeting_is_refused(world: Any) -> None:
    found = meet(world, approved(world))
    before = world.counts()
    with pytest.raises(InvalidData, match="cannot be dated before its meeting"):
        contact.report(world.store, world.liaison, found, mx(2027, 6, 9, 10), ["SRE", "SSPC"])
    with pytest.raises(InvalidData, match="goes to SSPC as well"):
        contact.report(world.store, world.liaison, found, mx(2027, 6, 11, 10), ["SRE"])
    with pytest.raises(InvalidData, match="unknown contact"):
        contact.report(world.store, world.liaison, 999, mx(2027, 6, 11, 10), ["SRE", "SSPC"])
    assert world.counts() == before
    contact.report(world.store, world.liaison, found, mx(2027, 6, 13, 23, 59), ["sre", "SSPC"])
    with pytest.raises(InvalidData, match="already been reported"):
        contact.report(world.store, world.liaison, found, mx(2027, 6, 14), ["SRE", "SSPC"])
    done = [d for d in status(world.store, world.sre_officer, date(2027, 6, 20), everything=True)
            if d.rule == "contact_report"]
    assert [(d.state, d.due) for d in done] == [("met", date(2027, 6, 13))]


def test_three_day_deadline_states(world: Any) -> None:
    contact.add(world.store, world.liaison, world.agent, world.state_official, "message",
                mx(2028, 2, 27, 21), "Rutas", "Aviso")

    def state(today: date) -> tuple[str, date | None]:
        duty = next(d for d in status(world.store, world.sre_officer, today, everything=True)
                    if d.rule == "contact_report")
        return duty.state, duty.due

    assert state(date(2028, 2, 27)) == ("due_soon", date(2028, 3, 1))
    assert state(date(2028, 3, 1)) == ("due_soon", date(2028, 3, 1))
    assert state(date(2028, 3, 2)) == ("overdue", date(2028, 3, 1))


def test_business_days_are_a_choice(world: Any) -> None:
    contact.add(world.store, world.liaison, world.agent, world.state_official, "message",
                mx(2028, 2, 25, 21), "Rutas", "Aviso")  # a Friday evening

    def duty(rules: Any) -> tuple[str, date | None]:
        found = next(d for d in status(world.store, world.sre_officer, date(2028, 2, 29), rules,
                                       everything=True) if d.rule == "contact_report")
        return found.state, found.due

    assert duty(RULES) == ("overdue", date(2028, 2, 28))  # Sat, Sun, Mon
    assert duty(RULES.choose(days="business")) == ("due_soon", date(2028, 3, 1))  # Mon-Wed


def test_a_late_report_is_shown_as_late(world: Any) -> None:
    found = contact.add(world.store, world.liaison, world.agent, world.state_official, "call",
                        mx(2027, 6, 10, 10), "Rutas", "Aviso")
    contact.report(world.store, world.liaison, found, mx(2027, 6, 14, 9), ["SRE", "SSPC"])
    duty = next(d for d in status(world.store, world.sre_officer, date(2027, 6, 20),
                                  everything=True) if d.rule == "contact_report")
    assert (duty.state, duty.days) == ("late", 1)


def test_which_officials_must_report_is_a_choice(world: Any) -> None:
    contact.add(world.store, world.liaison, world.agent, world.federal_official, "call",
                mx(2027, 6, 10, 10), "Rutas", "Aviso")
    today = date(2027, 6, 20)
    guidelines = [d for d in status(world.store, world.sre_officer, today)
                  if d.rule == "contact_report"]
    assert len(guidelines) == 1 and "federal official" in guidelines[0].duty
    law_only = RULES.choose(levels=["state", "municipal", "borough"])
    assert not [d for d in status(world.store, world.sre_officer, today, law_only)
                if d.rule == "contact_report"]


def test_dealings_outside_the_agreed_channels(world: Any) -> None:
    contact.add(world.store, world.liaison, world.agent, world.state_official, "call",
                mx(2027, 6, 10, 10), "Rutas", "Aviso")
    contact.add(world.store, world.liaison, world.agent, world.federal_official, "call",
                mx(2027, 6, 10, 11), "Rutas", "Aviso")
    breaches = [d for d in status(world.store, world.sre_officer, date(2027, 6, 11))
                if d.state == "breach"]
    assert [(d.rule, d.article) for d in breaches] == [("channels", "LSN 71-III")]
    assert "SSP-TAMPS" in breaches[0].duty


def test_contacts_outside_the_accreditation_are_breaches(world: Any) -> None:
    contact.add(world.store, world.liaison, world.agent, world.federal_official, "call",
                mx(2027, 1, 20, 10), "Rutas", "Aviso")
    breaches = [d for d in status(world.store, world.sre_officer, date(2027, 1, 21))
                if d.state == "breach"]
    assert [(d.rule, d.duty) for d in breaches] == [("accreditation",
                                                      "contact while not accredited")]


def test_the_2021_dst_boundary_in_a_deadline(world: Any) -> None:
    # 23:15 on Sat 3 April 2021, CST: 05:15 UTC on the 4th. Due Tue 6 April, not Wed 7.
    contact.add(world.store, world.liaison, world.agent, world.federal_official, "call",
                datetime(2021, 4, 4, 5, 15), "Rutas", "Aviso")
    duty = next(d for d in status(world.store, world.sre_officer, date(2021, 4, 7))
                if d.rule == "contact_report")
    assert (duty.due, duty.state, duty.days) == (date(2021, 4, 6), "overdue", 1)
