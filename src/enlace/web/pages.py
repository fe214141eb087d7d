"""Every page router, in the order the app mounts them."""

from __future__ import annotations

from fastapi import APIRouter

from enlace.web import (
    admin,
    browse,
    compliance,
    compliance_forms,
    entity,
    grants,
    graph,
    labels,
    login,
    requests,
    share,
    tokens,
    xref,
)


def routers() -> list[APIRouter]:
    return [login.router, browse.router, entity.router, share.router, admin.router,
            requests.router, graph.router, xref.router, grants.router, labels.router,
            tokens.router, compliance.router, compliance_forms.router]
