"""The compliance dashboard's data (duties, flagged or all), the monthly report (LSN 71-V)
as a Markdown, PDF or JSON download, and the record of its filing."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Response
from pydantic import BaseModel, Field

from enlace.api.routes.compliance_action import ActionRoutes
from enlace.api.routes.compliance_input import (
    MAX_ID,
    Codes,
    RecordId,
    Short,
    compliance_router,
    moment,
    month_of,
)
from enlace.api.routes.deps import CurrentView
from enlace.compliance import locate, monthly, render
from enlace.compliance.status import status
from enlace.exceptions import InvalidData
from enlace.store import View

router = compliance_router()
MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "pdf": "application/pdf",
               "json": "application/json"}


class FilingBody(BaseModel):
    month: Short = Field(description="The month reported on, YYYY-MM.")
    filed: Short | None = Field(default=None, description="When it was filed; now.")
    to: Codes = Field(description="Recipients, e.g. SRE and SSPC.")
    agent: RecordId | None = Field(default=None, description="The agent who filed.")
    embassy: Short | None = Field(default=None, description="The embassy that filed.")


def record_filing(view: View, _: int, body: FilingBody) -> dict[str, Any]:
    """Record that a monthly report was filed with the SRE and SSPC."""
    if body.agent is not None:
        locate.agent_of(view.store, view.principal, "agent", body.agent)
    found = monthly.record_filing(view.store, view.principal, month_of(body.month),
                                  moment(body.filed, "filing time"), body.to, body.agent,
                                  body.embassy or None)
    return {"id": found, "agent": body.agent}


def monthly_report(view: View, when: str, agent: int | None, embassy: str | None,
                   fmt: str) -> Response:
    """The report as a file to download, named after its month and filer."""
    if fmt not in render.FORMATS:
        raise InvalidData(f"unknown format {fmt!r}: use md, pdf or json")
    if agent is not None:
        locate.agent_of(view.store, view.principal, "agent", agent)
    report = monthly.build(view.store, view.principal, month_of(when), agent, embassy or None)
    name = f"monthly-{report['month']}-{report['filer'].replace(':', '-')}.{fmt}"
    return Response(render.render(report, fmt), media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/status")
def compliance_status(view: CurrentView, everything: bool = False) -> list[dict[str, Any]]:
    """Duties you may follow (liaison and compliance officers): flagged ones, or all."""
    return [d.to_dict() for d in status(view.store, view.principal, everything=everything)]


@router.get("/report")
def get_report(view: CurrentView, month: Annotated[str, Query(max_length=7)],
               agent: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
               embassy: Annotated[str | None, Query(max_length=64)] = None,
               fmt: Annotated[str, Query(alias="format")] = "md") -> Response:
    """The monthly report of one agent or one embassy: md, pdf or json."""
    return monthly_report(view, month, agent, embassy, fmt)


ActionRoutes(router).post("/filings", FilingBody, record_filing, "post_filing", status_code=201)
