"""``enlace share``, ``grant``, ``revoke`` and ``group``: sharing under rules.

``share`` sends a copy (redacted and watermarked for each person) of a document, an
entity or a report; ``grant`` gives access to a document itself; ``revoke`` ends a grant
or every copy of a dissemination; ``group`` manages sharing groups (owners only).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer

from enlace.cli.options import AsOption, DbOption, console, emit, friendly, open_store
from enlace.exceptions import InvalidData, NotFound
from enlace.sharing import groups
from enlace.sharing.dissemination import Request, prepare, send
from enlace.sharing.grants import grant as give_grant
from enlace.sharing.grants import revoke as end_grant
from enlace.sharing.marking import parse_targets
from enlace.sharing.targets import parse
from enlace.store import Store, View

group_app = typer.Typer(help="Sharing groups: create them, add members (owners only).",
                        no_args_is_help=True)

ToOption = Annotated[str, typer.Option(
    "--to", help="agency:CODE, user:NAME or group:NAME.")]
TlpOption = Annotated[str, typer.Option(
    "--tlp", help="TLP colour: CLEAR, GREEN, AMBER, AMBER+STRICT or RED.")]
ExpiresOption = Annotated[str | None, typer.Option(
    "--expires", help="Last day of access, YYYY-MM-DD (access ends after it).")]


def expiry(spelling: str | None) -> datetime | None:
    """The moment access ends: the end of the given day, UTC."""
    if spelling is None:
        return None
    try:
        day = datetime.strptime(spelling, "%Y-%m-%d").date()
    except ValueError:
        raise InvalidData(f"invalid date {spelling!r}: use YYYY-MM-DD") from None
    return datetime.combine(day + timedelta(days=1), time())


def _request(store: Store, view: View, subject: str, file: Path | None, sources: list[str],
             to: str, colour: str, expires: str | None, title: str | None) -> Request:
    target = parse(to)
    tlp = store.scheme.tlp_colour(colour)
    ends = expiry(expires)
    if subject == "report":
        if file is None:
            raise InvalidData("give the report's text file: enlace share report FILE ...")
        chosen = parse_targets(sources)
        if not chosen:
            raise InvalidData("say which documents the report draws on (--sources)")
        return Request("report", target, tlp, text=file.read_text(encoding="utf-8"),
                       sources=chosen, title=title, expires_at=ends)
    try:
        view.document(subject)
        kind = "document"
    except NotFound:
        kind = "entity"
    return Request(kind, target, tlp, subject=subject, title=title, expires_at=ends)


@friendly
def share(
    subject: Annotated[str, typer.Argument(
        help="A document id, an entity id, or the word 'report' followed by FILE.")],
    as_user: AsOption,
    to: ToOption,
    tlp: TlpOption,
    file: Annotated[Path | None, typer.Argument(
        help="The report's text (with 'report').", exists=True, dir_okay=False)] = None,
    sources: Annotated[list[str] | None, typer.Option(
        "--sources", help="Documents a report draws on; repeat or separate by commas.")] = None,
    expires: ExpiresOption = None,
    title: Annotated[str | None, typer.Option(help="A title for the copies.")] = None,
    preview: Annotated[bool, typer.Option(
        "--preview", help="Show what would be redacted and sent; send nothing.")] = False,
    db: DbOption = None,
) -> None:
    """Send each person reached a copy, redacted and watermarked for them."""
    store = open_store(db)
    view = store.view(as_user)
    request = _request(store, view, subject, file, sources or [], to, tlp, expires, title)
    plan = prepare(store, view, request)
    if preview:
        emit(plan.preview())
        return
    sent = send(store, view, plan)
    emit({"dissemination": sent.id, "copies": len(sent.documents), "skipped": sent.skipped,
          "to": str(request.target), "tlp": request.tlp})


@friendly
def grant(
    document_id: str,
    as_user: AsOption,
    to: ToOption,
    tlp: TlpOption = "AMBER",
    expires: ExpiresOption = None,
    db: DbOption = None,
) -> None:
    """Let an agency, a person or a group see a document itself (no copy)."""
    store = open_store(db)
    view = store.view(as_user)
    grant_id = give_grant(store, view, document_id, parse(to), store.scheme.tlp_colour(tlp),
                          expiry(expires))
    console.print(f"Grant {grant_id}: {to} may see {document_id}", highlight=False)


@friendly
def revoke(
    ident: Annotated[str, typer.Argument(help="A grant number or a dissemination id.")],
    as_user: AsOption,
    db: DbOption = None,
) -> None:
    """End a grant, or every copy's grant of a dissemination."""
    store = open_store(db)
    ended = end_grant(store, store.principal(as_user), ident)
    console.print(f"Revoked {ident} ({ended} grant{'s' if ended != 1 else ''} ended)",
                  highlight=False)


@group_app.command("add")
@friendly
def group_add(name: str, as_user: AsOption, db: DbOption = None) -> None:
    """Create a sharing group that you own."""
    store = open_store(db)
    with store.writer() as writer:
        created = groups.create(writer.conn, name, store.principal(as_user))
    console.print(f"Group {created} created", highlight=False)


@group_app.command("join")
@friendly
def group_join(
    name: str,
    as_user: AsOption,
    user: Annotated[str, typer.Option("--user", help="The person to add.")],
    db: DbOption = None,
) -> None:
    """Add a person to a group you own."""
    store = open_store(db)
    with store.writer() as writer:
        groups.add_member(writer.conn, name, user, store.principal(as_user))
    console.print(f"{user} added to {name}", highlight=False)


@group_app.command("members")
@friendly
def group_members(name: str, as_user: AsOption, db: DbOption = None) -> None:
    """List a group's members (its owner only)."""
    store = open_store(db)
    with store.engine.connect() as conn:
        for member in groups.members(conn, name, store.principal(as_user)):
            emit({"group": name, "member": member})


@group_app.command("list")
@friendly
def group_list(as_user: AsOption, db: DbOption = None) -> None:
    """The groups you own or belong to (names only)."""
    store = open_store(db)
    with store.engine.connect() as conn:
        for name in groups.groups_of(conn, store.principal(as_user)):
            emit({"group": name})
