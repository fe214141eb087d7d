"""The cross-reference page: match one's agency's collection against everything else.

A run brings the key index up to date and matches the collection as
:mod:`enlace.xref.match` does for the CLI: matches in material the person may see come in
full; the others say only that a record exists and at which agency, with a button that
files an access request (the requests page's flow) for the opaque reference.
The index update runs inside the request: fine for a case-sized store, and a no-op when
nothing was added since the last run.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from enlace.api.auth import current
from enlace.api.sessions import Session
from enlace.web.render import render
from enlace.xref import index, match

router = APIRouter()
Current = Annotated[Session, Depends(current)]


def page(request: Request, session: Session, agency: str = "",
         outcome: dict[str, Any] | None = None) -> Response:
    agencies = sorted(session.principal.agencies)
    return render(request, "xref.html", session, agencies=agencies,
                  agency=agency or (agencies[0] if agencies else ""), outcome=outcome)


@router.get("/xref")
def xref_page(request: Request, session: Current) -> Response:
    return page(request, session)


@router.post("/xref")
def xref_run(request: Request, session: Current,
             agency: Annotated[str, Form(max_length=16)]) -> Response:
    store = request.app.state.store
    view = store.view(session.principal)
    index.update(store)
    queries = match.agency_collection(view, agency)
    captions = {q.id: (q.labels[0] if q.labels else q.id) for q in queries}
    outcome: dict[str, list[dict[str, Any]]] = {"visible": [], "hidden": [], "capped": []}
    for line in match.run(view, queries, None, list(captions)):
        kind = "capped" if "capped" in line else (
            "visible" if line.get("match") == "visible" else "hidden")
        outcome[kind].append({**line, "caption": captions.get(line["query"], line["query"])})
    return page(request, session, agency.strip().upper(),
                {**outcome, "queries": len(queries)})
