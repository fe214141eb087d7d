"""The API's own errors, and the one handler that maps every EnlaceError to its status.

    EnlaceError (enlace.exceptions)
    ├── NotAuthenticated    no valid session or token (401)
    ├── CsrfRefused         a state-changing request without the session's token (403)
    ├── TooManyAttempts     logins locked for an account or an address (429, Retry-After)
    └── InvalidData
        └── NulInAddress    a path or query holding NUL, which no id or text can (422)

Pages get the same status as an HTML page; API paths get ``{"error": ..., "status": ...}``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from enlace.exceptions import EnlaceError, InvalidData

log = logging.getLogger(__name__)


class NotAuthenticated(EnlaceError):
    """The request carries no valid session cookie or API token."""

    status = 401


class CsrfRefused(EnlaceError):
    """A state-changing browser request without the session's CSRF token."""

    status = 403


class TooManyAttempts(EnlaceError):
    """Too many failed logins: for one account, or from one address."""

    status = 429

    def __init__(self, message: str, until: datetime):
        super().__init__(message)
        self.until = until


class NulInAddress(InvalidData):
    """A path or query string holding a NUL character: PostgreSQL text cannot hold one, so
    no id or query does; refused as field validation refuses NUL in a body."""

    status = 422


PageRenderer = Callable[[Request, EnlaceError], Response]


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def make_handler(render_page: PageRenderer) -> Callable[[Request, Exception], Response]:
    """The one handler: JSON for the API, a page (or the login form) for the browser."""

    def handle(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, EnlaceError)
        if exc.status >= 500:
            log.error("request failed: %s %s: %s", request.method, request.url.path,
                      type(exc).__name__)
        headers = _headers(exc)
        if is_api(request):
            return JSONResponse({"error": str(exc), "status": exc.status},
                                status_code=exc.status, headers=headers)
        if isinstance(exc, NotAuthenticated) and request.method == "GET":
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        response = render_page(request, exc)
        response.headers.update(headers)
        return response

    return handle


def _headers(exc: EnlaceError) -> dict[str, str]:
    if isinstance(exc, TooManyAttempts):
        from enlace.clock import utcnow

        wait = max(1, int((exc.until - utcnow()).total_seconds()) + 1)
        return {"Retry-After": str(wait)}
    if isinstance(exc, NotAuthenticated):
        return {"WWW-Authenticate": 'Bearer realm="enlace"'}
    return {}
