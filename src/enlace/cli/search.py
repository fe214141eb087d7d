"""``enlace search``: full-text search as one person, and ``enlace search reindex``."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from enlace.cli.options import AsOption, DbOption, emit, friendly, open_store
from enlace.search import Filters, Page, reindex, search


class QueryByDefault(TyperGroup):
    """``enlace search QUERY ...`` runs ``enlace search query QUERY ...``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["query", *args]
        return super().parse_args(ctx, args)


search_app = typer.Typer(cls=QueryByDefault, no_args_is_help=True, rich_markup_mode=None,
                         help="Search documents and entity names as one person: "
                              "enlace search QUERY --as USER, or enlace search reindex.")


def _opt(help_text: str) -> object:
    return typer.Option(help=help_text, show_default=False)


@search_app.command("query")
@friendly
def query(
    query_text: Annotated[str, typer.Argument(
        metavar="QUERY", help='Words, "phrases", AND/OR/NOT, -word, prefix*, (groups).')],
    as_user: AsOption,
    kind: Annotated[str | None, _opt("Only document or entity hits.")] = None,
    schema: Annotated[str | None, _opt("Only this schema and its descendants.")] = None,
    type_: Annotated[str | None, typer.Option(
        "--type", help="Only documents (or names from documents) of this MIME type.",
        show_default=False)] = None,
    owner: Annotated[str | None, _opt("Only this owner agency's documents.")] = None,
    country: Annotated[str | None, _opt("Only this country (document obtained in, or "
                                        "entity country).")] = None,
    language: Annotated[str | None, _opt("Only documents in this language.")] = None,
    date_from: Annotated[str | None, typer.Option(
        "--from", help="Published on or after (2024, 2024-05, 2024-05-31).",
        show_default=False)] = None,
    date_to: Annotated[str | None, typer.Option(
        "--to", help="Published on or before.", show_default=False)] = None,
    label: Annotated[str | None, _opt("Only this classification level.")] = None,
    fuzzy: Annotated[bool, typer.Option(
        "--fuzzy", help="Also names that look like the words (PostgreSQL only).")] = False,
    facets: Annotated[bool, typer.Option(
        "--facets", help="Also print facet counts and the total.")] = False,
    limit: Annotated[int, typer.Option(help="Hits per page.")] = 20,
    offset: Annotated[int, typer.Option(help="Hits to skip.")] = 0,
    db: DbOption = None,
) -> None:
    """Print hits as JSON lines: id, kind, title, schema, score, snippet."""
    filters = Filters(kind=kind, schema=schema, type=type_, owner=owner, country=country,
                      language=language, date_from=date_from, date_to=date_to, label=label)
    page = Page(offset=offset, limit=limit)
    view = open_store(db).view(as_user)
    results = search(view, query_text, filters, facets, page, fuzzy=fuzzy)
    for hit in results.hits:
        emit(hit.to_dict())
    if facets:
        emit({"facets": results.facets, "total": results.total})


@search_app.command("reindex")
@friendly
def rebuild(db: DbOption = None) -> None:
    """Rebuild the whole search index from the stored texts and statements."""
    documents, names = reindex(open_store(db))
    emit({"documents": documents, "names": names})
