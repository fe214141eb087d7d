"""Options every command shares, and the wrapper that turns errors into one line."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from enlace.exceptions import EnlaceError
from enlace.store import Store

P = ParamSpec("P")
R = TypeVar("R")

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: ENLACE_DB_URL, else "
                 "sqlite:///enlace-data/enlace.db).", show_default=False),
]
AsOption = Annotated[str, typer.Option("--as", help="The person on whose behalf to act.")]


def friendly(func: Callable[P, R]) -> Callable[P, R]:
    """Print an EnlaceError as one line of advice on stderr and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except EnlaceError as exc:
            err_console.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        finally:
            while _opened:
                _opened.pop().close()

    return wrapper


_opened: list[Store] = []


def track(store: Store) -> Store:
    """Close ``store`` when the command ends, however it ends."""
    _opened.append(store)
    return store


def open_store(db: str | None) -> Store:
    return track(Store.open(db))


def emit(data: Any) -> None:
    """Write one JSON object as a line on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, sort_keys=False, default=str) + "\n")
