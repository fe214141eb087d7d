"""Exports: everything the person asking may see, as FtM JSON lines, CSV or STIX 2.1.

An export is a dissemination to oneself (:func:`enlace.sharing.export.write`): read through
the person's View, labelled with the banner of the highest label included and the
strictest TLP, its free text worded for them (a watermark), recorded and audited. The
answer is the file, with the export's id and TLP in headers.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel

from enlace.api.routes.deps import CurrentView
from enlace.sharing.export import write

router = APIRouter(prefix="/api", tags=["export"])
MEDIA = {"ftm": ("application/x-ndjson", "jsonl"), "csv": ("text/csv; charset=utf-8", "csv"),
         "stix": ("application/stix+json;version=2.1", "json")}


class ExportRequest(BaseModel):
    format: Literal["ftm", "csv", "stix"] = "ftm"


@router.post("/exports", response_class=Response, responses={200: {
    "content": {media: {} for media, _ in MEDIA.values()},
    "description": "The export file; X-Enlace-Export names it, X-Enlace-TLP its colour."}})
def export(body: ExportRequest, view: CurrentView) -> Response:
    """Export what you may see: labelled, watermarked for you and audited."""
    snap, text = write(view.store, view, body.format)
    media, extension = MEDIA[body.format]
    return Response(text.encode("utf-8"), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="enlace-{snap.id}.{extension}"',
        "X-Enlace-Export": snap.id, "X-Enlace-TLP": snap.tlp})
