"""Every page router, in the order the app mounts them."""

from __future__ import annotations

from fastapi import APIRouter

from enlace.web import admin, browse, entity, login, requests, share


def routers() -> list[APIRouter]:
    return [login.router, browse.router, entity.router, share.router, admin.router,
            requests.router]
