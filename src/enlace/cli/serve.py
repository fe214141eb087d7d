"""``enlace serve`` (the web application and REST API), ``enlace user passwd`` and
``enlace token create``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from enlace.cli.options import AsOption, DbOption, console, emit, friendly, open_store
from enlace.exceptions import InvalidData
from enlace.store import Store

token_app = typer.Typer(help="API tokens for scripts (sent as 'Authorization: Bearer ...').",
                        no_args_is_help=True)


def run_server(store: Store, host: str, port: int) -> None:
    """Serve the web UI and API on ``host:port`` until interrupted."""
    import uvicorn

    from enlace.api.app import create_app

    # No access log: URLs carry search queries and ids, which stay out of logs.
    uvicorn.run(create_app(store), host=host, port=port, log_level="info", access_log=False,
                proxy_headers=False, server_header=False)


@friendly
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the web application and the REST API (OpenAPI at /openapi.json)."""
    store = open_store(db)
    console.print(f"enlace on http://{host}:{port} (store {store.url}); Ctrl-C stops it",
                  highlight=False)
    run_server(store, host, port)


@friendly
def passwd(
    name: Annotated[str, typer.Argument(help="The person whose password to set.")],
    db: DbOption = None,
) -> None:
    """Set a person's web password, read from stdin (piped) or asked for twice."""
    from enlace.api.passwords import set_password

    if sys.stdin.isatty():
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InvalidData("no password given")
    set_password(open_store(db), name, password)
    console.print(f"Password of {name} set", highlight=False)


@token_app.command("create")
@friendly
def token_create(
    as_user: AsOption,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "script",
    db: DbOption = None,
) -> None:
    """Create an API token for a person and print it (shown only once)."""
    from enlace.api.sessions import create_token

    store = open_store(db)
    token_id, secret = create_token(store, store.principal(as_user), name)
    emit({"id": token_id, "user": as_user, "name": name, "token": secret})
