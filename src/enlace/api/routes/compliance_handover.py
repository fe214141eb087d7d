"""Intelligence handover obligations (LSN 71-IV) over REST: list them, and fulfil one by
granting the receiving authority the document (compliance officers only)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from enlace.api.routes.compliance_action import ActionRoutes
from enlace.api.routes.compliance_input import Short, compliance_router, day
from enlace.api.routes.deps import CurrentView
from enlace.cli.share import expiry
from enlace.compliance import guard, handover
from enlace.store import View

router = compliance_router()


class FulfilBody(BaseModel):
    tlp: Short = Field(default="AMBER", description="The TLP the authority receives it under.")
    expires: Short | None = Field(default=None, description="YYYY-MM-DD; none by default.")


def open_obligations(view: View) -> list[dict[str, Any]]:
    """Create the obligations new documents call for, then list the asker's."""
    guard.require(guard.may_see_obligations(view.principal))
    handover.create_obligations(view.store, None)
    return [o.to_dict() for o in handover.obligations(view.store, view.principal,
                                                        day(None, "today"))]


def fulfil(view: View, obligation_id: int, body: FulfilBody) -> dict[str, Any]:
    """Grant the authority the document, which meets the obligation."""
    found = handover.fulfil(view.store, view, obligation_id,
                            view.store.scheme.tlp_colour(body.tlp), expiry(body.expires or None))
    return {"id": obligation_id, "grant": found}


@router.get("/handovers")
def list_handovers(view: CurrentView) -> list[dict[str, Any]]:
    """Obligations your agencies owe or are owed: ids and dates, never the intelligence."""
    return open_obligations(view)


ActionRoutes(router).post("/handovers/{obligation_id}/fulfil", FulfilBody, fulfil, "post_fulfil",
                          status_code=201)
