"""Search with facets and snippets, the document list, and one document with its label."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enlace.api.auth import current
from enlace.api.routes.search import run_search
from enlace.api.sessions import Session
from enlace.exceptions import InvalidData
from enlace.search import Filters
from enlace.web.highlight import pieces, spans
from enlace.web.render import banner, render

router = APIRouter()
Current = Annotated[Session, Depends(current)]
FILTERS = ("kind", "schema", "owner", "country", "language", "label")
PAGE = 20


def _filters(request: Request) -> dict[str, str]:
    return {k: v for k in FILTERS if (v := request.query_params.get(k, "").strip())}


@router.get("/search")
def search_page(request: Request, session: Current, q: str = "", offset: int = 0) -> Response:
    view = request.app.state.store.view(session.principal)
    chosen = _filters(request)
    results: dict[str, Any] | None = None
    error = None
    if q.strip():
        try:
            results = run_search(view, q[:500], Filters(**chosen), True, max(offset, 0), PAGE)
        except InvalidData as exc:
            error = str(exc)
    return render(request, "search.html", session, q=q, chosen=chosen, results=results,
                  error=error, offset=max(offset, 0), page=PAGE)


@router.get("/documents")
def documents_page(request: Request, session: Current) -> Response:
    view = request.app.state.store.view(session.principal)
    store = view.store
    docs = [(d, banner(store, d.label, d.tlp)) for d in view.documents()]
    return render(request, "documents.html", session, documents=docs)


@router.get("/documents/{document_id}")
def document_page(document_id: str, request: Request, session: Current) -> Response:
    view = request.app.state.store.view(session.principal)
    doc = view.document(document_id)
    text = view.document_text(document_id)
    marked = pieces(text, spans(view, document_id), view.clusters())
    return render(request, "document.html", session, doc=doc,
                  banner=banner(view.store, doc.label, doc.tlp), pieces=marked,
                  access=view.explain(document_id).reason,
                  history=view.label_history(document_id))
