"""POST routes that each record one compliance action and answer what it recorded.

A recording action (see ``compliance_input``) takes the View of the person acting, the id
in the route's path (0 where there is none) and the request's body. ``ActionRoutes.post``
gives it a route of its own: the path's id as a checked path parameter, the body model, the
session's View, the action's docstring as the route's description and ``name`` as its
operation, so the OpenAPI schema reads as if each route were written out by hand.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from enlace.api.routes.compliance_input import Action, PathId
from enlace.api.routes.deps import CurrentView

PATH_ID = re.compile(r"\{(\w+)\}")


class ActionRoutes:
    """The recording actions of one router, each as a POST route."""

    def __init__(self, router: APIRouter) -> None:
        self.router = router

    def post(self, path: str, body: type[BaseModel], action: Action, name: str,
             status_code: int | None = None) -> None:
        """Answer POST ``path`` with ``action``, run on the request's ``body``."""
        named = PATH_ID.search(path)
        id_name = named.group(1) if named else None

        def endpoint(**values: Any) -> dict[str, Any]:
            return action(values["view"], values[id_name] if id_name else 0, values["body"])

        keyword = inspect.Parameter.KEYWORD_ONLY
        parameters = [inspect.Parameter("body", keyword, annotation=body),
                      inspect.Parameter("view", keyword, annotation=CurrentView)]
        if id_name:
            parameters.insert(0, inspect.Parameter(id_name, keyword, annotation=PathId))
        endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            parameters, return_annotation=dict[str, Any])
        endpoint.__doc__ = action.__doc__
        self.router.add_api_route(path, endpoint, methods=["POST"], status_code=status_code,
                                  name=name)
