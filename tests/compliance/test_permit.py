"""Firearm permits (LSN 71-VIII; LFAFE 28): weapon, calibre, notice, validity, renewal."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from enlace.compliance import permit
from enlace.compliance.rules import load_rules
from enlace.compliance.status import status
from enlace.compliance.tables import firearm_permit
from enlace.exceptions import InvalidData

RULES = load_rules()


def apply(world: Any, **kwargs: Any) -> int:
    args = {"weapon": "semi-automatic pistol", "calibre": ".40 S&W", "site": "CDMX",
            "assignment_start": date(2027, 3, 16), "applied_on": date(2027, 3, 1),
            "applicant": "SRE", **kwargs}
    return permit.apply(world.store, world.liaison, world.agent, **args)


def row(world: Any, permit_id: int) -> Any:
    with world.store.engine.connect() as conn:
        return conn.execute(firearm_permit.select()
                            .where(firearm_permit.c.id == permit_id)).one()


@pytest.mark.parametrize(("calibre", "inches"), [
    (".40 S&W", 0.40), ("9mm", 0.3543), ("9 mm Luger", 0.3543), (".380 ACP", 0.38),
    (".38 Special", 0.38), ("10mm", 0.3937),
])
def test_calibres_up_to_40(calibre: str, inches: float) -> None:
    assert permit.calibre_inches(calibre) == pytest.approx(inches, abs=1e-4)


def test_calibre_must_be_readable() -> None:
    with pytest.raises(InvalidData, match=r"write it as \.40 or 9mm"):
        permit.calibre_inches("forty")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"calibre": ".45 ACP"}, r"calibre .45 ACP is above the .40 limit \(LSN 71-VIII"),
    ({"calibre": "11.43mm"}, "above the .40 limit"),
    ({"weapon": "rifle"}, "only a revolver or semi-automatic pistol"),
    ({"applied_on": date(2027, 3, 6)}, "at least 15 days before .* it is 10 days before"),
    ({"applicant": "DEA"}, "DEA cannot apply"),
    ({"site": ""}, "site"),
])
def test_bad_applications_store_nothing(world: Any, kwargs: dict, message: str) -> None:
    before = world.counts()
    with pytest.raises(InvalidData, match=message):
        apply(world, **kwargs)
    assert world.counts() == before


def test_unknown_agent(world: Any) -> None:
    before = world.counts()
    with pytest.raises(InvalidData, match="unknown agent 77"):
        permit.apply(world.store, world.liaison, 77, "revolver", ".38", "CDMX",
                     date(2027, 3, 16), date(2027, 3, 1), "SRE")
    assert world.counts() == before


def test_exactly_15_days_and_the_weapon_names(world: Any) -> None:
    found = apply(world, weapon="Semiautomatic  Pistol")
    assert row(world, found).weapon == "semi-automatic pistol"
    assert apply(world, weapon="revolver", calibre=".357 Magnum") > found


def test_six_months_across_29_february_2028(world: Any) -> None:
    found = apply(world, applied_on=date(2027, 8, 1), assignment_start=date(2027, 9, 1))
    assert permit.grant(world.store, world.sre_officer, found, date(2027, 8, 30)) == \
        date(2028, 2, 29)
    assert permit.renew(world.store, world.sre_officer, found, date(2028, 2, 20)) == \
        date(2028, 8, 29)
    got = row(world, found)
    assert (got.status, got.renewals, got.granted_on) == ("granted", 1, date(2027, 8, 30))
    assert world.actions()[-3:] == ["compliance.permit.apply", "compliance.permit.grant",
                                    "compliance.permit.renew"]


def test_month_end_validity() -> None:
    assert permit.valid_until(date(2027, 8, 31), RULES) == date(2028, 2, 29)
    assert permit.valid_until(date(2026, 8, 31), RULES) == date(2027, 2, 28)
    assert permit.valid_until(date(2027, 3, 1), RULES) == date(2027, 9, 1)
    assert permit.valid_until(date(2027, 12, 31), RULES) == date(2028, 6, 30)


def test_a_lapsed_permit_cannot_be_renewed(world: Any) -> None:
    found = apply(world)
    permit.grant(world.store, world.sre_officer, found, date(2027, 3, 10))
    before = world.counts()
    with pytest.raises(InvalidData, match="lapsed on 2027-09-10: apply again"):
        permit.renew(world.store, world.sre_officer, found, date(2027, 9, 11))
    with pytest.raises(InvalidData, match="is granted, not applied"):
        permit.grant(world.store, world.sre_officer, found, date(2027, 3, 11))
    assert world.counts() == before


def test_grant_not_before_the_application(world: Any) -> None:
    found = apply(world)
    with pytest.raises(InvalidData, match="before it was applied for"):
        permit.grant(world.store, world.sre_officer, found, date(2027, 2, 1))


def test_notices_of_site_and_end(world: Any) -> None:
    found = apply(world)
    permit.grant(world.store, world.sre_officer, found, date(2027, 3, 10))
    with pytest.raises(InvalidData, match="new site"):
        permit.notify(world.store, world.liaison, found, "site", date(2027, 4, 1))
    with pytest.raises(InvalidData, match="'site' or the 'end'"):
        permit.notify(world.store, world.liaison, found, "holiday", date(2027, 4, 1))
    permit.notify(world.store, world.liaison, found, "site", date(2027, 4, 1), "Monterrey")
    assert row(world, found).site == "Monterrey"
    permit.notify(world.store, world.liaison, found, "end", date(2027, 5, 1))
    got = row(world, found)
    assert (got.status, got.ended_on) == ("ended", date(2027, 5, 1))
    assert world.actions()[-2:] == ["compliance.permit.notify_site", "compliance.permit.notify_end"]


def test_expiry_warnings_in_status(world: Any) -> None:
    found = apply(world)
    permit.grant(world.store, world.sre_officer, found, date(2027, 3, 10))  # until 2027-09-10

    def state(today: date) -> str:
        duties = status(world.store, world.dea_officer, today, everything=True)
        return next(d.state for d in duties if d.subject.endswith(f"permit {found}"))

    assert state(date(2027, 8, 10)) == "open"
    assert state(date(2027, 8, 11)) == "due_soon"  # 30 days before
    assert state(date(2027, 9, 10)) == "due_soon"
    assert state(date(2027, 9, 11)) == "overdue"


def test_an_assignment_without_authorisation_is_flagged(world: Any) -> None:
    found = apply(world)
    duties = status(world.store, world.dea_officer, date(2027, 3, 17))
    flagged = [d for d in duties if d.subject.endswith(f"permit {found}")]
    assert flagged[0].state == "overdue" and "no SEDENA authorisation" in flagged[0].duty
