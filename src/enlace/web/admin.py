"""Who saw this, and upload with ingest progress."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from enlace.api.auth import current
from enlace.api.routes.ingest import batch_status, enqueue_uploads, options_from
from enlace.api.sessions import Session
from enlace.audit.sighting import who_saw
from enlace.exceptions import InvalidData, PolicyError
from enlace.web.render import render

router = APIRouter()
Current = Annotated[Session, Depends(current)]
TLP = ("", "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


@router.get("/who-saw/{thing}")
def who_saw_page(thing: str, request: Request, session: Current) -> Response:
    store = request.app.state.store
    sightings = [s.to_dict() for s in who_saw(store, thing, session.principal)]
    return render(request, "who_saw.html", session, thing=thing, sightings=sightings)


@router.get("/upload")
def upload_page(request: Request, session: Current) -> Response:
    store = request.app.state.store
    levels = [lv.name for lv in store.scheme.levels]
    return render(request, "upload.html", session, levels=levels, tlps=TLP, error=None)


@router.post("/upload")
async def upload_submit(
    request: Request, session: Current,
    files: Annotated[list[UploadFile], File()],
    classification: Annotated[str, Form(max_length=64)] = "",
    compartments: Annotated[str, Form(max_length=500)] = "",
    releasable_to: Annotated[str, Form(max_length=500)] = "",
    tlp: Annotated[str, Form(max_length=32)] = "",
    obtained_in: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    store = request.app.state.store
    view = store.view(session.principal)
    try:
        options = options_from(classification, compartments, releasable_to, tlp, obtained_in)
        read = [(f.filename or "upload", await f.read()) for f in files if f.filename]
        batch = enqueue_uploads(view, read, options)
    except (InvalidData, PolicyError) as exc:
        levels = [lv.name for lv in store.scheme.levels]
        return render(request, "upload.html", session, exc.status, levels=levels, tlps=TLP,
                      error=str(exc))
    return RedirectResponse(f"/jobs/{batch}", status_code=303)


@router.get("/jobs/{batch}")
def job_page(batch: str, request: Request, session: Current) -> Response:
    view = request.app.state.store.view(session.principal)
    return render(request, "job.html", session, job=batch_status(view, batch))
