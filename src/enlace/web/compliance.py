"""The compliance pages: the dashboard of duties, the agents and each agent's file with
its deadlines, the registry of agreements and officials, handover obligations and the
monthly report. The forms on them post to :mod:`enlace.web.compliance_forms`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from enlace.api.auth import current
from enlace.api.routes.compliance import monthly_report
from enlace.api.routes.compliance_handover import open_obligations
from enlace.api.routes.compliance_input import MAX_ID
from enlace.api.sessions import Session
from enlace.compliance import dossier, guard, registry
from enlace.compliance import render as report_render
from enlace.compliance.rules import LEVELS, load_rules
from enlace.compliance.status import status
from enlace.exceptions import AccessDenied, EnlaceError, NotFound
from enlace.store import Store, View
from enlace.web.render import render

router = APIRouter()
Current = Annotated[Session, Depends(current)]
TLP = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def choices() -> dict[str, Any]:
    """What the forms offer to pick from, taken from the rules file."""
    rules = load_rules()
    return {"levels": LEVELS, "weapons": rules.value("firearms", "weapons"),
            "applicants": rules.value("firearms", "applicants"),
            "notices": rules.value("firearms", "notices"),
            "kinds": rules.value("activity", "allowed_contact_kinds"),
            "consult": rules.value("accreditation", "consult"),
            "recipients": rules.value("contact_report", "recipients"),
            "approver": rules.value("meeting", "approver"), "tlps": TLP,
            "formats": report_render.FORMATS, "filer": rules.filer}


def page(request: Request, session: Session, template: str, code: int = 200,
         error: str | None = None, **context: Any) -> Response:
    done, ident = request.query_params.get("done", ""), request.query_params.get("id", "")
    return render(request, template, session, code, error=error, choices=choices(),
                  done=done if done.isidentifier() else "",
                  done_id=int(ident) if ident.isdigit() and len(ident) < 12 else None,
                  decides=guard.may_decide(session.principal, "").allow, **context)


def agents_page(request: Request, session: Session, code: int = 200,
                error: str | None = None) -> Response:
    agents = registry.agents(store_of(request), session.principal)
    return page(request, session, "compliance_agents.html", code, error, agents=agents)


def agent_page(request: Request, session: Session, agent_id: int, code: int = 200,
               error: str | None = None) -> Response:
    store = store_of(request)
    file = dossier.agent_file(store, session.principal, agent_id)
    return page(request, session, "compliance_agent.html", code, error, file=file,
                agreements=registry.agreements(store, session.principal),
                officials=registry.officials(store, session.principal))


def registry_page(request: Request, session: Session, code: int = 200,
                  error: str | None = None) -> Response:
    store = store_of(request)
    return page(request, session, "compliance_registry.html", code, error,
                agreements=registry.agreements(store, session.principal),
                officials=registry.officials(store, session.principal))


def handovers_page(request: Request, session: Session, code: int = 200,
                   error: str | None = None) -> Response:
    rows = open_obligations(store_of(request).view(session.principal))
    return page(request, session, "compliance_handovers.html", code, error, obligations=rows)


def report_page(request: Request, session: Session, code: int = 200,
                error: str | None = None) -> Response:
    agents = registry.agents(store_of(request), session.principal)
    return page(request, session, "compliance_report.html", code, error, agents=agents,
                asked=dict(request.query_params))


@router.get("/compliance")
def compliance_page(request: Request, session: Current, everything: bool = False) -> Response:
    try:
        duties = [d.to_dict() for d in status(store_of(request), session.principal,
                                              everything=everything)]
        refused = None
    except AccessDenied as exc:
        duties, refused = [], str(exc)
    return render(request, "compliance.html", session, duties=duties, refused=refused,
                  everything=everything, code=403 if refused else 200)


@router.get("/compliance/agents")
def agents(request: Request, session: Current) -> Response:
    return agents_page(request, session)


@router.get("/compliance/agents/{agent_id}")
def agent(agent_id: Annotated[int, Path(ge=1, le=MAX_ID)], request: Request,
          session: Current) -> Response:
    return agent_page(request, session, agent_id)


@router.get("/compliance/registry")
def registry_view(request: Request, session: Current) -> Response:
    return registry_page(request, session)


@router.get("/compliance/handovers")
def handovers(request: Request, session: Current) -> Response:
    return handovers_page(request, session)


@router.get("/compliance/report")
def report(request: Request, session: Current) -> Response:
    return report_page(request, session)


@router.get("/compliance/report/download")
def report_download(request: Request, session: Current,
                    month: Annotated[str, Query(max_length=32)],
                    agent: Annotated[str, Query(max_length=10)] = "",
                    embassy: Annotated[str, Query(max_length=64)] = "",
                    fmt: Annotated[str, Query(alias="format", max_length=8)] = "md") -> Response:
    view: View = store_of(request).view(session.principal)
    given = agent.strip()
    if given and not (given.isdigit() and 0 < int(given) <= MAX_ID):
        return report_page(request, session, 400, f"invalid agent {agent!r}: give its id")
    try:
        return monthly_report(view, month, int(given) if given else None, embassy or None,
                              fmt)
    except NotFound:
        raise
    except EnlaceError as exc:
        if exc.status >= 500:
            raise
        return report_page(request, session, exc.status, str(exc))
