"""Accreditations (LSN 69, 73) and firearm permits (LSN 71-VIII) over REST.

Every step names its record in the path; a record of an agency you do not follow answers
404, a step your role may not take 403, a step the rules forbid 400 with the reason.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from enlace.api.routes.compliance_action import ActionRoutes
from enlace.api.routes.compliance_input import (
    Codes,
    Dated,
    Short,
    Text,
    compliance_router,
    day,
)
from enlace.compliance import accreditation, locate, permit
from enlace.store import View

router = compliance_router()


class AccreditationRequestBody(Dated):
    agreement: Short = Field(description="The agreement it is under.")
    territory: Text = Field(description="Where the agent would work.")


class ReviewBody(Dated):
    agreed: Codes = Field(default_factory=list,
                          description="Bodies that agreed: SSPC, SEDENA, SEMAR.")


class GrantBody(Dated):
    until: Short = Field(description="Last valid day, YYYY-MM-DD.")
    territory: Text | None = Field(default=None, description="The territory the SRE set.")


class EndBody(Dated):
    reason: Text


class PermitBody(Dated):
    weapon: Short = Field(description="revolver or semi-automatic pistol.")
    calibre: Short = Field(description="e.g. .40 or 9mm.")
    site: Text
    assignment_start: Short = Field(description="First day of the assignment, YYYY-MM-DD.")
    applicant: Short = Field(description="SEGOB, SHCP or SRE.")
    serial: Short | None = None


class NoticeBody(Dated):
    change: Short = Field(description="site (a new site) or end (of the assignment).")
    site: Text | None = None


def request_accreditation(view: View, agent_id: int,
                          body: AccreditationRequestBody) -> dict[str, Any]:
    """Record a request for accreditation under an agreement (LSN 69)."""
    locate.agent_of(view.store, view.principal, "agent", agent_id)
    found = accreditation.request(view.store, view.principal, agent_id, body.agreement,
                                  body.territory, day(body.on, "date"))
    return {"id": found, "agent": agent_id, "status": "requested"}


def review(view: View, accreditation_id: int, body: ReviewBody) -> dict[str, Any]:
    """Put a request under review; record the bodies that agreed (a Mexican officer)."""
    agent = locate.agent_of(view.store, view.principal, "accreditation", accreditation_id)
    accreditation.review(view.store, view.principal, accreditation_id, day(body.on, "date"),
                         body.agreed)
    return {"id": accreditation_id, "agent": agent, "status": "under_review"}


def grant(view: View, accreditation_id: int, body: GrantBody) -> dict[str, Any]:
    """Record the SRE's accreditation (a Mexican officer)."""
    agent = locate.agent_of(view.store, view.principal, "accreditation", accreditation_id)
    accreditation.grant(view.store, view.principal, accreditation_id, day(body.on, "date"),
                        day(body.until, "last valid day"), body.territory or None)
    return {"id": accreditation_id, "agent": agent, "status": "accredited"}


def _end(view: View, accreditation_id: int, body: EndBody, how: str) -> dict[str, Any]:
    agent = locate.agent_of(view.store, view.principal, "accreditation", accreditation_id)
    accreditation.end(view.store, view.principal, accreditation_id, how, day(body.on, "date"),
                      body.reason)
    return {"id": accreditation_id, "agent": agent, "status": how}


def withdraw(view: View, accreditation_id: int, body: EndBody) -> dict[str, Any]:
    """Record a withdrawal by the sending state or the SRE."""
    return _end(view, accreditation_id, body, "withdrawn")


def recall(view: View, accreditation_id: int, body: EndBody) -> dict[str, Any]:
    """Record Mexico's request that the sending state recall the agent (LSN 73)."""
    return _end(view, accreditation_id, body, "recalled")


def apply_permit(view: View, agent_id: int, body: PermitBody) -> dict[str, Any]:
    """Record an application to SEDENA for a firearm permit."""
    locate.agent_of(view.store, view.principal, "agent", agent_id)
    found = permit.apply(view.store, view.principal, agent_id, body.weapon, body.calibre,
                         body.site, day(body.assignment_start, "assignment start"),
                         day(body.on, "date"), body.applicant, body.serial or None)
    return {"id": found, "agent": agent_id, "status": "applied"}


def grant_permit(view: View, permit_id: int, body: Dated) -> dict[str, Any]:
    """Record SEDENA's authorisation (a Mexican officer)."""
    agent = locate.agent_of(view.store, view.principal, "permit", permit_id)
    last = permit.grant(view.store, view.principal, permit_id, day(body.on, "date"))
    return {"id": permit_id, "agent": agent, "status": "granted",
            "valid_until": last.isoformat()}


def renew_permit(view: View, permit_id: int, body: Dated) -> dict[str, Any]:
    """Record a renewal for another period (a Mexican officer)."""
    agent = locate.agent_of(view.store, view.principal, "permit", permit_id)
    last = permit.renew(view.store, view.principal, permit_id, day(body.on, "date"))
    return {"id": permit_id, "agent": agent, "status": "granted",
            "valid_until": last.isoformat()}


def notify_permit(view: View, permit_id: int, body: NoticeBody) -> dict[str, Any]:
    """Record a notified change of site, or the end of the assignment."""
    agent = locate.agent_of(view.store, view.principal, "permit", permit_id)
    permit.notify(view.store, view.principal, permit_id, body.change, day(body.on, "date"),
                  body.site or None)
    return {"id": permit_id, "agent": agent, "change": body.change}


routes = ActionRoutes(router)
routes.post("/agents/{agent_id}/accreditations", AccreditationRequestBody, request_accreditation,
            "post_accreditation", status_code=201)
routes.post("/accreditations/{accreditation_id}/review", ReviewBody, review, "post_review")
routes.post("/accreditations/{accreditation_id}/grant", GrantBody, grant, "post_grant")
routes.post("/accreditations/{accreditation_id}/withdraw", EndBody, withdraw, "post_withdraw")
routes.post("/accreditations/{accreditation_id}/recall", EndBody, recall, "post_recall")
routes.post("/agents/{agent_id}/permits", PermitBody, apply_permit, "post_permit",
            status_code=201)
routes.post("/permits/{permit_id}/grant", Dated, grant_permit, "post_permit_grant")
routes.post("/permits/{permit_id}/renew", Dated, renew_permit, "post_permit_renew")
routes.post("/permits/{permit_id}/notify", NoticeBody, notify_permit, "post_permit_notice")
