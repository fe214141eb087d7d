"""Handover obligations (LSN 71-IV): created from documents, proved from grants, shown to
both sides' compliance officers without the intelligence."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from enlace.clock import utcnow
from enlace.compliance import registry
from enlace.compliance.deadline import local_date
from enlace.compliance.handover import create_obligations, obligations
from enlace.compliance.rules import load_rules
from enlace.compliance.status import status
from enlace.compliance.tables import handover_obligation
from enlace.exceptions import AccessDenied
from enlace.model.markings import Label
from enlace.store import NewDocument

RULES = load_rules()
TITLE = "Informante Coral: ubicación de laboratorio en Reynosa"


def add_document(world: Any, doc_id: str, owner: str = "DEA", obtained_in: str | None = "MX",
                 by: str = "andy") -> str:
    with world.store.writer() as w:
        w.add_document(NewDocument(doc_id, doc_id, Label(3, owner=owner), "RED", title=TITLE,
                                   obtained_in=obtained_in), world.store.principal(by))
    return doc_id


def grant(world: Any, doc_id: str, kind: str, grantee: str) -> int:
    with world.store.writer() as w:
        return w.grant(doc_id, kind, grantee, world.analyst)


def mine(world: Any, who: Any = None) -> list[Any]:
    return obligations(world.store, who or world.fgr_officer, local_date(utcnow(), RULES))


def test_documents_obtained_in_mexico_by_foreign_agencies(world: Any) -> None:
    add_document(world, "dea-mx")
    add_document(world, "dea-us", obtained_in="US")
    add_document(world, "dea-none", obtained_in=None)
    with world.store.writer() as w:
        w.add_user("fgr.analyst", ["FGR"], "SECRET")
    add_document(world, "fgr-mx", owner="FGR", by="fgr.analyst")
    assert create_obligations(world.store) == 1
    assert create_obligations(world.store) == 0
    found = mine(world)
    assert [(o.document, o.owner, o.authority, o.agreement) for o in found] == [
        ("dea-mx", "DEA", "FGR", "MX-US-1999")]
    assert world.actions()[-1] == "compliance.handover.create"


def test_the_agreement_names_the_authority_else_the_default(world: Any) -> None:
    with world.store.writer() as w:
        w.add_agency("DIJIN", "Dirección de Investigación Criminal", "CO")
        w.add_agency("NCA", "National Crime Agency", "GB")
        w.add_user("camila", ["DIJIN"], "SECRET", roles=["liaison", "compliance"])
        w.add_user("nigel", ["NCA"], "SECRET", roles=["compliance"])
    registry.add_agreement(world.store, world.store.principal("camila"), "MX-CO-2011",
                           "Memorando Colombia", "CO", ["DIJIN"], "SRE", ["SSPC"])
    add_document(world, "dijin-mx", owner="DIJIN", by="camila")
    add_document(world, "nca-mx", owner="NCA", by="nigel")
    create_obligations(world.store)
    got = {o.document: (o.authority, o.agreement) for o in mine(world, world.sre_officer)}
    assert got == {"dijin-mx": ("SRE", "MX-CO-2011")}
    got = {o.document: (o.authority, o.agreement)
           for o in mine(world, world.store.principal("nigel"))}
    assert got == {"nca-mx": ("FGR", None)}


def test_unmet_obligations_show_no_content(world: Any) -> None:
    add_document(world, "dea-mx")
    create_obligations(world.store)
    today = local_date(utcnow(), RULES)
    for officer in (world.fgr_officer, world.dea_officer):
        duties = [d for d in status(world.store, officer, today, everything=True)
                  if d.rule == "handover"]
        assert [(d.subject, d.state, d.article) for d in duties] == [
            ("document dea-mx", "open", "LSN 71-IV")]
        text = json.dumps([d.to_dict() for d in duties]) + json.dumps(
            [o.to_dict() for o in mine(world, officer)])
        assert TITLE not in text and "Coral" not in text
    got = mine(world)[0]
    assert got.deadline == today + timedelta(days=30) and got.obtained == today
    # The FGR officer may not read the document itself, and still sees the duty.
    assert world.store.view(world.fgr_officer).count_documents() == 0


def test_only_the_two_sides_compliance_officers_see_them(world: Any) -> None:
    add_document(world, "dea-mx")
    create_obligations(world.store)
    assert mine(world, world.sre_officer) == []
    with pytest.raises(AccessDenied, match="not a compliance officer"):
        mine(world, world.liaison)
    assert not [d for d in status(world.store, world.liaison, local_date(utcnow(), RULES),
                                  everything=True) if d.rule == "handover"]
    with pytest.raises(AccessDenied, match="neither a liaison nor a compliance officer"):
        status(world.store, world.analyst)


@pytest.mark.parametrize("how", ["agency", "member", "derived"])
def test_fulfilled_by_a_grant(world: Any, how: str) -> None:
    add_document(world, "dea-mx")
    create_obligations(world.store)
    if how == "agency":
        grant_id = grant(world, "dea-mx", "agency", "FGR")
    elif how == "member":
        grant_id = grant(world, "dea-mx", "user", str(world.fgr_officer.id))
    else:
        with world.store.writer() as w:
            w.derive("dea-mx-sanitised", ["dea-mx"], world.analyst, "sanitised for the FGR")
        grant_id = grant(world, "dea-mx-sanitised", "agency", "FGR")
    got = mine(world)[0]
    assert (got.state, got.grant) == ("met", grant_id)
    assert not [d for d in status(world.store, world.dea_officer) if d.rule == "handover"]


def test_grants_that_do_not_count(world: Any) -> None:
    add_document(world, "dea-mx")
    add_document(world, "dea-other")
    create_obligations(world.store)
    grant(world, "dea-mx", "agency", "SRE")  # not the authority
    grant(world, "dea-mx", "user", str(world.sre_officer.id))  # not a member of it
    grant(world, "dea-other", "agency", "FGR")  # another document
    assert [o.state for o in mine(world) if o.document == "dea-mx"] == ["open"]
    revoked = grant(world, "dea-mx", "agency", "FGR")
    assert [o.state for o in mine(world) if o.document == "dea-mx"] == ["met"]
    with world.store.writer() as w:
        w.revoke(revoked, world.analyst)
    assert [o.state for o in mine(world) if o.document == "dea-mx"] == ["open"]


def test_a_grant_made_before_the_document_was_obtained_does_not_count(world: Any) -> None:
    add_document(world, "dea-mx")
    create_obligations(world.store)
    grant(world, "dea-mx", "agency", "FGR")
    with world.store.engine.begin() as conn:
        conn.execute(update(handover_obligation).values(
            obtained_at=utcnow() + timedelta(hours=1)))
    assert [o.grant for o in obligations(world.store, world.fgr_officer,
                                         local_date(utcnow(), RULES),
                                         at=utcnow() + timedelta(days=2))] == [None]


def test_overdue_and_late(world: Any) -> None:
    add_document(world, "dea-mx")
    create_obligations(world.store)
    with world.store.engine.begin() as conn:
        conn.execute(update(handover_obligation).values(
            obtained_at=utcnow() - timedelta(days=40)))
    today = local_date(utcnow(), RULES)
    flagged = [d for d in status(world.store, world.fgr_officer, today) if d.rule == "handover"]
    assert [(d.state, d.days) for d in flagged] == [("overdue", 10)]
    grant(world, "dea-mx", "agency", "FGR")
    assert mine(world)[0].state == "late"


def test_the_status_command_creates_obligations(world: Any, store_url: str) -> None:
    from typer.testing import CliRunner

    from enlace.cli import app

    add_document(world, "dea-mx")
    result = CliRunner().invoke(app, ["compliance", "status", "--as", "fabian", "--json", "--all",
                                      "--db", store_url])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["subject"], r["agency"], r["state"]) for r in rows if r["rule"] == "handover"] == [
        ("document dea-mx", "DEA", "open")]
