"""The compliance forms: each recording action of the REST API, posted from the pages.

An action is data: the Pydantic body its fields fill, the function the API runs, the kind
of record its path id names (whose agent must be one the person follows, else 404) and
the page it belongs to. A refused action shows that page again with the reason; a done
one returns to it with ``?done=<action>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, get_origin

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from enlace.api.auth import current
from enlace.api.routes import compliance
from enlace.api.routes import compliance_accreditation as acc
from enlace.api.routes import compliance_contact as contact
from enlace.api.routes import compliance_handover as handover
from enlace.api.routes import compliance_registry as registry
from enlace.api.routes.compliance_input import MAX_ID, Action, Dated
from enlace.api.sessions import Session
from enlace.compliance import locate
from enlace.exceptions import AccessDenied, InvalidData, NotFound, PolicyError
from enlace.web import compliance as pages

router = APIRouter()
Current = Annotated[Session, Depends(current)]


@dataclass(frozen=True)
class FormAction:
    body: type[BaseModel]
    run: Action
    target: str | None  # the kind of record the path id names, if it is located first
    page: str  # agent | registry | handovers | report


ACTIONS = {
    "agreement": FormAction(registry.AgreementBody, registry.add_agreement, None, "registry"),
    "official": FormAction(registry.OfficialBody, registry.add_official, None, "registry"),
    "agent": FormAction(registry.AgentBody, registry.add_agent, None, "agent"),
    "accreditation": FormAction(acc.AccreditationRequestBody, acc.request_accreditation,
                                "agent", "agent"),
    "review": FormAction(acc.ReviewBody, acc.review, "accreditation", "agent"),
    "grant": FormAction(acc.GrantBody, acc.grant, "accreditation", "agent"),
    "withdraw": FormAction(acc.EndBody, acc.withdraw, "accreditation", "agent"),
    "recall": FormAction(acc.EndBody, acc.recall, "accreditation", "agent"),
    "permit": FormAction(acc.PermitBody, acc.apply_permit, "agent", "agent"),
    "permit_grant": FormAction(Dated, acc.grant_permit, "permit", "agent"),
    "permit_renew": FormAction(Dated, acc.renew_permit, "permit", "agent"),
    "permit_notify": FormAction(acc.NoticeBody, acc.notify_permit, "permit", "agent"),
    "meeting": FormAction(contact.MeetingBody, contact.request_meeting, "agent", "agent"),
    "approve": FormAction(contact.ApprovalBody, contact.approve_meeting, "meeting", "agent"),
    "contact": FormAction(contact.ContactBody, contact.add_contact, "agent", "agent"),
    "report": FormAction(contact.ReportBody, contact.report_contact, "contact", "agent"),
    "filing": FormAction(compliance.FilingBody, compliance.record_filing, None, "report"),
    "fulfil": FormAction(handover.FulfilBody, handover.fulfil, None, "handovers"),
}
Page = Callable[[Request, Session, int, str | None], Response]
PAGES: dict[str, tuple[str, Page]] = {
    "agent": ("/compliance/agents", pages.agents_page),
    "registry": ("/compliance/registry", pages.registry_page),
    "handovers": ("/compliance/handovers", pages.handovers_page),
    "report": ("/compliance/report", pages.report_page),
}


def fields(form: FormData, model: type[BaseModel]) -> dict[str, Any]:
    """The model's fields as typed: lists split on commas and spaces, blanks left out."""
    found: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        values = [v.strip() for v in form.getlist(name) if isinstance(v, str)]
        if get_origin(info.annotation) is list:
            found[name] = [part for v in values for part in v.replace(",", " ").split()]
        elif values and values[0]:
            found[name] = values[0]
    return found


def explain(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())


def again(request: Request, session: Session, spec: FormAction, agent: int | None,
          code: int, error: str) -> Response:
    """The action's page once more, with the reason it was refused."""
    if spec.page == "agent" and agent is not None:
        return pages.agent_page(request, session, agent, code, error)
    return PAGES[spec.page][1](request, session, code, error)


@router.post("/compliance/act/{action}/{target}")
async def act(action: str, target: Annotated[int, Path(ge=0, le=MAX_ID)], request: Request,
              session: Current) -> Response:
    spec = ACTIONS.get(action)
    if spec is None:
        raise NotFound(f"no compliance action {action!r}")
    store = pages.store_of(request)
    agent = locate.agent_of(store, session.principal, spec.target, target) \
        if spec.target else None
    form = await request.form()
    try:
        body = spec.body.model_validate(fields(form, spec.body))
        done = spec.run(store.view(session.principal), target, body)
    except ValidationError as exc:
        return again(request, session, spec, agent, 400, explain(exc))
    except (InvalidData, PolicyError, AccessDenied) as exc:
        return again(request, session, spec, agent, exc.status, str(exc))
    agent = done.get("agent") or agent
    where = f"/compliance/agents/{agent}" if spec.page == "agent" and agent \
        else PAGES[spec.page][0]
    return RedirectResponse(f"{where}?done={action}&id={done.get('id', '')}", status_code=303)
