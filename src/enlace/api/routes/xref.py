"""Cross-referencing: match a collection against everything else in the store.

The collection is an agency's documents as far as the person may see them, or FtM
entities they upload (JSON lines, as ``enlace xref run --file`` reads). Each call runs as
the CLI does: it brings the key index up to date, then matches with
:func:`enlace.xref.match.run`, which gives matches in visible material in full and
matches in material the person may not see only as "a record exists" at an agency, with
a reference to request access with (``POST /api/requests``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from enlace.api.routes.deps import CurrentView
from enlace.api.routes.fields import Clean
from enlace.exceptions import InvalidData
from enlace.store import View
from enlace.xref import index, match
from enlace.xref.record import Record

router = APIRouter(prefix="/api", tags=["cross-referencing"])
MAX_QUERIES = 500  # collection entities matched per call
MAX_UPLOAD = 5 * 1024 * 1024  # bytes of JSON lines per upload
_indexing = threading.Lock()  # one index update at a time in this process

Threshold = Field(default=None, ge=0.0, le=1.0,
                  description="Score a match needs (default: calibrated per kind).")


class AgencyRun(BaseModel):
    """Match the documents of an agency, as far as you may see them."""

    agency: Annotated[str, Clean] = Field(min_length=2, max_length=32,
                                          description="The agency's code.")
    threshold: float | None = Threshold
    offset: int = Field(default=0, ge=0, description="First collection entity to match.")
    limit: int = Field(default=MAX_QUERIES, ge=1, le=MAX_QUERIES,
                       description="How many collection entities to match in this call.")


def bring_index_up_to_date(view: View) -> int:
    """Index what changed since the last run (as ``enlace xref run`` does first)."""
    with _indexing:
        return index.update(view.store).entities


def match_page(view: View, queries: Sequence[Record], threshold: float | None,
               exclude: Sequence[str], offset: int, limit: int, indexed: int
               ) -> dict[str, Any]:
    """Match one page of the collection; the answer says where the next page starts."""
    page = queries[offset:offset + limit]
    lines = list(match.run(view, page, threshold, exclude))
    counts = {"visible": 0, "hidden": 0, "capped": 0}
    for line in lines:
        kind = "capped" if "capped" in line else (
            "visible" if line.get("match") == "visible" else "hidden")
        counts[kind] += 1
    end = offset + len(page)
    return {"indexed": indexed, "collection": len(queries), "offset": offset,
            "matched": len(page), "next_offset": end if end < len(queries) else None,
            "counts": counts, "matches": lines}


def run_agency(view: View, body: AgencyRun) -> dict[str, Any]:
    indexed = bring_index_up_to_date(view)
    queries = match.agency_collection(view, body.agency)
    return match_page(view, queries, body.threshold, [q.id for q in queries], body.offset,
                      body.limit, indexed)


def run_file(view: View, content: bytes, threshold: float | None, offset: int,
             limit: int) -> dict[str, Any]:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidData("the file is not UTF-8 text: upload FtM entities as JSON lines") \
            from None
    indexed = bring_index_up_to_date(view)
    queries = match.file_collection(text.splitlines())
    if any("\x00" in q.id for q in queries):
        raise InvalidData("an entity id cannot contain the NUL character")
    return match_page(view, queries, threshold, [], offset, limit, indexed)


@router.post("/xref/agency")
def xref_agency(body: AgencyRun, view: CurrentView) -> dict[str, Any]:
    """Match an agency's documents (as far as you may see them) against everything else.

    The call first brings the key index up to date, then matches at most ``limit``
    (at most 500) of the collection's entities, from ``offset``; ``next_offset`` says
    where the next call starts, or is null after the last page. Matches in other
    agencies' material say only that a record exists there, with a reference to ask for
    access with."""
    return run_agency(view, body)


@router.post("/xref/file")
async def xref_file(
    view: CurrentView,
    file: Annotated[UploadFile, File(description="FtM entities, one JSON object a line.")],
    threshold: Annotated[float | None, Form(ge=0.0, le=1.0)] = None,
    offset: Annotated[int, Form(ge=0)] = 0,
    limit: Annotated[int, Form(ge=1, le=MAX_QUERIES)] = MAX_QUERIES,
) -> dict[str, Any]:
    """Match uploaded FtM entities (JSON lines, at most 5 MB) against everything else in
    the store, as ``enlace xref run --file`` does.

    Bounded as ``/api/xref/agency`` is: the index is brought up to date, then at most
    ``limit`` (at most 500) entities are matched from ``offset``; ``next_offset`` gives
    the next page. Schemata matching does not cover are skipped."""
    content = await file.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise InvalidData(f"upload at most {MAX_UPLOAD // (1024 * 1024)} MB of entities; "
                          "split the file")
    return await run_in_threadpool(run_file, view, content, threshold, offset, limit)
