"""The compliance dashboard's data: duties, flagged or all."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from enlace.api.routes.deps import CurrentView
from enlace.compliance.status import status

router = APIRouter(prefix="/api", tags=["compliance"])


@router.get("/compliance/status")
def compliance_status(view: CurrentView, everything: bool = False) -> list[dict[str, Any]]:
    """Duties you may follow (liaison and compliance officers): flagged ones, or all."""
    return [d.to_dict() for d in status(view.store, view.principal, everything=everything)]
