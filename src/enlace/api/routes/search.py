"""Full-text search with facets and snippets, as the person asking."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from enlace.api.routes.deps import CurrentView
from enlace.search import Filters, Page, search
from enlace.store import View

router = APIRouter(prefix="/api", tags=["search"])


def run_search(view: View, q: str, filters: Filters, facets: bool = True, offset: int = 0,
               limit: int = 20) -> dict[str, Any]:
    """Search as ``view``'s person; the search module scopes every hit, count and facet."""
    results = search(view, q, filters, facets, Page(offset=offset, limit=limit))
    return {"hits": [h.to_dict() for h in results.hits], "total": results.total,
            "facets": results.facets}


@router.get("/search")
def search_route(
    view: CurrentView,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    kind: str | None = None, schema: str | None = None, type: str | None = None,
    owner: str | None = None, country: str | None = None, language: str | None = None,
    date_from: str | None = None, date_to: str | None = None, label: str | None = None,
    facets: bool = True,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    """Hits (documents and entity names) with snippets, the total and facet counts."""
    filters = Filters(kind=kind, schema=schema, type=type, owner=owner, country=country,
                      language=language, date_from=date_from, date_to=date_to, label=label)
    return run_search(view, q, filters, facets, offset, limit)
