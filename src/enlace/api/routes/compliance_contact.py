"""Meeting requests and approvals (LSN 70, 75), contacts and their 3-day written reports
(LSN 70 ¶2) over REST. Recording a contact answers with its report deadline."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field

from enlace.api.routes.compliance_action import ActionRoutes
from enlace.api.routes.compliance_input import (
    NO_NUL,
    Codes,
    RecordId,
    Short,
    Text,
    compliance_router,
    moment,
)
from enlace.compliance import contact, locate, meeting
from enlace.compliance.rules import load_rules
from enlace.store import View

router = compliance_router()


class MeetingBody(BaseModel):
    official: RecordId = Field(description="The official's id.")
    at: Short = Field(description="When it would take place, YYYY-MM-DDTHH:MM.")
    topic: Text
    purpose: Text
    requested: Short | None = Field(default=None, description="When it was asked; now.")


class ApprovalBody(BaseModel):
    by: Annotated[str, Field(max_length=9, pattern=NO_NUL)] = Field(
        description="GANS, or a designated official's id when urgent.")
    sre_official: Text | None = Field(default=None,
                                      description="The SRE official who will attend.")
    urgent: bool = False
    at: Short | None = Field(default=None, description="When it was approved; now.")


class ContactBody(BaseModel):
    official: RecordId = Field(description="The official's id.")
    kind: Short = Field(description="meeting, exchange, call or message.")
    at: Short = Field(description="When it happened, YYYY-MM-DDTHH:MM.")
    topic: Text
    purpose: Text
    meeting: RecordId | None = Field(default=None, description="The approved meeting request.")
    sre_official: Text | None = None


class ReportBody(BaseModel):
    filed: Short | None = Field(default=None, description="When it was filed; now.")
    to: Codes = Field(description="Recipients, e.g. SRE and SSPC.")


def request_meeting(view: View, agent_id: int, body: MeetingBody) -> dict[str, Any]:
    """Record a request to the GANS for a meeting with an official."""
    locate.agent_of(view.store, view.principal, "agent", agent_id)
    found = meeting.request(view.store, view.principal, agent_id, body.official,
                            moment(body.at, "meeting time"), body.topic, body.purpose,
                            moment(body.requested, "request time"))
    return {"id": found, "agent": agent_id, "status": "requested"}


def approve_meeting(view: View, meeting_id: int, body: ApprovalBody) -> dict[str, Any]:
    """Record a meeting's approval, before it takes place (a Mexican officer)."""
    agent = locate.agent_of(view.store, view.principal, "meeting", meeting_id)
    meeting.approve(view.store, view.principal, meeting_id, body.by, body.sre_official,
                    body.urgent, moment(body.at, "approval time"))
    return {"id": meeting_id, "agent": agent, "status": "approved"}


def add_contact(view: View, agent_id: int, body: ContactBody) -> dict[str, Any]:
    """Record a contact between an official and the agent; answers its report deadline."""
    locate.agent_of(view.store, view.principal, "agent", agent_id)
    when = moment(body.at, "contact time")
    found = contact.add(view.store, view.principal, agent_id, body.official, body.kind, when,
                        body.topic, body.purpose, body.meeting, body.sre_official or None)
    due = contact.report_deadline(when, load_rules())
    return {"id": found, "agent": agent_id, "report_due": due.isoformat()}


def report_contact(view: View, contact_id: int, body: ReportBody) -> dict[str, Any]:
    """Record the official's written report on a contact."""
    agent = locate.agent_of(view.store, view.principal, "contact", contact_id)
    found = contact.report(view.store, view.principal, contact_id,
                           moment(body.filed, "filing time"), body.to)
    return {"id": found, "contact": contact_id, "agent": agent}


routes = ActionRoutes(router)
routes.post("/agents/{agent_id}/meetings", MeetingBody, request_meeting, "post_meeting",
            status_code=201)
routes.post("/meetings/{meeting_id}/approve", ApprovalBody, approve_meeting, "post_approval")
routes.post("/agents/{agent_id}/contacts", ContactBody, add_contact, "post_contact",
            status_code=201)
routes.post("/contacts/{contact_id}/report", ReportBody, report_contact, "post_report",
            status_code=201)
