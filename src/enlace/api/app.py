"""The application factory: the REST API under /api and the pages, on one store.

``create_app(store)`` mounts every routes module, the static files, the security headers
(a Content-Security-Policy that forbids inline scripts and other origins) and the one
error handler that maps :class:`~enlace.exceptions.EnlaceError` to its HTTP status.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from enlace import settings
from enlace.api.errors import NulInAddress, make_handler
from enlace.api.routes import (
    admin,
    audit,
    compliance,
    compliance_accreditation,
    compliance_contact,
    compliance_handover,
    compliance_registry,
    documents,
    entities,
    export,
    extract,
    grants,
    graph,
    ingest,
    leak,
    requests,
    resolve,
    search,
    session,
    share,
    xref,
)
from enlace.exceptions import EnlaceError
from enlace.store import Store

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
# Cytoscape.js sets style attributes on its canvases (style-src-attr) and adds one fixed
# <style> element, allowed by its hash (cytoscape 3.35.0); scripts and everything else
# come from this origin only.
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; "
       f"style-src-elem 'self' {CYTOSCAPE_STYLE}; "
       "style-src-attr 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
API_ROUTERS = (session, entities, documents, search, share, ingest, compliance,
               compliance_registry, compliance_accreditation, compliance_contact,
               compliance_handover, audit, requests, graph, xref, grants, export, resolve,
               leak, admin, extract)


def create_app(store: Store) -> FastAPI:
    """The web application and REST API over ``store``."""
    from enlace.web import pages
    from enlace.web.render import error_page

    app = FastAPI(title="enlace", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Organized-crime intelligence shared under security rules. "
                              "Log in (POST /api/login) or send an API token as Bearer.")
    app.state.store = store
    app.state.secret_key = settings.secret_key() or secrets.token_urlsafe(32)
    for module in API_ROUTERS:
        app.include_router(module.router)
    for router in pages.routers():
        app.include_router(router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    handle = make_handler(error_page)
    app.add_exception_handler(EnlaceError, handle)

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if "\x00" in request.url.path or b"%00" in request.scope["query_string"]:
            # PostgreSQL text cannot hold NUL: refuse it here, for every route, on both backends
            response = handle(request, NulInAddress(
                "The address holds a NUL character (%00); no id or query contains one."))
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            if name == "Cache-Control" and request.url.path.startswith("/static/"):
                continue
            response.headers.setdefault(name, value)
        if request.url.scheme == "https":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    return app
